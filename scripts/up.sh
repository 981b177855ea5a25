#!/usr/bin/env bash
# Brings Colo up on this machine: installs what is missing (Debian), starts Postgres, Redis and a
# Docker engine, applies migrations, builds the catalog images, starts web + worker, and prints
# the URL and how to sign in. Safe to run again: it restarts web and worker on the new code.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/services.sh

export NEXT_TELEMETRY_DISABLED=1
COLO_PORT="${COLO_PORT:-3000}"
COLO_HOST="${COLO_HOST:-127.0.0.1}"
export COLO_INSTANCE="${COLO_INSTANCE:-local}"
export COLO_PUBLISH_HOST="${COLO_PUBLISH_HOST:-127.0.0.1}"
# Validation refuses the web app's own port as a VDC's published port.
export COLO_WEB_PORT="$COLO_PORT"

ensure_all colo

log "building the web app"
npx turbo run build --filter=@colo/web --output-logs=errors-only >"$COLO_STATE_DIR/web-build.log" 2>&1 \
  || { tail -40 "$COLO_STATE_DIR/web-build.log" >&2; die "web build failed (full log: $COLO_STATE_DIR/web-build.log)"; }

stop_pidfile "$COLO_STATE_DIR/worker.pid"
stop_pidfile "$COLO_STATE_DIR/web.pid"
log "starting worker and web"
(setsid node --import tsx apps/worker/src/main.ts >>"$COLO_STATE_DIR/worker.log" 2>&1 & echo $! >"$COLO_STATE_DIR/worker.pid")
(cd apps/web && setsid npx next start -H "$COLO_HOST" -p "$COLO_PORT" >>"$COLO_STATE_DIR/web.log" 2>&1 & echo $! >"$COLO_STATE_DIR/web.pid")

# The first user and a CLI token; the CLI config is written so `npx colo ls` works right away.
bootstrap_json=$(npx tsx scripts/bootstrap-admin.ts --url "http://$COLO_HOST:$COLO_PORT") || die "could not create the admin user"

url="http://$COLO_HOST:$COLO_PORT"
web_up() { [ "$(curl -s -o /dev/null -w "%{http_code}" "$url/api/v1/me")" != 000 ]; }
for _ in $(seq 1 120); do web_up && break; sleep 0.5; done
web_up || die "web did not start (see $COLO_STATE_DIR/web.log)"
pid_alive "$COLO_STATE_DIR/worker.pid" || die "worker did not start (see $COLO_STATE_DIR/worker.log)"

echo
echo "Colo is running at $url"
echo "$bootstrap_json"
echo "Logs: $COLO_STATE_DIR/web.log, $COLO_STATE_DIR/worker.log.  Stop: bash scripts/down.sh"
echo "Try:  npx colo apply -f templates/assemblies/lamp-cluster.yaml --wait"
