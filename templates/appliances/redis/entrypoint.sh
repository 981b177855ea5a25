#!/bin/bash
# Renders redis.conf from the properties and the password secret, then runs redis-server as PID 1.
# Everything runs as redis (class.yaml `user:`) on a read-only root: the config goes to /run.
set -euo pipefail

die() { echo "redis: $*" >&2; exit 64; }

persistence=${REDIS_PERSISTENCE:-aof}
policy=${REDIS_MAXMEMORY_POLICY:-noeviction}
[[ -n ${REDIS_PASSWORD:-} ]] || die "REDIS_PASSWORD is empty: the store would be open to every wired client"
[[ $REDIS_PASSWORD != *$'\n'* ]] || die "the password may not contain a line break"
case $persistence in aof | rdb | none) ;; *) die "persistence must be aof, rdb or none, not $persistence" ;; esac
[[ $policy =~ ^(noeviction|(allkeys|volatile)-(lru|lfu|random)|volatile-ttl)$ ]] || die "unknown maxmemoryPolicy: $policy"

# Leave a quarter of the container's memory for fork-on-save and client buffers.
limit=$(cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || echo max)
maxmemory=0
if [[ $limit =~ ^[0-9]+$ ]] && ((limit < 1 << 40)); then
  maxmemory=$((limit * 3 / 4))
fi

case $persistence in
  aof) save_lines=$'save 3600 1 300 100 60 10000\nappendonly yes\nappendfsync everysec' ;;
  rdb) save_lines=$'save 3600 1 300 100 60 10000\nappendonly no' ;;
  none) save_lines=$'save ""\nappendonly no' ;;
esac

mkdir -p /run/redis
[[ -O /var/lib/redis && -w /var/lib/redis ]] || die "/var/lib/redis is owned by uid $(stat -c %u /var/lib/redis), not redis: fix the volume's ownership"
# redis.conf reads a double-quoted value with backslash escapes: any password fits.
quoted_password=${REDIS_PASSWORD//\\/\\\\}
quoted_password=${quoted_password//\"/\\\"}
umask 077
cat > /run/redis/redis.conf <<CFG
bind 0.0.0.0
port 6379
protected-mode no
daemonize no
logfile ""
dir /var/lib/redis
requirepass "${quoted_password}"
maxmemory ${maxmemory}
maxmemory-policy ${policy}
${save_lines}
CFG

exec redis-server /run/redis/redis.conf
