#!/usr/bin/env bash
# older_cpus_test.sh QEMU_X86_64 TFSCHEMA CORPUS_EXAMPLES: the portable build
# on CPUs older than this machine's, emulated by qemu-user: each picks the
# kernel simdjson picks for it (--version says which) and answers every
# example as the server does. Nehalem has SSE4.2 but no PCLMULQDQ (so
# simdjson's westmere kernel cannot run: fallback), Westmere has both, and
# Haswell adds AVX2 and BMI (qemu's TCG runs AVX2 since QEMU 7.2). A kernel
# object that leaked an AVX2 instruction into shared code would fault here
# (SIGILL) on Nehalem and Westmere. The whole unit and golden suite runs the
# same way, too slow for every CI run (about a minute per CPU model):
#   qemu-x86_64 -cpu Nehalem build/tests/tfschema_tests
set -uo pipefail
qemu=$1 bin=$2 examples=$3
failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }
# qemu warns, on every start, of CPU model features its TCG lacks (pcid, rtm...).
emulate() { "$qemu" -cpu "$cpu" "$@" 2> >(grep -v "TCG doesn't support requested feature" >&2); }

for pair in Nehalem:fallback Westmere:westmere Haswell:haswell; do
  cpu=${pair%%:*} want=${pair#*:}
  got=$(emulate "$bin" --version | sed -n 's/^simd kernel: //p')
  [ "$got" = "$want" ] || { fail "$cpu: kernel '$got', want '$want'"; continue; }
  checked=0
  for version in v2 v1; do
    for f in "$examples"/*.json; do
      expected="$examples/expected/$(basename "$f" .json).$version"
      status=$(head -n 1 "$expected")
      got_body=$(emulate "$bin" validate --profile "pydantic-$version" --format fastapi "$f")
      got_exit=$?
      if [ "$status" = 200 ]; then
        [ "$got_exit" -eq 0 ] && [ -z "$got_body" ] || fail "$cpu $f $version: exit $got_exit for a valid body"
      else
        [ "$got_exit" -eq 1 ] && [ "$got_body" = "$(tail -n +2 "$expected")" ] ||
          fail "$cpu $f $version: exit $got_exit, not the server's answer: $got_body"
      fi
      checked=$((checked + 1))
    done
  done
  echo "$cpu: kernel $got, $checked answers as the server's"
done
exit "$failed"
