#!/usr/bin/python3
"""Generate the response-schema cases of the strict profile (issue 7).

usage: make_response_cases.py response|error GOLDEN_DIR > CASES.jsonl

response: GetArtifactVersionResponse bodies (the 200 answer)
  - resp/golden/<request id>: every request golden of GOLDEN_DIR/v2.jsonl that is UTF-8
    text starting with '{' and at most 20,000 bytes, with its members spliced into
    `data` after a valid ArtifactVersion prefix, byte for byte: the request's manifest
    (valid or not, duplicates, odd numbers and all) becomes data.manifest;
  - resp/datetime/*, resp/subject/*, resp/version/*: targeted date-time, Subject and
    ArtifactVersion cases;
  - resp/mut/*: seeded random mutations of valid responses.
error: HTTPValidationError bodies (the 422 answer)
  - err/golden/v1|v2/<id>: every 422 answer of the golden files, as the servers sent it;
  - err/shape/*: targeted cases (loc items of every JSON type, missing members, ...);
  - err/mut/*: seeded random mutations of the golden answers.

One JSON object a line: {"id": ..., "body": text} or {"id": ..., "body_b64": bytes} for
bodies that are not UTF-8 text. Deterministic (fixed seeds, stdlib only); ids are unique
and bodies distinct. tools/goldens/regenerate_responses.sh adds ajv's verdicts.
"""
import base64
import json
import random
import sys

MAX_BODY = 20000

SUBJECT = {"subjectId": "u-42", "subjectType": "user", "subjectSlug": "ada",
           "subjectDisplayName": "Ada Lovelace", "subjectPatName": None,
           "subjectControllerName": None, "subjectExternalIdentitySlug": None}
MANIFEST = {"name": "churn-model", "metadata": {"stage": "prod", "auc": 0.91}, "ml_repo": "demo-repo",
            "version": 3, "type": "artifact-version", "description": "a model",
            "source": {"type": "local", "paths": [{"src": "model.pt", "dest": "weights/model.pt"}]}}
VERSION = {"id": "av-7f3a", "fqn": "artifact:acme/demo-repo/churn-model:3",
           "created_by_subject": SUBJECT, "created_at": "2026-11-27T06:56:49.123Z",
           "updated_at": "2026-11-27T07:00:00+01:00", "manifest": MANIFEST, "ml_repo_id": "repo-1",
           "tags": ["prod", "churn"], "version_alias": "v1.0.0",
           "usage_code_snippet": "client.get('churn-model')", "artifact_id": "art-9"}

