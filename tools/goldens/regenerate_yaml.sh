#!/usr/bin/env bash
# Regenerate tests/golden/yaml.jsonl: YAML streams read by Debian 12's python3-yaml (6.0,
# yaml.safe_load_all) and written by json.dumps, each body asked of both reference servers.
# usage: tools/goldens/regenerate_yaml.sh        (from anywhere inside the repository)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(git -C "$here" rev-parse --show-toplevel)
export PYTHONDONTWRITEBYTECODE=1
export ORACLE_DIR=${ORACLE_DIR:-$top/tools/oracle}
bash "$ORACLE_DIR/setup.sh"
/usr/bin/python3 -c 'import yaml, sys; assert yaml.__version__ == "6.0", yaml.__version__' ||
  { echo "regenerate_yaml: the goldens are Debian 12's python3-yaml 6.0's answers" >&2; exit 1; }
/usr/bin/python3 "$here/make_yaml_cases.py" -o "$top/tests/golden/yaml.jsonl"
