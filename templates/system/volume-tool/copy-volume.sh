#!/bin/bash
# colo-copy-volume: the copies behind snapshots, clones and restores, run by Colo through exec in
# a volume-tool container that mounts every source read-only under /src and every target under /dst.
#
#   colo-copy-volume probe DIR          prints "method=reflink|copy avail=BYTES" for DIR's filesystem
#   colo-copy-volume usage DIR...       prints "BYTES DIR" per directory (space used on disk)
#   colo-copy-volume full SRC DST       DST becomes a copy of SRC (reflinks where the filesystem can)
#   colo-copy-volume sync SRC DST       brings DST up to date with SRC: only what changed is copied
#
# Errors go to stderr with the directory they concern; the exit status is non-zero on any error.
set -euo pipefail
export LC_ALL=C

case "${1:-}" in
  probe)
    dir=$2
    probe="$dir/.colo-reflink-probe.$$"
    trap 'rm -f "$probe" "$probe.copy"' EXIT
    head -c 65536 /dev/zero >"$probe"
    if cp --reflink=always "$probe" "$probe.copy" 2>/dev/null; then method=reflink; else method=copy; fi
    rm -f "$probe" "$probe.copy"
    echo "method=$method avail=$(df -B1 --output=avail "$dir" | tail -n 1 | tr -d ' ')"
    ;;
  usage)
    shift
    for dir in "$@"; do echo "$(du -s -B1 "$dir" | cut -f1) $dir"; done
    ;;
  full)
    src=$2 dst=$3
    # A target left by an earlier attempt starts empty again: the copy is whole or it is nothing.
    find "$dst" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
    cp -a --reflink=auto "$src/." "$dst/"
    ;;
  sync)
    src=$2 dst=$3
    rsync -aH --numeric-ids --delete --inplace "$src/" "$dst/"
    ;;
  *)
    echo "usage: colo-copy-volume probe|usage|full|sync ..." >&2
    exit 2
    ;;
esac
