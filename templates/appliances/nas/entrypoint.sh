#!/bin/bash
# Seeds an empty share on first start, then serves it read-only over HTTP with nginx as PID 1.
set -euo pipefail

die() { echo "nas: $*" >&2; exit 64; }

share=/srv/share
seed=${NAS_SEED:-none}
[[ $seed =~ ^[a-z0-9-]+$ ]] || die "seed must be a seed name, not $seed"
[[ $seed == none || -d /usr/share/colo/seeds/$seed ]] || die "unknown seed: $seed"

mkdir -p "$share"
if [[ $seed != none ]]; then
  # Only an empty share is seeded: a restart, a clone or a user's own files are never touched.
  # The copy goes to a staging folder first, so a start killed mid-copy leaves a share that still
  # counts as empty and is seeded again next time.
  staging="$share/.colo-seeding"
  if [[ -z $(ls -A "$share" | grep -vx '.colo-seeding') ]]; then
    echo "nas: seeding the empty share with $seed"
    rm -rf "$staging"
    cp -R /usr/share/colo/seeds/"$seed" "$staging"
    # Web appliances run PHP as www-data (uid 33 in every Debian image): let them write.
    chown -R www-data:www-data "$staging" "$share"
    shopt -s dotglob
    mv "$staging"/* "$share"/
    shopt -u dotglob
    rmdir "$staging"
  else
    echo "nas: share is not empty; seed $seed skipped"
  fi
fi

cat > /etc/nginx/nginx.conf <<CFG
user www-data;
worker_processes 1;
pid /run/nginx.pid;
error_log stderr warn;

events { worker_connections 512; }

http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    server_tokens off;
    access_log /dev/stdout;

    server {
        listen 80 default_server;
        root ${share};
        autoindex on;
        autoindex_exact_size off;
        add_header X-Content-Type-Options nosniff always;
        location ~ /\. { return 404; }
        # The share is data: scripts on it are shown as text here, never run or rendered.
        location ~* \.(php|phtml|phar|cgi|pl|py|sh)$ { types { } default_type text/plain; }
    }

    server {
        listen 127.0.0.1:8081;
        access_log off;
        location = /health { return 200 "ok\n"; }
    }
}
CFG

nginx -t -q || die "rendered nginx configuration is invalid"
exec nginx -g 'daemon off;'
