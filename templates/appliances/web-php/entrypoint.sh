#!/bin/bash
# Picks the document root (the NAS share's www/ when wired and present, else the built-in page),
# renders nginx and PHP-FPM configuration from the PHP_* properties, then supervises both: when
# either dies the container exits, so Docker's restart policy (not a half-working replica) wins.
# Runs as www-data on a read-only root: everything it writes goes to /run and /tmp (tmpfs).
set -euo pipefail

die() { echo "web-php: $*" >&2; exit 64; }

workers=${PHP_WORKERS:-4}
memory_limit=${PHP_MEMORY_LIMIT:-128M}
upload_max=${PHP_UPLOAD_MAX:-16M}
display_errors=${PHP_DISPLAY_ERRORS:-false}
[[ $workers =~ ^[0-9]+$ ]] && ((workers >= 1 && workers <= 64)) || die "workers must be 1-64, not $workers"
[[ $memory_limit =~ ^[0-9]+[KMG]$ ]] || die "memoryLimit looks like 128M, not $memory_limit"
[[ $upload_max =~ ^[0-9]+[KMG]$ ]] || die "uploadMaxSize looks like 16M, not $upload_max"
[[ $display_errors == true || $display_errors == false ]] || die "displayErrors must be true or false"

# Decided once at start: a share that gains www/ later is picked up on the next restart.
docroot=/usr/share/colo/www
if [[ -n ${FS_MOUNT:-} && -d $FS_MOUNT/www ]]; then
  docroot=$FS_MOUNT/www
fi
echo "web-php: serving $docroot"

# One nginx worker per CPU the container may use, not per CPU of the host.
nginx_workers=1
if [[ -r /sys/fs/cgroup/cpu.max ]]; then
  read -r quota period < /sys/fs/cgroup/cpu.max
elif [[ -r /sys/fs/cgroup/cpu/cpu.cfs_quota_us ]]; then
  quota=$(< /sys/fs/cgroup/cpu/cpu.cfs_quota_us); period=$(< /sys/fs/cgroup/cpu/cpu.cfs_period_us)
fi
if [[ ${quota:-max} =~ ^[0-9]+$ && ${period:-0} -gt 0 ]]; then
  nginx_workers=$(( (quota + period - 1) / period ))
else
  nginx_workers=$(nproc)
fi
((nginx_workers >= 1)) || nginx_workers=1

mkdir -p /run/php /run/colo /tmp/nginx /tmp/php-sessions
cat > /run/colo/php-fpm.conf <<CFG
[global]
pid = /run/php/php-fpm.pid
error_log = /proc/self/fd/2
log_limit = 8192
daemonize = no

; The pool runs as the master's user (www-data): no user switch, no socket ownership to give.
[www]
listen = /run/php/php-fpm.sock
listen.mode = 0600
; Children start on demand and leave when idle: replicas stay small until traffic arrives.
pm = ondemand
pm.max_children = ${workers}
pm.process_idle_timeout = 30s
pm.max_requests = 1000
; The wiring arrives as environment (DB_*, FS_MOUNT); PHP must see it through getenv().
clear_env = no
catch_workers_output = yes
decorate_workers_output = no
php_admin_value[memory_limit] = ${memory_limit}
php_admin_value[upload_max_filesize] = ${upload_max}
php_admin_value[post_max_size] = ${upload_max}
php_admin_flag[display_errors] = $([[ $display_errors == true ]] && echo on || echo off)
php_admin_flag[log_errors] = on
php_admin_flag[expose_php] = off
php_admin_value[session.save_path] = /tmp/php-sessions
php_admin_value[upload_tmp_dir] = /tmp
CFG

cat > /run/colo/nginx.conf <<CFG
worker_processes ${nginx_workers};
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
    client_max_body_size ${upload_max};
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
        index index.php index.html;
        add_header X-Colo-Host \$hostname always;

        location / { try_files \$uri \$uri/ /index.php\$is_args\$args; }
        location ~ /\. { return 404; }
        location ~ \.php$ {
            try_files \$fastcgi_script_name =404;
            include /etc/nginx/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
            fastcgi_param HTTP_PROXY "";
            fastcgi_pass unix:/run/php/php-fpm.sock;
        }
    }

    server {
        listen 127.0.0.1:8081;
        access_log off;
        location = /health {
            include /etc/nginx/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME /usr/share/colo/health/health.php;
            fastcgi_pass unix:/run/php/php-fpm.sock;
        }
    }
}
CFG

php-fpm8.2 --test --fpm-config /run/colo/php-fpm.conf >/dev/null 2>&1 \
  || { php-fpm8.2 --test --fpm-config /run/colo/php-fpm.conf; die "rendered PHP-FPM configuration is invalid"; }
# -e stderr: the compiled-in error log under /var/log is read-only (and not ours).
nginx -e stderr -c /run/colo/nginx.conf -t -q || die "rendered nginx configuration is invalid"

php-fpm8.2 --nodaemonize --fpm-config /run/colo/php-fpm.conf &
fpm=$!
# nginx listens only once PHP does: a balancer that finds this replica (its checks see the port
# open) must never get a 502 from a PHP still starting.
for _ in $(seq 1 300); do
  [[ -S /run/php/php-fpm.sock ]] && break
  kill -0 "$fpm" 2>/dev/null || break
  sleep 0.1
done
nginx -e stderr -c /run/colo/nginx.conf -g 'daemon off;' &
web=$!

stopping=0
# A stop goes in order: nginx first (QUIT: it stops accepting, so a balancer sends new requests
# to another replica, and finishes the ones it has, which still need PHP), then PHP-FPM. Both at
# once would let nginx accept a request after PHP left and answer it 502.
on_stop() { stopping=1; kill -QUIT "$web" 2>/dev/null || true; }
trap on_stop TERM INT QUIT

status=0
wait -n || status=$?
if ((stopping == 1)); then
  wait "$web" 2>/dev/null || true
  kill -QUIT "$fpm" 2>/dev/null || true
  wait "$fpm" 2>/dev/null || true
  exit 0
fi
echo "web-php: a server process exited (status $status); stopping the other" >&2
kill -TERM "$web" "$fpm" 2>/dev/null || true
wait || true
# An unrequested exit is a failure even when the process said 0.
exit $((status == 0 ? 1 : status))
