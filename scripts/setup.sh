#!/usr/bin/env bash
# Installs the Debian 12 packages tfschema builds with, if any is missing.
# Idempotent and quiet when everything is there; needs root (or sudo) otherwise.
set -euo pipefail
# python3-yaml: tools/schema (seed -> JSON check); node + npm: the ajv agreement test;
# clang-14 + libclang-rt-14-dev: libFuzzer; rapidjson-dev, libvalijson-dev: the benchmark
# peers; gnuplot-nox: the benchmark chart; python3-jsonschema: the CLI's JSON output check;
# nginx-dev (+ nginx): nginx/, the module builds against Debian's nginx sources and its tests run
# Debian's nginx; python3-uvicorn (+ python3-fastapi, python3-pydantic): they serve the v1
# reference app with them; curl: their HTTP/2 case; wrk: nginx/bench/run_load.py;
# time: scripts/fuzz_campaign.sh measures each fuzzer's CPU time with /usr/bin/time;
# libyaml-dev: the YAML manifest reader; pre-commit: the hook test runs .pre-commit-hooks.yaml
# through it; pybind11-dev + python3-dev: the Python module (python/); python3-pytest: its
# tests; python3-httpx: Starlette's TestClient in them (setup.sh uses --no-install-recommends);
# qemu-user: the portable build runs on emulated older CPUs (tests/dispatch/older_cpus_test.sh).
packages=(g++ cmake ninja-build pkg-config libsimdjson-dev libre2-dev nlohmann-json3-dev
          libgtest-dev libbenchmark-dev python3 python3-yaml clang-format
          clang-14 libclang-rt-14-dev rapidjson-dev libvalijson-dev gnuplot-nox
          python3-jsonschema nginx nginx-dev curl wrk python3-uvicorn python3-fastapi python3-pydantic time
          libyaml-dev pre-commit pybind11-dev python3-dev python3-pytest python3-httpx
          qemu-user)
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "setup: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >/dev/null
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
