#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite: the Release build, the same
# suite under AddressSanitizer + UndefinedBehaviorSanitizer, and a short
# libFuzzer run of every fuzz target: FUZZ_SECONDS, either per target or, by
# default, budget:180 (180 s of wall time for all the targets together, two
# at a time, so that the fuzz phase with its build stays near 5 minutes
# however many targets there are).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
jobs=$(nproc)
# Warnings are errors in CI (scripts/fuzz_build.sh says so for the fuzz build).
"$root/scripts/build.sh" "$root/build" -DCMAKE_BUILD_TYPE=Release -DTFSCHEMA_WERROR=ON -DTFSCHEMA_BUILD_PYTHON=ON
# The sanitizer build skips the benchmarks (bench_smoke runs in the Release
# build) and uses -O1 with line tables only (-g1): what ASan needs, at about half
# the compile time of -O2 -g.
"$root/scripts/build.sh" "$root/build-asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTFSCHEMA_SANITIZE=ON -DTFSCHEMA_WERROR=ON -DTFSCHEMA_BUILD_PYTHON=ON \
  -DTFSCHEMA_BUILD_BENCHMARKS=OFF -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1"
echo "== sanitizer build (ASan+UBSan)"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir "$root/build-asan" --output-on-failure -j "$jobs"
echo "== fuzzing (libFuzzer, ASan+UBSan, built by .clusterfuzzlite/build.sh), ${FUZZ_SECONDS:-budget:180}"
"$root/scripts/fuzz.sh" "${FUZZ_SECONDS:-budget:180}"
echo "== release build"
ctest --test-dir "$root/build" --output-on-failure -j "$jobs"
