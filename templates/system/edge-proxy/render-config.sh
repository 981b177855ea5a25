#!/bin/bash
# Writes /run/haproxy/haproxy.cfg for one published port pointed at TARGET_HOST:TARGET_PORT.
# Sourced by the entrypoint (at start) and by colo-edge-target (re-pointing, then reload).
#
# Backends are found, not listed: every replica of the exposed appliance carries the target
# name as an alias on the ingress network, and a server-template fills its slots from Docker's
# DNS, so scaling the appliance up or down needs no reload.
#
# A switch waits on this file: the listener runs on a quarter of a CPU, where every process
# forked costs tens of milliseconds, so it uses bash builtins wherever one does the job.

die() { echo "colo-edge: $*" >&2; exit 64; }

# Where the current target is kept: the listener's own volume (see the Dockerfile).
EDGE_TARGET_FILE=/var/lib/colo-edge/target
# Where the holding process (colo-edge-hold) takes connections while the target is stopped.
EDGE_HOLD_PORT=10082

# seed_servers PORT IP...: backup servers at addresses resolved just before (re)start. The
# template's slots stay empty until the resolver's first answer (about a second); a new worker
# (a start, a re-point) would meanwhile close every connection for want of a server. Backups
# serve only while no slot is up, so they bridge that second and are idle after.
seed_servers() {
  local port=$1 i=0 ip
  shift
  for ip in "$@"; do
    [[ $ip =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}$ ]] || continue
    i=$((i + 1))
    printf '    server seed%d %s:%s backup\n' "$i" "$ip" "$port"
  done
}

# resolve_seeds HOST: the target's addresses from Docker's DNS now (at most 16), or nothing.
# Never fails: a name that does not answer yet (a network joined a moment ago, a target with no
# replica) is an empty list, not an exit of a caller running under `set -e`.
resolve_seeds() {
  local answer ip _ n=0
  local -A seen=()
  answer=$(getent ahostsv4 "$1" 2>/dev/null) || true
  while read -r ip _; do
    [[ -n $ip && -z ${seen[$ip]:-} ]] || continue
    seen[$ip]=1
    printf '%s ' "$ip"
    ((++n < 16)) || break
  done <<<"$answer"
  return 0
}

# render_config HOST PORT SEEDS [WAKE]: WAKE=wake adds the holding server (start on first request).
render_config() {
  local host=$1 port=$2 seeds=${3:-} wake=${4:-}
  local listen=${EDGE_LISTEN_PORT:-10080} slots=${EDGE_SLOTS:-64}
  # Colo passes these; checking again keeps a bad value from becoming HAProxy configuration.
  [[ $host =~ ^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$ ]] || die "target host is not a host name: $host"
  [[ $port =~ ^[0-9]{1,5}$ ]] && ((port >= 1 && port <= 65535)) || die "target port is not a port: $port"
  [[ $listen =~ ^[0-9]{1,5}$ ]] || die "EDGE_LISTEN_PORT is not a port: $listen"
  [[ $slots =~ ^[0-9]+$ ]] && ((slots >= 1 && slots <= 256)) || die "EDGE_SLOTS must be 1-256, not $slots"
  [[ -z $wake || $wake == wake ]] || die "the fourth field must be 'wake' or nothing, not $wake"
  local seed_lines='' wake_line=''
  # shellcheck disable=SC2086 # a space-separated list of addresses
  [[ -z ${seeds// /} ]] || seed_lines=$(seed_servers "$port" $seeds)
  # Last of the backups, and without a check: it takes connections only when neither a replica
  # nor a seed is up (the target VDC stopped), and holds them while Colo starts it.
  [[ -z $wake ]] || wake_line="    server hold 127.0.0.1:${EDGE_HOLD_PORT} backup no-check"

  # Two 16 KiB buffers per connection: bound connections by the memory limit.
  local limit=max maxconn
  read -r limit 2>/dev/null </sys/fs/cgroup/memory.max || read -r limit 2>/dev/null </sys/fs/cgroup/memory/memory.limit_in_bytes || limit=max
  if [[ $limit =~ ^[0-9]+$ ]] && ((limit < 1 << 40)); then maxconn=$((limit / 1024 / 40)); else maxconn=4000; fi
  ((maxconn >= 256)) || maxconn=256
  ((maxconn <= 100000)) || maxconn=100000

  [[ -d /run/haproxy ]] || mkdir -p /run/haproxy
  local cfg
  IFS= read -r -d '' cfg <<CFG || true
global
    log stdout format raw local0 notice
    maxconn ${maxconn}
    # The runtime API; expose-fd lets a reloaded worker take over the listening socket, so a
    # reload never refuses a connection and the old worker finishes the ones it holds.
    stats socket /run/haproxy/admin.sock mode 600 level admin expose-fd listeners
    # An old worker gets this long to finish its connections after a reload or a stop.
    hard-stop-after 30s

# The holding process for start-on-first-request (colo-edge-hold): one idle socat on loopback,
# started anew with each reload. It reaches only this listener's own target, over the network
# HAProxy uses.
program hold
    command /usr/local/bin/colo-edge-hold --listen ${EDGE_HOLD_PORT}

resolvers docker
    nameserver docker 127.0.0.11:53
    accepted_payload_size 8192
    resolve_retries 3
    timeout resolve 1s
    timeout retry 500ms
    hold valid 1s
    hold other 1s
    hold refused 1s
    hold nx 1s
    hold timeout 1s
    hold obsolete 1s

defaults
    mode tcp
    log global
    option dontlognull
    option redispatch
    retries 2
    timeout connect 5s
    # A check is a TCP connect, answered by the target's kernel: a second is plenty, and a seed
    # left at a stopped replica's address (no answer at all) is marked down in ~2 s, not ~10 s.
    timeout check 1s
    timeout client 1h
    timeout server 1h
    # init-addr none: start (and be healthy) before any backend resolves.
    default-server init-addr none resolvers docker resolve-prefer ipv4 check inter 1s fall 2 rise 1

frontend published
    bind :${listen}
    default_backend target

backend target
    balance leastconn
    server-template replica 1-${slots} ${host}:${port}
${seed_lines}
${wake_line}

frontend health
    bind 127.0.0.1:10081
    mode http
    monitor-uri /healthz
CFG
  # Written in place: HAProxy reads it only when told to (a start, a reload), after this returns.
  printf '%s' "$cfg" >/run/haproxy/haproxy.cfg
  printf '%s %s%s\n' "$host" "$port" "${wake:+ $wake}" >"$EDGE_TARGET_FILE"
}
