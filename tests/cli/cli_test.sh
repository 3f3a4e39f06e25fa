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

# The response schemas (strict only): corpus/examples/responses/.
responses="$examples/responses"
expect_exit 0 "response, valid" "$bin" validate --profile strict --schema response "$responses/valid-response.json"
expect_exit 1 "response, invalid" "$bin" validate --profile strict --schema=response "$responses/bad-response.json"
expect_exit 0 "error, valid" "$bin" validate --profile strict --schema error "$responses/valid-error.json"
expect_exit 1 "error, invalid" "$bin" validate --profile strict --schema error "$responses/bad-error.json"
expect_exit 1 "a response is no request" "$bin" validate --profile strict "$responses/valid-response.json"
expect_exit 2 "response in pydantic-v2" "$bin" validate --schema response "$responses/valid-response.json"
expect_exit 2 "unknown schema" "$bin" validate --profile strict --schema reply "$responses/valid-response.json"
out=$("$bin" validate --profile strict --schema response --format text "$responses/bad-response.json")
for want in ":5:63: error: response.data.created_by_subject.subjectType: Input should be 'user', 'team', 'serviceaccount', 'virtualaccount', 'external-identity' or 'role' \[enum\]" \
            ":6:19: error: response.data.created_at: Input should be a valid datetime, expected an RFC 3339 date-time \[datetime_parsing\]" \
            ":8:84: error: response.data.manifest.source.external.uri: Field required \[missing\]" \
            ":10:22: error: response.data.tags\[1\]: Input should be a valid string \[string_type\]" \
            ":2:11: error: response.data.artifact_id: Field required \[missing\]"; do
  echo "$out" | grep -q -- "$want" || fail "bad-response: no line matching $want in: $out"
done
[ "$(echo "$out" | wc -l)" -eq 5 ] || fail "bad-response: want 5 errors: $out"
out=$("$bin" validate --profile strict --schema error --format fastapi "$responses/bad-error.json")
[ "$out" = '{"detail":[{"type":"string_type","loc":["response","detail",0,"loc",2,"str"],"msg":"Input should be a valid string","input":1.5},{"type":"int_from_float","loc":["response","detail",0,"loc",2,"int"],"msg":"Input should be a valid integer, got a number with a fractional part","input":1.5},{"type":"missing","loc":["response","detail",0,"type"],"msg":"Field required","input":{"loc":["body","manifest",1.5],"msg":"Field required"}}]}' ] ||
  fail "bad-error: $out"

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
