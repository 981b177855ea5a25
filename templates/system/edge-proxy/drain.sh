#!/bin/bash
# colo-edge-drain ADDRESS [SECONDS]: stops sending new connections to the backend at ADDRESS
# and waits (up to SECONDS, 10 by default) until the connections it holds have finished, so a
# replica about to be removed takes no request down with it. Prints `drained: SLOT...`.
# colo-edge-drain --release SLOT...: makes those backend slots usable again once the replica is
# gone (a slot keeps its drain state, and DNS may later fill it with a new replica).
set -uo pipefail
ask() { echo "$1" | socat -t 2 - UNIX-CONNECT:/run/haproxy/admin.sock; }
if [[ ${1:-} == --release ]]; then
  shift
  for s in "$@"; do
    [[ $s =~ ^replica[0-9]+$ ]] || { echo "colo-edge-drain: not a backend slot: $s" >&2; exit 64; }
    ask "set server target/$s state ready" >/dev/null
  done
  exit 0
fi
addr=${1:?usage: colo-edge-drain ADDRESS [SECONDS]}
limit=${2:-10}
[[ $addr =~ ^[0-9.]+$ ]] || { echo "colo-edge-drain: not an IPv4 address: $addr" >&2; exit 64; }
[[ $limit =~ ^[0-9]+$ ]] || { echo "colo-edge-drain: not a number of seconds: $limit" >&2; exit 64; }

# `show servers state`: be_id be_name srv_id srv_name srv_addr ...
servers=$(ask 'show servers state target' | awk -v a="$addr" '$2 == "target" && $5 == a { print $4 }')
[[ -n $servers ]] || { echo "no backend at $addr"; exit 0; }
for s in $servers; do ask "set server target/$s state drain" >/dev/null; done
for ((i = 0; i < limit * 10; i++)); do
  busy=$(ask 'show stat' | awk -F, -v list=" $(echo $servers) " '$1 == "target" && index(list, " " $2 " ") && $5 > 0 { n += $5 } END { print n + 0 }')
  ((busy == 0)) && break
  sleep 0.1
done
echo "drained:" $servers
