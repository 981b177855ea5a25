#!/usr/bin/env bash
# Makes sure the services Colo needs are installed and running: Postgres, Redis, a Docker engine,
# and the debian:bookworm-slim base image (built from the Debian archive when no registry answers).
# Sourced by scripts/up.sh and scripts/test.sh. Each function is idempotent.

COLO_STATE_DIR="${COLO_STATE_DIR:-$PWD/.colo}"
mkdir -p "$COLO_STATE_DIR"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

apt_updated=0
apt_install() { # apt_install PKG... (only the ones missing)
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! can_apt; then
    die "missing packages: ${missing[*]}. Install them (Debian/Ubuntu: sudo apt-get install ${missing[*]}) and run again."
  fi
  log "installing ${missing[*]} (apt-get)"
  if [ $apt_updated = 0 ]; then apt-get update -qq >/dev/null; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
}

ensure_node_modules() {
  if [ ! -x node_modules/.bin/tsx ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm dependencies (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null || die "npm ci failed"
  fi
}

PG_HOST=127.0.0.1
PG_PORT="${COLO_PG_PORT:-5432}"
ensure_postgres() { # ensure_postgres DBNAME
  local db="$1"
  if ! pg_isready -q -h $PG_HOST -p "$PG_PORT" 2>/dev/null; then
    apt_install postgresql postgresql-client
    local ver
    ver=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
    [ -n "$ver" ] || die "postgresql is installed but no server version was found under /usr/lib/postgresql"
    if ! pg_lsclusters -h 2>/dev/null | grep -q .; then
      log "creating postgres cluster $ver/main"
      pg_createcluster "$ver" main >/dev/null
    fi
    log "starting postgres $ver"
    pg_ctlcluster "$ver" main start || die "could not start postgres (see /var/log/postgresql)"
    for _ in $(seq 1 60); do pg_isready -q -h $PG_HOST -p "$PG_PORT" && break; sleep 0.5; done
    pg_isready -q -h $PG_HOST -p "$PG_PORT" || die "postgres did not become ready on $PG_HOST:$PG_PORT"
  fi
  if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
    su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='colo'\"" | grep -q 1 \
      || su postgres -c "psql -qc \"CREATE ROLE colo LOGIN PASSWORD 'colo' CREATEDB\""
    su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='$db'\"" | grep -q 1 \
      || su postgres -c "psql -qc 'CREATE DATABASE \"$db\" OWNER colo'"
  fi
  export DATABASE_URL="${DATABASE_URL:-postgresql://colo:colo@$PG_HOST:$PG_PORT/$db}"
}

REDIS_PORT="${COLO_REDIS_PORT:-6379}"
ensure_redis() {
  if ! (command -v redis-cli >/dev/null && redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG); then
    apt_install redis-server
    log "starting redis on 127.0.0.1:$REDIS_PORT"
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes \
      --dir "$COLO_STATE_DIR" --logfile "$COLO_STATE_DIR/redis.log" --save "" >/dev/null
    for _ in $(seq 1 40); do redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && break; sleep 0.25; done
    redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG || die "redis did not start (see $COLO_STATE_DIR/redis.log)"
  fi
  export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:$REDIS_PORT}"
}

# Docker's default address pools give only ~31 bridge networks; Colo makes one per input terminal,
# so the daemon we start gets a larger pool of /24s.
DOCKER_DAEMON_JSON='{
  "default-address-pools": [
    { "base": "10.210.0.0/16", "size": 24 },
    { "base": "10.211.0.0/16", "size": 24 }
  ]
}'
ensure_docker() {
  if docker info >/dev/null 2>&1; then return 0; fi
  command -v dockerd >/dev/null 2>&1 || apt_install docker.io
  command -v dockerd >/dev/null 2>&1 || die "no Docker engine: install Docker and start it, then run again"
  if [ "$(id -u)" != 0 ]; then die "the Docker engine is not running: start it (e.g. sudo systemctl start docker) and run again"; fi
  if [ ! -f /etc/docker/daemon.json ]; then
    mkdir -p /etc/docker
    echo "$DOCKER_DAEMON_JSON" > /etc/docker/daemon.json
  elif ! grep -q default-address-pools /etc/docker/daemon.json; then
    log "warning: /etc/docker/daemon.json has no default-address-pools; Docker will run out of networks after ~31"
  fi
  log "starting dockerd"
  (setsid dockerd >"$COLO_STATE_DIR/dockerd.log" 2>&1 &)
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || die "dockerd did not start (see $COLO_STATE_DIR/dockerd.log)"
}

