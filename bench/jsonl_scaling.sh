#!/usr/bin/env bash
# jsonl_scaling.sh TFSCHEMA_BINARY [MIB] [RUNS]: how `tfschema validate --jsonl`
# scales from -j1 to -j2 (SPEC/issue 5: "a JSON-lines batch over both cores
# scaling near 2x").
#
# Builds a MIB-mebibyte (default 256) JSON-lines file from the benchmark bodies
# (bench/data/*.json, each flattened to one line) and the golden bodies
# without newlines (tests/golden/v2.jsonl: valid, invalid, malformed), repeated
# in that order; then times -j1 and -j2, interleaved, RUNS times each
# (default 5), output (--format fastapi, every rejected body's 422) to
# /dev/null. Prints every run's wall time and the medians. Wall time is what
# scaling means here; run it on an otherwise idle machine.
set -euo pipefail
bin=$1
mib=${2:-256}
runs=${3:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$root" "$tmp/unit.jsonl" <<'PY'
import base64, glob, json, sys
root, out = sys.argv[1], sys.argv[2]
lines = []
for path in sorted(glob.glob(f"{root}/bench/data/*.json")):
    with open(path, "rb") as f:
        lines.append(json.dumps(json.loads(f.read()), ensure_ascii=False).encode())
with open(f"{root}/tests/golden/v2.jsonl", encoding="utf-8") as cases:
    for case in map(json.loads, cases):
        body = base64.b64decode(case["body_b64"])
        if b"\n" not in body:
            lines.append(body)
with open(out, "wb") as f:
    f.write(b"\n".join(lines) + b"\n")
PY
unit_bytes=$(stat -c %s "$tmp/unit.jsonl")
copies=$(( (mib * 1048576 + unit_bytes - 1) / unit_bytes ))
for _ in $(seq "$copies"); do cat "$tmp/unit.jsonl"; done > "$tmp/batch.jsonl"
bodies=$(wc -l < "$tmp/batch.jsonl")
size=$(stat -c %s "$tmp/batch.jsonl")
echo "input: $bodies bodies, $((size / 1048576)) MiB ($(nproc) CPUs, load: $(cut -d' ' -f1-3 /proc/loadavg))"

# Warm the page cache and check both runs agree before timing anything.
"$bin" validate --jsonl --format fastapi -j 1 "$tmp/batch.jsonl" > "$tmp/j1.out" || true
"$bin" validate --jsonl --format fastapi -j 2 "$tmp/batch.jsonl" > "$tmp/j2.out" || true
cmp -s "$tmp/j1.out" "$tmp/j2.out" || { echo "-j1 and -j2 outputs differ" >&2; exit 1; }
echo "rejected bodies: $(wc -l < "$tmp/j1.out")"

seconds() {  # seconds JOBS: one run's wall time
  local start end
  start=$(date +%s.%N)
  "$bin" validate --jsonl --format fastapi -j "$1" "$tmp/batch.jsonl" > /dev/null || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
# A control: how much CPU two busy loops get right now (200% on two idle cores).
# Below ~190% the machine is shared and -j2 cannot show its scaling.
spin_share() {
  /usr/bin/time -f '%P' bash -c '(timeout 1 bash -c "while :; do :; done" & timeout 1 bash -c "while :; do :; done"; wait)' 2>&1 | tail -n 1
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
: > "$tmp/t1"; : > "$tmp/t2"
for run in $(seq "$runs"); do
  t1=$(seconds 1); t2=$(seconds 2)
  echo "$t1" >> "$tmp/t1"; echo "$t2" >> "$tmp/t2"
  printf 'run %d: -j1 %.3f s, -j2 %.3f s (two busy loops got %s CPU)\n' "$run" "$t1" "$t2" "$(spin_share)"
done
m1=$(median < "$tmp/t1"); m2=$(median < "$tmp/t2")
printf 'median: -j1 %.3f s (%.0f MiB/s), -j2 %.3f s (%.0f MiB/s), speed-up %.2fx\n' \
  "$m1" "$(echo "$size / 1048576 / $m1" | bc -l)" "$m2" "$(echo "$size / 1048576 / $m2" | bc -l)" \
  "$(echo "$m1 / $m2" | bc -l)"
