#!/usr/bin/env bash
# usage: tools/oracle/ask.sh v1|v2 CASES.jsonl > ANSWERS.jsonl   (tools/oracle/setup.sh once first)
# Asks one reference server (run_oracle.py describes CASES and ANSWERS): v1 on the host's
# /usr/bin/python3, v2 inside the Debian 13 chroot that setup.sh made (ORACLE_ROOT).
# APP_DIR (default: this folder) is where app_v1.py and app_v2.py are taken from.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
APP_DIR=${APP_DIR:-$here}
ORACLE_ROOT=${ORACLE_ROOT:-/opt/tfschema-oracle/trixie}
case "${1:-}" in
  v1) work=$(mktemp -d)
      trap 'rm -rf "$work"' EXIT
      cp "$APP_DIR/app_v1.py" "$here/run_oracle.py" "$work/"
      /usr/bin/python3 "$work/run_oracle.py" v1 "$2" ;;
  v2) work=$(mktemp -d "$ORACLE_ROOT/tmp/ask.XXXXXX")
      trap 'rm -rf "$work"' EXIT
      cp "$APP_DIR/app_v2.py" "$here/run_oracle.py" "$work/"
      cp "$2" "$work/cases.jsonl"
      chroot "$ORACLE_ROOT" python3 "/tmp/$(basename "$work")/run_oracle.py" v2 "/tmp/$(basename "$work")/cases.jsonl" ;;
  *) echo "usage: $0 v1|v2 CASES.jsonl" >&2; exit 2 ;;
esac
