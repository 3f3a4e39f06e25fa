#!/usr/bin/env python3
"""Checks real `tfschema validate --format json` output against
docs/cli-json-output.schema.json, over every golden body, in every profile,
as files and as JSON lines.

usage: check_json_output.py TFSCHEMA_BINARY SCHEMA GOLDEN_DIR
Needs python3-jsonschema (scripts/setup.sh installs it).
"""
import base64
import json
import os
import re
import subprocess
import sys
import tempfile
import threading

try:
    import jsonschema
except ImportError:
    sys.exit("check_json_output.py: needs python3-jsonschema (scripts/setup.sh installs it)")

binary, schema_path, golden_dir = sys.argv[1:4]
here = os.path.dirname(os.path.abspath(__file__))
failures = []
finished = False  # main() ran to the end (an exception in its thread would not stop the process)


def args_have_yaml(args):
    return "--all-documents" in args


def check_stream(what, args, expect_documents, jsonl):
    output = subprocess.run([binary, "validate", "--format", "json", *args], capture_output=True, check=False)
    if output.returncode not in (0, 1):
        failures.append(f"{what}: exit {output.returncode}: {output.stderr.decode(errors='replace')}")
        return
    lines = output.stdout.decode("utf-8").split("\n")
    if lines[-1] != "":
        failures.append(f"{what}: output does not end with a newline")
    lines = lines[:-1]
    if len(lines) != expect_documents:
        failures.append(f"{what}: {len(lines)} documents for {expect_documents} bodies")
    for number, line in enumerate(lines, 1):
        document = json.loads(line)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        for error in errors[:3]:
            failures.append(f"{what}, document {number}: {error.message} at {list(error.path)}")
        if jsonl and document.get("line") != number:
            failures.append(f"{what}, document {number}: line {document.get('line')}")
        if args_have_yaml(args) != ("document" in document):
            failures.append(f"{what}, document {number}: \"document\" is for YAML files only")
        if not jsonl and "line" in document:
            failures.append(f"{what}, document {number}: \"line\" outside --jsonl")


def profiles():
    """The profiles `tfschema validate --help` lists (built from kAllProfiles)."""
    help_text = subprocess.run([binary, "validate", "--help"], capture_output=True, check=True, text=True).stdout
    line = next(l for l in help_text.splitlines() if l.strip().startswith("--profile P"))
    names = re.split(r", | or ", line.split("--profile P", 1)[1].strip())
    names = [name.replace(" (default)", "") for name in names]
    if "pydantic-v2" not in names or len(names) < 3:
        raise SystemExit(f"cannot read the profiles from the help: {line!r}")
    return names


def main():
    global validator
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([os.path.join(here, "golden_bodies.py"), os.path.join(golden_dir, "v2.jsonl"), tmp], check=True)
        files = len(os.listdir(os.path.join(tmp, "files")))
        with open(os.path.join(tmp, "bodies.jsonl"), "rb") as f:
            lines = f.read().count(b"\n")
        names = profiles()
        for profile in names:
            check_stream(f"{profile} files", ["--profile", profile, os.path.join(tmp, "files")], files, False)
            check_stream(f"{profile} --jsonl", ["--profile", profile, "--jsonl", os.path.join(tmp, "bodies.jsonl")],
                         lines, True)
        check_stream("--max-errors 1", ["--max-errors", "1", os.path.join(tmp, "files")], files, False)
        # YAML files: one document per YAML document (all of them, problems included).
        yaml_dir = os.path.join(tmp, "yaml")
        os.mkdir(yaml_dir)
        documents = 0
        with open(os.path.join(golden_dir, "yaml.jsonl"), encoding="utf-8") as f:
            for n, line in enumerate(f):
                case = json.loads(line)
                with open(os.path.join(yaml_dir, "%04d.yaml" % n), "wb") as out:
                    out.write(base64.b64decode(case["yaml_b64"]))
                documents += len(case["documents"])
        # The shape of a YAML document's report does not depend on the profile.
        check_stream("YAML", ["--all-documents", yaml_dir], documents, False)
    for failure in failures[:40]:
        print("FAIL:", failure)
    if failures:
        print(f"{len(failures)} problem(s)")
        return
    global finished
    finished = True
    print(f"JSON output matches {schema_path}: {files} files, {lines} lines in {len(names)} profiles, "
          f"{documents} YAML documents")


# Echoed inputs nest ~10,000 deep and hold integers of thousands of digits:
# give Python's reader the stack and the digits it needs.
sys.setrecursionlimit(1_000_000)
if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(0)
threading.stack_size(512 << 20)
thread = threading.Thread(target=main)
thread.start()
thread.join()
sys.exit(1 if failures or not finished else 0)
