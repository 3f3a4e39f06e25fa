#!/usr/bin/env bash
# fuzz.sh [SECONDS] [TARGET...]: builds every fuzz target as ClusterFuzzLite does
# (scripts/fuzz_build.sh -> .clusterfuzzlite/build.sh: libFuzzer, ASan+UBSan, OSS-Fuzz's
# flags), checks that the build made each target of fuzz_targets.txt (fuzz/CMakeLists.txt)
# with its seed corpus, options and dictionary, then runs each target (or only the TARGETs),
# two at a time, from corpus/<target>/ with its .options.
# SECONDS: per target (default 60), or budget:N for N seconds of wall time in all, shared
# evenly (two at a time, at least 10 s each), so that adding a target keeps the total.
# Fails on any finding; the crashing input is left in build-fuzz/artifacts/. New coverage
# stays in build-fuzz/corpus/ (scripts/fuzz_campaign.sh merges it into corpus/).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
build="$root/build-fuzz"
export OUT="$build/out" WORK="$build/work"
rm -rf "$OUT"  # a fresh OUT, as OSS-Fuzz gives: nothing stale passes the check below
mkdir -p "$build" "$OUT"
"$root/scripts/fuzz_build.sh" > "$build/build.log" 2>&1 || { tail -40 "$build/build.log"; exit 1; }

# What the build must have made: every target, with seeds, options and the dictionary.
mapfile -t all < "$WORK/tfschema/fuzz/fuzz_targets.txt"
for t in "${all[@]}"; do
  for f in "$OUT/$t" "$OUT/${t}_seed_corpus.zip" "$OUT/$t.options"; do
    [ -s "$f" ] || { echo "fuzz.sh: the build did not make $f" >&2; exit 1; }
  done
done
[ -s "$OUT/tfschema.dict" ] || { echo "fuzz.sh: the build did not make $OUT/tfschema.dict" >&2; exit 1; }
echo "fuzz.sh: .clusterfuzzlite/build.sh made ${#all[@]} targets: ${all[*]}"

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
if [[ $seconds == budget:* ]]; then
  seconds=$(( ${seconds#budget:} * 2 / ${#targets[@]} ))
  [ "$seconds" -ge 10 ] || seconds=10
fi
mkdir -p "$build/artifacts" "$build/logs"
run() {
  local target=$1 work="$build/corpus/$1" options
  mkdir -p "$work"
  cp -n "$root/corpus/$target"/* "$work/" 2>/dev/null || true
  mapfile -t options < <("$root/scripts/fuzz_flags.sh" "$OUT" "$target")
  if UBSAN_OPTIONS=silence_unsigned_overflow=1:print_stacktrace=1 "$OUT/$target" "${options[@]}" \
       -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=10 -print_final_stats=1 \
       -artifact_prefix="$build/artifacts/$target-" "$work" > "$build/logs/$target.log" 2>&1; then
    echo "$target: $(grep -E '^stat::number_of_executed_units' "$build/logs/$target.log" | awk '{print $2}') runs" \
         "in ${seconds} s, $(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$build/logs/$target.log" | tail -1), no finding"
  else
    echo "$target: FINDING (see $build/logs/$target.log)"; tail -30 "$build/logs/$target.log"; return 1
  fi
}
export -f run
export build root seconds OUT
status=0
printf '%s\n' "${targets[@]}" | xargs -P 2 -I{} bash -c 'run {}' || status=1
exit $status
