#!/usr/bin/env bash
# usage: tools/oracle/compare_apps.sh OTHER_APP_DIR
# Optional check (not part of the test suite): asks this folder's app_v1.py/app_v2.py and
# OTHER_APP_DIR's (e.g. ../shared/oracle, the reconstructions the project started from)
# about every golden case, and fails if any answer differs by a byte.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
other=$(cd "${1:?usage: $0 OTHER_APP_DIR}" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    c = json.loads(line)
    print(json.dumps({"id": c["id"], "body_b64": c["body_b64"]}))' "$top/tests/golden/v2.jsonl" > "$tmp/cases.jsonl"
status=0
for v in v1 v2; do
  bash "$here/ask.sh" "$v" "$tmp/cases.jsonl" > "$tmp/ours.$v"
  APP_DIR="$other" bash "$here/ask.sh" "$v" "$tmp/cases.jsonl" > "$tmp/other.$v"
  if cmp -s "$tmp/ours.$v" "$tmp/other.$v"; then
    echo "$v: $(wc -l < "$tmp/ours.$v") answers, identical"
  else
    echo "$v: answers differ"; diff "$tmp/ours.$v" "$tmp/other.$v" | head -20; status=1
  fi
done
exit $status
