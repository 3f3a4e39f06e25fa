#!/usr/bin/python3
"""Generate the YAML golden cases: YAML streams, what the Python tooling makes of them
(yaml.safe_load_all + json.dumps({"manifest": document}), Debian 12's python3-yaml 6.0 on
Python 3.11), and what both reference servers answer to each document's body.

usage: make_yaml_cases.py -o tests/golden/yaml.jsonl     (tools/goldens/regenerate_yaml.sh runs it)

One JSON object a line:
  {"id": ..., "yaml_b64": <the stream's bytes>, "libyaml_differs": bool,
   "documents": [{"json": <body>, "v1": [status, raw], "v2": [status, raw],
                  "positions": [[line, column] | null per v2 error]}
                 | {"dump_error": <json.dumps' exception>}
                 | {"load_error": <yaml.safe_load_all's exception>, "line": L, "column": C}]}
A load error ends the stream (safe_load_all raises); a dump error is one document's.
`positions` (1-based, columns in code points) are where each v2 error's loc points in the
YAML text (its node; for a missing member, the mapping that lacks it), computed from
PyYAML's own node marks; null where the document uses aliases or merge keys (PyYAML's
nodes do not say where an alias stood). `libyaml_differs` marks streams that libyaml (the
parser tfschema uses, yaml.CSafeLoader here) reads differently from PyYAML's pure-Python
parser: the test checks those against docs/yaml.md's list instead.
Deterministic (fixed seeds), stdlib + yaml only, /usr/bin/python3.
"""
import argparse
import base64
import copy
import json
import os
import random
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle import ask_both  # noqa: E402

LOCAL = {"name": "resnet50-weights", "metadata": {"framework": "pytorch", "epochs": 40, "metrics": {"acc": 0.913}},
         "ml_repo": "vision-models", "version": 12, "type": "artifact-version",
         "description": "ResNet-50 fine-tuned.", "version_alias": "v2.1.0",
         "source": {"type": "local", "paths": [{"src": "/mnt/out/a.pt", "dest": "a.pt"}, {"src": "/mnt/out/b.pt"}]},
         "step": 40, "run_id": "run-8812"}
EXTERNAL = {"name": "bert-base", "metadata": {}, "ml_repo": "nlp", "type": "artifact-version",
            "source": {"type": "external", "uri": "s3://bucket/bert/"}}
TRUEFOUNDRY = {"name": "t5", "metadata": {"k": "v"}, "ml_repo": "nlp", "type": "artifact-version",
               "source": {"type": "truefoundry"}}
MINIMAL = {"name": "m", "metadata": {}, "ml_repo": "r", "type": "artifact-version",
           "source": {"type": "truefoundry"}}

# A readable valid manifest, written by hand the way people write them.
HAND = """\
# A model checkpoint, applied with `tfy apply -f`.
type: artifact-version
name: resnet50-weights   # must match ^[a-z][a-z0-9\\-]{1,62}[a-z0-9]$
ml_repo: vision-models
version: 12
description: >
  ResNet-50 fine-tuned on the
  catalogue images.
version_alias: v2.1.0
metadata:
  framework: pytorch
  epochs: 40
  metrics: {acc: 0.913, loss: 0.28}
  tags: [vision, prod]
source:
  type: local
  paths:
    - src: /mnt/out/a.pt
      dest: a.pt
    - {src: /mnt/out/b.pt}
step: 40
run_id: run-8812
"""