# Date-time strings around every rule ajv-formats' date-time applies (full mode).
DATE_TIMES = [
    "2026-11-27T06:56:49Z", "2026-11-27t06:56:49z", "2026-11-27T06:56:49.123456789Z",
    "2026-11-27T06:56:49.Z", "2026-11-27T06:56:49+01:00", "2026-11-27T06:56:49-23:59",
    "2026-11-27T06:56:49+24:00", "2026-11-27T06:56:49+01:60", "2026-11-27T06:56:49+01",
    "2026-11-27T06:56:49+0130", "2026-11-27T06:56:49+013", "2026-11-27T06:56:49+01:",
    "2026-11-27T06:56:49", "2026-11-27 06:56:49Z", "2026-11-27\t06:56:49Z",
    "2026-11-27\u00a006:56:49Z", "2026-11-27\u300006:56:49Z", "2026-11-27\u202806:56:49Z",
    "2026-11-27\ufeff06:56:49Z", "2026-11-27\u180e06:56:49Z", "2026-11-27\u200b06:56:49Z",
    "2026-11-27\u200a06:56:49Z", "2026-11-27\x8506:56:49Z", "2026-11-27_06:56:49Z",
    "2026-11-27T06:56:49ZZ", "2026-11-27TT06:56:49Z", "2024-02-29T00:00:00Z",
    "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2000-02-29T00:00:00Z",
    "2026-04-31T00:00:00Z", "2026-04-30T00:00:00Z", "2026-06-31T00:00:00Z",
    "2026-12-32T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z",
    "2026-01-00T00:00:00Z", "0000-01-01T00:00:00Z", "0000-02-29T00:00:00Z",
    "9999-12-31T23:59:59.999Z", "2016-12-31T23:59:60Z", "2016-12-31T23:59:60.5Z",
    "2016-12-31T23:59:61Z", "2016-12-31T23:58:60Z", "2016-12-31T22:59:60Z",
    "2016-12-31T15:59:60-08:00", "2017-01-01T00:59:60+01:00", "2016-12-31T23:59:60+01:00",
    "2017-01-01T00:00:60+00:01", "2026-01-01T24:00:00Z", "2026-01-01T24:59:59+01:00",
    "2026-01-01T23:60:00+00:01", "2026-01-01T12:00:59.99999999999999999Z",
    "2026-01-01T12:00:59.9999999999999Z", "2026-01-01T23:59:59.99999999999999999Z",
    "2026-1-01T00:00:00Z", "26-01-01T00:00:00Z", "2026-01-01T0:00:00Z",
    "2026-01-01T00:00:0Z", "20260101T000000Z", "2026-01-01T00:00:00+01:00:00",
    "+2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z ", " 2026-01-01T00:00:00Z",
    "2026-01-01T00:00:00Z\n", "2026-01-01T00:00:00,5Z", "\uff12\uff10\uff12\uff16-01-01T00:00:00Z",
    "2026-01-01T00:00:00\u221201:00", "2026-01-01T00:00:00.1+05:30", "2026-01-01t00:00:00.1-00:00",
    "2026-01-01T99:99:60+00:00", "2026-01-01T00:00:60+00:01", "2026-01-01T00:00:00.000000000000000000001Z",
    "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00-00:00", "2026-01-01", "00:00:00Z", "",
    "T", "2026-01-01T", "2026-01-01T00:00:00z+01:00", "2026-01-01T00:00:00.5.5Z",
    "2026-01-01T00:00:00+1:00", "2026-01-01T00:00:00+01:0", "2026-02-28T23:59:60-00:00",
    "2026-01-01T00:60:00Z", "2026-01-01T00:00:59.9Z", "2026-01-01T23:59:60.999999Z",
    "2026-01-01T23:59:60.9999999999999999Z", "2026-01-01T13:59:60+14:00", "2026-01-01T09:59:60-14:00",
]

NON_STRINGS = [("null", None), ("int", 5), ("float", 1.5), ("true", True), ("list", []), ("object", {})]


def dumps(value):
    return json.dumps(value, ensure_ascii=False)


def emit(cases, seen, case_id, body):
    """body: str (sent as UTF-8) or bytes."""
    raw = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body
    if raw in seen:
        return
    seen.add(raw)
    try:
        text = raw.decode("utf-8")
        cases.append({"id": case_id, "body": text})
    except UnicodeDecodeError:
        cases.append({"id": case_id, "body_b64": base64.b64encode(raw).decode("ascii")})


def response_with(**changes):
    version = json.loads(json.dumps(VERSION))
    for key, value in changes.items():
        if value is ...:
            version.pop(key, None)
        else:
            version[key] = value
    return {"data": version}


def subject_with(**changes):
    subject = dict(SUBJECT)
    for key, value in changes.items():
        if value is ...:
            subject.pop(key, None)
        else:
            subject[key] = value
    return response_with(created_by_subject=subject)


def golden_requests(golden_dir, cases, seen):
    """The request goldens' members spliced into `data` after a valid prefix."""
    prefix = dict(VERSION)
    del prefix["manifest"]
    head = '{"data": ' + dumps(prefix)[:-1]  # without its closing brace
    with open(f"{golden_dir}/v2.jsonl", encoding="utf-8") as golden:
        for line in golden:
            case = json.loads(line)
            raw = base64.b64decode(case["body_b64"])
            if len(raw) > MAX_BODY:
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                continue
            rest = text.lstrip(" \t\r\n")
            if not rest.startswith("{"):
                continue
            inner = rest[1:]
            separator = "" if inner.lstrip(" \t\r\n").startswith("}") else ", "
            emit(cases, seen, "resp/golden/" + case["id"], head + separator + inner + "}")


