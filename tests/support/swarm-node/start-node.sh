#!/bin/bash
# Starts the node's dockerd: its API on the unix socket and, for Colo and the test, on TCP port
# 2375 of the node's own address (a private test network, never published on the host).
# $COLO_NODE_REGISTRY (host:port) is trusted over plain HTTP: the test registry runs on a
# private network only.
set -euo pipefail
# Mounts made under / on the node (a share mounted by Colo's sshfs mounter) reach containers that
# bind them, as on a systemd machine, whose / is shared.
mount --make-rshared /
mkdir -p /etc/docker
registry=${COLO_NODE_REGISTRY:-}
cat >/etc/docker/daemon.json <<JSON
{
  "storage-driver": "overlay2",
  "default-address-pools": [{ "base": "10.213.0.0/16", "size": 24 }],
  "insecure-registries": [$( [[ -n $registry ]] && printf '"%s"' "$registry" )],
  "log-driver": "json-file",
  "log-opts": { "max-size": "5m", "max-file": "2" }
}
JSON
exec dockerd -H unix:///var/run/docker.sock -H tcp://0.0.0.0:2375 --tls=false
