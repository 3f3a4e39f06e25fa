#!/usr/bin/env bash
# Regenerate tests/golden/{v1,v2}.jsonl and the counts in tests/golden/README.md:
#   1. make sure both reference servers are installed (tools/oracle/setup.sh),
#   2. re-measure the nesting thresholds and stop if they differ from make_cases.py,
#      and check that the Unicode tables in src/ are the servers' Pythons' (repr(), int()),
#   3. generate the cases, ask both servers, write the golden files.
# usage: tools/goldens/regenerate.sh        (from anywhere inside the repository)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(git -C "$here" rev-parse --show-toplevel)
py=/usr/bin/python3
export PYTHONDONTWRITEBYTECODE=1
export ORACLE_DIR=${ORACLE_DIR:-$top/tools/oracle}
bash "$ORACLE_DIR/setup.sh"
"$py" "$here/find_thresholds.py" --check >/dev/null
check_table() {  # check_table KIND FILE PYTHON...: FILE is what tools/python_unicode_tables.py KIND writes on PYTHON
  local kind=$1 file=$2; shift 2
  "$@" - "$kind" < "$top/tools/python_unicode_tables.py" | cmp -s - "$file" ||
    { echo "regenerate.sh: $file is not the server Python's table (tools/python_unicode_tables.py)" >&2; exit 1; }
}
check_table int "$top/src/rules/python_unicode_tables.inc" "$py"
check_table printable "$top/src/json/python311_nonprintable.inc" "$py"
check_table printable "$top/src/json/python313_nonprintable.inc" chroot "${ORACLE_ROOT:-/opt/tfschema-oracle/trixie}" python3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$py" "$here/make_cases.py" --bench "$top/bench/data" -o "$tmp/cases.jsonl"
mkdir -p "$top/tests/golden"
"$py" "$here/assemble.py" "$tmp/cases.jsonl" "$top/tests/golden"
ls -l "$top/tests/golden"