# YAML 1.1 scalars and what they become, to put in every field.
QUIRKS = ["yes", "no", "on", "off", "Yes", "NO", "True", "FALSE", "y", "n", "0o17", "017", "0x1F", "0b101", "1_000",
          "1:30", "-1:30", "190:20:30", "190:20:30.15", ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "~", "null", "Null",
          "", "1.0", "1.", ".5", "1e3", "1.0e+3", "1.0e3", "-0", "-0.0", "+12", "0", "00", "09", "0x", "0_", "12_",
          "1__2", "3.14_15", "2024-01-01", "2024-1-1", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10",
          "2024-13-01", "'yes'", '"1:30"', "'0x1F'", '"2024-01-01"', "!!str 12", "!!str yes", "!!int '42'",
          "!!int '0x1f'", "!!int '1_000'", "!!int '١٢'", "!!int 'x'", "!!float '1'", "!!float '1e3'",
          "!!float 'inf'", "!!float 'x'", "!!bool 'On'", "!!bool 'maybe'", "!!null 'x'", "!!binary aGVsbG8=",
          "!!binary '!'", "!!timestamp 2024-01-01", "!!set {a, b}", "!!omap [a: 1, b: 2]", "!!pairs [a: 1, a: 2]",
          "!!seq [1]", "!!map {a: 1}", "!foo bar", "!!python/tuple [1]", "=", "<<", "! 12", '! "12"', "! yes",
          "[]", "{}", "[a, b]", "{a: 1}", "- x", "-", "12345678901234567890123", "0x" + "f" * 40, "-0x" + "f" * 40,
          "1" + "0" * 4299, "1" + "0" * 4300, "0x" + "f" * 3600, "0b" + "1" * 100, "3" * 400 + ".5",
          "1e400", "1.0e+400", "1.0e-400", "'\\u00e9'", '"\\u00e9\\t\\x41\\U0001F600"', '"\\N\\_\\L\\P"',
          '"a\\0b"', "é", "'don''t'", '"\\ud83d\\ude00"', "|\n  literal\n  text\n", ">\n  folded\n  text\n",
          "|-\n  strip\n", ">+\n  keep\n\n", "'multi\n  line'", "plain\n  continued", "&a x", "*a"]

FIELDS = ["name", "ml_repo", "version", "description", "version_alias", "step", "run_id", "metadata",
          "type"]


def block(value, indent=0):
    return yaml.safe_dump(value, default_flow_style=False, sort_keys=False, allow_unicode=True, indent=2 + indent % 2)


def run_python(data):
    """-> (documents, libyaml_differs)."""
    def load(loader):
        docs = []
        try:
            for d in yaml.load_all(data, Loader=loader):
                try:
                    docs.append({"json": json.dumps({"manifest": d})})
                except (TypeError, ValueError, RecursionError) as e:
                    docs.append({"dump_error": "%s: %s" % (type(e).__name__, e)})
        except yaml.MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            docs.append({"load_error": "%s: %s" % (type(e).__name__, e.problem),
                         "line": mark.line + 1 if mark else 0, "column": mark.column + 1 if mark else 0})
        except Exception as e:  # noqa: BLE001 - ReaderError, ValueError, KeyError, RecursionError, ...
            docs.append({"load_error": "%s: %s" % (type(e).__name__, str(e).split("\n")[0]), "line": 0, "column": 0})
        return docs

    pure = load(yaml.SafeLoader)
    c = load(yaml.CSafeLoader)

    def outcome(docs):
        return [d.get("json") or ("dump" if "dump_error" in d else "load") for d in docs]
    return pure, outcome(pure) != outcome(c)


def node_positions(data, body_docs):
    """For each document: its composed node (None when it holds aliases or merge keys)."""
    try:
        nodes = list(yaml.compose_all(data, Loader=yaml.SafeLoader))
    except Exception:  # noqa: BLE001
        return [None] * len(body_docs)
    text = data.decode("utf-8-sig") if not data.startswith((b"\xff\xfe", b"\xfe\xff")) else data.decode("utf-16")

    def simple(root):
        stack, seen = [root], set()
        while stack:
            node = stack.pop()
            if id(node) in seen or node.tag == "tag:yaml.org,2002:merge":
                return False
            seen.add(id(node))
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    stack += [k, v]
            elif isinstance(node, yaml.SequenceNode):
                stack += node.value
        return True
    out = []
    for n in nodes:
        out.append(n if simple(n) and "*" not in text and "<<" not in text else None)
    return out


