#!/usr/bin/env bash
# Asks both reference servers about every example body in corpus/examples
# and stores their exact answers (status and body), for the CLI test:
#   corpus/examples/<name>.json  ->  corpus/examples/expected/<name>.v2, <name>.v1
# (first line: HTTP status; then the response body, empty for 200).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/tools/oracle/setup.sh" >/dev/null
cases=$(mktemp)
trap 'rm -f "$cases"' EXIT
for f in "$root"/corpus/examples/*.json; do
  python3 -c 'import json,sys; print(json.dumps({"id": sys.argv[1], "body": open(sys.argv[2], encoding="utf-8", errors="surrogateescape").read()}))' \
    "$(basename "$f" .json)" "$f"
done > "$cases"
mkdir -p "$root/corpus/examples/expected"
for version in v2 v1; do
  bash "$root/tools/oracle/ask.sh" "$version" "$cases" | python3 -c '
import json, sys
for line in sys.stdin:
    a = json.loads(line)
    with open(sys.argv[1] + "/" + a["id"] + "." + sys.argv[2], "w", encoding="utf-8") as out:
        out.write(str(a["status"]) + "\n" + (a["raw"] if a["status"] != 200 else ""))
' "$root/corpus/examples/expected" "$version"
done
