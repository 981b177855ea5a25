#!/bin/bash
# colo-copy-volume: the copies behind snapshots, clones and restores, run by Colo through exec in
# a volume-tool container that mounts every source read-only as /src/<i> and every target as
# /dst/<i> (i = 0 … N-1). One call covers every volume: an exec per pass, not per volume.
#
#   colo-copy-volume probe N          "method=reflink|copy avail=BYTES", then "BYTES /src/<i>" per source
#   colo-copy-volume usage DIR...     "BYTES DIR" per directory (space used on disk)
#   colo-copy-volume full N           every /dst/<i> becomes a copy of /src/<i> (reflinks where it can)
#   colo-copy-volume sync N SINCE     brings every /dst/<i> up to date with /src/<i>; SINCE is when
#                                     the full copy began (seconds since the epoch)
#
# Errors go to stderr naming the directory they concern; the exit status is non-zero on any error.
set -euo pipefail
export LC_ALL=C

# dirs PREFIX N: PREFIX/0 … PREFIX/N-1, checked to exist.
dirs() {
  local prefix=$1 n=$2 i
  [[ $n =~ ^[0-9]+$ ]] && ((n >= 1)) || { echo "colo-copy-volume: not a volume count: $n" >&2; exit 2; }
  for ((i = 0; i < n; i++)); do
    [ -d "$prefix/$i" ] || { echo "colo-copy-volume: $prefix/$i is not mounted" >&2; exit 2; }
    echo "$prefix/$i"
  done
}

case "${1:-}" in
  probe)
    mapfile -t src < <(dirs /src "${2:-}")
    probe="/dst/0/.colo-reflink-probe.$$"
    trap 'rm -f "$probe" "$probe.copy"' EXIT
    head -c 65536 /dev/zero >"$probe"
    if cp --reflink=always "$probe" "$probe.copy" 2>/dev/null; then method=reflink; else method=copy; fi
    rm -f "$probe" "$probe.copy"
    echo "method=$method avail=$(df -B1 --output=avail /dst/0 | tail -n 1 | tr -d ' ')"
    du -s -B1 "${src[@]}"
    ;;
  usage)
    shift
    du -s -B1 "$@"
    ;;
  full)
    mapfile -t src < <(dirs /src "${2:-}")
    mapfile -t dst < <(dirs /dst "${2:-}")
    # A target left by an earlier attempt starts empty again: the copy is whole or it is nothing.
    for d in "${dst[@]}"; do find "$d" -mindepth 1 -maxdepth 1 -exec rm -rf {} +; done
    # /src/<i> lands in the existing /dst/<i>: its content, owner, mode and times.
    # A running source may delete a file between cp listing it and reading it (PostgreSQL's
    # pg_internal.init): that one is not an error, since the paused sync pass that follows a live
    # copy makes the copy exact. Any other complaint (a full disk, …) fails the pass.
    status=0
    cp -a --reflink=auto "${src[@]}" /dst/ 2>/tmp/cp-errors || status=$?
    if ((status != 0)); then
      if [[ ! -s /tmp/cp-errors ]] || grep -qv "^cp: cannot stat '/src/.*': No such file or directory$" /tmp/cp-errors; then
        cat /tmp/cp-errors >&2
        exit "$status"
      fi
      echo "colo-copy-volume: $(wc -l < /tmp/cp-errors) file(s) vanished while copying; the sync pass settles them" >&2
    fi
    ;;
  sync)
    mapfile -t src < <(dirs /src "${2:-}")
    since=${3:-}
    [[ $since =~ ^[0-9]+$ ]] || { echo "colo-copy-volume: not a time: $since" >&2; exit 2; }
    # Pass one: what differs in size or time (to the nanosecond), and what is gone from a source.
    rsync -aH --numeric-ids --delete --inplace --no-whole-file --modify-window=-1 "${src[@]}" /dst/
    # Pass two: a file changed twice within one clock tick keeps its size and time, and pass one
    # would take it for unchanged (a database page rewritten in place). Everything whose inode
    # changed since the full copy began (a write, a rename) is compared by content; the unchanged
    # bulk is not read again. Two seconds of margin for the kernel's coarse file clock.
    (cd /src && find "${src[@]#/src/}" -newerct "@$((since - 2))" ! -type d -print0) \
      | rsync -aH --numeric-ids --inplace --no-whole-file --ignore-times --from0 --files-from=- /src/ /dst/
    ;;
  *)
    echo "usage: colo-copy-volume probe|usage|full|sync ..." >&2
    exit 2
    ;;
esac
