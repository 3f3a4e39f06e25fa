#!/usr/bin/python3
"""Writes the fuzzers' seed corpora under corpus/<target>/ from the example bodies and a
deterministic sample of the golden cases. Regenerate: /usr/bin/python3 tools/make_seed_corpora.py"""
import base64
import json
import pathlib
import re
import struct
import zlib

root = pathlib.Path(__file__).resolve().parent.parent
corpus = root / "corpus"


def reset(name):
    """Empties a corpus folder of generated seeds; inputs that once found a
    bug (regression-*, copied in by hand) and those a fuzzing campaign merged in
    (merged-*, scripts/fuzz_campaign.sh) stay."""
    folder = corpus / name
    folder.mkdir(parents=True, exist_ok=True)
    for seed in folder.iterdir():
        if not seed.name.startswith(("regression-", "merged-")):
            seed.unlink()
    return folder


bodies = {}
for path in sorted((root / "corpus" / "examples").glob("*.json")):
    bodies["example_" + path.stem] = path.read_bytes()
for name in ("small", "medium", "invalid"):
    bodies["bench_" + name] = (root / "bench" / "data" / (name + ".json")).read_bytes()
# One golden case in 20, chosen by its id (so that new cases do not reshuffle the sample).
with open(root / "tests" / "golden" / "v2.jsonl", encoding="utf-8") as cases:
    for line in cases:
        case = json.loads(line)
        body = base64.b64decode(case["body_b64"])
        if zlib.crc32(case["id"].encode()) % 20 == 0 and len(body) <= 8192:
            bodies["golden_" + re.sub(r"[^A-Za-z0-9]+", "_", case["id"])] = body

# The response schemas (strict): examples, bench bodies, a sample of their goldens.
for path in sorted((root / "corpus" / "examples" / "responses").glob("*.json")):
    bodies["response_example_" + path.stem] = path.read_bytes()
bodies["response_bench_small"] = (root / "bench" / "data" / "response" / "response_small.json").read_bytes()
bodies["response_bench_error"] = (root / "bench" / "data" / "response" / "error_422.json").read_bytes()
for schema in ("response", "error"):
    with open(root / "tests" / "golden" / (schema + ".jsonl"), encoding="utf-8") as cases:
        for index, line in enumerate(cases):
            case = json.loads(line)
            body = base64.b64decode(case["body_b64"]) if "body_b64" in case else case["body"].encode("utf-8")
            if index % 40 == 0 and len(body) <= 8192:
                bodies[schema + "_golden_" + re.sub(r"[^A-Za-z0-9]+", "_", case["id"])] = body

for target in ("fuzz_validate", "fuzz_differential", "fuzz_capi", "fuzz_diagnostics"):
    folder = reset(target)
    for name, body in bodies.items():
        (folder / name).write_bytes(body)

# fuzz_diagnostics: also bodies whose errors the stream walker must reorder
# (members out of declaration order, missing members, several per object).
diagnostics = corpus / "fuzz_diagnostics"
for index, body in enumerate([
        b'{"manifest": {"source": {"paths": [{"dest": 1}, {}, 2], "type": "local"}, "name": "a b", "step": -1}}',
        b'{"manifest": {"run_id": 5, "version": 0, "metadata": [], "ml_repo": "-"}}',
        b'{"manifest": {"source": {"type": "nope", "uri": 1}, "type": "model"}}',
        b'{"manifest": {"source": {"uri": "x"}, "metadata": {"_sa_x": 1, "k": [1.5e300, -0, "\\u00e9\\n"]}}}',
        b'{"data": {"tags": [1, null, "x"], "created_by_subject": {"subjectType": "bot"}}}',
        b'{"detail": [{"loc": ["body", null, 1.5], "msg": 1}, {"type": []}]}']):
    (diagnostics / f"order_{index}").write_bytes(body)

# fuzz_patterns: the first byte picks the pattern (% 4) and the semantics (/ 4 % 3).
patterns = reset("fuzz_patterns")
samples = [b"churn-model", b"a b", b"abc\n", b"demo-repo", b"ab", b"v1.0.0-rc1", b"v1.", b"s3://bucket/x",
           b"wasbs://c", b"S3://x", "na\u00efve".encode(), b"x" * 101]
