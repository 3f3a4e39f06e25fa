#!/usr/bin/env bash
# The CLI's contract (SPEC §4): exact FastAPI output, exit statuses 0/1/2.
# usage: cli_test.sh TFSCHEMA_BINARY EXAMPLES_DIR
set -uo pipefail
bin=$1
examples=$2
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

expect_exit() {  # expect_exit WANT DESCRIPTION COMMAND...
  local want=$1 what=$2; shift 2
  "$@" >/dev/null 2>&1
  local got=$?
  [ "$got" -eq "$want" ] || fail "$what: exit $got, want $want"
}

# Each example prints exactly the server's answer (recorded by tools/example_answers.sh).
for version in v2 v1; do
profile=pydantic-$version
for f in "$examples"/*.json; do
  name=$(basename "$f" .json)
  expected="$examples/expected/$name.$version"
  [ -f "$expected" ] || { fail "$name: no expected answer"; continue; }
  status=$(head -n 1 "$expected")
  want_body=$(tail -n +2 "$expected")
  got_body=$("$bin" validate --profile "$profile" --format fastapi "$f")
  got_exit=$?
  if [ "$status" = 200 ]; then
    [ "$got_exit" -eq 0 ] || fail "$name: exit $got_exit for a valid body"
    [ -z "$got_body" ] || fail "$name: printed output for a valid body"
  else
    [ "$got_exit" -eq 1 ] || fail "$name: exit $got_exit for an invalid body"
    [ "$got_body" = "$want_body" ] || fail "$name: output differs from the server's
  got:  $got_body
  want: $want_body"
  fi
  # Standard input works like a file.
  [ "$("$bin" validate --profile "$profile" --format fastapi - < "$f")" = "$got_body" ] ||
    fail "$name: stdin output differs"
done
done

# One line per rejected input, in order; nothing for valid ones.
lines=$("$bin" validate --format fastapi "$examples"/*.json | wc -l)
invalid=$(grep -L '^200$' "$examples"/expected/*.v2 | wc -l)
[ "$lines" -eq "$invalid" ] || fail "multi-file: $lines lines, want $invalid"

expect_exit 0 "all valid" "$bin" validate "$examples/valid-external.json" "$examples/valid-local.json"
expect_exit 1 "one invalid" "$bin" validate "$examples/valid-external.json" "$examples/many-errors.json"
expect_exit 2 "missing file" "$bin" validate "$examples/does-not-exist.json"
expect_exit 2 "unknown option" "$bin" validate --frobnicate "$examples/valid-external.json"
expect_exit 2 "unknown profile" "$bin" validate --profile pydantic-v3 "$examples/valid-external.json"
expect_exit 0 "strict, valid" "$bin" validate --profile strict "$examples/valid-local.json"
expect_exit 1 "strict, invalid" "$bin" validate --profile=strict "$examples/bad-paths.json"
expect_exit 2 "unknown format" "$bin" validate --format yaml "$examples/valid-external.json"
expect_exit 2 "unknown command" "$bin" lint "$examples/valid-external.json"
expect_exit 0 "help" "$bin" validate --help

# --jsonl: one body per line; text and json formats name the line.
jsonl=$(mktemp)
trap 'rm -f "$jsonl"' EXIT
tr -d '\n' < "$examples/valid-external.json" > "$jsonl"; echo >> "$jsonl"
echo '{"manifest": {}}' >> "$jsonl"
out=$("$bin" validate --jsonl --format text "$jsonl")
[ $? -eq 1 ] || fail "jsonl: exit status"
echo "$out" | grep -q ":2:14: error: body.manifest.name: Field required \[missing\]" || fail "jsonl text: $out"
out=$("$bin" validate --format json "$examples/bad-paths.json")
echo "$out" | grep -q '"line":7' || fail "json format has no line: $out"

if [ "$failures" -ne 0 ]; then
  echo "$failures CLI check(s) failed"
  exit 1
fi
echo "CLI contract: all checks passed"
