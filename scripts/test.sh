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
apt_install chromium

failed_checks=0
check() { # check NAME COMMAND...: runs a check, counts and names it when it fails
  local name="$1"; shift
  log "$name"
  "$@" || { failed_checks=$((failed_checks + 1)); printf '\033[1;31mcheck failed:\033[0m %s\n' "$name" >&2; }
}
check "typecheck (workspaces)" npx turbo run typecheck --output-logs=errors-only
check "typecheck (tests, bench, scripts)" npx tsc -p tsconfig.json --noEmit
check "lint" npx biome lint --diagnostic-level=error .
check "web build" npx turbo run build --filter=@colo/web --output-logs=errors-only

log "tests"
results="$COLO_STATE_DIR/test-results.json"
rm -f "$results"
npx vitest run --reporter=default --reporter=json --outputFile="$results"
vitest_rc=$?

node scripts/lib/summarize-tests.mjs "$results" "$failed_checks" "$vitest_rc"
