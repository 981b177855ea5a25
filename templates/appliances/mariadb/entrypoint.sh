#!/bin/bash
# Creates the data directory on first start, then on every start makes the user, its password,
# the database and the grant match the appliance's properties and secret, and finally runs
# mariadbd as PID 1. Everything runs as mysql (class.yaml `user:`) on a read-only root.
#
# Reconciling at every start, not only at init, is what lets a clone with fresh secrets or a
# changed `database` property come up working instead of locking its clients out.
set -euo pipefail

die() { echo "mariadb: $*" >&2; exit 64; }

datadir=/var/lib/mysql
db=${MARIADB_DATABASE:-app}
user=${MARIADB_USER:-app}
max_connections=${MARIADB_MAX_CONNECTIONS:-100}
[[ -n ${MARIADB_PASSWORD:-} ]] || die "MARIADB_PASSWORD is empty: clients could not log in"
[[ $db =~ ^[a-z_][a-z0-9_]{0,63}$ ]] || die "database name is not a plain identifier: $db"
[[ $user =~ ^[a-z_][a-z0-9_]{0,31}$ ]] || die "user name is not a plain identifier: $user"
[[ $max_connections =~ ^[0-9]+$ ]] || die "maxConnections must be a whole number"

# Half of the container's memory for the InnoDB buffer pool, leaving room for connections.
limit=$(cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || echo max)
if [[ $limit =~ ^[0-9]+$ ]] && ((limit < 1 << 40)); then
  mem_mb=$((limit / 1024 / 1024))
else
  mem_mb=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 ))
fi
pool_mb=$((mem_mb / 2)); ((pool_mb >= 32)) || pool_mb=32

# Runs as the class's user from the start (no capability to chown): the data must already be
# ours. Docker gives a new volume the owner of the image's directory, and older root-running
# images of this class left every file to this same user.
owned_by_me() {
  local stranger
  stranger=$(find "$1" ! -user "$(id -u)" -print -quit 2>/dev/null || echo "$1")
  [[ -z $stranger ]] || die "$stranger is owned by uid $(stat -c %u "$stranger" 2>/dev/null || echo '?'), not $(id -un) (uid $(id -u)): fix the volume's ownership"
}
mkdir -p /run/mysqld
owned_by_me "$datadir"

if [[ ! -d $datadir/mysql ]]; then
  echo "mariadb: creating the data directory"
  mariadb-install-db --datadir="$datadir" --auth-root-authentication-method=socket \
    --skip-test-db --skip-name-resolve >/dev/null
fi

settings=(
  --datadir="$datadir"
  --socket=/run/mysqld/mysqld.sock
  --skip-name-resolve
  --max-connections="$max_connections"
  --innodb-buffer-pool-size="${pool_mb}M"
  --performance-schema=OFF
  --character-set-server=utf8mb4
  --collation-server=utf8mb4_unicode_ci
)

# Reconcile with networking off, so nothing can connect before the user and database are right.
# Grant tables are skipped for this private start: root@localhost authenticates by the socket
# peer being OS root, which nothing here is. The socket is on this container's own tmpfs.
mariadbd "${settings[@]}" --skip-networking --skip-grant-tables &
init_pid=$!
for _ in $(seq 1 120); do
  mariadb-admin --socket=/run/mysqld/mysqld.sock --silent ping >/dev/null 2>&1 && break
  kill -0 "$init_pid" 2>/dev/null || die "the server stopped during start-up (see above)"
  sleep 0.5
done

# SQL string literals: backslashes and quotes escaped; the SQL goes in on stdin, never argv.
sql_quote() { local s=${1//\\/\\\\}; s=${s//\'/\\\'}; printf "'%s'" "$s"; }
password=$(sql_quote "$MARIADB_PASSWORD")
mariadb --socket=/run/mysqld/mysqld.sock --user=root <<SQL
FLUSH PRIVILEGES;
CREATE DATABASE IF NOT EXISTS \`$db\`;
CREATE USER IF NOT EXISTS '$user'@'%' IDENTIFIED BY $password;
ALTER USER '$user'@'%' IDENTIFIED BY $password;
GRANT ALL PRIVILEGES ON \`$db\`.* TO '$user'@'%';
FLUSH PRIVILEGES;
-- From this session: with grant tables loaded again, a new one could not log in as root.
SHUTDOWN;
SQL
unset password
wait "$init_pid" || true

echo "mariadb: ready; database $db, user $user"
exec mariadbd "${settings[@]}" \
  --bind-address=0.0.0.0 --port=3306
