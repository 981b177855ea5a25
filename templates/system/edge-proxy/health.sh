#!/bin/bash
# Healthy when HAProxy answers on its loopback monitor port, whether or not any backend is up:
# the listener must not depend on the appliance it publishes.
exec 3<>/dev/tcp/127.0.0.1/10081 || exit 1
printf 'GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS= read -r -t 2 status <&3 || exit 1
[[ $status == HTTP/1.?' 200'* ]]
