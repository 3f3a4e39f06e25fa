#!/usr/bin/env bash
# usage: ajv_response_goldens.sh BUILD_DIR
# The ajv verdicts recorded in tests/golden/response.jsonl and error.jsonl
# (which tests/golden/response_golden_test.cpp holds the strict profile to)
# are still what ajv answers: runs ajv live over both files and compares.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
for schema in response error; do
  "$root/tools/ajv/run.sh" "$build" "$root/tests/golden/$schema.jsonl" --schema "$schema" > "$build/ajv-$schema.jsonl"
  python3 - "$root/tests/golden/$schema.jsonl" "$build/ajv-$schema.jsonl" <<'PY'
import json, sys
recorded = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
live = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
assert len(recorded) == len(live), (len(recorded), len(live))
changed = [f"{r['id']}: recorded {r['ajv_valid']}, ajv now says {l['valid']}"
           for r, l in zip(recorded, live) if r["id"] != l["id"] or r["ajv_valid"] != l["valid"]]
for line in changed[:20]:
    print(line)
print(f"{sys.argv[1]}: {len(recorded) - len(changed)} of {len(recorded)} recorded ajv verdicts hold")
sys.exit(1 if changed else 0)
PY
done
