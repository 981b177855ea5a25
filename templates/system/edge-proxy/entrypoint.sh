#!/bin/bash
# Starts the listener: renders its config for the target it was last pointed at
# (/var/lib/colo-edge/target, on the container's own volume, so it survives a restart),
# or the one Colo created it with, then runs HAProxy
# in master-worker mode as PID 1 so a reload (SIGUSR2) keeps the listening socket open.
set -euo pipefail
source /usr/local/lib/colo-edge/render-config.sh

host=${EDGE_TARGET_HOST:-}
port=${EDGE_TARGET_PORT:-}
wake=${EDGE_TARGET_WAKE:-}
if [[ -s $EDGE_TARGET_FILE ]]; then read -r host port wake < "$EDGE_TARGET_FILE" || true; fi
[[ -n $host && -n $port ]] || die "EDGE_TARGET_HOST and EDGE_TARGET_PORT are required"
render_config "$host" "$port" "$(resolve_seeds "$host")" "$wake"
haproxy -W -c -q -f /run/haproxy/haproxy.cfg || die "rendered configuration is invalid"
exec haproxy -W -db -f /run/haproxy/haproxy.cfg
