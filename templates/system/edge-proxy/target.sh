#!/bin/bash
# colo-edge-target HOST PORT: points the listener at another target without dropping a
# connection. Renders and checks the new config, asks the master (PID 1) for a seamless reload,
# and returns once a new worker serves and the old ones have finished their connections.
set -euo pipefail
source /usr/local/lib/colo-edge/render-config.sh
(($# == 2)) || die "usage: colo-edge-target HOST PORT"

# HAProxy processes other than the master (PID 1): its workers.
workers() {
  local f pid
  for f in /proc/[0-9]*/comm; do
    pid=${f#/proc/}; pid=${pid%/comm}
    [[ $pid != 1 && $(cat "$f" 2>/dev/null) == haproxy ]] && echo "$pid"
  done
  return 0
}

old=$(workers | tr '\n' ' ')
# The new target's network was joined just now: wait (briefly) until Docker's DNS answers for
# it, so the new worker starts with its backends resolved. A target with no replica never
# answers; it is pointed at all the same.
seeds=''
for _ in $(seq 1 50); do
  seeds=$(resolve_seeds "$1")
  [[ -n ${seeds// /} ]] && break
  sleep 0.1
done
render_config "$1" "$2" "$seeds"
kill -USR2 1
# hard-stop-after (30s) bounds how long an old worker may keep finishing its connections.
for _ in $(seq 1 350); do
  sleep 0.1
  alive=0
  for pid in $old; do [[ -d /proc/$pid ]] && alive=1; done
  current=$(workers | tr '\n' ' ')
  if ((alive == 0)) && [[ -n ${current// /} ]] \
    && echo 'show info' | socat -t 2 - UNIX-CONNECT:/run/haproxy/admin.sock 2>/dev/null | grep -q '^Pid:'; then
    echo "re-pointed to $1:$2"
    exit 0
  fi
done
die "reload did not finish within 35s"
