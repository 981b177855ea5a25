#!/bin/bash
# Healthy when nginx answers on its loopback-only health server and the share is mounted
# readable; the entrypoint seeds before nginx starts, so healthy also means seeded.
[[ -r /srv/share && -x /srv/share ]] || exit 1
exec 3<>/dev/tcp/127.0.0.1/8081 || exit 1
printf 'GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS= read -r -t 2 status <&3 || exit 1
[[ $status == HTTP/1.?' 200'* ]]
