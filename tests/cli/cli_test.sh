#!/usr/bin/env bash
# The CLI's contract (SPEC §4): exact FastAPI output, exit statuses 0/1/2,
# every option, bad inputs, -j output order, colour, caret placement.
# usage: cli_test.sh TFSCHEMA_BINARY EXAMPLES_DIR GOLDEN_DIR
set -uo pipefail
bin=$1
examples=$2
goldens=$3
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
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
  grep -q -- "$want" <<<"$out" || fail "bad-response: no line matching $want in: $out"
done
[ "$(echo "$out" | grep -c ': error: ')" -eq 5 ] || fail "bad-response: want 5 errors: $out"
out=$("$bin" validate --profile strict --schema error --format fastapi "$responses/bad-error.json")
[ "$out" = '{"detail":[{"type":"string_type","loc":["response","detail",0,"loc",2,"str"],"msg":"Input should be a valid string","input":1.5},{"type":"int_from_float","loc":["response","detail",0,"loc",2,"int"],"msg":"Input should be a valid integer, got a number with a fractional part","input":1.5},{"type":"missing","loc":["response","detail",0,"type"],"msg":"Field required","input":{"loc":["body","manifest",1.5],"msg":"Field required"}}]}' ] ||
  fail "bad-error: $out"

# --jsonl: one body per line; text and json formats name the line.
jsonl=$tmp/small.jsonl
tr -d '\n' < "$examples/valid-external.json" > "$jsonl"; echo >> "$jsonl"
echo '{"manifest": {}}' >> "$jsonl"
out=$("$bin" validate --jsonl --format text "$jsonl")
[ $? -eq 1 ] || fail "jsonl: exit status"
grep -q ":2:14: error: body.manifest.name: Field required \[missing\]" <<<"$out" || fail "jsonl text: $out"
out=$("$bin" validate --format json "$examples/bad-paths.json")
grep -q '"line":7' <<<"$out" || fail "json format has no line: $out"

# --- Help and usage ------------------------------------------------------
expect_exit 0 "top-level help" "$bin" --help
expect_exit 0 "version" "$bin" --version
expect_exit 2 "missing command" "$bin"
expect_exit 2 "missing option value" "$bin" validate --format
expect_exit 2 "bad --jobs" "$bin" validate -j 0 "$examples/valid-local.json"
expect_exit 2 "bad --max-errors" "$bin" validate --max-errors x "$examples/valid-local.json"
expect_exit 2 "bad --color" "$bin" validate --color sometimes "$examples/valid-local.json"
out=$("$bin" validate --frobnicate 2>&1 >/dev/null)
[ "$out" = "tfschema: unknown option '--frobnicate' (see 'tfschema validate --help')" ] || fail "unknown option message: $out"
out=$("$bin" validate --format 2>&1 >/dev/null)
[ "$out" = "tfschema: option '--format' needs a value (see 'tfschema validate --help')" ] || fail "missing value message: $out"
# Every option the parser knows is in the help text, and every option in the
# help text is accepted.
help=$("$bin" validate --help)
for option in --profile --schema --format --jsonl -j --jobs --max-errors --color -q --quiet --no-progress -h --help; do
  grep -q -- "$option\\b" <<<"$help" || fail "validate --help does not mention $option"
done
for option in $(grep -o -- '--[a-z-]*' <<<"$help" | sort -u); do
  case $option in --profile|--schema|--format|--jobs|--max-errors|--color) args=("$option=bogus") ;; *) args=("$option") ;; esac
  out=$("$bin" validate "${args[@]}" "$examples/valid-local.json" 2>&1)
  grep -q "unknown option" <<<"$out" && fail "help mentions $option but the parser rejects it"
done

# --- Inputs: directories, stdin, bad inputs -----------------------------------
mkdir -p "$tmp/tree/sub" "$tmp/tree/.hidden" "$tmp/empty" "$tmp/nojson"
cp "$examples/valid-local.json" "$tmp/tree/b.json"
cp "$examples/bad-paths.json" "$tmp/tree/sub/a.json"
cp "$examples/bad-paths.json" "$tmp/tree/.hidden/c.json"
cp "$examples/bad-paths.json" "$tmp/tree/.d.json"
cp "$examples/bad-paths.json" "$tmp/tree/ignored.txt"
echo '{}' > "$tmp/nojson/readme.md"
out=$("$bin" validate --format json "$tmp/tree")
[ $? -eq 1 ] || fail "directory: exit status"
files=$(grep -o '"file":"[^"]*"' <<<"$out" | tr '\n' ' ')
[ "$files" = "\"file\":\"$tmp/tree/b.json\" \"file\":\"$tmp/tree/sub/a.json\" " ] ||
  fail "directory: recursive, sorted, *.json only, no hidden entries: $files"
