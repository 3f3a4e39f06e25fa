#!/usr/bin/env bash
# Sets up, builds (Release) and runs the CLI on the bundled example bodies:
# prints the FastAPI server's exact 422 body for each invalid one. The build includes the
# Python module (PYTHONPATH=build/python python3 -c 'import tfschema').
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh" "$root/build" -DCMAKE_BUILD_TYPE=Release -DTFSCHEMA_BUILD_PYTHON=ON >/dev/null
status=0
for f in "$root"/corpus/examples/*.json; do
  echo "== $(basename "$f")"
  "$root/build/tfschema" validate --format fastapi "$f" && echo "(valid)" || status=$?
  [ "$status" -le 1 ] || exit "$status"
done
exit 0