def locate(node, loc):
    """The (line, column) PyYAML's marks give the node v2's `loc` names, or None."""
    if node is None:
        return None
    path = loc[2:]
    for i, item in enumerate(path):
        last = i == len(path) - 1
        if isinstance(node, yaml.SequenceNode) and isinstance(item, int) and 0 <= item < len(node.value):
            node = node.value[item]
        elif isinstance(node, yaml.MappingNode):
            found = None
            for k, v in node.value:  # last value wins, as in a dict
                if isinstance(k, yaml.ScalarNode) and k.value == str(item) and k.tag == "tag:yaml.org,2002:str":
                    found = v
            if found is not None:
                node = found
            elif last:
                break  # a missing member: the mapping that lacks it
            # else: a union tag ("local", "external") in loc: stay on this node
        else:
            break
    if isinstance(node, yaml.ScalarNode) and node.value == "" and node.style is None:
        return None  # an empty value: PyYAML marks the token before it, libyaml the one after
    mark = node.start_mark
    line_text = mark.buffer[:mark.pointer] if mark.buffer else ""
    return [mark.line + 1, mark.column + 1 + (0 if "\ufeff" not in line_text.split("\n")[-1] else 0)]


class Cases:
    def __init__(self):
        self.cases = []
        self.seen = set()

    def add(self, cid, text):
        data = text.encode("utf-8") if isinstance(text, str) else text
        if data in self.seen:
            return
        self.seen.add(data)
        self.cases.append((cid, data))


def with_field(manifest, field, yaml_value):
    """The block-style manifest with `field: <yaml_value>` written verbatim."""
    m = copy.deepcopy(manifest)
    lines = []
    for k, v in m.items():
        if k == field:
            if "\n" in yaml_value:
                lines.append("%s: %s" % (k, yaml_value.rstrip("\n").replace("\n", "\n  ") if yaml_value.startswith(("|", ">", "'", "plain")) else yaml_value))
            else:
                lines.append("%s: %s" % (k, yaml_value))
        else:
            lines.append(block({k: v}).rstrip("\n"))
    if field not in m:
        lines.append("%s: %s" % (field, yaml_value))
    return "\n".join(lines) + "\n"


