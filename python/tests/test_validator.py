"""tfschema.Validator, Result and Error: the Python surface over the C++ library."""
import array
import json
import mmap
import pydoc
import sys

import pytest

import tfschema
from conftest import VALID_BODY, deep_recursion, golden_cases
from tfschema import _detail, _tfschema

MISSING_METADATA = b'{"manifest": {"name": "x"}}'
# Three errors over three lines, one after a 2-byte character (columns count code points).
MULTILINE = '{"manifest": {\n  "name": "é bad",\n  "metadata": {}, "ml_repo": 5,\n  "source": {"type": "local"}}}'


def some_bodies():
    """A few hundred golden bodies of every kind (valid, 422, 400, deep, non-UTF-8)."""
    cases = golden_cases("pydantic-v2")
    return [case.body for case in cases[::12]] + [VALID_BODY, b"", b"{}"]


def answer(result):
    return result.status_code, result.body


@pytest.mark.parametrize("profile", ["pydantic-v2", "pydantic-v1", "strict"])
def test_every_body_type_gives_the_same_answer(profile):
    validator = tfschema.Validator(profile)
    for body in some_bodies():
        expected = answer(validator.validate(body))
        padded = bytearray(body) + bytearray(b"\xff" * tfschema.PADDING)  # padding content must not matter
        forms = {
            "bytearray": bytearray(body),
            "memoryview": memoryview(body),
            "memoryview, padded (read in place)": memoryview(padded)[:len(body)],
            "memoryview of a memoryview": memoryview(memoryview(padded)[:len(body) + 1])[:len(body)],
            "bytes subclass": type("B", (bytes,), {})(body),
            "array": array.array("B", body),
        }
        if body:
            mapped = mmap.mmap(-1, len(body) + tfschema.PADDING)
            mapped[:len(body)] = body
            forms["mmap, read in place"] = memoryview(mapped)[:len(body)]
        try:
            forms["str"] = body.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            pass  # not text
        for name, form in forms.items():
            assert answer(validator.validate(form)) == expected, name
            assert validator.is_valid(form) == (expected[0] == 200), name
        for form in forms.values():
            if isinstance(form, memoryview):
                form.release()  # lets the mmap close


def test_zero_copy_rule():
    buffer = bytearray(VALID_BODY) + bytearray(tfschema.PADDING)
    n = len(VALID_BODY)
    assert _tfschema._reads_in_place(memoryview(buffer)[:n])
    assert _tfschema._reads_in_place(memoryview(bytes(buffer))[:n])
    assert not _tfschema._reads_in_place(memoryview(buffer)[:n + 1])  # one byte short of the padding
    assert not _tfschema._reads_in_place(bytes(buffer))  # a whole object: nothing of it follows
    assert not _tfschema._reads_in_place(buffer)
    assert not _tfschema._reads_in_place(VALID_BODY)
    assert not _tfschema._reads_in_place(VALID_BODY.decode())


def test_str_with_lone_surrogates_is_validated_as_python_would_send_it():
    validator = tfschema.Validator()
    text = '{"manifest": {"name": "\ud800"}}'
    as_bytes = text.encode("utf-8", "surrogatepass")
    assert answer(validator.validate(text)) == answer(validator.validate(as_bytes))
    assert validator.validate(text).status_code == 422
    assert validator.validate(text).errors[0].loc == ("body", "manifest", "name")


def test_lone_surrogate_in_a_message_is_python_s():
    # Pydantic 2 puts the tag in its message as a str with the lone surrogate;
    # the 422 body (which the server cannot render: 500) has U+FFFD.
    result = tfschema.Validator().validate('{"manifest": {"source": {"type": "\ud800"}}}')
    tag = [e for e in result.errors if e.type == "union_tag_invalid"][0]
    assert tag.msg.startswith("Input tag '\ud800' found using 'type'")
    assert tag.server_cannot_render and result.server_cannot_render
    assert result.detail[-1]["msg"].startswith("Input tag '\ufffd' found")


