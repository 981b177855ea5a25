#!/bin/bash
# Renders tinyproxy's config from NET_ALLOW (comma-separated host names) and runs it as PID 1,
# as the class's user (nobody): no User/Group lines, since dropping privileges needs capabilities.
# Default deny: a host not on the list is refused (403), CONNECT goes to port 443 only, and an
# empty list allows nothing at all.
set -euo pipefail
die() { echo "net: $*" >&2; exit 64; }

allow=${NET_ALLOW:-}
# The validator checks this pattern already; checking again keeps a bad value out of the filter.
host='([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z]([a-z0-9-]*[a-z0-9])?'
[[ -z $allow || $allow =~ ^$host(,$host)*$ ]] \
  || die "allow is not a comma-separated list of host names (no IP addresses): $allow"
[[ ,$allow, =~ (,|\.)localhost, ]] && die "allow must not name localhost: $allow"

mkdir -p /run/net
: > /run/net/filter
IFS=, read -r -a hosts <<< "$allow"
for h in "${hosts[@]}"; do
  # Anchored and with dots escaped: `example.com` allows exactly that host, not `example.com.evil`.
  printf '^%s$\n' "${h//./\\.}" >> /run/net/filter
done
# An empty filter file would match nothing anyway; a pattern that can match no host name says so.
[[ -s /run/net/filter ]] || echo '^$' > /run/net/filter

cat > /run/net/tinyproxy.conf <<CFG
Port 3128
Listen 0.0.0.0
Timeout 600
MaxClients 200
LogLevel Connect
DisableViaHeader Yes
Filter "/run/net/filter"
FilterExtended On
FilterCaseSensitive Off
FilterDefaultDeny Yes
FilterURLs Off
ConnectPort 443
CFG
exec tinyproxy -d -c /run/net/tinyproxy.conf