def targeted_responses(cases, seen):
    emit(cases, seen, "resp/version/valid", dumps({"data": VERSION}))
    minimal = {k: VERSION[k] for k in ("id", "fqn", "created_by_subject", "manifest", "ml_repo_id", "artifact_id")}
    emit(cases, seen, "resp/version/minimal", dumps({"data": minimal}))
    emit(cases, seen, "resp/version/extra_members", dumps({"data": dict(VERSION, extra=1), "meta": {"x": []}}))
    for i, value in enumerate(DATE_TIMES):
        for field in ("created_at", "updated_at"):
            emit(cases, seen, f"resp/datetime/{field}/{i}", dumps(response_with(**{field: value})))
    for field in VERSION:
        emit(cases, seen, f"resp/version/{field}/absent", dumps(response_with(**{field: ...})))
        for name, value in NON_STRINGS + [("string", "x"), ("list_of_str", ["a"])]:
            emit(cases, seen, f"resp/version/{field}/{name}", dumps(response_with(**{field: value})))
    for name, value in [("empty", []), ("ints", [1, 2]), ("null_item", ["a", None]), ("nested", [["a"]]),
                        ("mixed", ["a", 1.0, "b"]), ("many", [f"t{i}" for i in range(50)])]:
        emit(cases, seen, f"resp/version/tags/{name}", dumps(response_with(tags=value)))
    for kind in ("user", "team", "serviceaccount", "virtualaccount", "external-identity", "role",
                 "User", "USER", "service-account", "external_identity", "", " user", "user ", "roles", "virtual account"):
        emit(cases, seen, f"resp/subject/type/{kind or 'empty'}", dumps(subject_with(subjectType=kind)))
    for field in SUBJECT:
        emit(cases, seen, f"resp/subject/{field}/absent", dumps(subject_with(**{field: ...})))
        for name, value in NON_STRINGS + [("string", "x"), ("empty_string", "")]:
            emit(cases, seen, f"resp/subject/{field}/{name}", dumps(subject_with(**{field: value})))
    emit(cases, seen, "resp/subject/only_required", dumps(subject_with(
        subjectSlug=..., subjectDisplayName=..., subjectPatName=..., subjectControllerName=...,
        subjectExternalIdentitySlug=...)))
    emit(cases, seen, "resp/subject/all_null", dumps(subject_with(**{k: None for k in SUBJECT})))
    for name, value in NON_STRINGS:
        emit(cases, seen, f"resp/subject/whole/{name}", dumps(response_with(created_by_subject=value)))
        emit(cases, seen, f"resp/data/{name}", dumps({"data": value}))
        emit(cases, seen, f"resp/root/{name}", dumps(value))
    emit(cases, seen, "resp/root/no_data", dumps({"datum": VERSION}))
    emit(cases, seen, "resp/root/string", '"data"')
    emit(cases, seen, "resp/dup/data", '{"data": 1, "data": ' + dumps(VERSION) + "}")
    emit(cases, seen, "resp/dup/subject_type", '{"data": ' + dumps(VERSION).replace(
        '"subjectType": "user"', '"subjectType": "robot", "subjectType": "user"') + "}")
    emit(cases, seen, "resp/escape/subject_type", '{"data": ' + dumps(VERSION).replace(
        '"subjectType": "user"', '"subject\\u0054ype": "\\u0075ser"') + "}")
    emit(cases, seen, "resp/escape/created_at", '{"data": ' + dumps(VERSION).replace(
        '"2026-11-27T06:56:49.123Z"', '"2026-11-27\\u005406:56:49.123\\u005a"') + "}")
    emit(cases, seen, "resp/syntax/trailing_comma", dumps({"data": VERSION})[:-1] + ",}")
    emit(cases, seen, "resp/syntax/empty", "")
    emit(cases, seen, "resp/bytes/invalid_utf8", dumps({"data": VERSION}).encode().replace(b"u-42", b"u-\xff"))


def mutate(value, rng, depth=0):
    """One random change somewhere in a JSON value."""
    if isinstance(value, dict) and value and rng.random() < 0.8:
        key = rng.choice(sorted(value))
        choice = rng.random()
        if choice < 0.2:
            del value[key]
        elif choice < 0.4 or not isinstance(value[key], (dict, list)):
            value[key] = rng.choice([None, 0, -1, 2.5, 1.0, True, "", "x", "2026-11-27T06:56:49Z", "user",
                                     [], {}, ["a"], [1], {"a": 1}, 10**20, -0.0])
        else:
            value[key] = mutate(value[key], rng, depth + 1)
        return value
    if isinstance(value, list) and value and rng.random() < 0.8:
        i = rng.randrange(len(value))
        if rng.random() < 0.5 and isinstance(value[i], (dict, list)):
            value[i] = mutate(value[i], rng, depth + 1)
        else:
            value[i] = rng.choice([None, 0, 3, 1.5, 1.0, 1e300, -7, "s", True, [], {}, "body"])
        return value
    return rng.choice([None, 0, "x", [], {}, 1.5])