def test_result_of_a_bad_body():
    validator = tfschema.Validator()
    result = validator.validate(MULTILINE)
    assert (result.status_code, result.status, result.ok) == (422, "invalid", False)
    assert result.profile == "pydantic-v2"
    assert result.detail == json.loads(result.body)["detail"]
    assert result.detail is result.detail  # parsed once
    assert [(e.loc, e.type, e.line, e.column) for e in result.errors] == [
        (("body", "manifest", "name"), "string_pattern_mismatch", 2, 11),
        (("body", "manifest", "ml_repo"), "string_type", 3, 30),
        (("body", "manifest", "source", "local", "paths"), "missing", 4, 13),
    ]
    name = result.errors[0]
    assert name.offset == MULTILINE.encode().index(b'"\xc3\xa9 bad"')
    assert name.msg == "String should match pattern '^[A-Za-z0-9_\\-]+$'"
    assert name.input_json == '"é bad"'
    assert name.ctx_json == '{"pattern":"^[A-Za-z0-9_\\\\-]+$"}'
    assert not name.server_cannot_render
    assert str(name) == "2:11: body.manifest.name: String should match pattern '^[A-Za-z0-9_\\-]+$' " \
                        "[string_pattern_mismatch]"
    assert repr(name) == "<tfschema.Error 2:11 body.manifest.name [string_pattern_mismatch]>"
    assert repr(result) == "<tfschema.Result 422 invalid, 3 errors>"
    assert [d["loc"] for d in result.detail] == [list(e.loc) for e in result.errors]


def test_v1_errors_have_no_input():
    result = tfschema.Validator("pydantic-v1").validate(b"{}")
    assert result.body == (b'{"detail":[{"loc":["body","manifest"],"msg":"field required",'
                           b'"type":"value_error.missing"}]}')
    assert result.errors[0].input_json is None and result.errors[0].ctx_json is None


def test_the_package_docstring_example_holds():
    validator = tfschema.Validator(profile="pydantic-v2")
    result = validator.validate(MISSING_METADATA)
    assert result.status_code == 422
    assert result.body.startswith(b'{"detail":[{"type":"missing",')
    assert str(result.errors[0]) == "1:14: body.manifest.metadata: Field required [missing]"
    assert not validator.is_valid(b"{}")
    assert tfschema.__doc__ and "1:14: body.manifest.metadata: Field required [missing]" in tfschema.__doc__


def test_valid_bad_request_and_limit_results():
    validator = tfschema.Validator(max_body_bytes=len(VALID_BODY))
    valid = validator.validate(VALID_BODY)
    assert (valid.status_code, valid.status, valid.ok, valid.body, valid.detail, valid.errors) == (
        200, "valid", True, b"", [], ())
    bad = validator.validate(b"\xff")
    assert (bad.status_code, bad.status, bad.errors) == (400, "bad_request", ())
    assert bad.detail == "There was an error parsing the body"
    over = validator.validate(VALID_BODY + b" ")
    assert (over.status_code, over.status) == (413, "limit_exceeded")
    assert not validator.is_valid(VALID_BODY + b" ")


def test_max_errors_truncates():
    result = tfschema.Validator(max_errors=1).validate(MULTILINE)
    assert len(result.errors) == 1 and result.truncated
    assert not tfschema.Validator().validate(MULTILINE).truncated


def test_max_depth():
    deep = b'{"manifest": ' + b"[" * 100 + b"]" * 100 + b"}"
    assert tfschema.Validator(max_depth=50).validate(deep).status_code == 400
    assert tfschema.Validator().validate(deep).status_code == 422


def test_strict_response_schema():
    validator = tfschema.Validator("strict", "response")
    assert validator.schema == "response"
    result = validator.validate(b"{}")
    assert result.status_code == 422 and result.errors[0].loc[0] == "response"


def test_errors_keep_their_positions_when_the_buffer_changes():
    buffer = bytearray(MULTILINE.encode())
    result = tfschema.Validator().validate(buffer)
    buffer[:] = b"\n" * len(buffer)  # the Result kept a copy of a mutable body
    assert [(e.line, e.column) for e in result.errors] == [(2, 11), (3, 30), (4, 13)]


def test_server_cannot_render_and_deep_detail():
    # v2 answers 500 when its 422 would echo NaN; tfschema renders "NaN".
    result = tfschema.Validator().validate(b'{"manifest": {"name": NaN}}')
    assert result.server_cannot_render and result.errors[0].server_cannot_render
    assert result.detail[0]["input"] == "NaN"
    # Nested past Python's recursion limit: json.loads cannot read the 422, detail still can.
    deep = b"[" * 5000 + b"]" * 5000
    result = tfschema.Validator().validate(deep)
    assert result.server_cannot_render
    detail = result.detail
    with deep_recursion():
        assert detail == json.loads(result.body)["detail"]


