#!/bin/bash
# colo-edge-target HOST PORT [wake]: points the listener at another target without dropping a
# connection (`wake`: hold connections while the target is stopped, see colo-edge-hold).
# Renders the new config, asks the master (PID 1) for a seamless reload, prints `serving` as soon
# as a new worker holds the listening socket, and returns once the old workers have finished
# their connections. Builtins only in the loops: each fork is slow on the listener's CPU share.
set -euo pipefail
source /usr/local/lib/colo-edge/render-config.sh
(($# == 2 || $# == 3)) || die "usage: colo-edge-target HOST PORT [wake]"

# Sets WORKERS to the HAProxy processes other than the master (PID 1): its workers (the
# holding process is socat). Into a variable, not printed: a command substitution forks.
workers() {
  local f pid comm
  WORKERS=''
  for f in /proc/[0-9]*/comm; do
    pid=${f#/proc/}; pid=${pid%/comm}
    [[ $pid != 1 ]] || continue
    read -r comm 2>/dev/null <"$f" || continue
    [[ $comm != haproxy ]] || WORKERS+="$pid "
  done
  return 0
}
# A pause without forking `sleep`: a read that times out on a pipe nobody writes to.
exec {never}<> <(:)
pause() { read -r -t "$1" -u "$never" _ || true; }

workers
old=$WORKERS
# The new target's network was joined just now: wait (briefly) until Docker's DNS answers for
# it, so the new worker starts with its backends resolved. A target with no replica (stopped,
# for a wake entry) never answers; it is pointed at all the same.
seeds=''
for _ in {1..20}; do
  seeds=$(resolve_seeds "$1")
  [[ -n ${seeds// /} ]] && break
  pause 0.05
done
render_config "$1" "$2" "$seeds" "${3:-}"
kill -USR2 1

# A new worker holds the socket once it runs (it takes it from the old one over the admin
# socket before it starts): from then on new connections go to the new target.
served=0
for _ in {1..700}; do
  pause 0.05
  workers
  if ((served == 0)); then
    for pid in $WORKERS; do [[ " $old " == *" $pid "* ]] || served=1; done
    ((served == 0)) || echo "serving $1:$2"
  fi
  alive=0
  for pid in $old; do [[ -d /proc/$pid ]] && alive=1; done
  # hard-stop-after (30s) bounds how long an old worker may keep finishing its connections.
  if ((served == 1 && alive == 0)); then
    echo "re-pointed to $1:$2"
    exit 0
  fi
done
((served == 1)) || die "no new worker within 35s: the master refused the new configuration (see the listener's log)"
die "old workers still running after 35s"
