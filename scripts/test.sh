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
log "typecheck"
npx turbo run typecheck --output-logs=errors-only || failed_checks=$((failed_checks + 1))
npx tsc -p tsconfig.json --noEmit || failed_checks=$((failed_checks + 1)) # tests/, bench/, scripts/
log "lint"
npx biome lint --diagnostic-level=error . || failed_checks=$((failed_checks + 1))
log "building the web app"
npx turbo run build --filter=@colo/web --output-logs=errors-only || failed_checks=$((failed_checks + 1))

log "tests"
results="$COLO_STATE_DIR/test-results.json"
rm -f "$results"
npx vitest run --reporter=default --reporter=json --outputFile="$results"
vitest_rc=$?

node scripts/lib/summarize-tests.mjs "$results" "$failed_checks" "$vitest_rc"
