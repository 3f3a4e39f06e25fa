#!/usr/bin/env python3
"""Writes the golden bodies for the CLI tests.

usage: golden_bodies.py GOLDEN.jsonl OUT_DIR

OUT_DIR/bodies.jsonl   every golden body without a newline byte whose answer
                       tfschema reproduces (not the 500s: tfschema answers
                       those 422 on purpose, see README), one per line
OUT_DIR/answers.txt    the server's answer for each rejected one, in order
OUT_DIR/files/NNNN.json every golden body as a file of its own
"""
import base64
import json
import os
import sys

golden, out_dir = sys.argv[1], sys.argv[2]
os.makedirs(os.path.join(out_dir, "files"), exist_ok=True)
with open(golden, encoding="utf-8") as cases, \
        open(os.path.join(out_dir, "bodies.jsonl"), "wb") as bodies, \
        open(os.path.join(out_dir, "answers.txt"), "wb") as answers:
    for number, line in enumerate(cases):
        case = json.loads(line)
        body = base64.b64decode(case["body_b64"])
        with open(os.path.join(out_dir, "files", f"{number:04d}.json"), "wb") as f:
            f.write(body)
        if b"\n" in body or case["status"] == 500:
            continue
        bodies.write(body + b"\n")
        if case["status"] in (400, 422):
            answers.write(case["raw"].encode("utf-8") + b"\n")
