#!/bin/bash
# Seeds an empty share on first start, then serves it read-only over HTTP with nginx as PID 1.
# Runs as www-data on a read-only root: configuration goes to /run, nginx's scratch to /tmp.
set -euo pipefail

die() { echo "nas: $*" >&2; exit 64; }

share=/srv/share
seed=${NAS_SEED:-none}
[[ $seed =~ ^[a-z0-9-]+$ ]] || die "seed must be a seed name, not $seed"
[[ $seed == none || -d /usr/share/colo/seeds/$seed ]] || die "unknown seed: $seed"

mkdir -p /run/colo /tmp/nginx
if [[ $seed != none ]]; then
  # Only an empty share is seeded: a restart, a clone or a user's own files are never touched.
  # The copy goes to a staging folder first, so a start killed mid-copy leaves a share that still
  # counts as empty and is seeded again next time.
  staging="$share/.colo-seeding"
  if [[ -n $(ls -A "$share" | grep -vx '.colo-seeding') ]]; then
    echo "nas: share is not empty; seed $seed skipped"
  elif [[ ! -w $share ]]; then
    # A share made empty by an older, root-running nas stays root's: its files are still served.
    echo "nas: the share is owned by uid $(stat -c %u "$share"), not www-data: seed $seed skipped" >&2
  else
    echo "nas: seeding the empty share with $seed"
    rm -rf "$staging"
    # Copied by www-data, so web appliances (PHP runs as www-data too) can write what was seeded.
    cp -R /usr/share/colo/seeds/"$seed" "$staging"
    shopt -s dotglob
    mv "$staging"/* "$share"/
    shopt -u dotglob
    rmdir "$staging"
  fi
fi

cat > /run/colo/nginx.conf <<CFG
worker_processes 1;
pid /run/colo/nginx.pid;
error_log stderr warn;

events { worker_connections 512; }

http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    server_tokens off;
    access_log /dev/stdout;
    # The root filesystem is read-only: request bodies and proxy buffers spill to the /tmp tmpfs.
    client_body_temp_path /tmp/nginx/body;
    proxy_temp_path /tmp/nginx/proxy;
    fastcgi_temp_path /tmp/nginx/fastcgi;
    uwsgi_temp_path /tmp/nginx/uwsgi;
    scgi_temp_path /tmp/nginx/scgi;

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

# -e stderr: the compiled-in error log under /var/log is read-only (and not ours).
nginx -e stderr -c /run/colo/nginx.conf -t -q || die "rendered nginx configuration is invalid"
exec nginx -e stderr -c /run/colo/nginx.conf -g 'daemon off;'