def generate():
    c = Cases()
    # --- valid manifests, every style -------------------------------------------------
    for name, m in [("local", LOCAL), ("external", EXTERNAL), ("truefoundry", TRUEFOUNDRY), ("minimal", MINIMAL)]:
        c.add("valid/%s/block" % name, block(m))
        c.add("valid/%s/flow" % name, yaml.safe_dump(m, default_flow_style=True, sort_keys=False))
        c.add("valid/%s/mixed" % name, yaml.safe_dump(m, default_flow_style=None, sort_keys=False))
        c.add("valid/%s/canonical" % name, yaml.safe_dump(m, canonical=True))
        c.add("valid/%s/json" % name, json.dumps(m, indent=2))
        c.add("valid/%s/json_line" % name, json.dumps(m))
        c.add("valid/%s/explicit" % name, yaml.safe_dump(m, explicit_start=True, explicit_end=True, sort_keys=False))
        c.add("valid/%s/sorted_width20" % name, yaml.safe_dump(m, width=20, indent=4))
        c.add("valid/%s/crlf" % name, block(m).replace("\n", "\r\n"))
        c.add("valid/%s/bom" % name, b"\xef\xbb\xbf" + block(m).encode())
        c.add("valid/%s/utf16le" % name, b"\xff\xfe" + block(m).encode("utf-16-le"))
        c.add("valid/%s/utf16be" % name, b"\xfe\xff" + block(m).encode("utf-16-be"))
        c.add("valid/%s/directive" % name, "%YAML 1.1\n---\n" + block(m))
        c.add("valid/%s/tag_directive" % name, "%TAG !t! tag:yaml.org,2002:\n--- !t!map\n" + block(m))
        c.add("valid/%s/double_quoted" % name, yaml.safe_dump(m, default_style='"', sort_keys=False))
        c.add("valid/%s/single_quoted" % name, yaml.safe_dump(m, default_style="'", sort_keys=False))
    c.add("valid/hand", HAND)
    c.add("valid/hand/crlf", HAND.replace("\n", "\r\n"))
    c.add("valid/hand/tabs_in_values", HAND.replace("vision-models\n", "vision-models\t# tab before a comment\n"))
    c.add("valid/hand/trailing_doc_end", HAND + "...\n")
    c.add("valid/hand/comments_only_after", HAND + "# the end\n")
    c.add("valid/hand/no_final_newline", HAND.rstrip("\n"))
    c.add("valid/anchors", """\
common: &meta {framework: pytorch, owner: ml}
---
type: artifact-version
name: a-model
ml_repo: repo
metadata: &m
  <<: {framework: pytorch}
  epochs: 3
source: {type: truefoundry}
""")
    c.add("valid/merge_list", """\
type: artifact-version
name: a-model
ml_repo: repo
metadata:
  <<: [{a: 1, b: 1}, {b: 2, c: 2}]
  c: 3
source: &s {type: external, uri: "s3://x/"}
""")
    c.add("valid/alias_reuse", """\
- &src {type: truefoundry}
""" if False else """\
type: artifact-version
name: &n a-model
ml_repo: *n
metadata: {copy: *n}
source: {type: truefoundry}
""")

    # --- one quirk at a time in each field ---------------------------------------------
    for field in FIELDS:
        for i, q in enumerate(QUIRKS):
            c.add("quirk/%s/%d" % (field, i), with_field(MINIMAL if field not in ("version", "step") else LOCAL, field, q))
    for i, q in enumerate(QUIRKS):
        c.add("quirk/metadata_value/%d" % i, block(MINIMAL).replace("metadata: {}", "metadata:\n  k: %s" % q.replace("\n", "\n    ")))
        c.add("quirk/key/%d" % i, block(MINIMAL).replace("metadata: {}", "metadata:\n  ? %s\n  : v" % q.replace("\n", "\n    ")))
        c.add("quirk/src/%d" % i, with_field(MINIMAL, "source", "{type: local, paths: [{src: %s}]}" % (q if "\n" not in q else "x")))
        c.add("quirk/type_of_source/%d" % i, with_field(MINIMAL, "source", "{type: %s, uri: x}" % (q if "\n" not in q else "x")))

    # --- keys: non-string, duplicates, merges ------------------------------------------
    keys = ["1", "1.0", "true", "yes", "null", "~", "1.5", ".nan", ".inf", "-.inf", "0x10", "2024-01-01", "[1]",
            "{a: 1}", "!!binary aGk=", "!!set {a}", "'1'", "1e3", "0.1", "100000000000000000000", "-0.0"]
    for i, k in enumerate(keys):
        c.add("keys/single/%d" % i, block(MINIMAL).replace("metadata: {}", "metadata: {%s: v}" % k))
    for i, (a, b) in enumerate([("1", "1.0"), ("1", "true"), ("true", "1"), ("0", "false"), ("null", "~"),
                                (".nan", ".nan"), ("'1'", "1"), ("1.5", "'1.5'"), ("yes", "true"), ("0x1", "1"),
                                ("1:0", "60"), ("name", "name")]):
        c.add("keys/dup/%d" % i, block(MINIMAL).replace("metadata: {}", "metadata: {%s: first, %s: second}" % (a, b)))
    c.add("keys/nan_alias", block(MINIMAL).replace("metadata: {}", "metadata: {&k .nan: 1, *k: 2}"))
    c.add("dup/name_last_wins", "name: Bad Name\n" + block(MINIMAL))
    c.add("dup/name_last_bad", block(MINIMAL) + "name: Bad Name\n")
    c.add("dup/source_merge_override", """\
type: artifact-version
name: a-model
ml_repo: repo
metadata: {}
base: &b {type: external, uri: "s3://x/"}
source:
  <<: *b
  type: local
""")
    c.add("merge/not_mapping", block(MINIMAL).replace("metadata: {}", "metadata: {<<: 1}"))
    c.add("merge/list_with_scalar", block(MINIMAL).replace("metadata: {}", "metadata: {<<: [{a: 1}, 2]}"))
    c.add("merge/nested", "a: &a {x: 1}\nb: &b {<<: *a, y: 2}\n" + block(MINIMAL).replace("metadata: {}", "metadata: {<<: *b, z: 3}"))
    c.add("merge/self", block(MINIMAL).replace("metadata: {}", "metadata: &s {x: 1, <<: *s}"))
    c.add("merge/quoted_key_is_str", block(MINIMAL).replace("metadata: {}", "metadata: {'<<': {a: 1}}"))
    c.add("merge/as_value", block(MINIMAL).replace("metadata: {}", "metadata: {a: <<}"))
    c.add("merge/source_from_merge", "b: &b {type: external}\n" + block(MINIMAL).replace("source:\n  type: truefoundry", "source: {<<: *b, uri: 's3://y/'}"))

    # --- documents: several per file, kinds, empty ---------------------------------------
    svc = "type: service\nname: api\nimage: {type: image, image_uri: x}\n"
    ws = "type: workspace\nname: ws\n"
    c.add("docs/mixed_kinds", "---\n" + svc + "---\n" + block(MINIMAL) + "---\n" + ws + "---\n" + with_field(MINIMAL, "name", "Bad"))
    c.add("docs/empty_between", block(MINIMAL) + "---\n---\n" + block(EXTERNAL))
    c.add("docs/trailing_marker", block(MINIMAL) + "---\n")
    c.add("docs/only_comments", "# nothing here\n")
    c.add("docs/empty_file", "")
    c.add("docs/null_doc", "--- ~\n")
    c.add("docs/list_doc", "- a\n- b\n")
    c.add("docs/scalar_doc", "just a string\n")
    c.add("docs/end_markers", block(MINIMAL) + "...\n---\n" + block(EXTERNAL) + "...\n")
    c.add("docs/misspelt_kind", with_field(MINIMAL, "type", "Artifact-Version"))
    c.add("docs/type_not_str", with_field(MINIMAL, "type", "1"))
    c.add("docs/no_type", block({k: v for k, v in MINIMAL.items() if k != "type"}))
    c.add("docs/dump_error_then_valid", with_field(MINIMAL, "description", "2024-01-01") + "---\n" + block(MINIMAL))
    c.add("docs/load_error_stops", block(MINIMAL) + "---\n" + with_field(MINIMAL, "version", "!!int x") + "---\n" + block(EXTERNAL))
    c.add("docs/syntax_error_third", block(MINIMAL) + "---\n" + block(EXTERNAL) + "---\na: [1, 2\n")

    # --- unloadable ------------------------------------------------------------------------
    bad = {"indent": "a:\n  b: 1\n c: 2\n", "unclosed_flow": "a: [1, 2\n", "unclosed_quote": "a: 'x\n",
           "tab_indent": "a:\n\tb: 1\n", "colon_in_flow": "{a: b: c}\n", "undefined_alias": "a: *nope\n",
           "duplicate_anchor": "a: &x 1\nb: &x 2\n", "bad_escape": 'a: "\\q"\n', "block_in_flow": "[a, - b]\n",
           "mapping_value_here": "a: b: c\n", "lone_surrogate_escape": 'a: "\\ud800"\n', "bad_tag_handle": "a: !x!y 1\n",
           "yaml_13": "%YAML 1.3\n---\na: 1\n", "yaml_2": "%YAML 2.0\n---\na: 1\n", "nul_byte": "a: 1\x00\n",
           "control_char": "a: \x07\n", "del_in_comment": "# \x7f\na: 1\n", "bad_doc_start": "--- a\n--- b: [\n",
           "anchor_only": "&a\n", "key_too_long": "? " + "k" * 1100 + "\n: v\n", "plain_key_1025": "k" * 1025 + ": v\n",
           "bom_mid": "a: 1\n\ufeffb: 2\n", "nel_break": "a: 1\x85b: 2\n", "ls_break": "a: x\u2028b: 2\n",
           "recursive_value_key": "a: &a !!int {=: *a}\n"}
    for k, v in bad.items():
        c.add("unloadable/%s" % k, v)
    c.add("unloadable/invalid_utf8", b"name: \xff\n")
    c.add("unloadable/invalid_utf8_later_doc", block(MINIMAL).encode() + b"---\n# \xc3\x28\n")
    c.add("unloadable/utf16_odd", b"\xff\xfea\x00:\x00 \x001")
    c.add("unloadable/utf16_lone_surrogate", b"\xff\xfea\x00:\x00 \x00\x00\xd8")
    for depth in (5, 489, 490, 491, 495):
        c.add("depth/block/%d" % depth, "".join("  " * i + "a:\n" for i in range(depth - 1)) + "  " * (depth - 1) + "b: 1\n")
    for depth in (489, 494):
        c.add("depth/flow_map/%d" % depth, "{a: " * depth + "1" + "}" * depth + "\n")
    for n in (100, 968, 969, 970, 990, 991, 992, 993):
        # n lists chained through anchors: nesting without composer recursion.
        lines = ["x0: &a0 [1]"] + ["x%d: &a%d [*a%d]" % (i, i, i - 1) for i in range(1, n)]
        c.add("depth/alias_chain/%d" % n, "\n".join(lines) + "\n" + block(MINIMAL).replace("metadata: {}", "metadata: {deep: *a%d}" % (n - 1)))
    c.add("bomb/small", "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\n" + block(MINIMAL).replace("metadata: {}", "metadata: {c: *c}"))
    c.add("cycle/map", block(MINIMAL).replace("metadata: {}", "metadata: &m {self: *m}"))
    c.add("cycle/shared_not_cycle", block(MINIMAL).replace("metadata: {}", "metadata: {a: &x [1], b: *x}"))

    # --- seeded random: valid manifests with quirky values, random styles ------------------
    rng = random.Random(15)
    for i in range(160):
        m = copy.deepcopy(rng.choice([LOCAL, EXTERNAL, TRUEFOUNDRY, MINIMAL]))
        text = rng.choice([block, lambda v: yaml.safe_dump(v, default_flow_style=None, sort_keys=False),
                           lambda v: yaml.safe_dump(v, default_flow_style=True, width=rng.randint(10, 200))])(m)
        lines = text.split("\n")
        for _ in range(rng.randint(1, 3)):
            j = rng.randrange(len(lines))
            line = lines[j]
            if ": " in line and not line.rstrip().endswith((":", "{", "[")) and "{" not in line:
                key, _, _ = line.partition(": ")
                q = rng.choice(QUIRKS)
                if "\n" not in q:
                    lines[j] = key + ": " + q
        if rng.random() < 0.2:
            lines = [ln + ("  # c" if ln.strip() and rng.random() < 0.3 and "|" not in ln and ">" not in ln else "") for ln in lines]
        c.add("random/%d" % i, "\n".join(lines))
    return c.cases


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-o", required=True)
    args = ap.parse_args()
    cases = generate()
    records = []
    bodies = {}
    for cid, data in cases:
        docs, differs = run_python(data)
        nodes = node_positions(data, docs) if not differs else [None] * len(docs)
        records.append({"id": cid, "yaml_b64": base64.b64encode(data).decode(), "libyaml_differs": differs,
                        "documents": docs, "_nodes": nodes})
        for d in docs:
            if "json" in d:
                bodies.setdefault(d["json"], len(bodies))
    answers = ask_both([("b%d" % i, b) for b, i in bodies.items()])
    with open(args.o, "w", encoding="utf-8") as out:
        for r in records:
            nodes = r.pop("_nodes")
            json_docs = [d for d in r["documents"] if "json" in d]
            for k, d in enumerate(r["documents"]):
                if "json" not in d:
                    continue
                key = "b%d" % bodies[d["json"]]
                d["v1"] = list(answers["v1"][key])
                d["v2"] = list(answers["v2"][key])
                node = nodes[k] if k < len(nodes) else None
                positions = []
                if d["v2"][0] == 422:
                    for err in json.loads(d["v2"][1])["detail"]:
                        positions.append(locate(node, err["loc"]))
                d["positions"] = positions
            del json_docs
            out.write(json.dumps(r, ensure_ascii=True) + "\n")
    n_docs = sum(len(r["documents"]) for r in records)
    n_json = sum(1 for r in records for d in r["documents"] if "json" in d)
    print("%d streams, %d documents (%d with a body, %d distinct bodies), %d where libyaml differs" % (
        len(records), n_docs, n_json, len(bodies), sum(r["libyaml_differs"] for r in records)), file=sys.stderr)


if __name__ == "__main__":
    main()
