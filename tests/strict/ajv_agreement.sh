#!/usr/bin/env bash
# usage: ajv_agreement.sh BUILD_DIR STRICT_VERDICTS_BINARY
# Installs ajv into BUILD_DIR/ajv (npm ci from tools/ajv's lock file) and
# compares its verdicts with the strict profile's over the golden suite.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
verdicts=$2
"$root/tools/ajv/run.sh" "$build" "$root/tests/golden/v2.jsonl" > "$build/ajv-golden.jsonl"
"$verdicts" v2.jsonl > "$build/strict-golden.tsv"
python3 "$root/tests/strict/ajv_agreement.py" "$build/ajv-golden.jsonl" "$build/strict-golden.tsv"
