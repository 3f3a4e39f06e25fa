#!/usr/bin/env bash
# Regenerate tests/golden/response.jsonl and tests/golden/error.jsonl: the
# response-schema cases of make_response_cases.py, each with ajv 8's verdict
# (tools/ajv, draft 2020-12 + ajv-formats) as the expected answer of the
# strict profile. No server is involved: no server validates responses.
# usage: tools/goldens/regenerate_responses.sh [BUILD_DIR]   (ajv is installed into BUILD_DIR/ajv)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(git -C "$here" rev-parse --show-toplevel)
build=${1:-$top/build}
py=/usr/bin/python3
export PYTHONDONTWRITEBYTECODE=1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for schema in response error; do
  "$py" "$here/make_response_cases.py" "$schema" "$top/tests/golden" > "$tmp/$schema-cases.jsonl"
  "$top/tools/ajv/run.sh" "$build" "$tmp/$schema-cases.jsonl" --schema "$schema" > "$tmp/$schema-ajv.jsonl"
  "$py" - "$tmp/$schema-cases.jsonl" "$tmp/$schema-ajv.jsonl" > "$top/tests/golden/$schema.jsonl" <<'PY'
import json, sys
cases = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
verdicts = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
assert len(cases) == len(verdicts)
for case, verdict in zip(cases, verdicts):
    assert case["id"] == verdict["id"]
    case["ajv_valid"] = verdict["valid"]
    if verdict["valid"] is None:
        case["ajv_reason"] = verdict["reason"]
    line = json.dumps(case, ensure_ascii=False)
    sys.stdout.write(line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085") + "\n")
PY
done
wc -l "$top/tests/golden/response.jsonl" "$top/tests/golden/error.jsonl"
