#!/usr/bin/env bash
# usage: install_test.sh BUILD_DIR INSTALL_DIR PYTHON
# `cmake --install BUILD_DIR --component python` into a fresh prefix, then imports the
# package from PREFIX/INSTALL_DIR (nothing from the build tree) and validates a body.
set -euo pipefail
build=$1 dir=$2 python=$3
prefix=$(mktemp -d "$build/python-install.XXXXXX")
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --component python --prefix "$prefix" >/dev/null
cd "$prefix"
PYTHONPATH="$prefix/$dir" "$python" - "$prefix" <<'PY'
import os
import sys
import tfschema
import tfschema.asgi
prefix = sys.argv[1]
assert tfschema.__file__.startswith(prefix), tfschema.__file__
assert tfschema._tfschema.__file__.startswith(prefix), tfschema._tfschema.__file__
result = tfschema.Validator().validate(b"{}")
assert result.status_code == 422 and result.detail[0]["loc"] == ["body", "manifest"], result.body
here = os.path.dirname(tfschema.__file__)
installed = sorted(name.split(".")[0] + "." + name.rsplit(".", 1)[1] for name in os.listdir(here))
assert installed == ["__init__.py", "_detail.py", "_tfschema.pyi", "_tfschema.so", "asgi.py", "py.typed"], installed
print("imported", tfschema._tfschema.__file__)
PY
