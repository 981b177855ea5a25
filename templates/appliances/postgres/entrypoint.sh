#!/bin/bash
# Creates the cluster in the data volume on first start, then on every start makes the role,
# its password and the database match the appliance's properties and secret, and finally runs
# PostgreSQL as PID 1. Everything runs as postgres (class.yaml `user:`) on a read-only root.
#
# Reconciling at every start, not only at init, is what lets a clone with fresh secrets or a
# changed `database` property come up working instead of locking its clients out.
set -euo pipefail

die() { echo "postgres: $*" >&2; exit 64; }

export PGDATA=/var/lib/postgresql/data/pgdata
db=${POSTGRES_DB:-app}
user=${POSTGRES_USER:-app}
max_connections=${POSTGRES_MAX_CONNECTIONS:-100}
[[ -n ${POSTGRES_PASSWORD:-} ]] || die "POSTGRES_PASSWORD is empty: clients could not log in"
[[ $db =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "database name is not a plain identifier: $db"
[[ $user =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "user name is not a plain identifier: $user"
[[ $max_connections =~ ^[0-9]+$ ]] || die "maxConnections must be a whole number"

# A quarter of the container's memory for shared buffers, the usual starting point.
limit=$(cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || echo max)
if [[ $limit =~ ^[0-9]+$ ]] && ((limit < 1 << 40)); then
  mem_mb=$((limit / 1024 / 1024))
else
  mem_mb=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 ))
fi
shared_buffers=$((mem_mb / 4)); ((shared_buffers >= 16)) || shared_buffers=16
cache_size=$((mem_mb / 2)); ((cache_size >= 32)) || cache_size=32

# Runs as the class's user from the start (no capability to chown): the data must already be
# ours. Docker gives a new volume the owner of the image's directory, and older root-running
# images of this class left every file to this same user.
owned_by_me() {
  local stranger
  stranger=$(find "$1" ! -user "$(id -u)" -print -quit 2>/dev/null || echo "$1")
  [[ -z $stranger ]] || die "$stranger is owned by uid $(stat -c %u "$stranger" 2>/dev/null || echo '?'), not $(id -un) (uid $(id -u)): fix the volume's ownership"
}
mkdir -p /run/postgresql
owned_by_me "$(dirname "$PGDATA")"

if [[ ! -s $PGDATA/PG_VERSION ]]; then
  echo "postgres: creating the database cluster"
  rm -rf "$PGDATA"
  initdb --username=postgres --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >/dev/null
fi
chmod 700 "$PGDATA"

# Colo owns client authentication: passwords (SCRAM) from anywhere on the wired networks, which
# only wired clients can reach; peer authentication on the local socket for the entrypoint.
cat > "$PGDATA/pg_hba.conf" <<HBA
local all all               peer
host  all all 0.0.0.0/0     scram-sha-256
host  all all ::/0          scram-sha-256
HBA

settings=(
  -c listen_addresses='*'
  -c port=5432
  -c max_connections="$max_connections"
  -c shared_buffers="${shared_buffers}MB"
  -c effective_cache_size="${cache_size}MB"
  -c password_encryption=scram-sha-256
  -c jit=off
  -c log_destination=stderr
  -c logging_collector=off
)

# Reconcile with no TCP listener, so nothing can connect before the role and database are right.
pg_ctl --silent --wait --timeout=60 \
  -o "-c listen_addresses='' -c unix_socket_directories=/run/postgresql -c max_connections=$max_connections" start
# The password travels through the environment (\getenv), never through a command line.
PGHOST=/run/postgresql psql --quiet --no-psqlrc -v ON_ERROR_STOP=1 \
  --username=postgres --dbname=postgres >/dev/null <<SQL
\set db_name '$db'
\set role_name '$user'
\getenv role_password POSTGRES_PASSWORD
SELECT format('CREATE ROLE %I LOGIN', :'role_name')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role_name') \gexec
ALTER ROLE :"role_name" WITH LOGIN PASSWORD :'role_password';
SELECT format('CREATE DATABASE %I OWNER %I', :'db_name', :'role_name')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db_name') \gexec
GRANT ALL PRIVILEGES ON DATABASE :"db_name" TO :"role_name";
SQL
pg_ctl --silent --wait --mode=fast stop

echo "postgres: ready; database $db, role $user"
exec postgres "${settings[@]}"
