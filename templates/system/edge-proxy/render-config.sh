#!/bin/bash
# Writes /run/haproxy/haproxy.cfg for one published port pointed at TARGET_HOST:TARGET_PORT.
# Sourced by the entrypoint (at start) and by colo-edge-target (re-pointing, then reload).
#
# Backends are found, not listed: every replica of the exposed appliance carries the target
# name as an alias on the ingress network, and a server-template fills its slots from Docker's
# DNS, so scaling the appliance up or down needs no reload.

die() { echo "colo-edge: $*" >&2; exit 64; }

# Where the current target is kept: the listener's own volume (see the Dockerfile).
EDGE_TARGET_FILE=/var/lib/colo-edge/target

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
    echo "    server seed${i} ${ip}:${port} backup"
  done
}

# resolve_seeds HOST: the target's addresses from Docker's DNS now (at most 16), or nothing.
# Never fails: a name that does not answer yet (a network joined a moment ago, a target with no
# replica) is an empty list, not an exit of a caller running under `set -e`.
resolve_seeds() {
  { getent ahostsv4 "$1" 2>/dev/null || true; } | awk '{ print $1 }' | sort -u | head -n 16 | tr '\n' ' ' || true
  return 0
}

render_config() {
  local host=$1 port=$2 seeds=${3:-}
  local seed_lines
  # shellcheck disable=SC2086 # a space-separated list of addresses
  seed_lines=$(seed_servers "$port" $seeds)
  local listen=${EDGE_LISTEN_PORT:-10080} slots=${EDGE_SLOTS:-64}
  # Colo passes these; checking again keeps a bad value from becoming HAProxy configuration.
  [[ $host =~ ^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$ ]] || die "target host is not a host name: $host"
  [[ $port =~ ^[0-9]{1,5}$ ]] && ((port >= 1 && port <= 65535)) || die "target port is not a port: $port"
  [[ $listen =~ ^[0-9]{1,5}$ ]] || die "EDGE_LISTEN_PORT is not a port: $listen"
  [[ $slots =~ ^[0-9]+$ ]] && ((slots >= 1 && slots <= 256)) || die "EDGE_SLOTS must be 1-256, not $slots"

  # Two 16 KiB buffers per connection: bound connections by the memory limit.
  local limit maxconn
  limit=$(cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || echo max)
  if [[ $limit =~ ^[0-9]+$ ]] && ((limit < 1 << 40)); then maxconn=$((limit / 1024 / 40)); else maxconn=4000; fi
  ((maxconn >= 256)) || maxconn=256
  ((maxconn <= 100000)) || maxconn=100000

  mkdir -p /run/haproxy
  cat > /run/haproxy/haproxy.cfg.new <<CFG
global
    log stdout format raw local0 notice
    maxconn ${maxconn}
    # The runtime API; expose-fd lets a reloaded worker take over the listening socket, so a
    # reload never refuses a connection and the old worker finishes the ones it holds.
    stats socket /run/haproxy/admin.sock mode 600 level admin expose-fd listeners
    # An old worker gets this long to finish its connections after a reload or a stop.
    hard-stop-after 30s

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
frontend health
    bind 127.0.0.1:10081
    mode http
    monitor-uri /healthz
CFG
  haproxy -c -q -f /run/haproxy/haproxy.cfg.new || die "rendered configuration is invalid"
  mv /run/haproxy/haproxy.cfg.new /run/haproxy/haproxy.cfg
  printf '%s %s\n' "$host" "$port" > "$EDGE_TARGET_FILE.new"
  mv "$EDGE_TARGET_FILE.new" "$EDGE_TARGET_FILE"
}
