#!/bin/sh
# Runs the ajv reference validator (validate.mjs) over a JSON-lines case file.
#
#   tools/ajv/run.sh BUILD_DIR CASES.jsonl [--schema request|response|error] [--print-schema]
#
# Installs ajv + ajv-formats into BUILD_DIR/ajv from the committed
# package-lock.json (`npm ci`), but only when BUILD_DIR/ajv/node_modules is
# missing or the lock file changed since the last install; after the first
# install it runs offline. validate.mjs is copied next to node_modules (ES
# modules resolve packages relative to the importing file) and reads the
# committed schema/artifact-versions.openapi.json of this checkout.
#
# Environment: NODE (default node), NPM (default npm), TFSCHEMA_OPENAPI
# (another OpenAPI JSON). Exit status: validate.mjs's (0 ok, 2 usage/I/O), or
# 2 when the install fails.
set -eu

if [ $# -lt 2 ]; then
  echo "usage: $0 BUILD_DIR CASES.jsonl [validate.mjs options]" >&2
  exit 2
fi
build_dir=$1
cases=$2
shift 2

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
node=${NODE:-node}
npm=${NPM:-npm}
dir="$build_dir/ajv"
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

install() {
  if [ -d "$dir/node_modules" ] && [ -f "$dir/.installed-lock.json" ] &&
     cmp -s "$here/package-lock.json" "$dir/.installed-lock.json" &&
     cmp -s "$here/package.json" "$dir/package.json"; then
    return 0
  fi
  cp "$here/package.json" "$here/package-lock.json" "$dir/"
  rm -f "$dir/.installed-lock.json"
  if ! (cd "$dir" && "$npm" ci --no-audit --no-fund --silent >&2); then
    echo "$0: npm ci failed in $dir (the first install needs the npm registry)" >&2
    exit 2
  fi
  cp "$here/package-lock.json" "$dir/.installed-lock.json"
}

# Serialise concurrent installs into the same build tree (parallel ctest).
if command -v flock >/dev/null 2>&1; then
  exec 9>"$dir/.install.lock"
  flock 9
  install
  flock -u 9
  exec 9>&-
else
  install
fi

cp "$here/validate.mjs" "$dir/validate.mjs.tmp.$$"
mv -f "$dir/validate.mjs.tmp.$$" "$dir/validate.mjs"

exec "$node" "$dir/validate.mjs" \
  --openapi "${TFSCHEMA_OPENAPI:-$root/schema/artifact-versions.openapi.json}" \
  "$@" "$cases"
