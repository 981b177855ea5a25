#!/bin/bash
# Renders haproxy.cfg from the wiring env (OUT_HOST, OUT_PORT) and the class properties (HALB_*),
# then runs HAProxy in master-worker mode as PID 1, as the haproxy user (class.yaml `user:`):
# configuration and the admin socket live under /run, a tmpfs; the root filesystem is read-only.
#
# Backends are discovered, not listed: every replica of the wired appliance carries the network
# alias of our output (`out`), so one DNS name at Docker's embedded resolver returns all their
# addresses. A server-template keeps a pool of slots that the resolver fills and empties, which
# is why scaling the web tier never needs this container to restart or reload.
set -euo pipefail

die() { echo "halb: $*" >&2; exit 64; }

out_host=${OUT_HOST:-out}
out_port=${OUT_PORT:-80}
balance=${HALB_BALANCE:-roundrobin}
sticky=${HALB_STICKY:-false}
slots=${HALB_MAX_BACKENDS:-16}
t_connect=${HALB_TIMEOUT_CONNECT:-5s}
t_client=${HALB_TIMEOUT_CLIENT:-30s}
t_server=${HALB_TIMEOUT_SERVER:-30s}
stats_user=${HALB_STATS_USER:-stats}
# Dynamic cookies are a hash of the backend address and this key. Hashing the secret first
# means any secret (whatever its characters) is a safe config token; without one the hostname
# is a fallback that only costs cookie unpredictability, never correctness.
cookie_key=$(printf '%s' "${HALB_COOKIE_KEY:-$(hostname)}" | sha256sum | cut -c1-32)

# The manifest validator already checks these; checking again keeps a bad value from becoming
# arbitrary HAProxy configuration.
[[ $out_host =~ ^[A-Za-z0-9][A-Za-z0-9.-]*$ ]] || die "OUT_HOST is not a host name: $out_host"
[[ $out_port =~ ^[0-9]+$ ]] || die "OUT_PORT is not a port: $out_port"
[[ $balance == roundrobin || $balance == leastconn ]] || die "balance must be roundrobin or leastconn, not $balance"
[[ $sticky == true || $sticky == false ]] || die "sticky must be true or false, not $sticky"
[[ $slots =~ ^[0-9]+$ ]] && ((slots >= 1 && slots <= 64)) || die "maxBackends must be 1-64, not $slots"
for t in "$t_connect" "$t_client" "$t_server"; do
  [[ $t =~ ^[0-9]+(ms|s|m)$ ]] || die "timeouts look like 500ms, 5s or 1m, not $t"
done
[[ $stats_user =~ ^[a-z][a-z0-9_-]{0,31}$ ]] || die "statsUser must be a plain name, not $stats_user"
# The password is never written anywhere: HAProxy reads it from its environment when it parses
# the configuration ("${HALB_STATS_PASSWORD}" below). Colo generates it alphanumeric; a value
# outside that set (a hand-made class test, say) is refused rather than left to quoting rules.
[[ -n ${HALB_STATS_PASSWORD:-} ]] || die "HALB_STATS_PASSWORD is empty: the statistics page would be open to every wired client"
[[ $HALB_STATS_PASSWORD =~ ^[A-Za-z0-9._~+/=-]+$ ]] || die "HALB_STATS_PASSWORD may hold only letters, digits and ._~+/=-"
export HALB_STATS_USER=$stats_user

# Connections cost up to two 16 KiB buffers each: bound them by the container's memory, not by
# the file-descriptor limit HAProxy would otherwise size itself from (a million on some hosts).
limit=$(cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || echo max)
if [[ $limit =~ ^[0-9]+$ ]] && ((limit < 1 << 40)); then
  maxconn=$((limit / 1024 / 40))
else
  maxconn=20000
fi
((maxconn >= 256)) || maxconn=256
((maxconn <= 100000)) || maxconn=100000

cookie_lines=""
if [[ $sticky == true ]]; then
  # A server-template has no per-server `cookie` value to give; `dynamic` derives one from each
  # backend's address, so a client stays on its replica even when DNS answers in another order.
  cookie_lines="    cookie COLO_SRV insert indirect nocache httponly dynamic
    dynamic-cookie-key ${cookie_key}"
fi

mkdir -p /run/haproxy
cat > /run/haproxy/haproxy.cfg <<CFG
global
    log stdout format raw local0 info
    maxconn ${maxconn}
    stats socket /run/haproxy/admin.sock mode 600 level admin
    hard-stop-after 8s

# Docker's embedded DNS. Holding answers for a second means a new replica is picked up within
# about two seconds, and a removed one stops receiving traffic as quickly.
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
    mode http
    log global
    option httplog
    option dontlognull
    option forwardfor
    option redispatch
    retries 2
    # A replica leaving (a rolling update, a scale-down) may reset a connection it had not yet
    # accepted when it stopped listening: a GET, HEAD or OPTIONS that got no answer at all is
    # sent again, to another replica. Other methods are never replayed (they may have acted).
    retry-on conn-failure empty-response
    timeout connect ${t_connect}
    timeout client ${t_client}
    timeout server ${t_server}
    timeout http-request 10s
    timeout http-keep-alive 5s
    timeout queue 10s
    # init-addr none: start (and report healthy) before any backend exists.
    default-server init-addr none resolvers docker resolve-prefer ipv4 check inter 1s fall 2 rise 1

frontend in
    bind :80
    default_backend out

backend out
    balance ${balance}
    http-request disable-l7-retry if !METH_GET !METH_OPTIONS
${cookie_lines}
    server-template out 1-${slots} ${out_host}:${out_port}

# The statistics page wants the stats user; /healthz (answered before any rule) stays open for
# the container's health check.
userlist stats_users
    user "\${HALB_STATS_USER}" insecure-password "\${HALB_STATS_PASSWORD}"

frontend stats
    bind :8404
    monitor-uri /healthz
    stats enable
    stats uri /
    stats refresh 5s
    stats show-legends
    stats http-request auth realm colo-stats unless { http_auth(stats_users) }
CFG

haproxy -c -q -f /run/haproxy/haproxy.cfg || die "rendered configuration is invalid"
exec haproxy -W -db -f /run/haproxy/haproxy.cfg
