#!/usr/bin/env bash
# usage: ask_bytes.sh v1|v2 CASES.jsonl > ANSWERS.jsonl
# Like ../shared/oracle/ask.sh, for cases whose body is given as bytes ("body_b64").
# Uses the same apps (ORACLE_DIR, default <repo>/../shared/oracle) and, for v2, the same chroot.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(git -C "$here" rev-parse --show-toplevel)
ORACLE_DIR=${ORACLE_DIR:-$top/../shared/oracle}
ORACLE_ROOT=${ORACLE_ROOT:-/opt/tfschema-oracle/trixie}
case "$1" in
  v1) work=$(mktemp -d)
      cp "$ORACLE_DIR"/app_v1.py "$here"/run_oracle_bytes.py "$work/"
      /usr/bin/python3 "$work/run_oracle_bytes.py" v1 "$2"
      rm -rf "$work" ;;
  v2) work=$(mktemp -d "$ORACLE_ROOT/tmp/askb.XXXXXX")
      cp "$ORACLE_DIR"/app_v2.py "$here"/run_oracle_bytes.py "$work/"; cp "$2" "$work/cases.jsonl"
      chroot "$ORACLE_ROOT" python3 "/tmp/$(basename "$work")/run_oracle_bytes.py" v2 "/tmp/$(basename "$work")/cases.jsonl"
      rm -rf "$work" ;;
  *) echo "usage: $0 v1|v2 CASES.jsonl" >&2; exit 2 ;;
esac
