#!/bin/bash
# colo-edge-status: prints "UP TOTAL": backends that pass HAProxy's health check, and backends
# that have an address (a replica found through DNS), for the backend of the published port.
set -euo pipefail
echo 'show stat' | socat -t 2 - UNIX-CONNECT:/run/haproxy/admin.sock | awk -F, '
  $1 == "target" && $2 != "BACKEND" {
    if ($18 !~ /MAINT/) { total++; if ($18 ~ /^UP/) up++ }
  }
  END { printf "%d %d\n", up, total }'
