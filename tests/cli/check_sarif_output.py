#!/usr/bin/env python3
"""Checks `tfschema validate --format sarif` against the official SARIF 2.1.0 JSON schema
(tests/cli/sarif/, draft 4, python3-jsonschema) and against `--format json` of the same run:
one result per error (YAML problems included) in the same order, at the same line and
column, its ruleId the error type and listed in the driver's rules.

usage: check_sarif_output.py TFSCHEMA_BINARY SARIF_SCHEMA YAML_GOLDENS EXAMPLES_DIR
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
from urllib.parse import unquote

import jsonschema

binary, schema_path, yaml_goldens, examples = sys.argv[1:5]
with open(schema_path, encoding="utf-8") as f:
    validator = jsonschema.Draft4Validator(json.load(f), format_checker=jsonschema.FormatChecker())
failures = []


def run(*args):
    r = subprocess.run([binary, "validate", *args], capture_output=True, check=False)
    if r.returncode not in (0, 1):
        failures.append("%s: exit %d: %s" % (args, r.returncode, r.stderr.decode(errors="replace")))
    return r.stdout.decode("utf-8")


def check(what, paths):
    sarif_text = run("--format", "sarif", *paths)
    try:
        log = json.loads(sarif_text)
    except ValueError as e:
        failures.append("%s: not JSON: %s" % (what, e))
        return 0
    for error in validator.iter_errors(log):
        failures.append("%s: not SARIF 2.1.0: %s at %s" % (what, error.message[:200], list(error.absolute_path)))
    run_ = log["runs"][0]
    rules = {r["id"] for r in run_["tool"]["driver"]["rules"]}
    expected = []
    for line in run("--format", "json", *paths).split("\n")[:-1]:
        doc = json.loads(line)
        for e in doc["errors"]:
            expected.append((doc["file"], e["type"], e["line"], e["column"]))
        if "yaml_error" in doc:
            y = doc["yaml_error"]
            expected.append((doc["file"], y["type"], y["line"], y["column"]))
        if doc.get("status") == 400:
            expected.append((doc["file"], "bad_request", None, None))
    got = []
    for r in run_["results"]:
        loc = r["locations"][0]["physicalLocation"]
        got.append((loc["artifactLocation"]["uri"], r["ruleId"], loc["region"]["startLine"], loc["region"]["startColumn"]))
        if r["ruleId"] not in rules:
            failures.append("%s: ruleId %s not among the rules" % (what, r["ruleId"]))
    if len(got) != len(expected):
        failures.append("%s: %d results for %d errors" % (what, len(got), len(expected)))
    for (uri, rule, line, col), (file, type_, eline, ecol) in zip(got, expected):
        if rule != type_ or (eline is not None and (line, col) != (eline, ecol)) or unquote(uri) != file:
            failures.append("%s: result %s differs from the JSON report's %s" % (what, (uri, rule, line, col),
                                                                                 (file, type_, eline, ecol)))
            break
    if run_.get("columnKind") != "unicodeCodePoints":
        failures.append("%s: columnKind %r" % (what, run_.get("columnKind")))
    return len(got)


tmp = tempfile.mkdtemp()
try:
    tree = os.path.join(tmp, "tree with space")
    os.makedirs(os.path.join(tree, "ünïcode"))
    with open(yaml_goldens, encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n % 7:
                continue
            case = json.loads(line)
            sub = "ünïcode" if n % 2 else ""
            with open(os.path.join(tree, sub, "%04d.yaml" % n), "wb") as out:
                out.write(base64.b64decode(case["yaml_b64"]))
    for name in os.listdir(examples):
        if name.endswith(".json"):
            shutil.copy(os.path.join(examples, name), tree)
    with open(os.path.join(tree, "undecodable.json"), "wb") as out:
        out.write(b'{"manifest": {"name": "a\xff"}}')
    results = check("tree", [tree])
    check("one valid file", [os.path.join(examples, "valid-local.json")])
    for profile in ("pydantic-v1", "strict"):
        check(profile, ["--profile", profile, tree])
finally:
    shutil.rmtree(tmp)

if failures:
    print("\n".join(failures[:30]))
    print("%d SARIF check(s) failed" % len(failures))
    sys.exit(1)
print("SARIF output: valid SARIF 2.1.0, %d results matching the JSON report" % results)
