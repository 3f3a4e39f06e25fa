#!/usr/bin/env bash
# usage: nginx/build-module.sh BUILD_DIR [configure|make|all]
# Builds BUILD_DIR/ngx_http_tfschema_module.so against Debian's nginx-dev sources the
# way Debian builds its libnginx-mod-* packages (debhelper's nginx_mod build system):
# nginx's ./configure with the packaged nginx's own flags (conf_flags: --with-compat
# and the rest) and dpkg-buildflags, then `make modules`. nginx compiles the module
# with -Werror. The library comes from TFSCHEMA_STATIC_LIB / TFSCHEMA_INCLUDE_DIR
# (see ./config); TFSCHEMA_NGINX_CC_OPT adds compiler flags (a sanitizer build's).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] || { sed -n '2,8p' "$0" >&2; exit 2; }
mkdir -p "$1"
build=$(cd "$1" && pwd)
step=${2:-all}
src=${NGINX_SRC:-/usr/share/nginx/src}
if [ ! -x "$src/configure" ] || [ ! -f "$src/conf_flags" ]; then
  echo "build-module.sh: no nginx module sources in $src (Debian: apt-get install nginx-dev)" >&2
  exit 1
fi

if [ "$step" = configure ] || [ "$step" = all ]; then
  cflags="$(dpkg-buildflags --get CFLAGS) -fPIC $(dpkg-buildflags --get CPPFLAGS) ${TFSCHEMA_NGINX_CC_OPT:-}"
  ldflags="$(dpkg-buildflags --get LDFLAGS) -fPIC"
  # NGX_CONF_FLAGS: the configure flags of Debian's nginx binary.
  # shellcheck disable=SC1091
  (cd "$src" && . ./conf_flags &&
    ./configure --with-cc-opt="$cflags" --with-ld-opt="$ldflags" "${NGX_CONF_FLAGS[@]}" \
      --add-dynamic-module="$here" --builddir="$build") > "$build/configure.log" 2>&1 ||
    { cat "$build/configure.log" >&2; echo "build-module.sh: nginx's configure failed" >&2; exit 1; }
fi
if [ "$step" = make ] || [ "$step" = all ]; then
  # nginx's Makefile does not know the library: relink every time (it is one link).
  rm -f "$build/ngx_http_tfschema_module.so"
  make -s -f "$build/Makefile" -C "$src" modules
fi
