#!/bin/bash
# colo-edge-hold: start on first request. HAProxy sends a connection here only when the target
# has no replica up and the entry asks to wake it (the `hold` backup server). socat runs this
# once per connection with the client's socket as stdin and stdout. It says on the container's
# log that a request waits (Colo follows the log and starts the stopped VDC), holds the
# connection until the target answers, then joins the two; after EDGE_HOLD_SECONDS it closes it.
# It only ever reaches the target this listener points at, over the network HAProxy already uses.
set -uo pipefail
# --listen PORT: the holding process itself, run by HAProxy's master (the `hold` program). The
# master sends its programs SIGUSR1 on a reload (a new one starts with the new workers) and on
# the listener's stop, and waits for every child before it exits: so on that signal this shell
# closes the listening socket and exits 0 (any other status makes the master kill its workers,
# cutting connections they are finishing). Held connections are processes of their own: they
# live on. SO_REUSEPORT lets the next holder bind while this one is still closing.
if [[ ${1:-} == --listen ]]; then
  [[ ${2:-} =~ ^[0-9]{1,5}$ ]] || exit 64
  (
    trap '' USR1
    exec socat -lp colo-edge-hold "TCP-LISTEN:$2,bind=127.0.0.1,reuseaddr,so-reuseport,fork,max-children=256" EXEC:/usr/local/bin/colo-edge-hold,nofork
  ) &
  listener=$!
  trap 'kill "$listener" 2>/dev/null; exit 0' USR1 TERM
  wait "$listener"
  exit
fi
limit=${EDGE_HOLD_SECONDS:-90}
read -r host port _ 2>/dev/null </var/lib/colo-edge/target || exit 0
[[ $host =~ ^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$ && $port =~ ^[0-9]{1,5}$ ]] || exit 0
exec {never}<> <(:)
echo "colo-wake: a connection waits for ${host}:${port}" >&2
for ((i = 0; SECONDS < limit; i++)); do
  answer=$(getent ahostsv4 "$host" 2>/dev/null) || answer=''
  read -r ip _ <<<"$answer"
  # Connected means the target listens: hand the held connection over (its bytes wait unread).
  if [[ -n $ip ]] && timeout 1 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$ip" "$port" 2>/dev/null; then
    exec socat -lp colo-edge-hold STDIO "TCP:${ip}:${port},connect-timeout=5"
  fi
  # Said again every 10 s: a start that was refused or failed is asked for once more.
  ((i % 20 != 19)) || echo "colo-wake: a connection still waits for ${host}:${port}" >&2
  read -r -t 0.5 -u "$never" _ || true
done
exit 0
