#!/usr/bin/env bash
# Asks the reference v2 server about every example body in corpus/examples
# and stores its exact answer (status and body) beside it, for the CLI test:
#   corpus/examples/<name>.json  ->  corpus/examples/expected/<name>.v2
# (first line: HTTP status; then the response body, empty for 200).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared="$root/../shared"
bash "$shared/oracle/setup.sh" >/dev/null
cases=$(mktemp)
trap 'rm -f "$cases"' EXIT
for f in "$root"/corpus/examples/*.json; do
  python3 -c 'import json,sys; print(json.dumps({"id": sys.argv[1], "body": open(sys.argv[2], encoding="utf-8", errors="surrogateescape").read()}))' \
    "$(basename "$f" .json)" "$f"
done > "$cases"
mkdir -p "$root/corpus/examples/expected"
bash "$shared/oracle/ask.sh" v2 "$cases" | python3 -c '
import json, sys
for line in sys.stdin:
    a = json.loads(line)
    with open(sys.argv[1] + "/" + a["id"] + ".v2", "w", encoding="utf-8") as out:
        out.write(str(a["status"]) + "\n" + (a["raw"] if a["status"] != 200 else ""))
' "$root/corpus/examples/expected"
