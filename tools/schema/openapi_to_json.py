#!/usr/bin/python3
"""Convert the seed OpenAPI document (YAML inside a Markdown file) to JSON.

The seed, ``apply-artifact-version.openapi.md``, holds the endpoint's OpenAPI 3.1
document as YAML between ````yaml ... ```` fences. This script extracts that
block, parses it and writes it as JSON: keys in document order (no sorting),
2-space indent, non-ASCII kept as is, one trailing newline. The output is
committed as ``schema/artifact-versions.openapi.json``; ``check_schema.sh``
regenerates it and fails on drift.

Requirements: Python 3.11 and PyYAML. With Debian's interpreter
(/usr/bin/python3) that is the ``python3-yaml`` package:

    apt-get install -y python3-yaml

Usage:
    tools/schema/openapi_to_json.py [SEED.md] [-o OUT.json]

Defaults: SEED = $TFSCHEMA_SEED, else schema/apply-artifact-version.openapi.md
(the endpoint's OpenAPI document as published, kept in the repository);
OUT = standard output.
"""

import argparse
import json
import os
import re
import sys

try:
    import yaml
except ImportError:  # pragma: no cover - environment problem
    sys.stderr.write(
        "openapi_to_json.py: PyYAML is required "
        "(Debian: apt-get install -y python3-yaml)\n")
    sys.exit(2)

_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_SEED = os.environ.get("TFSCHEMA_SEED") or os.path.join(
    _ROOT, "schema", "apply-artifact-version.openapi.md")

# The opening fence is four or more backticks followed by "yaml" and an
# optional info string; the closing fence is the same number of backticks on a
# line of their own (CommonMark: at least as many as the opening one).
FENCE_OPEN = re.compile(r"^(`{3,})yaml\b.*$")


def extract_yaml(markdown: str) -> str:
    lines = markdown.splitlines(keepends=True)
    blocks = []
    i = 0
    while i < len(lines):
        m = FENCE_OPEN.match(lines[i].rstrip("\r\n"))
        if not m:
            i += 1
            continue
        fence = m.group(1)
        body = []
        i += 1
        while i < len(lines):
            stripped = lines[i].rstrip("\r\n")
            if stripped.startswith(fence) and stripped.strip("`") == "":
                break
            body.append(lines[i])
            i += 1
        else:
            raise ValueError("unterminated ```yaml fence")
        blocks.append("".join(body))
        i += 1
    if len(blocks) != 1:
        raise ValueError(f"expected exactly one ```yaml block, found {len(blocks)}")
    return blocks[0]


class _Loader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate mapping keys (silent overwrite would
    hide a broken seed)."""


def _construct_mapping(loader, node, deep=False):
    loader.flatten_mapping(node)
    result = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=deep)
    return result


_Loader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _check_json_types(value, path="$"):
    """Everything must be representable in JSON: str keys, no dates, no NaN."""
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str):
                raise ValueError(f"{path}: non-string key {k!r}")
            _check_json_types(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_json_types(v, f"{path}[{i}]")
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"{path}: non-finite number")
    elif value is None or isinstance(value, (str, bool, int)):
        pass
    else:
        raise ValueError(f"{path}: {type(value).__name__} is not a JSON type")


def convert(markdown: str) -> str:
    doc = yaml.load(extract_yaml(markdown), Loader=_Loader)  # noqa: S506 (SafeLoader subclass)
    if not isinstance(doc, dict) or not str(doc.get("openapi", "")).startswith("3."):
        raise ValueError("the YAML block is not an OpenAPI 3.x document")
    _check_json_types(doc)
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("seed", nargs="?", default=DEFAULT_SEED)
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args(argv)
    try:
        with open(args.seed, encoding="utf-8") as f:
            text = convert(f.read())
    except (OSError, ValueError, yaml.YAMLError) as e:
        sys.stderr.write(f"openapi_to_json.py: {e}\n")
        return 2
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
