#!/bin/bash
# Starts the listener: renders its config for the target it was last pointed at
# (/run/haproxy/colo-target, a tmpfs: gone after a restart, when Colo's start step re-points it),
# or the one Colo created it with, then runs HAProxy
# in master-worker mode as PID 1 so a reload (SIGUSR2) keeps the listening socket open.
set -euo pipefail
source /usr/local/lib/colo-edge/render-config.sh

host=${EDGE_TARGET_HOST:-}
port=${EDGE_TARGET_PORT:-}
if [[ -s /run/haproxy/colo-target ]]; then read -r host port < /run/haproxy/colo-target; fi
[[ -n $host && -n $port ]] || die "EDGE_TARGET_HOST and EDGE_TARGET_PORT are required"
render_config "$host" "$port"
exec haproxy -W -db -f /run/haproxy/haproxy.cfg
