#!/usr/bin/env bash
# Installs the two reference servers the goldens are asked from (idempotent; root; Debian's
# package mirror; a few minutes the first time):
#   v1: FastAPI 0.92 + Pydantic 1.10 from Debian 12, on the host's /usr/bin/python3
#   v2: FastAPI 0.115 + Pydantic 2.10 from Debian 13, in a debootstrapped chroot (ORACLE_ROOT)
# Prints the versions found; tools/goldens/ and the end-to-end tests use them. The chroot also
# gets what building the Python module for its interpreter needs (python/tests/run_in_oracle_chroot.sh).
set -euo pipefail
ORACLE_ROOT=${ORACLE_ROOT:-/opt/tfschema-oracle/trixie}
export DEBIAN_FRONTEND=noninteractive
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! /usr/bin/python3 -c 'import fastapi, pydantic, httpx, uvicorn' 2>/dev/null; then
  $sudo apt-get update -q >/dev/null
  $sudo apt-get install -y -q --no-install-recommends python3-fastapi python3-pydantic python3-httpx python3-uvicorn >/dev/null
fi
if ! $sudo chroot "$ORACLE_ROOT" python3 -c 'import fastapi, pydantic, httpx, uvicorn' 2>/dev/null; then
  command -v debootstrap >/dev/null || { $sudo apt-get update -q >/dev/null; $sudo apt-get install -y -q debootstrap >/dev/null; }
  $sudo mkdir -p "$ORACLE_ROOT"
  [ -x "$ORACLE_ROOT/usr/bin/apt-get" ] ||
    $sudo debootstrap --variant=minbase trixie "$ORACLE_ROOT" http://deb.debian.org/debian >/dev/null
  $sudo cp /etc/resolv.conf "$ORACLE_ROOT/etc/resolv.conf" 2>/dev/null || true
  $sudo chroot "$ORACLE_ROOT" bash -c 'export DEBIAN_FRONTEND=noninteractive; apt-get update -q >/dev/null &&
    apt-get install -y -q --no-install-recommends python3-fastapi python3-pydantic python3-httpx python3-uvicorn >/dev/null'
fi
# Building the Python module for the v2 interpreter (python/tests/run_in_oracle_chroot.sh):
# Debian 13's compiler, CMake, the library's dependencies, pybind11 and pytest in the chroot.
chroot_build_packages=(g++ cmake ninja-build pkg-config libsimdjson-dev libre2-dev nlohmann-json3-dev libyaml-dev
                       pybind11-dev python3-dev python3-pytest)
installed=$($sudo chroot "$ORACLE_ROOT" dpkg-query -W -f='${db:Status-Abbrev}\n' "${chroot_build_packages[@]}" 2>/dev/null |
            grep -c '^ii' || true)
if [ "$installed" -ne "${#chroot_build_packages[@]}" ]; then
  $sudo chroot "$ORACLE_ROOT" env DEBIAN_FRONTEND=noninteractive bash -c \
    'apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "$@" >/dev/null' _ "${chroot_build_packages[@]}"
fi
echo "v1: $(/usr/bin/python3 -c 'import fastapi, pydantic; print("fastapi", fastapi.__version__, "pydantic", pydantic.VERSION)')"
echo "v2: $($sudo chroot "$ORACLE_ROOT" python3 -c 'import fastapi, pydantic, sys; print("fastapi", fastapi.__version__, "pydantic", pydantic.VERSION, "python", sys.version.split()[0])')"
