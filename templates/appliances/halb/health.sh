#!/bin/bash
# Healthy when HAProxy answers on its stats port, whether or not any backend exists yet: the
# balancer must come up before (and independently of) the tier it fronts.
exec 3<>/dev/tcp/127.0.0.1/8404 || exit 1
printf 'GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS= read -r -t 2 status <&3 || exit 1
[[ $status == HTTP/1.?' 200'* ]]
