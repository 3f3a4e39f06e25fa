#!/usr/bin/env bash
# usage: python/tests/run_in_oracle_chroot.sh [COMMAND...]
# The Python tests on the v2 reference server's interpreter: builds the module with
# Debian 13's toolchain for Python 3.13 inside the chroot that tools/oracle/setup.sh
# makes (ORACLE_ROOT), then runs COMMAND there (default: pytest on python/tests, so that
# test_apps.py serves the v2 app, FastAPI 0.115 + Pydantic 2.10, bare and behind
# PrecheckMiddleware) from a copy of the sources, with PYTHONPATH set to the module.
# The build is -O1 (a test build); benchmarks want TFSCHEMA_CHROOT_CXXFLAGS=-O3. Needs root (chroot); exits 77 (ctest: skipped) when the
# chroot or its build packages are missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ORACLE_ROOT=${ORACLE_ROOT:-/opt/tfschema-oracle/trixie}
skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" -eq 0 ] || skip "chroot needs root"
[ -x "$ORACLE_ROOT/usr/bin/python3" ] || skip "no chroot at $ORACLE_ROOT: run tools/oracle/setup.sh"
chroot "$ORACLE_ROOT" sh -c 'command -v g++ && command -v cmake && command -v ninja &&
  python3 -c "import pytest, fastapi, uvicorn, httpx"' >/dev/null 2>&1 ||
  skip "the chroot lacks the build packages: run tools/oracle/setup.sh"

work=$(mktemp -d "$ORACLE_ROOT/tmp/tfschema-python.XXXXXX")
trap 'rm -rf "$work"' EXIT
# What the build (library + module only) and the tests read.
(cd "$root" && cp -r --parents CMakeLists.txt cmake include src nginx python bench/data tools/oracle/app_v2.py tests/support \
   tests/golden/v1.jsonl tests/golden/v2.jsonl "$work/")
# Not the v1 goldens: the host runs them (python_module).
[ $# -gt 0 ] || set -- python3 -m pytest -q -p no:cacheprovider python/tests -k "not test_v1_golden"
inside=/tmp/$(basename "$work")
# Two warnings that Debian 12 (the project's toolchain: GCC 12, simdjson 3.0) does
# not give stay warnings here: GCC 14 sees a false "may be used uninitialized" in
# src/rules/request_rules.hpp (check_source's `tag`, set by find_member before any
# use), and simdjson 3.12's new number_type::big_integer is missing from the switch
# in src/walk/stream_walker.hpp's read_number (it falls through to unreadable(): the
# exact path reads the number, as for any integer past 64 bits).
TFSCHEMA_GCC14_FLAGS="-Wno-error=maybe-uninitialized -Wno-error=switch"
chroot "$ORACLE_ROOT" env -i PATH=/usr/bin:/bin HOME=/root \
    CXXFLAGS="$TFSCHEMA_GCC14_FLAGS" OPT="-DNDEBUG ${TFSCHEMA_CHROOT_CXXFLAGS:--O1}" bash -c '
  set -euo pipefail
  cd "$1"; shift
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DTFSCHEMA_BUILD_PYTHON=ON -DTFSCHEMA_BUILD_TESTS=OFF -DTFSCHEMA_BUILD_FUZZERS=OFF \
    -DTFSCHEMA_BUILD_CLI=OFF -DTFSCHEMA_BUILD_NGINX_MODULE=OFF -DTFSCHEMA_INSTALL=OFF \
    -DTFSCHEMA_BUILD_BENCHMARKS=OFF -DCMAKE_CXX_FLAGS_RELEASE="$OPT" >/dev/null
  if ! cmake --build build --target tfschema_python --parallel "$(nproc)" >build.log 2>&1; then
    cat build.log; exit 1
  fi
  PYTHONPATH=build/python PYTHONDONTWRITEBYTECODE=1 "$@"
' _ "$inside" "$@"
