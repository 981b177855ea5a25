#!/bin/bash
# colo-copy-volume: the copies behind snapshots, clones and restores, run by Colo through exec in
# a volume-tool container. Colo names every directory: an operation's own tool mounts each source
# read-only as /src/<i> and each target as /dst/<i>; the host's warm tool sees the daemon's volume
# directory read-only as /host-ro and writable as /host, so a volume is /host-ro/<name>/_data
# (read) or /host/<name>/_data (written). Sources must be under /src or /host-ro, targets under
# /dst or /host. One call covers every volume: an exec per pass, not per volume.
#
#   colo-copy-volume probe DST SRC...     "method=reflink|copy avail=BYTES" (of DST's filesystem),
#                                         then "BYTES FILES SRC" per source
#   colo-copy-volume usage DIR...         "BYTES DIR" per directory (space used on disk)
#   colo-copy-volume full SRC DST [SRC DST]...
#                                         every DST becomes a copy of its SRC (reflinks where it can)
#   colo-copy-volume sync METHOD SINCE SRC DST [SRC DST]...
#                                         brings every DST up to date with its SRC; SINCE is when the
#                                         full copy began (seconds since the epoch). With METHOD
#                                         reflink, what changed is cloned again, not read.
#   colo-copy-volume running              the tags of the copies running now, one per line
#   colo-copy-volume cancel TAG           stops every copy started with COLO_COPY_TAG=TAG
#
# Errors go to stderr naming the directory they concern; the exit status is non-zero on any error.
set -euo pipefail
export LC_ALL=C
RUNNING=/tmp/colo-running

fail() { echo "colo-copy-volume: $*" >&2; exit 2; }

# A directory Colo may read (source) or write (target): under its side's roots, no "..", present.
checked() {
  local side=$1 dir=$2
  [[ $dir != *..* && $dir != *//* ]] || fail "not a plain path: $dir"
  case "$side:$dir" in
    src:/src/[0-9]* | src:/host-ro/?*/_data | dst:/dst/[0-9]* | dst:/host/?*/_data) ;;
    *) fail "not a $side directory: $dir" ;;
  esac
  [ -d "$dir" ] || fail "$dir is not mounted"
}

