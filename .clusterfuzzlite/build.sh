#!/bin/bash -eu
# Builds every fuzz target the way OSS-Fuzz and ClusterFuzzLite do. Runs in the source root
# (the Dockerfile's WORKDIR; scripts/fuzz_build.sh does the same here) with CC, CXX, CFLAGS,
# CXXFLAGS, LIB_FUZZING_ENGINE, OUT, SRC and WORK set by the caller, and writes to $OUT, for
# each target of fuzz_targets.txt (made by fuzz/CMakeLists.txt, the one list of targets):
#   <target>                    the libFuzzer binary
#   <target>_seed_corpus.zip    corpus/<target>/
#   <target>.options            libFuzzer options (the dictionary, max_len) for ClusterFuzz
# and the dictionary tfschema.dict (fuzz/tfschema.dict).
src=$PWD
deps=$WORK/deps
build=$WORK/tfschema

# In the ClusterFuzzLite image, the libraries the targets link (simdjson, RE2, nlohmann/json)
# are sources in $SRC (see the Dockerfile), built here with the same flags as tfschema, C++
# standard library (libc++) included. Without them (scripts/fuzz_build.sh) the system's
# libraries are used.
if [ -d "$SRC/re2" ]; then
  cmake -S "$SRC/simdjson" -B "$WORK/simdjson" -G Ninja -DCMAKE_BUILD_TYPE=OSSFuzz \
    -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_CXX_FLAGS="$CXXFLAGS" -DCMAKE_INSTALL_PREFIX="$deps" \
    -DBUILD_SHARED_LIBS=OFF -DSIMDJSON_DEVELOPER_MODE=OFF
  cmake --build "$WORK/simdjson" --target install
  cmake -S "$SRC/json" -B "$WORK/json" -G Ninja -DCMAKE_INSTALL_PREFIX="$deps" -DJSON_BuildTests=OFF
  cmake --build "$WORK/json" --target install
  make -C "$SRC/re2" -j"$(nproc)" CXX="$CXX" CXXFLAGS="$CXXFLAGS" obj/libre2.a
  mkdir -p "$deps/include/re2" "$deps/lib/pkgconfig"
  cp "$SRC"/re2/re2/{filtered_re2,re2,set,stringpiece}.h "$deps/include/re2/"
  cp "$SRC/re2/obj/libre2.a" "$deps/lib/"
  printf 'Name: re2\nDescription: RE2\nVersion: 0\nCflags: -I%s\nLibs: -L%s -lre2 -pthread\n' \
    "$deps/include" "$deps/lib" > "$deps/lib/pkgconfig/re2.pc"
fi

# TFSCHEMA_WERROR: off by default, so that a newer clang's new warning does not stop the
# fuzzing; the project's CI (scripts/fuzz_build.sh) turns it on.
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=OSSFuzz \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
  -DCMAKE_PREFIX_PATH="$deps" -DTFSCHEMA_FUZZ=ON -DTFSCHEMA_FUZZ_ENGINE="$LIB_FUZZING_ENGINE" \
  -DTFSCHEMA_NATIVE=OFF -DTFSCHEMA_WERROR="${TFSCHEMA_WERROR:-OFF}" -DTFSCHEMA_BUILD_TESTS=OFF \
  -DTFSCHEMA_BUILD_BENCHMARKS=OFF -DTFSCHEMA_BUILD_EXAMPLES=OFF
cmake --build "$build" --target tfschema_fuzzers --parallel "$(nproc)"

cp "$src/fuzz/tfschema.dict" "$OUT/"
while read -r target; do
  seeds=("$src/corpus/$target"/*)
  [ -f "${seeds[0]}" ] || { echo "build.sh: no seeds in corpus/$target/" >&2; exit 1; }
  cp "$build/fuzz/$target" "$OUT/"
  rm -f "$OUT/${target}_seed_corpus.zip"
  python3 -c 'import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for f in sys.argv[2:]:
        z.write(f, os.path.basename(f))' "$OUT/${target}_seed_corpus.zip" "${seeds[@]}"
  printf '[libfuzzer]\ndict = tfschema.dict\nmax_len = 65536\n' > "$OUT/$target.options"
done < "$build/fuzz/fuzz_targets.txt"