def test_deep_json_reader_is_json_loads():
    texts = [case.raw.decode() for case in golden_cases("pydantic-v2")[::7] if case.status in (400, 422)]
    texts += ['{"a": [1, -2.5e3, 1E+2, 0.5, true, false, null, "\\u00e9\\ud83d\\ude00", {}, [], [[{}]]], "": NaN}',
              " [ 1 , [ ] , { \"k\" : [ ] } ] ", "-Infinity", "12345678901234567890123"]
    # Deeper than json.loads reaches at the default limit; within what it reaches with
    # deep_recursion() (Python 3.13's C recursion limit is about 10,000).
    texts.append("[" * 9000 + "]" * 9000)
    texts.append('{"a":' * 3000 + "0" + "}" * 3000)
    for text in texts:
        with deep_recursion():
            expected = json.loads(text)
            if len(text) < 10000:  # repr tells 1 from 1.0 and shows NaN, which == cannot
                assert repr(_detail.loads(text)) == repr(expected)
            else:
                assert _detail.loads(text) == expected
    for bad in ["", "[", "[1,]", '{"a" 1}', "[1] x", "{1: 2}", "[1 2]"]:
        with pytest.raises(json.JSONDecodeError):
            _detail.loads(bad)


def test_programming_errors_raise():
    with pytest.raises(ValueError, match="unknown profile 'pydantic-v3'"):
        tfschema.Validator("pydantic-v3")
    with pytest.raises(ValueError, match="unknown schema"):
        tfschema.Validator(schema="requests")
    with pytest.raises(ValueError, match="strict-only"):
        tfschema.Validator("pydantic-v1", "response")
    for name in ("max_errors", "max_body_bytes", "max_depth"):
        with pytest.raises(ValueError, match=name):
            tfschema.Validator(**{name: -1})
    with pytest.raises(ValueError, match="max_depth"):
        tfschema.Validator(max_depth=2**32)
    validator = tfschema.Validator()
    for body in (None, 1, [b"{}"], {"manifest": {}}):
        with pytest.raises(TypeError, match="body must be bytes, bytearray, memoryview or str"):
            validator.validate(body)
        with pytest.raises(TypeError):
            validator.is_valid(body)
    with pytest.raises(BufferError):
        validator.validate(memoryview(b"{}{}")[::2])  # not contiguous
    with pytest.raises(TypeError):
        tfschema.server_parses_as_json(None)
    with pytest.raises(ValueError):
        tfschema.server_max_depth("v1")


def test_server_parses_as_json():
    for content_type in ("", "application/json", "application/json; charset=utf-8", "application/vnd.x+json",
                         b"application/json", b""):
        assert tfschema.server_parses_as_json(content_type), content_type
    for content_type in ("text/plain", "application/xml", "application/jsonx", "application/json\x00",
                         "application/jsón", b"application/js\xc3\xb3n", "\ud800"):
        assert not tfschema.server_parses_as_json(content_type), content_type


def test_module_facts():
    assert tfschema.PROFILES == ("pydantic-v2", "pydantic-v1", "strict")
    assert tfschema.SCHEMAS == ("request", "response", "error")
    assert tfschema.PADDING == 64
    assert tfschema.server_max_depth("pydantic-v1") == 970
    assert tfschema.server_max_depth("pydantic-v2") == 9994
    assert tfschema.__version__.count(".") == 2
    v = tfschema.Validator("pydantic-v1", max_errors=3)
    assert (v.profile, v.schema, v.max_errors, v.max_body_bytes, v.max_depth) == (
        "pydantic-v1", "request", 3, 64 << 20, 0)
    assert repr(v) == ("tfschema.Validator(profile='pydantic-v1', schema='request', max_errors=3, "
                       "max_body_bytes=67108864, max_depth=0)")
    assert tfschema.Validator.__module__ == "tfschema"


def test_help_reads_well():
    text = pydoc.render_doc(tfschema, renderer=pydoc.plaintext)
    for needle in ("Validate TrueFoundry artifact-version request bodies", "class Validator",
                   "validate(body) -> Result", "is_valid(body) -> bool", "class Result", "status_code:",
                   "class Error", "server_parses_as_json(content_type) -> bool", "PrecheckMiddleware"):
        assert needle in text, needle
    assert "tfschema._tfschema" not in pydoc.render_doc(tfschema.Validator, renderer=pydoc.plaintext)


def test_sequential_use_makes_one_validator():
    validator = tfschema.Validator()
    for body in some_bodies()[:50]:
        validator.validate(body)
        validator.is_valid(body)
    assert validator._validators_created == 1


def test_reference_counts_do_not_leak():
    if not hasattr(sys, "gettotalrefcount"):
        validator = tfschema.Validator()
        body = MULTILINE.encode()
        before = sys.getrefcount(body)
        results = [validator.validate(body) for _ in range(10)]
        assert sys.getrefcount(body) == before + 10  # each invalid Result keeps the bytes, not a copy
        del results
        assert sys.getrefcount(body) == before