# debian:bookworm-slim: pulled when a registry answers, else built from the Debian archive.
ensure_base_image() {
  docker image inspect debian:bookworm-slim >/dev/null 2>&1 && return 0
  if timeout 20 docker pull -q debian:bookworm-slim >/dev/null 2>&1; then return 0; fi
  log "no registry: building debian:bookworm-slim from the Debian archive (debootstrap, ~1 min)"
  apt_install debootstrap
  local dir
  dir=$(mktemp -d /tmp/colo-rootfs.XXXXXX)
  debootstrap --variant=minbase bookworm "$dir" "${COLO_DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$COLO_STATE_DIR/debootstrap.log" 2>&1 \
    || { rm -rf "$dir"; die "debootstrap failed (see $COLO_STATE_DIR/debootstrap.log)"; }
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  # debootstrap lists only `bookworm main`; class images also want updates and security fixes.
  local mirror="${COLO_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
  printf 'deb %s bookworm main\ndeb %s bookworm-updates main\ndeb %s-security bookworm-security main\n' \
    "$mirror" "$mirror" "$mirror" > "$dir/etc/apt/sources.list"
  tar -C "$dir" -c . | docker import -c 'CMD ["bash"]' - debian:bookworm-slim >/dev/null \
    || { rm -rf "$dir"; die "docker import of the base image failed"; }
  rm -rf "$dir"
}

# A 32-byte key that encrypts VDC secrets at rest; made once per installation, kept in .colo/.
ensure_secret_key() {
  if [ -z "${COLO_SECRET_KEY:-}" ]; then
    if [ ! -s "$COLO_STATE_DIR/secret.key" ]; then
      (umask 077; node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64"))' > "$COLO_STATE_DIR/secret.key")
    fi
    COLO_SECRET_KEY=$(cat "$COLO_STATE_DIR/secret.key")
    export COLO_SECRET_KEY
  fi
}

# Prisma client generation (offline: the CLI only needs some file named as its schema engine) and
# the SQL migrations in prisma/migrations, applied by our own runner with Prisma's bookkeeping.
prepare_database() {
  log "generating the Prisma client and applying migrations"
  PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-/bin/true}" npx prisma generate >"$COLO_STATE_DIR/prisma-generate.log" 2>&1 \
    || { cat "$COLO_STATE_DIR/prisma-generate.log" >&2; die "prisma generate failed"; }
  npx tsx scripts/migrate.ts || die "database migration failed"
}

build_catalog_images() {
  log "building catalog images (cached; only changed classes rebuild)"
  npx tsx scripts/build-catalog.ts || die "building the catalog images failed"
}

# Every service and artefact Colo needs, for the database named $1.
ensure_all() {
  local db="$1"
  apt_install ca-certificates curl
  apt_install xfsprogs # mkfs.xfs: the storage fault tests put a scratch Docker data root on XFS with reflink
  ensure_node_modules
  ensure_postgres "$db"
  ensure_redis
  ensure_docker
  ensure_base_image
  ensure_secret_key
  prepare_database
  build_catalog_images
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
stop_pidfile() { # stop the process group we started and recorded in $1
  if pid_alive "$1"; then
    local pid; pid=$(cat "$1")
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$1"
}
