#!/bin/bash
# Picks the document root (the NAS share's www/ when wired and present, else the built-in page),
# renders nginx.conf from the WEB_* properties and runs nginx as PID 1. Runs as www-data on a
# read-only root: everything it writes goes to /run and /tmp (tmpfs).
set -euo pipefail

die() { echo "web-static: $*" >&2; exit 64; }

autoindex=${WEB_AUTOINDEX:-false}
cache=${WEB_CACHE_SECONDS:-0}
[[ $autoindex == true || $autoindex == false ]] || die "autoindex must be true or false, not $autoindex"
[[ $cache =~ ^[0-9]+$ ]] || die "cacheSeconds must be a whole number, not $cache"

# Decided once at start: a share that gains www/ later is picked up on the next restart.
docroot=/run/colo/www
if [[ -n ${FS_MOUNT:-} && -d $FS_MOUNT/www ]]; then
  docroot=$FS_MOUNT/www
fi
mkdir -p /run/colo /tmp/nginx
echo "web-static: serving $docroot"

# One worker per CPU the container may use, not per CPU of the host.
workers=1
if [[ -r /sys/fs/cgroup/cpu.max ]]; then
  read -r quota period < /sys/fs/cgroup/cpu.max
elif [[ -r /sys/fs/cgroup/cpu/cpu.cfs_quota_us ]]; then
  quota=$(< /sys/fs/cgroup/cpu/cpu.cfs_quota_us); period=$(< /sys/fs/cgroup/cpu/cpu.cfs_period_us)
fi
if [[ ${quota:-max} =~ ^[0-9]+$ && ${period:-0} -gt 0 ]]; then
  workers=$(( (quota + period - 1) / period ))
else
  workers=$(nproc)
fi
((workers >= 1)) || workers=1

cache_header=""
((cache > 0)) && cache_header="add_header Cache-Control \"public, max-age=${cache}\" always;"

cat > /run/colo/nginx.conf <<CFG
worker_processes ${workers};
pid /run/colo/nginx.pid;
error_log stderr warn;

events { worker_connections 1024; }

http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    server_tokens off;
    keepalive_timeout 30s;
    access_log /dev/stdout;
    # The root filesystem is read-only: request bodies and proxy buffers spill to the /tmp tmpfs.
    client_body_temp_path /tmp/nginx/body;
    proxy_temp_path /tmp/nginx/proxy;
    fastcgi_temp_path /tmp/nginx/fastcgi;
    uwsgi_temp_path /tmp/nginx/uwsgi;
    scgi_temp_path /tmp/nginx/scgi;
    # Load balancers sit in front: log the client they report, not the balancer.
    set_real_ip_from 0.0.0.0/0;
    real_ip_header X-Forwarded-For;

    server {
        listen 80 default_server;
        root ${docroot};
        index index.html index.htm;
        autoindex $([[ $autoindex == true ]] && echo on || echo off);
        add_header X-Colo-Host \$hostname always;
        ${cache_header}
        location / { try_files \$uri \$uri/ =404; }
        location ~ /\. { return 404; }
    }

    server {
        listen 127.0.0.1:8081;
        access_log off;
        location = /health { return 200 "ok\n"; }
    }
}
CFG

# The built-in page names the replica so a user can watch a balancer spread requests; the image's
# copy stays untouched, the served one is rendered into /run.
if [[ $docroot == /run/colo/www ]]; then
  cp -R /usr/share/colo/www/. /run/colo/www/
  sed -i "s/{{HOSTNAME}}/$(hostname)/g" /run/colo/www/index.html
fi

# -e stderr: the compiled-in error log under /var/log is read-only (and not ours).
nginx -e stderr -c /run/colo/nginx.conf -t -q || die "rendered configuration is invalid"
exec nginx -e stderr -c /run/colo/nginx.conf -g 'daemon off;'
