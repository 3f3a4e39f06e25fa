#!/usr/bin/env bash
# fuzz.sh [SECONDS] [TARGET...]: builds the libFuzzer targets with clang under
# ASan+UBSan (build-fuzz/) and runs each for SECONDS (default 60), two at a
# time, starting from corpus/<target>/. Fails on any finding; the crashing
# input is left in build-fuzz/artifacts/. New coverage stays in
# build-fuzz/corpus/ (merge it into corpus/ by hand when it is worth keeping).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
build="$root/build-fuzz"
cxx=$(command -v clang++-14 || command -v clang++)
"$root/scripts/build.sh" "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" \
  -DTFSCHEMA_FUZZ=ON -DTFSCHEMA_SANITIZE=ON -DTFSCHEMA_BUILD_TESTS=OFF -DTFSCHEMA_BUILD_BENCHMARKS=OFF \
  -DTFSCHEMA_BUILD_EXAMPLES=OFF -DTFSCHEMA_WERROR="${TFSCHEMA_WERROR:-OFF}" \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -g1" >/dev/null
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for t in "$build"/fuzz/fuzz_*; do [ -x "$t" ] && targets+=("$(basename "$t")"); done
fi
mkdir -p "$build/artifacts" "$build/logs"
run() {
  local target=$1 work="$build/corpus/$1"
  mkdir -p "$work"
  cp -n "$root/corpus/$target"/* "$work/" 2>/dev/null || true
  if "$build/fuzz/$target" -max_total_time="$seconds" -dict="$root/fuzz/tfschema.dict" -max_len=65536 \
       -rss_limit_mb=4096 -timeout=10 -print_final_stats=1 -artifact_prefix="$build/artifacts/$target-" \
       "$work" > "$build/logs/$target.log" 2>&1; then
    echo "$target: $(grep -E '^stat::number_of_executed_units' "$build/logs/$target.log" | awk '{print $2}') runs," \
         "$(grep -oE 'cov: [0-9]+' "$build/logs/$target.log" | tail -1) edges, no finding"
  else
    echo "$target: FINDING (see $build/logs/$target.log)"; tail -30 "$build/logs/$target.log"; return 1
  fi
}
export -f run
export build root seconds
status=0
printf '%s\n' "${targets[@]}" | xargs -P 2 -I{} bash -c 'run {}' || status=1
exit $status
