#!/bin/bash
# colo-node-agent [PORT [CLIENT-NAME]]: Colo's node agent. Listens on PORT (2378) of every address
# of its node (a global Swarm service on the host network) with TLS, and relays each connection to
# the node's Docker socket. The handshake fails unless the client presents a certificate that
# chains to Colo's CA (agent-ca.pem) and names CLIENT-NAME (Colo's own client certificate: the
# registry relays' certificate comes from the same CA and must not open a node's engine).
# Certificates and the key arrive as Swarm secrets under /run/secrets, never in the image.
set -euo pipefail
port=${1:-2378}
client=${2:-colo-node-agent-client}
secrets=${AGENT_SECRETS_DIR:-/run/secrets}
socket=${AGENT_DOCKER_SOCKET:-/var/run/docker.sock}
for f in agent-cert.pem agent-key.pem agent-ca.pem; do
  [[ -r $secrets/$f ]] || { echo "colo-node-agent: $secrets/$f is missing" >&2; exit 1; }
done
[[ -S $socket ]] || { echo "colo-node-agent: $socket is not a socket (bind the node's Docker socket)" >&2; exit 1; }
echo "colo-node-agent: 0.0.0.0:$port (TLS, client certificate $client from Colo's CA) -> $socket"
# verify=1 on a listener: a client certificate is required and checked against cafile;
# commonname= makes socat check the client certificate's name too. -t: once one side half-closes
# (an exec whose stdin ended), the other keeps flowing until Docker ends it (the command's output
# after its input), up to an hour, instead of socat's 0.5 s.
exec socat -d -t 3600 "OPENSSL-LISTEN:$port,reuseaddr,fork,cert=$secrets/agent-cert.pem,key=$secrets/agent-key.pem,cafile=$secrets/agent-ca.pem,verify=1,commonname=$client" \
  "UNIX-CONNECT:$socket"