def mutated_responses(cases, seen):
    rng = random.Random(7007)
    for i in range(600):
        doc = {"data": json.loads(json.dumps(VERSION))}
        for _ in range(rng.randint(1, 3)):
            doc = mutate(doc, rng)
        emit(cases, seen, f"resp/mut/{i}", dumps(doc))


def golden_answers(golden_dir):
    for version in ("v1", "v2"):
        with open(f"{golden_dir}/{version}.jsonl", encoding="utf-8") as golden:
            for line in golden:
                case = json.loads(line)
                if case["status"] == 422:
                    yield version, case["id"], case["raw"]


def error_cases(golden_dir, cases, seen):
    answers = list(golden_answers(golden_dir))
    for version, case_id, raw in answers:
        if len(raw.encode("utf-8", "surrogatepass")) <= MAX_BODY:
            emit(cases, seen, f"err/golden/{version}/{case_id}", raw)
    item = {"loc": ["body", "manifest", 0], "msg": "Field required", "type": "missing"}
    emit(cases, seen, "err/shape/empty_object", "{}")
    emit(cases, seen, "err/shape/empty_detail", '{"detail": []}')
    emit(cases, seen, "err/shape/detail_string", '{"detail": "There was an error parsing the body"}')
    for name, value in NON_STRINGS + [("string", "x")]:
        emit(cases, seen, f"err/shape/detail/{name}", dumps({"detail": value}))
        emit(cases, seen, f"err/shape/item/{name}", dumps({"detail": [value]}))
        emit(cases, seen, f"err/shape/root/{name}", dumps(value))
        for field in ("loc", "msg", "type"):
            emit(cases, seen, f"err/shape/{field}/{name}", dumps({"detail": [dict(item, **{field: value})]}))
    for field in ("loc", "msg", "type"):
        emit(cases, seen, f"err/shape/{field}/absent", dumps({"detail": [{k: v for k, v in item.items() if k != field}]}))
    loc_items = [("str", '"a"'), ("empty_str", '""'), ("int", "0"), ("negative", "-3"), ("whole_float", "1.0"),
                 ("minus_zero", "-0.0"), ("exp", "1e2"), ("neg_exp", "1e-2"), ("fraction", "1.5"), ("big", "1" + "0" * 30),
                 ("big_negative", "-" + "9" * 25), ("huge", "1e400"), ("tiny", "1e-400"), ("null", "null"),
                 ("true", "true"), ("false", "false"), ("list", "[]"), ("object", "{}"), ("list_of_int", "[1]"),
                 ("precise", "1.0000000000000001"), ("u64", "18446744073709551615"), ("u64_plus", "18446744073709551616")]
    for name, text in loc_items:
        emit(cases, seen, f"err/loc/{name}", '{"detail": [{"loc": ["body", ' + text + '], "msg": "m", "type": "t"}]}')
    emit(cases, seen, "err/loc/all_bad", '{"detail": [{"loc": [null, 1.5, true, {}, []], "msg": "m", "type": "t"}]}')
    emit(cases, seen, "err/dup/detail", '{"detail": [], "detail": []}')
    emit(cases, seen, "err/dup/msg", '{"detail": [{"loc": [], "msg": "a", "msg": "b", "type": "t"}]}')
    emit(cases, seen, "err/syntax/nan", '{"detail": [{"loc": [NaN], "msg": "m", "type": "t"}]}')
    rng = random.Random(4220)
    parsed = [json.loads(raw) for _, _, raw in answers[:: max(1, len(answers) // 300)]]
    for i in range(600):
        doc = json.loads(json.dumps(rng.choice(parsed)))
        for _ in range(rng.randint(1, 3)):
            doc = mutate(doc, rng)
        emit(cases, seen, f"err/mut/{i}", dumps(doc))


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("response", "error"):
        sys.exit(__doc__)
    cases, seen = [], set()
    if sys.argv[1] == "response":
        golden_requests(sys.argv[2], cases, seen)
        targeted_responses(cases, seen)
        mutated_responses(cases, seen)
    else:
        error_cases(sys.argv[2], cases, seen)
    for case in cases:
        sys.stdout.write(json.dumps(case, ensure_ascii=False).replace("\u2028", "\\u2028")
                         .replace("\u2029", "\\u2029").replace("\x85", "\\u0085") + "\n")


if __name__ == "__main__":
    main()
