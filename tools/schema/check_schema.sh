#!/bin/sh
# Regenerates schema/artifact-versions.openapi.json from the seed document and
# fails (exit 1) if it differs from the committed file. Meant as a ctest:
#
#   tools/schema/check_schema.sh [SEED.md]
#
# SEED defaults to $TFSCHEMA_SEED, else schema/apply-artifact-version.openapi.md (the
# endpoint's OpenAPI document as published, kept in the repository).
#
# Exit status: 0 = up to date, 1 = drift (a diff is printed; regenerate with
# `tools/schema/openapi_to_json.py -o schema/artifact-versions.openapi.json`),
# 2 = could not run (missing seed, missing PyYAML: apt-get install -y python3-yaml).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seed=${1:-${TFSCHEMA_SEED:-$root/schema/apply-artifact-version.openapi.md}}
committed="$root/schema/artifact-versions.openapi.json"
python=${PYTHON:-/usr/bin/python3}

if [ ! -r "$seed" ]; then
  echo "check_schema.sh: cannot read seed document $seed" >&2
  exit 2
fi
if [ ! -r "$committed" ]; then
  echo "check_schema.sh: missing $committed" >&2
  exit 1
fi

tmp=$(mktemp "${TMPDIR:-/tmp}/openapi.XXXXXX.json")
trap 'rm -f "$tmp"' EXIT INT TERM

if ! "$python" "$here/openapi_to_json.py" "$seed" -o "$tmp"; then
  exit 2
fi

if diff -u "$committed" "$tmp"; then
  exit 0
fi
echo "check_schema.sh: $committed is out of date with $seed" >&2
echo "  regenerate: $python tools/schema/openapi_to_json.py -o schema/artifact-versions.openapi.json" >&2
exit 1
