#!/bin/bash
# Healthy when nginx answers on its loopback-only health server; the user's docroot may hold
# anything, so the check never depends on it.
exec 3<>/dev/tcp/127.0.0.1/8081 || exit 1
printf 'GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS= read -r -t 2 status <&3 || exit 1
[[ $status == HTTP/1.?' 200'* ]]
