#!/bin/bash
# colo-mount-share: mounts one share on this node, for as long as the container runs.
#   SHARE_KEY   the share's key: the mount appears at /shares/$SHARE_KEY (on the node:
#               /var/lib/colo-shares/$SHARE_KEY, bound here with rshared propagation)
#   SHARE_HOST  the share server's alias on the overlay network both are attached to
#   SHARE_USER  the user the server runs as (the share's owner); SHARE_PORT (2222)
#   /etc/colo-share/id, /etc/colo-share/known_hosts: written by Colo before the start
# colo-mount-share --check: healthy when the mount is there and answers.
#
# sshfs mounts at a point private to this container, and only once it is up is that bound to
# /shares/$SHARE_KEY: the directory clients bind exists only while the share is mounted, so a
# client started too early fails (and Swarm retries it) instead of serving an empty directory.
set -uo pipefail
key=${SHARE_KEY:?SHARE_KEY is required}
[[ $key =~ ^[a-z0-9][a-z0-9-]{0,62}$ ]] || { echo "colo-mount-share: not a share key: $key" >&2; exit 64; }
target=/shares/$key
stage=/run/colo-share/mnt
mounted() { awk -v t="$1" '$5 == t { found = 1 } END { exit !found }' /proc/self/mountinfo; }

if [[ ${1:-} == --check ]]; then
  mounted "$target" && timeout 5 stat -t "$target/." >/dev/null
  exit
fi

host=${SHARE_HOST:?SHARE_HOST is required}
user=${SHARE_USER:?SHARE_USER is required}
port=${SHARE_PORT:-2222}

# Also what a killed predecessor left: a dead FUSE mount answers "Transport endpoint is not
# connected" to every client until it is gone.
release() {
  if mounted "$target"; then umount -l "$target"; fi
  rmdir "$target" 2>/dev/null
  if mounted "$stage"; then fusermount3 -u -z "$stage"; fi
}
release
mkdir -p "$stage"

stopping=0
pid=
trap 'stopping=1; [[ -n $pid ]] && kill "$pid" 2>/dev/null' TERM INT

# Until stopped: connect (retrying while the server is not up yet), publish, and when sshfs
# ends, withdraw the mount before connecting again.
while ((!stopping)); do
  sshfs -f "$user@$host:/share" "$stage" -p "$port" \
    -o allow_other,reconnect,ServerAliveInterval=5,ServerAliveCountMax=3,ConnectTimeout=5 \
    -o BatchMode=yes,IdentitiesOnly=yes,IdentityFile=/etc/colo-share/id \
    -o UserKnownHostsFile=/etc/colo-share/known_hosts,StrictHostKeyChecking=yes,GlobalKnownHostsFile=/dev/null \
    -o dir_cache=no &
  pid=$!
  while ! mounted "$stage" && kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  if mounted "$stage" && mkdir "$target" && mount --bind "$stage" "$target"; then
    echo "colo-mount-share: $user@$host:/share mounted at $target"
  elif mounted "$stage"; then
    # Mounted but not published (something else is at $target): not a mount to keep.
    echo "colo-mount-share: cannot publish the mount at $target" >&2
    kill "$pid" 2>/dev/null
  fi
  wait "$pid"
  # `wait` returns early on a trapped signal: wait for sshfs itself to end.
  while kill -0 "$pid" 2>/dev/null; do wait "$pid"; done
  pid=
  release
  ((stopping)) || { echo "colo-mount-share: sshfs to $host ended; retrying" >&2; sleep 2; }
done
echo "colo-mount-share: unmounted $target"
