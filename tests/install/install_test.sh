#!/usr/bin/env bash
# install_test.sh BUILD_DIR SOURCE_DIR GENERATOR CC CXX [SANITIZER_FLAGS]
# Installs the build into a temporary prefix inside BUILD_DIR, checks what got
# installed, then builds and runs tests/install/consumer against it as a user
# would: with find_package(tfschema CONFIG) linking the shared default and the
# static library; a C program with pkg-config's flags (tfschema.pc), shared and
# static, seeing no other .pc file (no simdjson development files needed); the
# C++ program with tfschema-cpp.pc and the compiler's default standard; the
# README's C and C++ examples, compiled as the README says. Every consumer
# answers each example body; the answer must be the server's
# (corpus/examples/expected/). Without sanitizers, tfschema is also built as a
# subproject (add_subdirectory) of tests/install/subproject. The CMake
# consumers are configured seeing only the library's own dependencies
# (simdjson, libyaml).
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
for f in libtfschema.a libtfschema.so libtfschema.so.0 pkgconfig/tfschema.pc pkgconfig/tfschema-cpp.pc \
         cmake/tfschema/tfschemaConfig.cmake \
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
! grep -q -E 'march|sanitize' "$libdir/cmake/tfschema/tfschemaTargets.cmake" "$libdir"/pkgconfig/tfschema*.pc ||
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

# The packages tfschema's tests and tools use: a project that uses only the
# library must configure with all of them missing. CMake packages are
# disabled; of the pkg-config ones only the library's libyaml is visible
# (RE2 is not).
only_the_libraries_dependencies=(-DCMAKE_DISABLE_FIND_PACKAGE_GTest=ON -DCMAKE_DISABLE_FIND_PACKAGE_GMock=ON
  -DCMAKE_DISABLE_FIND_PACKAGE_nlohmann_json=ON -DCMAKE_DISABLE_FIND_PACKAGE_benchmark=ON)
mkdir -p "$work/pkgconfig-library-only"
ln -s "$(pkg-config --variable=pcfiledir yaml-0.1)/yaml-0.1.pc" "$work/pkgconfig-library-only/"
library_pkg_config=(env PKG_CONFIG_LIBDIR="$work/pkgconfig-library-only" PKG_CONFIG_PATH=)