for bad in "$tmp/empty" "$tmp/nojson" "$tmp/missing.json" /proc/self/mem; do
  out=$("$bin" validate --format fastapi "$bad" "$examples/bad-paths.json" 2>"$tmp/err")
  got=$?
  [ "$got" -eq 2 ] || fail "$bad: exit $got, want 2"
  [ "$out" = "$(cat "$examples/expected/bad-paths.v2" | tail -n +2)" ] || fail "$bad stopped the other input: $out"
  grep -q "^tfschema: .*$(basename "$bad")" "$tmp/err" || fail "$bad: no message naming it: $(cat "$tmp/err")"
done
grep -q "no \*.json, \*.yaml or \*.yml file" <("$bin" validate "$tmp/empty" 2>&1) || fail "empty directory message"
grep -q "Input/output error" <("$bin" validate /proc/self/mem 2>&1) || fail "read error message"
out=$("$bin" validate --jsonl --format json "$tmp/tree" 2>&1)
[ $? -eq 2 ] || fail "--jsonl directory without *.jsonl: exit status"
cp "$jsonl" "$tmp/tree/sub/x.ndjson"
[ "$("$bin" validate --jsonl --format json "$tmp/tree" | grep -c '"line":')" -eq 2 ] || fail "--jsonl finds *.ndjson"
[ "$("$bin" validate --format fastapi < "$examples/bad-paths.json")" = "$("$bin" validate --format fastapi "$examples/bad-paths.json")" ] ||
  fail "no PATH reads stdin"

