#!/usr/bin/env bash
# Runs Colo's whole test suite on this machine, starting whatever is missing first: Postgres,
# Redis, a Docker engine, the base and catalog images. Typecheck, lint, then every unit,
# integration and end-to-end test against the real services. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/services.sh

export NEXT_TELEMETRY_DISABLED=1
export COLO_TEST_PG_ADMIN_URL="${COLO_TEST_PG_ADMIN_URL:-postgresql://colo:colo@127.0.0.1:${PG_PORT}/postgres}"
ensure_all colo_test
apt_install chromium docker-compose

failed_checks=0
check() { # check NAME COMMAND...: runs a check, counts and names it when it fails
  local name="$1"; shift
  log "$name"
  "$@" || { failed_checks=$((failed_checks + 1)); printf '\033[1;31mcheck failed:\033[0m %s\n' "$name" >&2; }
}
check "typecheck (workspaces)" npx turbo run typecheck --output-logs=errors-only
check "typecheck (tests, bench, scripts)" npx tsc -p tsconfig.json --noEmit
check "lint" npx biome lint --diagnostic-level=error .
check "dependencies" npx tsx scripts/check-deps.ts
check "web build" npx turbo run build --filter=@colo/web --output-logs=errors-only

# Each lane is its own vitest process with its own report; output lines carry the lane's name.
# Two run at once on this 2-core class of machine: acceptance (whole VDCs, the longest lane)
# then swarm (throwaway multi-node swarms, tests/swarm), beside units then faults; each chain
# takes about 20 minutes. Three at once starved the VDCs under test of CPU: PHP and Postgres
# missed their health checks, and tests failed for want of a core, not for a bug.
lanes=(units acceptance faults swarm)
log "tests (lanes: acceptance then swarm, beside units then faults)"
reports=()
for lane in "${lanes[@]}"; do
  reports+=("$COLO_STATE_DIR/test-results-$lane.json")
  rm -f "$COLO_STATE_DIR/test-results-$lane.json" "$COLO_STATE_DIR/test-$lane.rc"
done
run_lane() { # run_lane LANE: one vitest process, its output prefixed, its exit code kept
  local lane=$1
  COLO_TEST_LANE=$lane npx vitest run --reporter=default --reporter=json --outputFile="$COLO_STATE_DIR/test-results-$lane.json" 2>&1 \
    | sed -u "s/^/[$lane] /"
  echo "${PIPESTATUS[0]}" >"$COLO_STATE_DIR/test-$lane.rc"
}
(run_lane acceptance; run_lane swarm) &
(run_lane units; run_lane faults) &
wait
lanes_rc=0
for lane in "${lanes[@]}"; do
  rc=$(cat "$COLO_STATE_DIR/test-$lane.rc" 2>/dev/null || echo 1)
  [ "$rc" = 0 ] || { lanes_rc=1; printf '\033[1;31mlane failed:\033[0m %s (exit %s)\n' "$lane" "$rc" >&2; }
done

node scripts/lib/summarize-tests.mjs "$failed_checks" "$lanes_rc" "${reports[@]}"
