#!/bin/bash
# Picks the application (the `entry` file on the wired NAS share when present, else the built-in
# page), sizes Node's heap from the container's memory limit, then execs node on the launcher.
# Runs as www-data on a read-only root: the app's scratch belongs in /tmp.
set -euo pipefail

die() { echo "app-node: $*" >&2; exit 64; }

entry=${APP_ENTRY:-app/server.js}
port=${PORT:-80}
node_env=${NODE_ENV:-production}
# Same rule as class.yaml: every path segment starts with a letter, digit or underscore.
[[ $entry =~ ^([A-Za-z0-9_][A-Za-z0-9_.-]*/)*[A-Za-z0-9_][A-Za-z0-9_.-]*\.[cm]?js$ ]] \
  || die "entry must be a .js path inside the share (e.g. app/server.js), not $entry"
[[ $port =~ ^[0-9]+$ ]] && ((port >= 1 && port <= 65535)) || die "PORT is not a port: $port"
[[ $node_env == production || $node_env == development ]] || die "nodeEnv must be production or development"

# Decided once at start: a share that gains the entry file later is picked up on the next restart.
app=/usr/share/colo/app/server.js
if [[ -n ${FS_MOUNT:-} && -f $FS_MOUNT/$entry ]]; then
  app=$FS_MOUNT/$entry
fi
echo "app-node: running $app"

# Leave a quarter of the container's memory to everything that is not the JavaScript heap.
limit=$(cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || echo max)
heap_flag=()
if [[ $limit =~ ^[0-9]+$ ]] && ((limit < 1 << 40)); then
  heap_flag=("--max-old-space-size=$((limit * 3 / 4 / 1048576))")
fi

export COLO_APP="$app" PORT="$port" NODE_ENV="$node_env"
cd "$(dirname "$app")"
exec node "${heap_flag[@]}" /usr/local/lib/colo/launcher.mjs
