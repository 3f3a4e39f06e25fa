#!/usr/bin/env bash
# install_test.sh BUILD_DIR SOURCE_DIR GENERATOR CC CXX [SANITIZER_FLAGS]
# Installs the build into a temporary prefix inside BUILD_DIR, checks what got
# installed, then builds and runs tests/install/consumer against it as a user
# would: with find_package(tfschema CONFIG) linking the shared default and the
# static library, and a C program compiled with pkg-config's flags, shared and
# static. Every consumer answers each example body; the answer must be the
# server's (corpus/examples/expected/).
set -euo pipefail
build=$1 src=$2 generator=$3 cc=$4 cxx=$5 sanitize=${6:-}
work="$build/install-test"
prefix="$work/prefix"
rm -rf "$work"
mkdir -p "$work"
fail() { echo "install_test: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" > "$work/install.log"

# What a user gets.
libdir=$(dirname "$(find "$prefix" -name libtfschema.a)")
for f in include/tfschema/tfschema.h include/tfschema/tfschema.hpp include/tfschema/export.h bin/tfschema; do
  [ -e "$prefix/$f" ] || fail "$f not installed"
done
for f in libtfschema.a libtfschema.so libtfschema.so.0 pkgconfig/tfschema.pc cmake/tfschema/tfschemaConfig.cmake \
         cmake/tfschema/tfschemaConfigVersion.cmake cmake/tfschema/tfschemaTargets.cmake; do
  [ -e "$libdir/$f" ] || fail "$libdir/$f not installed"
done
soname=$(readelf -d "$libdir/libtfschema.so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ "$soname" = libtfschema.so.0 ] || fail "SONAME is '$soname', not libtfschema.so.0"
# Only the API is exported: C functions tfschema_*, C++ symbols in namespace
# tfschema.
leaked=$(nm -D --defined-only "$libdir/libtfschema.so" | awk '{print $3}' | c++filt |
         grep -v -E '^(tfschema_[a-z_]+|tfschema::.*)$' || true)
[ -z "$leaked" ] || fail "libtfschema.so exports symbols outside the API: $leaked"
# -march=native and the sanitizers are build flags, not usage requirements.
! grep -q -E 'march|sanitize' "$libdir/cmake/tfschema/tfschemaTargets.cmake" "$libdir/pkgconfig/tfschema.pc" ||
  fail "build-only flags leak into the installed package"

# answer_all NAME PROGRAM...: PROGRAM PROFILE BODY must print the server's answer.
answer_all() {
  local name=$1; shift
  local count=0
  for body in "$src"/corpus/examples/*.json; do
    for version in v2 v1; do
      local profile=pydantic-$version expected="$src/corpus/examples/expected/$(basename "$body" .json).$version"
      "$@" "$profile" "$body" > "$work/answer" || fail "$name exited $? on $body ($profile)"
      cmp -s "$work/answer" "$expected" || fail "$name answers $(head -c 300 "$work/answer") for $body, not $expected"
      count=$((count + 1))
    done
  done
  echo "$name: $count answers match the servers'"
}

# links_shared PROGRAM yes|no: whether PROGRAM needs libtfschema.so.0 at run time.
links_shared() {
  local needed
  needed=$(readelf -d "$1" | grep -c 'NEEDED.*libtfschema\.so\.0' || true)
  [ "$2" = yes ] && [ "$needed" = 1 ] && return 0
  [ "$2" = no ] && [ "$needed" = 0 ] && return 0
  fail "$1: libtfschema.so.0 needed? expected $2"
}

# CMake: find_package(tfschema CONFIG).
for variant in shared:tfschema::tfschema static:tfschema::tfschema_static; do
  kind=${variant%%:*} target=${variant#*:}
  dir="$work/cmake-$kind"
  cmake -S "$src/tests/install/consumer" -B "$dir" -G "$generator" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_PREFIX_PATH="$prefix" \
    -DTFSCHEMA_TARGET="$target" -DCMAKE_C_FLAGS="$sanitize" -DCMAKE_CXX_FLAGS="$sanitize" \
    -DCMAKE_EXE_LINKER_FLAGS="$sanitize" > "$dir.log" 2>&1 || { cat "$dir.log"; fail "configuring the $kind consumer"; }
  cmake --build "$dir" >> "$dir.log" 2>&1 || { cat "$dir.log"; fail "building the $kind consumer"; }
  [ "$kind" = shared ] && shared=yes || shared=no
  links_shared "$dir/consumer_cpp" $shared
  links_shared "$dir/consumer_c" $shared
  answer_all "cmake $target C++" "$dir/consumer_cpp"
  answer_all "cmake $target C" "$dir/consumer_c"
done

# pkg-config, from C: the shared library, then the static one.
export PKG_CONFIG_PATH="$libdir/pkgconfig"
pc_cflags=$(pkg-config --cflags tfschema)
# shellcheck disable=SC2086 # flag lists
"$cc" -std=c99 -pedantic -Wall -Wextra -Werror $sanitize $pc_cflags "$src/tests/install/consumer/consumer.c" \
  $(pkg-config --libs tfschema) -Wl,-rpath,"$libdir" -o "$work/pkgconfig-shared"
links_shared "$work/pkgconfig-shared" yes
answer_all "pkg-config shared C" "$work/pkgconfig-shared"
# `--static` adds the private dependencies; -l:libtfschema.a picks the archive
# where -ltfschema would pick the .so next to it.
# shellcheck disable=SC2086
"$cc" -std=c99 -pedantic -Wall -Wextra -Werror $sanitize $pc_cflags "$src/tests/install/consumer/consumer.c" \
  $(pkg-config --static --libs tfschema | sed 's/-ltfschema\b/-l:libtfschema.a/') -o "$work/pkgconfig-static"
links_shared "$work/pkgconfig-static" no
answer_all "pkg-config static C" "$work/pkgconfig-static"

# The installed command.
"$prefix/bin/tfschema" validate --format fastapi "$src/corpus/examples/bad-paths.json" > "$work/cli" || true
[ "$(cat "$work/cli")" = "$(tail -n +2 "$src/corpus/examples/expected/bad-paths.v2")" ] || fail "installed CLI answers wrong"
echo "install_test: all consumers agree with the servers"
