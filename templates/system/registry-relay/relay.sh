#!/bin/bash
# colo-registry-relay HOST PORT: plain HTTP on 127.0.0.1:5000 of this node (Docker pulls from a
# 127.0.0.0/8 registry without TLS), TLS to the registry at HOST:PORT with Colo's client
# certificate. The registry's certificate must chain to Colo's CA and name HOST; nothing
# leaves the node in clear. Binding 127.0.0.1 keeps the plain side off every network.
set -euo pipefail
host=${1:?usage: colo-registry-relay HOST PORT}
port=${2:?usage: colo-registry-relay HOST PORT}
listen=${RELAY_LISTEN_PORT:-5000}
secrets=${RELAY_SECRETS_DIR:-/run/secrets}
for f in relay-cert.pem relay-key.pem registry-ca.pem; do
  [[ -r $secrets/$f ]] || { echo "colo-registry-relay: $secrets/$f is missing" >&2; exit 1; }
done
echo "colo-registry-relay: 127.0.0.1:$listen -> $host:$port (TLS, client certificate)"
exec socat -d "TCP-LISTEN:$listen,bind=127.0.0.1,reuseaddr,fork" \
  "OPENSSL:$host:$port,cert=$secrets/relay-cert.pem,key=$secrets/relay-key.pem,cafile=$secrets/registry-ca.pem,verify=1,commonname=$host"
