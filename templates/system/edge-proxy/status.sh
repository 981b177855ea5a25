#!/bin/bash
# colo-edge-status: prints "UP TOTAL": backends that pass HAProxy's health check, and backends
# that have an address (a replica found through DNS), for the backend of the published port.
# The seed servers (backups that bridge a start or a re-point) are the same replicas: not counted.
set -euo pipefail
echo 'show stat' | socat -t 2 - UNIX-CONNECT:/run/haproxy/admin.sock | awk -F, '
  $1 == "target" && $2 ~ /^replica/ {
    if ($18 !~ /MAINT/) { total++; if ($18 ~ /^UP/) up++ }
  }
  END { printf "%d %d\n", up, total }'
