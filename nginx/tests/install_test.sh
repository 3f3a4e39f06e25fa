#!/usr/bin/env bash
# install_test.sh BUILD_DIR: `cmake --install --component nginx-module` into a DESTDIR lays the
# module out as Debian's libnginx-mod-* packages do, and Debian's nginx loads the installed module
# through the installed snippet; a plain `cmake --install` leaves nginx's directories alone. The
# installed module exports nothing but what nginx looks up.
set -euo pipefail
build=$(cd "$1" && pwd)
work="$build/nginx-install-test"
fail() { echo "nginx install_test: $*" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work/tmp"

DESTDIR="$work/dest" cmake --install "$build" --component nginx-module > "$work/install.log"
so="$work/dest/usr/lib/nginx/modules/ngx_http_tfschema_module.so"
snippet="$work/dest/usr/share/nginx/modules-available/mod-tfschema.conf"
enabled="$work/dest/etc/nginx/modules-enabled/50-mod-tfschema.conf"
[ -f "$so" ] || fail "no $so"
[ "$(cat "$snippet")" = "load_module modules/ngx_http_tfschema_module.so;" ] || fail "$snippet: $(cat "$snippet")"
[ "$(readlink "$enabled")" = /usr/share/nginx/modules-available/mod-tfschema.conf ] || fail "$enabled not enabled"
# (ASan adds its __odr_asan markers of the same.)
exported=$(nm -D --defined-only "$so" | awk '{print $3}' |
  grep -v -E '^(__odr_asan\.)?ngx_(http_tfschema_module|modules|module_names|module_order)$' || true)
[ -z "$exported" ] || fail "the module exports $exported"

# Debian's nginx, its prefix moved to the installed tree: "modules/..." in the snippet resolves there.
cat > "$work/nginx.conf" <<CONF
include $snippet;
error_log $work/tmp/error.log;
pid $work/tmp/nginx.pid;
events {}
http {
    access_log off;
    server { listen 127.0.0.1:1; location / { tfschema_precheck pydantic-v1; return 204; } }
}
CONF
env ${NGINX_PRELOAD:+LD_PRELOAD="$NGINX_PRELOAD" ASAN_OPTIONS=detect_leaks=0} \
  /usr/sbin/nginx -t -q -p "$work/dest/usr/lib/nginx/" -c "$work/nginx.conf" -e "$work/tmp/error.log" ||
  fail "nginx -t with the installed module: $(cat "$work/tmp/error.log")"

# A plain install (what tests/install does) puts nothing of the module anywhere.
DESTDIR="$work/plain" cmake --install "$build" --prefix /opt/tfschema > "$work/plain.log"
for d in usr/lib/nginx usr/share/nginx etc/nginx; do
  [ ! -e "$work/plain/$d" ] || fail "a plain cmake --install installed /$d"
done
rm -rf "$work"
echo "nginx install_test: module, snippet and link installed; nginx -t loads it; a plain install leaves nginx alone"