# CMake: find_package(tfschema CONFIG).
for variant in shared:tfschema::tfschema static:tfschema::tfschema_static; do
  kind=${variant%%:*} target=${variant#*:}
  dir="$work/cmake-$kind"
  "${library_pkg_config[@]}" cmake -S "$src/tests/install/consumer" -B "$dir" -G "$generator" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_PREFIX_PATH="$prefix" \
    -DTFSCHEMA_TARGET="$target" -DCMAKE_C_FLAGS="$sanitize" -DCMAKE_CXX_FLAGS="$sanitize" \
    -DCMAKE_EXE_LINKER_FLAGS="$sanitize" "${only_the_libraries_dependencies[@]}" > "$dir.log" 2>&1 ||
    { cat "$dir.log"; fail "configuring the $kind consumer"; }
  cmake --build "$dir" >> "$dir.log" 2>&1 || { cat "$dir.log"; fail "building the $kind consumer"; }
  [ "$kind" = shared ] && shared=yes || shared=no
  links_shared "$dir/consumer_cpp" $shared
  links_shared "$dir/consumer_c" $shared
  answer_all "cmake $target C++" "$dir/consumer_cpp"
  answer_all "cmake $target C" "$dir/consumer_c"
done

# pkg-config from C, as a user without simdjson's or libyaml's development files: only the
# installed .pc files are visible, and the C header includes nothing of simdjson.
# The shared library, then the static one.
c_flags=(-std=c99 -pedantic -Wall -Wextra -Werror)
pc_cflags=$(PKG_CONFIG_LIBDIR="$libdir/pkgconfig" pkg-config --cflags tfschema) ||
  fail "pkg-config --cflags tfschema needs another .pc file"
pc_libs=$(PKG_CONFIG_LIBDIR="$libdir/pkgconfig" pkg-config --libs tfschema)
pc_static_libs=$(PKG_CONFIG_LIBDIR="$libdir/pkgconfig" pkg-config --static --libs tfschema)
# shellcheck disable=SC2086 # flag lists
! "$cc" -M $pc_cflags "$src/tests/install/consumer/consumer.c" | grep -q simdjson || fail "tfschema.h includes simdjson"
# Nor do the C++ headers of results and their rendering (the simdjson overloads
# are validator.hpp's).
for header in tfschema/result.hpp tfschema/render.hpp; do
  # shellcheck disable=SC2086
  ! echo "#include <$header>" | "$cxx" -std=c++20 -M $pc_cflags -x c++ - | grep -q simdjson ||
    fail "$header includes simdjson"
done
# shellcheck disable=SC2086
"$cc" "${c_flags[@]}" $sanitize $pc_cflags "$src/tests/install/consumer/consumer.c" $pc_libs -Wl,-rpath,"$libdir" \
  -o "$work/pkgconfig-shared"
links_shared "$work/pkgconfig-shared" yes
answer_all "pkg-config shared C" "$work/pkgconfig-shared"
# `--static` adds the private dependencies; -l:libtfschema.a picks the archive
# where -ltfschema would pick the .so next to it.
# shellcheck disable=SC2086
"$cc" "${c_flags[@]}" $sanitize $pc_cflags "$src/tests/install/consumer/consumer.c" \
  $(echo "$pc_static_libs" | sed 's/-ltfschema\b/-l:libtfschema.a/') -o "$work/pkgconfig-static"
links_shared "$work/pkgconfig-static" no
answer_all "pkg-config static C" "$work/pkgconfig-static"

# pkg-config from C++: tfschema-cpp brings C++20 and simdjson's flags, so the
# compiler's default standard (C++17 for GCC 12) is no obstacle.
export PKG_CONFIG_PATH="$libdir/pkgconfig"
# shellcheck disable=SC2086
"$cxx" -Wall -Wextra -Werror $sanitize $(pkg-config --cflags tfschema-cpp) "$src/tests/install/consumer/consumer.cpp" \
  $(pkg-config --libs tfschema-cpp) -Wl,-rpath,"$libdir" -o "$work/pkgconfig-cpp"
links_shared "$work/pkgconfig-cpp" yes
answer_all "pkg-config shared C++" "$work/pkgconfig-cpp"

# The README's examples, extracted from it (the fenced block after each
# <!-- example: FILE --> marker) and built with the README's commands.
readme_block() {
  awk -v marker="<!-- example: $1 -->" '$0 == marker { found = 1; next }
    found && /^```/ { if (inside) exit; inside = 1; next } found && inside { print }' "$src/README.md"
}
readme_block app.c > "$work/app.c"
readme_block app.cpp > "$work/app.cpp"
[ -s "$work/app.c" ] && [ -s "$work/app.cpp" ] || fail "the README's examples are not marked"
# shellcheck disable=SC2086
cc_readme() { "$cc" -Wall -Wextra -Werror $sanitize "$@"; }
# shellcheck disable=SC2086
cxx_readme() { "$cxx" -Wall -Wextra -Werror $sanitize "$@"; }
# shellcheck disable=SC2046
cc_readme "$work/app.c" $(pkg-config --cflags --libs tfschema) -Wl,-rpath,"$libdir" -o "$work/app-c"
"$work/app-c" > "$work/app-c.out" || fail "the README's C example exits $?"
grep -q '^422 {"detail":\[{"type":"missing","loc":\["body","manifest","metadata"\]' "$work/app-c.out" ||
  fail "the README's C example answers $(cat "$work/app-c.out")"
# shellcheck disable=SC2046
cxx_readme "$work/app.cpp" $(pkg-config --cflags --libs tfschema-cpp) -Wl,-rpath,"$libdir" -o "$work/app-cpp"
set +e
"$work/app-cpp" "$work/no-such-file.json" > "$work/app-cpp.out" 2>&1; missing=$?
"$work/app-cpp" "$src/corpus/examples/valid-external.json" > /dev/null; valid=$?
"$work/app-cpp" "$src/corpus/examples/bad-paths.json" > "$work/app-cpp.out"; invalid=$?
set -e
[ "$missing/$valid/$invalid" = 2/0/1 ] || fail "the README's C++ example exits $missing/$valid/$invalid, not 2/0/1"
[ "$(cat "$work/app-cpp.out")" = "$(tr '\n' ' ' < "$src/corpus/examples/expected/bad-paths.v2" | sed 's/ $//')" ] ||
  fail "the README's C++ example answers $(cat "$work/app-cpp.out")"
echo "README examples: C and C++ build as the README says and answer as the server does"

# tfschema as a subproject: only the library is built, with only its own
# dependencies. Not repeated under sanitizers: it builds the library once more.
if [ -z "$sanitize" ]; then
  dir="$work/subproject"
  "${library_pkg_config[@]}" cmake -S "$src/tests/install/subproject" -B "$dir" -G "$generator" -DCMAKE_C_COMPILER="$cc" \
    -DCMAKE_CXX_COMPILER="$cxx" -DTFSCHEMA_SOURCE_DIR="$src" "${only_the_libraries_dependencies[@]}" \
    > "$dir.log" 2>&1 || { cat "$dir.log"; fail "configuring the subproject consumer"; }
  cmake --build "$dir" >> "$dir.log" 2>&1 || { cat "$dir.log"; fail "building the subproject consumer"; }
  links_shared "$dir/consumer_cpp" yes
  links_shared "$dir/consumer_c" no
  answer_all "add_subdirectory C++" "$dir/consumer_cpp"
  answer_all "add_subdirectory C" "$dir/consumer_c"
fi

# The installed command.
"$prefix/bin/tfschema" validate --format fastapi "$src/corpus/examples/bad-paths.json" > "$work/cli" || true
[ "$(cat "$work/cli")" = "$(tail -n +2 "$src/corpus/examples/expected/bad-paths.v2")" ] || fail "installed CLI answers wrong"
echo "install_test: all consumers agree with the servers"
