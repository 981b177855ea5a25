#!/bin/bash
# Healthy when node answers on its loopback-only health port: the launcher serves it from the
# app's own process, so a hung event loop fails the check whatever routes the app has.
exec 3<>/dev/tcp/127.0.0.1/8081 || exit 1
printf 'GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
response=$(timeout 2 cat <&3) || exit 1
[[ $response == HTTP/1.?' 200'* && $response == *node-ok* ]]
