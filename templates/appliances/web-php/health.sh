#!/bin/bash
# Healthy when a request through nginx reaches PHP-FPM and PHP answers: the loopback-only health
# server runs a script outside the user's docroot, so the check never depends on the app.
exec 3<>/dev/tcp/127.0.0.1/8081 || exit 1
printf 'GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
response=$(timeout 2 cat <&3) || exit 1
[[ $response == HTTP/1.?' 200'* && $response == *php-ok* ]]