# --- Text format: caret, summary, --max-errors, --quiet ------------------------
out=$("$bin" validate --format text "$examples/bad-paths.json" "$examples/valid-local.json" "$examples/many-errors.json")
[ "$(tail -n 1 <<<"$out")" = "13 errors in 2 of 3 files" ] || fail "summary: $(tail -n 1 <<<"$out")"
[ "$("$bin" validate --format text "$examples/valid-local.json")" = "no errors in 1 file" ] || fail "summary for valid"
# Caret under the value: the indent has one space per code point before it
# (tabs copied), so it lines up on a terminal. Columns count code points.
printf '{"manifest": {"name": "\xc3\xa9t\xc3\xa9", "ml_repo":\t"x",\n\t"metadata": {}, "version": "\xe2\x82\xac"}}' > "$tmp/utf8.json"
out=$("$bin" validate --format text "$tmp/utf8.json")
cat > "$tmp/utf8.want" <<WANT
$tmp/utf8.json:1:23: error: body.manifest.name: String should match pattern '^[A-Za-z0-9_\\-]+\$' [string_pattern_mismatch]
 1 | {"manifest": {"name": "été", "ml_repo":	"x",
   |                       ^
$tmp/utf8.json:1:41: error: body.manifest.ml_repo: String should match pattern '^[a-zA-Z][a-zA-Z0-9\\-]{1,98}[a-zA-Z0-9]\$' [string_pattern_mismatch]
 1 | {"manifest": {"name": "été", "ml_repo":	"x",
   |                                        	^
$tmp/utf8.json:2:29: error: body.manifest.version: Input should be a valid integer, unable to parse string as an integer [int_parsing]
 2 | 	"metadata": {}, "version": "€"}}
   | 	                           ^
WANT
[ "$(head -n 9 <<<"$out")" = "$(cat "$tmp/utf8.want")" ] || fail "caret placement:
$out"
out=$("$bin" validate --format text --max-errors 1 "$examples/many-errors.json")
[ "$(grep -c ': error: ' <<<"$out")" -eq 1 ] || fail "--max-errors 1 shows one error"
grep -q "note: more errors not shown (--max-errors 1)" <<<"$out" || fail "--max-errors note: $out"
out=$("$bin" validate --format json --max-errors 2 "$examples/many-errors.json")
grep -q '"truncated":true' <<<"$out" || fail "--max-errors in json"
[ "$("$bin" validate --format fastapi --max-errors 1 "$examples/many-errors.json" | grep -o '"type"' | wc -l)" -eq 1 ] ||
  fail "--max-errors in fastapi"
out=$("$bin" validate --quiet --format text "$examples/many-errors.json")
[ $? -eq 1 ] && [ -z "$out" ] || fail "--quiet: exit 1 and no output"
out=$("$bin" validate -q "$examples/valid-local.json")
[ $? -eq 0 ] && [ -z "$out" ] || fail "-q: exit 0 and no output"

# --- Colour ------------------------------------------------------------------
esc=$'\e'
has_colour() { grep -q "$esc\[" <<<"$1"; }
has_colour "$("$bin" validate --format text --color always "$examples/bad-paths.json")" || fail "--color always"
has_colour "$(NO_COLOR=1 "$bin" validate --format text --color always "$examples/bad-paths.json")" ||
  fail "--color always beats NO_COLOR"
has_colour "$("$bin" validate --format text --color never "$examples/bad-paths.json")" && fail "--color never"
has_colour "$("$bin" validate --format text "$examples/bad-paths.json")" && fail "auto colours a pipe"
has_colour "$("$bin" validate --format fastapi --color always "$examples/bad-paths.json")" && fail "colour in fastapi"
if command -v script >/dev/null; then  # a pseudo-terminal on stdout
  on_tty() { script -qec "$*" /dev/null </dev/null; }
  has_colour "$(TERM=xterm on_tty "$bin" validate "$examples/bad-paths.json")" || fail "auto: colour on a terminal"
  has_colour "$(TERM=xterm NO_COLOR=1 on_tty "$bin" validate "$examples/bad-paths.json")" && fail "auto: NO_COLOR"
  has_colour "$(TERM=dumb on_tty "$bin" validate "$examples/bad-paths.json")" && fail "auto: TERM=dumb"
  out=$(on_tty "$bin" validate --color never "$examples/bad-paths.json")
  grep -q "error: body.manifest" <<<"$out" || fail "text is the default on a terminal: $out"
fi

# --- JSON lines over the goldens: the servers' answers, in order, on any -j ------
"$here/golden_bodies.py" "$goldens/v2.jsonl" "$tmp/golden" || fail "golden_bodies.py"
"$bin" validate --jsonl --format fastapi -j 1 "$tmp/golden/bodies.jsonl" > "$tmp/j1.fastapi"
cmp -s "$tmp/j1.fastapi" "$tmp/golden/answers.txt" || fail "--jsonl fastapi output differs from the servers' answers"
for format in fastapi json text; do
  "$bin" validate --jsonl --format "$format" -j 1 "$tmp/golden/bodies.jsonl" > "$tmp/j1.$format"
  for jobs in 2 3 8; do
    "$bin" validate --jsonl --format "$format" -j "$jobs" "$tmp/golden/bodies.jsonl" > "$tmp/jn.$format"
    cmp -s "$tmp/j1.$format" "$tmp/jn.$format" || fail "--jsonl --format $format: -j $jobs output differs from -j 1"
  done
done
"$bin" validate --format json -j 1 "$tmp/golden/files" > "$tmp/files1.json"
"$bin" validate --format json -j 3 "$tmp/golden/files" > "$tmp/files3.json"
cmp -s "$tmp/files1.json" "$tmp/files3.json" || fail "directory of files: -j 3 output differs from -j 1"
[ "$(wc -l < "$tmp/j1.json")" -eq "$(wc -l < "$tmp/golden/bodies.jsonl")" ] || fail "--format json: one document per body"
[ "$(sed -n '7p' "$tmp/j1.json" | grep -o '"line":[0-9]*' | head -n 1)" = '"line":7' ] || fail "--jsonl json names the line"

# --- Memory stays bounded on a stream larger than the bound (about 12 MB seen) ----
valid_line=$(tr -d '\n' < "$examples/valid-local.json")
invalid_line=$(tr -d '\n' < "$examples/many-errors.json")
# Not under AddressSanitizer: its quarantine and shadow memory are RSS too.
if [ -x /usr/bin/time ] && [ -z "${TFSCHEMA_SANITIZED:-}" ]; then
  yes "$valid_line
$invalid_line" | head -n 100000 |
    /usr/bin/time -f '%M' -o "$tmp/rss" "$bin" validate --jsonl --format fastapi -j 2 > /dev/null
  rss_kib=$(tail -n 1 "$tmp/rss")
  [ "$rss_kib" -lt 64000 ] || fail "a 123 MB stream used $rss_kib KiB (bound: 64 MB)"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures CLI check(s) failed"
  exit 1
fi
echo "CLI contract: all checks passed"
