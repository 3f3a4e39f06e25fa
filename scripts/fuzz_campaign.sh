#!/usr/bin/env bash
# fuzz_campaign.sh [MINUTES] [TARGET...]: a long fuzzing campaign, reported (docs/fuzzing.md).
#   1. builds the targets as CI does (scripts/fuzz_build.sh: .clusterfuzzlite/build.sh with
#      OSS-Fuzz's flags, libFuzzer + ASan + UBSan) and seeds each target from corpus/<target>/,
#      every golden body (tests/golden/v2.jsonl) and the examples and benchmark bodies;
#   2. measures coverage before (edges "cov" and features "ft" after reading the seeds);
#   3. fuzzes each target for MINUTES (default 60) of CPU time with the dictionary, two
#      targets at a time (in slices, each resuming from the last, until the fuzzer process has
#      had MINUTES of CPU: on a busy machine that takes longer than MINUTES of wall time);
#   4. measures coverage after, over the seeds and everything the run added;
#   5. merges what the run found back into corpus/<target>/ (libFuzzer -set_cover_merge=1,
#      below), as merged-<sha1> files, which tools/make_seed_corpora.py keeps;
#   6. asks the reference servers about every body the campaign produced
#      (tools/replay/replay.py, when the servers are installed: tools/oracle/setup.sh).
# Default TARGETs: fuzz_differential fuzz_validate. Output: build-fuzz/campaign/ (report.md,
# logs, the grown corpora, the replay report).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
minutes=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_differential fuzz_validate)
camp="$root/build-fuzz/campaign"
export OUT="$root/build-fuzz/out" WORK="$root/build-fuzz/work"
export UBSAN_OPTIONS=silence_unsigned_overflow=1:print_stacktrace=1
rm -rf "$camp"
mkdir -p "$camp/seeds" "$camp/logs"

echo "== build ($(date -u +%FT%TZ))"
"$root/scripts/fuzz_build.sh" > "$camp/logs/build.log" 2>&1 || { tail -40 "$camp/logs/build.log"; exit 1; }

# Extra seeds shared by every target: goldens (<= 64 KiB), examples, benchmark bodies.
/usr/bin/python3 - "$root" "$camp/seeds" <<'EOF'
import base64, hashlib, json, pathlib, sys
root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
bodies = [base64.b64decode(json.loads(line)["body_b64"]) for line in open(root / "tests/golden/v2.jsonl", encoding="utf-8")]
bodies += [p.read_bytes() for p in sorted((root / "corpus/examples").glob("*.json"))]
bodies += [p.read_bytes() for p in sorted((root / "bench/data").rglob("*.json"))]
for body in bodies:
    if len(body) <= 65536:
        (out / hashlib.sha1(body).hexdigest()).write_bytes(body)
EOF

# "cov: N ft: M" of the line where libFuzzer has read its inputs (-runs=0).
coverage() {  # coverage TARGET DIR...
  local target=$1; shift
  local flags; mapfile -t flags < <("$root/scripts/fuzz_flags.sh" "$OUT" "$target")
  "$OUT/$target" "${flags[@]}" -runs=0 "$@" 2>&1 | grep -oE 'INITED cov: [0-9]+ ft: [0-9]+' | awk '{print $3, $5}'
}