for selector in range(12):
    for index, text in enumerate(samples):
        (patterns / f"p{selector}_{index}").write_bytes(bytes([selector]) + text)

# fuzz_echo: eight bytes of a double, then any text.
echo = reset("fuzz_echo")
for index, value in enumerate([0.1, 1e16, 1e-5, 5e-324, -0.0, 123456789012345678.0, 1.7976931348623157e308]):
    (echo / f"float_{index}").write_bytes(struct.pack("<d", value) + "é\n\"\\\x01\u2028".encode())
(echo / "surrogate").write_bytes(b"\xed\xa0\x80 lone")
# ... and JSON values for the text echo.
for index, value in enumerate([
        b' {"a" : [1, -0, 1.0, 1e5, 1E-7, 0.1, 123456789012345678901, "x\\u00e9\\ud83d\\ude00\\n\\"\\/"], "_sa": {}}',
        b'[{"_sax": 1, "\\u005fsa": 2, "k": {"_s": true, "b": null}}, [], {}, false]',
        b'"\\u0001\\u001f\\u007f\xc3\xa9\xe2\x80\xa8"', b'-1.5e-400', b'{"a": 1, "a": 2}']):
    (echo / f"json_{index}").write_bytes(value)

# fuzz_render: the request bodies (their 422 answers are what it checks).
render = reset("fuzz_render")
for name, body in bodies.items():
    if not name.startswith(("response_", "error_")):
        (render / name).write_bytes(body)

# fuzz_linear_time: the request bodies, and bodies dense in errors (a few KiB, and one of 50 KiB
# where a quadratic path would show), so that its median covers both kinds.
linear = reset("fuzz_linear_time")
for name, body in bodies.items():
    if not name.startswith(("response_", "error_")):
        (linear / name).write_bytes(body)
dense = {
    "paths_of_ints": '{"manifest":{"name":"n","metadata":{},"ml_repo":"r","source":{"type":"local","paths":[%s]}}}'
                     % ",".join(["1"] * 2000),
    "paths_of_ints_big": '{"manifest":{"name":"n","metadata":{},"ml_repo":"r","source":{"type":"local","paths":[%s]}}}'
                         % ",".join(["1"] * 25000),
    "paths_missing_src": '{"manifest":{"name":"n","metadata":{},"ml_repo":"r","source":{"type":"local","paths":[%s]}}}'
                         % ",".join(["{}"] * 1000),
    "metadata_many_keys": '{"manifest":{"name":"n","metadata":{%s},"ml_repo":"r","source":{"type":"external","uri":"s3://x"}}}'
                          % ",".join('"k%d":%d' % (i, i) for i in range(500)),
    "long_strings": '{"manifest":{"name":"%s","metadata":{},"ml_repo":"%s","description":"%s","source":{"type":"external","uri":"s3://x"}}}'
                    % ("n" * 3000, "r" * 3000, "d" * 3000),
    "deep_lists": '{"manifest":{"name":"n","metadata":{"a":%s},"ml_repo":"r","source":{"type":"external","uri":"s3://x"}}}'
                  % ("[" * 900 + "]" * 900),
    "syntax_error_late": '{"manifest":{"name":"%s"' % ("x" * 4000) + ",}",
}
for name, text in dense.items():
    (linear / ("dense_" + name)).write_text(text)

# fuzz_jsonl: byte 0 picks the profile and the format, bytes 1-4 seed the chunk sizes, then the
# stream: a few request bodies as lines (a body with a newline becomes several lines).
jsonl = reset("fuzz_jsonl")
requests = [body for name, body in sorted(bodies.items()) if not name.startswith(("response_", "error_"))]
for index in range(48):
    picked = [requests[(index * 7 + k * 13) % len(requests)] for k in range(1 + index % 5)]
    stream = b"\n".join(picked) + (b"\n" if index % 2 else b"")
    (jsonl / f"stream_{index}").write_bytes(bytes([index % 6, index, 7 * index % 256, 0, 1]) + stream)
(jsonl / "empty_lines").write_bytes(bytes([0, 1, 2, 3, 4]) + b"\n\n{}\n\n")
