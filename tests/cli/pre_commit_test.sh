#!/usr/bin/env bash
# The hooks of .pre-commit-hooks.yaml, run by pre-commit itself (Debian's pre-commit
# 3.0.4, offline: `pre-commit try-repo HOOK_REPO HOOK` clones the hook repository
# from its path, and language: system hooks install nothing) on a sample repository:
# staged files only, the file filter, the exit status and the report. The hook
# repository is a one-commit git repository holding this project's
# .pre-commit-hooks.yaml (all pre-commit reads of a system hook's repository), so
# the test does not clone the whole project and sees uncommitted edits.
# usage: pre_commit_test.sh TFSCHEMA_BINARY SOURCE_DIR
set -uo pipefail
bin=$1
src=$2
command -v pre-commit >/dev/null || { echo "pre_commit_test: pre-commit is not installed (scripts/setup.sh installs it)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# The hook calls `tfschema` from PATH, as it would once installed.
mkdir -p "$tmp/bin"
ln -s "$bin" "$tmp/bin/tfschema"
export PATH="$tmp/bin:$PATH" PRE_COMMIT_HOME="$tmp/cache" GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export SKIP= PRE_COMMIT_COLOR=never

hooks="$tmp/hooks"
mkdir -p "$hooks"
cp "$src/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" init -q . && git -C "$hooks" add -A &&
  git -C "$hooks" -c user.email=t@example.com -c user.name=test commit -qm hooks || { echo "cannot make the hook repository"; exit 1; }

repo="$tmp/gitops"
mkdir -p "$repo/truefoundry" "$repo/.github/workflows"
cd "$repo" || exit 1
git init -q . && git config user.email t@example.com && git config user.name test
cat > truefoundry/model.yaml <<'YAML'
type: artifact-version
name: resnet50
ml_repo: vision-models
metadata: {framework: pytorch}
source:
  type: external
  uri: s3://models/resnet50/
YAML
cat > truefoundry/bad.yaml <<'YAML'
type: artifact-version
name: resnet50
ml_repo: vision-models
metadata: {framework: pytorch}
version: 1.5
source:
  type: external
YAML
printf 'type: service\nname: api\n' > truefoundry/service.yaml
printf 'on: push\njobs: {}\n' > .github/workflows/ci.yml
printf '{"name": "not a body"}\n' > package.json
git add -A

run_hook() {  # run_hook HOOK [ARGS...]: prints pre-commit's output, returns its status
  pre-commit try-repo "$hooks" "$@" 2>&1
}

out=$(run_hook tfschema)
status=$?
[ "$status" -eq 1 ] || fail "a bad staged manifest: pre-commit exit $status, want 1: $out"
grep -q '^tfschema (TrueFoundry artifact-version manifests)\.*Failed$' <<<"$out" || fail "hook not reported failed: $out"
grep -qF "truefoundry/bad.yaml:5:10: error: body.manifest.version: Input should be a valid integer, got a number with a fractional part [int_from_float]" <<<"$out" ||
  fail "no error at the YAML node: $out"
grep -qF "truefoundry/bad.yaml:7:3: error: body.manifest.source.external.uri: Field required [missing]" <<<"$out" ||
  fail "no missing-member error at its mapping: $out"
grep -q "package.json" <<<"$out" && fail "the YAML hook looked at package.json: $out"
grep -q "skipped 1 document of other kinds: (no type) (1), service (1)\|skipped 2 documents of other kinds: (no type) (1), service (1)" <<<"$out" ||
  fail "the summary does not list the skipped kinds: $out"

# Fixed and staged: the hook passes; unstaged files are not looked at.
sed -i 's/^version: 1.5$/version: 3/; s|^  type: external$|  type: external\n  uri: s3://x/|' truefoundry/bad.yaml
git add truefoundry/bad.yaml
printf 'type: artifact-version\nname: [\n' > truefoundry/unstaged.yaml
out=$(run_hook tfschema)
status=$?
[ "$status" -eq 0 ] || fail "a clean stage: pre-commit exit $status, want 0: $out"
grep -q '^tfschema (TrueFoundry artifact-version manifests)\.*Passed$' <<<"$out" || fail "hook not reported passed: $out"
rm truefoundry/unstaged.yaml

# The JSON hook reads JSON files as request bodies.
out=$(run_hook tfschema-json --all-files)
[ $? -eq 1 ] || fail "tfschema-json on package.json: want exit 1: $out"
grep -qF "package.json:1:1: error: body.manifest: Field required [missing]" <<<"$out" || fail "tfschema-json: $out"

if [ "$failures" -ne 0 ]; then
  echo "$failures pre-commit check(s) failed"
  exit 1
fi
echo "pre-commit hooks: all checks passed"
