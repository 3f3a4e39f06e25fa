#!/usr/bin/env bash
# fuzz_build.sh: builds every fuzz target here the way ClusterFuzzLite builds them in its image:
# sets what OSS-Fuzz's builder sets (CC, CXX, CFLAGS, CXXFLAGS, LIB_FUZZING_ENGINE, OUT, SRC,
# WORK) and runs .clusterfuzzlite/build.sh from the source root. The flags are OSS-Fuzz's
# (base-clang's CFLAGS, base-builder's address and undefined sanitizer sets and coverage flag),
# with two differences: ASan and UBSan go into one binary (OSS-Fuzz builds one per sanitizer),
# and the C++ library is libstdc++, since Debian's RE2 and simdjson are built against it (the
# image builds them from source with libc++). OSS-Fuzz's -Wno-error=... flags only excuse
# legacy C and are left out: clang 14 does not know all of them.
# Output: build-fuzz/out (OUT), build-fuzz/work (WORK).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export OUT=${OUT:-$root/build-fuzz/out} WORK=${WORK:-$root/build-fuzz/work} SRC=${SRC:-$root/build-fuzz/src}
mkdir -p "$OUT" "$WORK" "$SRC"
export CC=${CC:-$(command -v clang-14 || command -v clang)}
export CXX=${CXX:-$(command -v clang++-14 || command -v clang++)}
ubsan_checks=array-bounds,bool,builtin,enum,float-divide-by-zero,function,integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,signed-integer-overflow,unreachable,vla-bound,vptr
CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION"
CFLAGS+=" -fsanitize=address -fsanitize-address-use-after-scope"
CFLAGS+=" -fsanitize=$ubsan_checks,unsigned-integer-overflow -fno-sanitize-recover=$ubsan_checks"
CFLAGS+=" -fsanitize=fuzzer-no-link"
export CFLAGS CXXFLAGS="$CFLAGS" LIB_FUZZING_ENGINE=-fsanitize=fuzzer
export TFSCHEMA_WERROR=ON  # this project's CI: warnings are errors
cd "$root"
bash -eu .clusterfuzzlite/build.sh
