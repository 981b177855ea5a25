#!/usr/bin/env bash
# Stops the web and worker processes that scripts/up.sh started. Deployed VDCs keep running.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/services.sh
stop_pidfile "$COLO_STATE_DIR/worker.pid"
stop_pidfile "$COLO_STATE_DIR/web.pid"
log "web and worker stopped (Postgres, Redis, Docker and your VDCs keep running)"
