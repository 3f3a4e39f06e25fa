#!/usr/bin/env bash
# yaml_lint.sh TFSCHEMA_BINARY [MANIFESTS] [RUNS]: linting a GitOps repository of YAML
# manifests (bench/make_gitops_tree.py: MANIFESTS artifact versions, default 10,000, one
# file each, some with a service or workspace document beside it) with
# `tfschema validate --format text`, at -j1 and -j2, interleaved, RUNS times each
# (default 5). Prints each run's wall time and max RSS (/usr/bin/time) and, per -j, the
# median wall time and files per second. Run it on an otherwise idle machine.
set -euo pipefail
bin=$1
manifests=${2:-10000}
runs=${3:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$root/bench/make_gitops_tree.py" "$tmp/repo" "$manifests"
files=$(find "$tmp/repo" -name '*.yaml' | wc -l)
bytes=$(du -sb "$tmp/repo" | cut -f1)
echo "tree: $files files, $bytes bytes"
"$bin" validate --format text --color never "$tmp/repo" | tail -n 1 || true
cat "$tmp/repo"/teams/*/*/*.yaml > /dev/null  # warm the page cache
for run in $(seq "$runs"); do
  for jobs in 1 2; do
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$bin" validate --format text --color never -j "$jobs" "$tmp/repo" > /dev/null || true
    read -r wall rss < <(tail -n 1 "$tmp/time")
    echo "run $run -j$jobs: ${wall} s, max RSS ${rss} KiB"
    echo "$wall" >> "$tmp/j$jobs"
  done
done
for jobs in 1 2; do
  median=$(sort -n "$tmp/j$jobs" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "-j$jobs: median ${median} s, $(awk -v f="$files" -v t="$median" 'BEGIN {printf "%.0f", f/t}') files/s"
done