# group_alive PGID: a process of the group still runs (a zombie is dead, whoever reaps it).
group_alive() {
  local stat rest state pgrp
  for stat in /proc/[0-9]*/stat; do
    rest=$(cat "$stat" 2>/dev/null) || continue
    rest=${rest##*) }
    read -r state _ pgrp _ <<<"$rest"
    [[ $pgrp == "$1" && $state != Z ]] && return 0
  done
  return 1
}

COPY_JOBS=4

# copy_one SRC DST ERRORS: DST becomes a copy of SRC; ERRORS gets what went wrong and ERRORS.rc
# the status.
copy_one() {
  local s=$1 d=$2 e=$3 status=0
  # A target left by an earlier attempt starts empty again: the copy is whole or it is nothing.
  find "$d" -mindepth 1 -maxdepth 1 -exec rm -rf {} + 2>"$e" || status=$?
  # The source's content, owner, mode and times land in the existing target.
  ((status != 0)) || cp -a --reflink=auto "$s/." "$d/" 2>"$e" || status=$?
  if ((status != 0)) && [[ -s $e ]] && ! grep -qv "^cp: cannot stat '$s/.*': No such file or directory$" "$e"; then
    # A running source may delete a file between cp listing it and reading it (PostgreSQL's
    # pg_internal.init): that one is not an error, since the paused sync pass that follows a
    # live copy makes the copy exact. Any other complaint (a full disk, …) fails the pass.
    echo "colo-copy-volume: $(wc -l <"$e") file(s) vanished from $s while copying; the sync pass settles them" >"$e"
    status=0
  fi
  echo "$status" >"$e.rc"
}

# pairs SRC DST ...: fills the arrays src and dst, checked.
pairs() {
  (($# >= 2 && $# % 2 == 0)) || fail "expected SRC DST pairs, got $# paths"
  src=() dst=()
  while (($#)); do
    checked src "$1"; checked dst "$2"
    src+=("$1") dst+=("$2")
    shift 2
  done
}

# A copy started with a tag is findable by it: `cancel` stops a copy whose operation is gone.
# It runs as the leader of its own process group (setsid), so cancel stops it and all it started.
if [[ -n ${COLO_COPY_TAG:-} && ${1:-} != running && ${1:-} != cancel ]]; then
  [[ $COLO_COPY_TAG =~ ^[A-Za-z0-9_.-]+$ ]] || fail "not a tag: $COLO_COPY_TAG"
  if [[ -z ${COLO_COPY_LEADER:-} ]]; then
    export COLO_COPY_LEADER=1
    exec setsid -w "$0" "$@"
  fi
  mkdir -p "$RUNNING"
  mark="$RUNNING/$COLO_COPY_TAG.$$"
  : >"$mark"
  trap 'rm -f "$mark"' EXIT
fi

case "${1:-}" in
  probe)
    shift
    (($# >= 2)) || fail "usage: probe DST SRC..."
    checked dst "$1"
    probe="$1/.colo-reflink-probe.$$"
    shift
    for s in "$@"; do checked src "$s"; done
    # Whether the filesystem clones, tried once per filesystem for the life of this tool.
    known="/tmp/colo-method.$(stat -f -c %i "$(dirname "$probe")")"
    if [[ -s $known ]]; then
      method=$(<"$known")
    else
      head -c 65536 /dev/zero >"$probe"
      if cp --reflink=always "$probe" "$probe.copy" 2>/dev/null; then method=reflink; else method=copy; fi
      rm -f "$probe" "$probe.copy"
      echo "$method" >"$known"
    fi
    echo "method=$method avail=$(df -B1 --output=avail "$(dirname "$probe")" | tail -n 1 | tr -d ' ')"
    # Space and entries per source, two processes for all of them.
    paste <(du -s -B1 "$@") <(du -s --inodes "$@") | while IFS=$'\t' read -r bytes dir files _; do
      echo "$bytes $files $dir"
    done
    ;;
  usage)
    shift
    for d in "$@"; do checked dst "$d"; done
    du -s -B1 "$@"
    ;;
  full)
    shift
    pairs "$@"
    # Several volumes copy at once (a few at a time): one cp waits on the disk between reads
    # and writes that another fills, and the whole takes less than one after the other.
    errors=$(mktemp -d)
    for i in "${!src[@]}"; do
      copy_one "${src[$i]}" "${dst[$i]}" "$errors/$i" &
      while (($(jobs -rp | wc -l) >= COPY_JOBS)); do wait -n || true; done
    done
    wait
    status=0
    for i in "${!src[@]}"; do
      rc=$(cat "$errors/$i.rc" 2>/dev/null || echo 1)
      if ((rc != 0)); then
        cat "$errors/$i" >&2 2>/dev/null || true
        status=$rc
      elif [[ -s $errors/$i ]]; then
        cat "$errors/$i" >&2
      fi
    done
    rm -rf "$errors"
    exit "$status"
    ;;
  sync)
    method=${2:-} since=${3:-}
    [[ $method == reflink || $method == copy ]] || fail "not a copy method: $method"
    [[ $since =~ ^[0-9]+$ ]] || fail "not a time: $since"
    shift 3
    pairs "$@"
    # One rsync for every volume, not one per volume (each costs a few processes, in the pause):
    # a staging directory names each source by its target's path under the targets' root, so
    # `rsync -R STAGE/./REL/ ROOT/` lands each source in its own target.
    stage=/tmp/colo-stage.$$
    mkdir "$stage"
    trap 'rm -rf "$stage"; [[ -z ${mark:-} ]] || rm -f "$mark"' EXIT
    root='' rels=() staged=()
    for i in "${!src[@]}"; do
      s=${src[$i]} d=${dst[$i]}
      case "$d" in
        /dst/*) r=/dst rel=${d#/dst/} ;;
        /host/*) r=/host rel=${d#/host/} ;;
      esac
      [[ -z $root || $root == "$r" ]] || fail "targets under two roots: $root and $r"
      root=$r
      # What changed since the full copy began is what has a newer inode change time (a write,
      # a rename, a mode; a directory for what was added to or deleted from it), with two
      # seconds of margin for the kernel's coarse file clock. A volume where nothing did is
      # skipped: the pause costs what was written, not how many volumes there are.
      [[ -n $(find "$s" -newerct "@$((since - 2))" -print -quit) ]] || continue
      if [[ $method == reflink ]]; then
        # A changed file is cloned again whole: moments, whatever its size, and exact; the rsync
        # below then finds it equal.
        (cd "$s" && find . -newerct "@$((since - 2))" ! -type d -print0) \
          | (cd "$s" && xargs -0 -r cp -a --reflink=always --remove-destination --parents -t "$d/")
      fi
      [[ $rel != */* ]] || mkdir -p "$stage/${rel%/*}"
      ln -s "$s" "$stage/$rel"
      rels+=("$rel") staged+=("$stage/./$rel/")
    done
    ((${#rels[@]} > 0)) || exit 0
    # What differs in size or time (to the nanosecond), and what is gone from a source.
    rsync -aHR --no-implied-dirs --numeric-ids --delete --inplace --no-whole-file --modify-window=-1 \
      "${staged[@]}" "$root/"
    if [[ $method == copy ]]; then
      # A file changed twice within one clock tick keeps its size and time, and the pass above
      # took it for unchanged (a database page rewritten in place): every changed file is
      # compared by content; the unchanged bulk is not read again.
      (cd "$stage" && find "${rels[@]/%//}" -newerct "@$((since - 2))" ! -type d -print0) \
        | rsync -aH --no-implied-dirs --numeric-ids --inplace --no-whole-file --ignore-times --from0 --files-from=- "$stage/" "$root/"
    fi
    ;;
  running)
    [ -d "$RUNNING" ] || exit 0
    for mark in "$RUNNING"/*; do
      [ -e "$mark" ] || continue
      pid=${mark##*.}
      if [ -d "/proc/$pid" ]; then basename "${mark%.*}"; else rm -f "$mark"; fi
    done | sort -u
    ;;
  cancel)
    tag=${2:-}
    [[ $tag =~ ^[A-Za-z0-9_.-]+$ ]] || fail "not a tag: $tag"
    for mark in "$RUNNING/$tag".*; do
      [ -e "$mark" ] || continue
      pid=${mark##*.}
      # The copy's whole process group: the script, its cp, find, xargs and rsync; gone (a cp
      # in the middle of a write takes a moment to die) before its targets may be removed.
      kill -KILL -- "-$pid" 2>/dev/null || true
      for ((t = 0; t < 100; t++)); do group_alive "$pid" || break; sleep 0.1; done
      rm -f "$mark"
      echo "cancelled $pid"
    done
    ;;
  *)
    echo "usage: colo-copy-volume probe|usage|full|sync|running|cancel ..." >&2
    exit 2
    ;;
esac