campaign() {  # campaign TARGET: fuzz, then one line of numbers into logs/TARGET.numbers
  local target=$1 grown="$camp/$1" flags
  mkdir -p "$grown"
  mapfile -t flags < <("$root/scripts/fuzz_flags.sh" "$OUT" "$target")
  read -r cov0 ft0 < <(coverage "$target" "$root/corpus/$target" "$camp/seeds")
  # libFuzzer limits wall time; CPU time is what was asked for, so fuzz in slices (each
  # resuming from what the last one grew) until the process has had MINUTES of CPU: on a
  # loaded machine that takes longer than MINUTES.
  local want=$((minutes * 60)) cpu=0 runs=0 slice=0 status=0
  while [ "$(awk -v c="$cpu" -v w="$want" 'BEGIN { print (c < w) }')" = 1 ] && [ $status -eq 0 ]; do
    slice=$((slice + 1))
    local wall
    wall=$(awk -v c="$cpu" -v w="$want" 'BEGIN { r = int(w - c); print (r < 10 ? 10 : r) }')
    status=0
    /usr/bin/time -f '%U %S' -o "$camp/logs/$target.cpu" \
      "$OUT/$target" "${flags[@]}" -max_total_time="$wall" -rss_limit_mb=4096 -timeout=10 \
      -print_final_stats=1 -artifact_prefix="$camp/logs/$target-" \
      "$grown" "$root/corpus/$target" "$camp/seeds" > "$camp/logs/$target.slice$slice.log" 2>&1 || status=$?
    # /usr/bin/time writes "Command exited with non-zero status N" first when the fuzzer fails.
    cpu=$(awk -v c="$cpu" 'END { print c + $1 + $2 }' "$camp/logs/$target.cpu")
    runs=$((runs + $(awk '/^stat::number_of_executed_units/{print $2}' "$camp/logs/$target.slice$slice.log")))
  done
  read -r cov1 ft1 < <(coverage "$target" "$grown" "$root/corpus/$target" "$camp/seeds")
  local crashes
  crashes=$(find "$camp/logs" -name "$target-*" -type f | wc -l)
  echo "$target $runs $(awk -v c="$cpu" 'BEGIN { printf "%.1f", c / 60 }') $cov0 $ft0 $cov1 $ft1 $crashes $slice" \
    > "$camp/logs/$target.numbers"
}
export -f campaign coverage
export root camp minutes OUT

echo "== fuzzing ${targets[*]} for $minutes min each, two at a time"
printf '%s\n' "${targets[@]}" | xargs -P 2 -I{} bash -c 'campaign {}'

echo "== merging into corpus/"
# -set_cover_merge=1 (libFuzzer's -merge=1 with a greedy set cover): the smallest set of
# inputs it finds with all the features of corpus/<target>/, the run's inputs and the seeds;
# those not already in corpus/<target>/ go there as merged-<sha1>, replacing the previous
# campaign's (a 1-minute trial kept 815 inputs where -merge=1 kept 1,487 for the same features).
for target in "${targets[@]}"; do
  merged="$camp/merge-$target"
  rm -rf "$merged" && mkdir -p "$merged"
  mapfile -t flags < <("$root/scripts/fuzz_flags.sh" "$OUT" "$target")
  "$OUT/$target" "${flags[@]}" -set_cover_merge=1 "$merged" "$root/corpus/$target" "$camp/$target" "$camp/seeds" \
    > "$camp/logs/$target.merge.log" 2>&1
  rm -f "$root/corpus/$target"/merged-*
  declare -A have=()
  for f in "$root/corpus/$target"/*; do have[$(sha1sum < "$f" | cut -c1-40)]=1; done
  added=0
  for f in "$merged"/*; do
    sum=$(sha1sum < "$f" | cut -c1-40)
    [ -n "${have[$sum]:-}" ] && continue
    cp "$f" "$root/corpus/$target/merged-$sum"
    added=$((added + 1))
  done
  unset have
  echo "$target: the set cover has $(ls "$merged" | wc -l) inputs; $added added to corpus/$target/," \
       "which now has $(ls "$root/corpus/$target" | wc -l)" | tee -a "$camp/logs/merge.txt"
done

{
  echo "Commit $(git -C "$root" rev-parse --short HEAD), $(date -u +%F), $(nproc) cores, load average" \
       "$(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo
  echo "| target | executions | CPU min | slices | edges before | features before | edges after | features after | crashes |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for target in "${targets[@]}"; do
    read -r t runs cpu cov0 ft0 cov1 ft1 crashes slices < "$camp/logs/$target.numbers"
    echo "| \`$t\` | $runs | $cpu | $slices | $cov0 | $ft0 | $cov1 | $ft1 | $crashes |"
  done
  echo
  sed 's/^/- /' "$camp/logs/merge.txt"
} > "$camp/report.md"

if chroot "${ORACLE_ROOT:-/opt/tfschema-oracle/trixie}" true 2>/dev/null && [ -x "$root/build/tfschema" ]; then
  echo "== replay against the reference servers"
  dirs=()
  for target in "${targets[@]}"; do dirs+=("$camp/$target"); done
  "$root/tools/replay/replay.py" -q --report "$camp/replay-report.jsonl" "${dirs[@]}" "$camp/seeds" \
    | tee "$camp/replay.txt" || true
  { echo; echo '```'; cat "$camp/replay.txt"; echo '```'; } >> "$camp/report.md"
else
  echo "(no replay: the reference servers or build/tfschema are missing)"
fi
echo "== $camp/report.md"
cat "$camp/report.md"
