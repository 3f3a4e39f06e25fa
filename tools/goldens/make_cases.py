#!/usr/bin/python3
"""Generate the golden request bodies for PUT /api/ml/v1/artifact-versions.

usage: make_cases.py [-o CASES.jsonl] [--bench DIR] [--found DIR]

Writes one JSON object a line, in generation order:
  {"id": "...", "body": "<request body as text>"}      the body is sent UTF-8 encoded
                                                      with 'surrogatepass' (so a lone
                                                      surrogate character in the text
                                                      becomes the bytes ED xx xx)
  {"id": "...", "body_b64": "<request body bytes>"}    bodies that are not text at all
                                                      (invalid UTF-8, UTF-16/32, ...)

Deterministic: fixed seeds, no clock, no environment (except the bench bodies, read from
bench/data of the repository, or --bench, and the found bodies: every file of
tests/golden/found/, or --found, which tools/replay/replay.py writes). Python 3.11 stdlib only.
Every id is unique and every body is distinct.
"""
import argparse
import base64
import copy
import json
import os
import random
import sys

# ---------------------------------------------------------------------------------------
# Nesting thresholds measured on the reference servers by find_thresholds.py (which
# regenerate.sh runs first and which fails if these numbers no longer hold).
# Each number is the smallest depth n at which the server answers that status.
# ---------------------------------------------------------------------------------------
DEPTH_THRESHOLDS = {
    'top_list:v1:400': 971,
    'top_list:v1:500': None,
    'top_list:v1:base': 422,
    'top_list:v2:400': 9995,
    'top_list:v2:500': 975,
    'top_list:v2:base': 422,
    'top_obj:v1:400': 971,
    'top_obj:v1:500': None,
    'top_obj:v1:base': 422,
    'top_obj:v2:400': 9995,
    'top_obj:v2:500': 974,
    'top_obj:v2:base': 422,
    'manifest_list:v1:400': 970,
    'manifest_list:v1:500': None,
    'manifest_list:v1:base': 422,
    'manifest_list:v2:400': 9994,
    'manifest_list:v2:500': 975,
    'manifest_list:v2:base': 422,
    'meta_list_valid:v1:400': 968,
    'meta_list_valid:v1:500': None,
    'meta_list_valid:v1:base': 200,
    'meta_list_valid:v2:400': 9992,
    'meta_list_valid:v2:500': None,
    'meta_list_valid:v2:base': 200,
    'meta_obj_valid:v1:400': 968,
    'meta_obj_valid:v1:500': None,
    'meta_obj_valid:v1:base': 200,
    'meta_obj_valid:v2:400': 9992,
    'meta_obj_valid:v2:500': None,
    'meta_obj_valid:v2:base': 200,
    'meta_list_echo:v1:400': 968,
    'meta_list_echo:v1:500': None,
    'meta_list_echo:v1:base': 422,
    'meta_list_echo:v2:400': 9992,
    'meta_list_echo:v2:500': 973,
    'meta_list_echo:v2:base': 422,
    'name_list:v1:400': 969,
    'name_list:v1:500': None,
    'name_list:v1:base': 422,
    'name_list:v2:400': 9993,
    'name_list:v2:500': 975,
    'name_list:v2:base': 422,
    'type_list:v1:400': 969,
    'type_list:v1:500': None,
    'type_list:v1:base': 422,
    'type_list:v2:400': 9993,
    'type_list:v2:500': 975,
    'type_list:v2:base': 422,
    'paths_list:v1:400': 967,
    'paths_list:v1:500': None,
    'paths_list:v1:base': 422,
    'paths_list:v2:400': 9991,
    'paths_list:v2:500': 975,
    'paths_list:v2:base': 422,
    'extra_key_list:v1:400': 969,
    'extra_key_list:v1:500': None,
    'extra_key_list:v1:base': 200,
    'extra_key_list:v2:400': 9993,
    'extra_key_list:v2:500': None,
    'extra_key_list:v2:base': 200,
}

# ---------------------------------------------------------------------------------------
# A tiny JSON writer that can also produce what json.dumps cannot: duplicate keys,
# NaN/Infinity and arbitrary raw literals, key escapes, several layouts.
# ---------------------------------------------------------------------------------------


class Raw:
    """A literal piece of JSON text, written as is."""

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return "Raw(%r)" % self.text


class Obj(list):
    """A JSON object as a list of (key, value) pairs: keeps order and duplicate keys.
    A key may be a Raw (written verbatim, e.g. '"n\\u0061me"')."""


MISSING = object()

STYLES = ("compact", "default", "pretty", "pretty4", "ascii", "crlf", "tabs")


def _key_text(k, ascii_):
    if isinstance(k, Raw):
        return k.text
    return json.dumps(k, ensure_ascii=ascii_)


def enc(v, style="default", _lvl=0):
    """Serialise v (dict/Obj/list/str/int/float/bool/None/Raw) as JSON text."""
    ascii_ = style == "ascii"
    if style in ("compact",):
        item_sep, kv_sep, ind = ",", ":", None
    elif style in ("pretty", "crlf"):
        item_sep, kv_sep, ind = ",", ": ", "  "
    elif style == "pretty4":
        item_sep, kv_sep, ind = ",", ": ", "    "
    elif style == "tabs":
        item_sep, kv_sep, ind = ",", ":\t", "\t"
    else:
        item_sep, kv_sep, ind = ", ", ": ", None
    nl = "\r\n" if style == "crlf" else "\n"

    if isinstance(v, Raw):
        return v.text
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v != v:
            return "NaN"
        if v in (float("inf"), float("-inf")):
            return "Infinity" if v > 0 else "-Infinity"
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=ascii_)
    if isinstance(v, dict):
        v = Obj(v.items())
    if isinstance(v, Obj):
        if not v:
            return "{}"
        parts = [_key_text(k, ascii_) + kv_sep + enc(x, style, _lvl + 1) for k, x in v]
        if ind is None:
            return "{" + item_sep.join(parts) + "}"
        pad = nl + ind * (_lvl + 1)
        return "{" + pad + (item_sep + pad).join(parts) + nl + ind * _lvl + "}"
    if isinstance(v, (list, tuple)):
        if not v:
            return "[]"
        parts = [enc(x, style, _lvl + 1) for x in v]
        if ind is None:
            return "[" + item_sep.join(parts) + "]"
        pad = nl + ind * (_lvl + 1)
        return "[" + pad + (item_sep + pad).join(parts) + nl + ind * _lvl + "]"
    raise TypeError(type(v))


def to_obj(v):
    """dict -> Obj recursively (so that trees can hold duplicate keys)."""
    if isinstance(v, dict):
        return Obj((k, to_obj(x)) for k, x in v.items())
    if isinstance(v, Obj):
        return Obj((k, to_obj(x)) for k, x in v)
    if isinstance(v, list):
        return [to_obj(x) for x in v]
    return v


def obj_get(o, key):
    for k, v in o:
        if k == key:
            return v
    raise KeyError(key)


def set_path(tree, path, value):
    """Copy of tree with the value at path replaced (MISSING deletes the key)."""
    tree = copy.deepcopy(tree)
    node = tree
    for p in path[:-1]:
        node = obj_get(node, p) if isinstance(node, Obj) else node[p]
    last = path[-1]
    if isinstance(node, Obj):
        for i, (k, _) in enumerate(node):
            if k == last:
                if value is MISSING:
                    del node[i]
                else:
                    node[i] = (k, value)
                return tree
        if value is not MISSING:
            node.append((last, value))
        return tree
    if value is MISSING:
        del node[last]
    else:
        node[last] = value
    return tree


# ---------------------------------------------------------------------------------------
# Valid bodies
# ---------------------------------------------------------------------------------------

SRC_TF = {"type": "truefoundry"}
SRC_TF_URI = {"type": "truefoundry", "uri": "gs://bucket/tf/path"}
SRC_EXT = {"type": "external", "uri": "s3://bucket/models/churn/v3/"}
SRC_LOCAL = {"type": "local", "paths": [{"src": "/mnt/out/model.pt", "dest": "model.pt"},
                                        {"src": "./data/"}]}


def manifest(source=SRC_EXT, full=True):
    m = {"name": "churn-model",
         "metadata": {"business-unit": "sales", "quality": "good", "rating": 4.5},
         "ml_repo": "demo-repo"}
    if full:
        m.update({"version": 3, "type": "artifact-version", "description": "A model.",
                  "version_alias": "v1.0.0"})
    m["source"] = copy.deepcopy(source)
    if full:
        m.update({"step": 2, "run_id": "run-8812-a9f3"})
    return m


def body(source=SRC_EXT, full=True):
    return to_obj({"manifest": manifest(source, full)})


BASE = body()                      # the base for field-targeted cases (external source)
BASE_TF = body(SRC_TF_URI)
BASE_LOCAL = body(SRC_LOCAL)
M = ("manifest",)
SRC = ("manifest", "source")
PATH0 = ("manifest", "source", "paths", 0)

# ---------------------------------------------------------------------------------------
# Case collection
# ---------------------------------------------------------------------------------------


class Cases:
    def __init__(self):
        self.items = []          # (id, kind, payload) kind: "text" | "bytes"
        self.ids = set()
        self.bodies = set()

    def add(self, cid, b, allow_dup_body=False):
        """Add a text body (str) or a byte body (bytes). Returns False on a repeated body."""
        if cid in self.ids:
            raise SystemExit("duplicate case id: " + cid)
        if not isinstance(b, (str, bytes)):
            b = enc(b)
        key = (type(b).__name__, b)
        if key in self.bodies and not allow_dup_body:
            return False
        if isinstance(b, str):
            for i in range(len(b) - 1):
                if "\ud800" <= b[i] <= "\udbff" and "\udc00" <= b[i + 1] <= "\udfff":
                    raise SystemExit("case %s: a surrogate pair as two characters cannot "
                                     "go through ask.sh; use a bytes case" % cid)
        self.ids.add(cid)
        self.bodies.add(key)
        self.items.append((cid, b))
        return True


C = Cases()


def add(cid, tree_or_text, style="default"):
    if isinstance(tree_or_text, (str, bytes)):
        return C.add(cid, tree_or_text)
    return C.add(cid, enc(tree_or_text, style))


def field(cid, path, value, base=BASE, style="default"):
    add(cid, set_path(base, path, value), style)


# ---------------------------------------------------------------------------------------
# Value families
# ---------------------------------------------------------------------------------------

# Every JSON type, for every field.
GENERIC = [
    ("missing", MISSING), ("null", None),
    ("int_0", 0), ("int_1", 1), ("int_neg1", -1), ("int_42", 42),
    ("float_1.0", 1.0), ("float_1.5", 1.5), ("float_neg0", -0.0),
    ("true", True), ("false", False),
    ("str_empty", ""), ("str_x", "x"), ("str_abc-1", "abc-1"),
    ("list_empty", []), ("list_int", [1]), ("list_str", ["a"]), ("list_pair", [["k", "v"]]),
    ("obj_empty", {}), ("obj", {"a": 1}),
    ("nan", Raw("NaN")), ("inf", Raw("Infinity")), ("neg_inf", Raw("-Infinity")),
    ("big_int", 10 ** 30), ("float_1e400", Raw("1e400")),
]

# Strings for int fields (lax str -> int parsing), label -> str.
INT_STRINGS = [
    ("3", "3"), ("sp7sp", " 7 "), ("plus5", "+5"), ("neg0", "-0"), ("neg5", "-5"),
    ("0", "0"), ("1", "1"), ("2", "2"), ("007", "007"), ("00", "00"), ("0_1", "0_1"),
    ("1_000", "1_000"), ("1__0", "1__0"), ("_1", "_1"), ("1_", "1_"), ("1_000.0", "1_000.0"),
    ("1.0", "1.0"), ("1.00", "1.00"), ("1.", "1."), (".0", ".0"), ("1.5", "1.5"),
    ("2.0", "2.0"), ("neg1.0", "-1.0"), ("0.0", "0.0"), ("3.000", "3.000"),
    ("plus1.0", "+1.0"), ("1.0sp", "1.0 "), ("sp1.0", " 1.0"),
    ("1.0000000000000001", "1.0000000000000001"), ("1e3", "1e3"), ("1e0", "1e0"),
    ("0x10", "0x10"), ("0o7", "0o7"), ("0b1", "0b1"),
    ("empty", ""), ("space", " "), ("tab", "\t"),
    ("arabic_12", "\u0661\u0662"), ("arabic_3", "\u0663"), ("fullwidth_12", "\uff11\uff12"),
    ("devanagari_5", "\u096b"), ("arabic_1.0", "\u0661.\u0660"),
    ("tab5tab", "\t5\t"), ("nl5nl", "\n5\n"), ("5nl", "5\n"), ("cr5", "\r5"),
    ("vt5", "\x0b5"), ("ff5", "\x0c5"), ("nbsp5", "\u00a05"), ("5emsp", "5\u2003"),
    ("ideosp5", "\u30005"), ("5nel", "5\x85"), ("zwsp5", "\u200b5"), ("5x1c", "5\x1c"),
    ("5sp5", "5 5"), ("dashdash5", "--5"), ("plusminus5", "+-5"), ("1sp000", "1 000"),
    ("infinity_sign", "\u221e"), ("NaN", "NaN"), ("nan", "nan"), ("inf", "inf"),
    ("neginf", "-inf"), ("Infinity", "Infinity"), ("true", "true"), ("True", "True"),
    ("abc", "abc"), ("5abc", "5abc"),
    ("digits_4300", "4" * 4300), ("digits_4301", "4" * 4301),
    ("neg_digits_4300", "-" + "4" * 4300), ("neg_digits_4301", "-" + "4" * 4301),
    ("sp_digits_4300_sp", " " + "4" * 4300 + " "),
    ("zeros_4300_1", "0" * 4299 + "1"),
    ("under_digits_4300", "4_" * 2150 + "4"),
    ("i64max", "9223372036854775807"), ("i64max+1", "9223372036854775808"),
    ("i64min-1", "-9223372036854775809"), ("1e30", "1" + "0" * 30),
    ("zeros100_1", "0" * 100 + "1"),
]

# Raw JSON number (and other) literals for int fields.
INT_LITERALS = [
    "1", "0", "-1", "2", "1.0", "1.5", "-0.0", "-0", "0.0", "1e2", "1E2", "1e+2", "1.0e2",
    "1e19", "9.2e18", "-9.3e18", "1e300", "1e400", "-1e400", "NaN", "Infinity", "-Infinity",
    "9223372036854775807", "9223372036854775808", "9223372036854775806",
    "-9223372036854775808", "-9223372036854775809", "18446744073709551615",
    "18446744073709551616", "1" + "0" * 30, "-1" + "0" * 30, "0.5", "0.9999999999999999",
    "1.0000000000000002", "2.5", "4.5e15", "1e-10", "100.0", "1.7976931348623157e308",
    "5e-324", "-5e-324", "123456789012345678.0", "9007199254740993", "9007199254740993.0",
    "1e16", "1.5e16", "4" * 4300, "4" * 4301, "-" + "4" * 4300, "-" + "4" * 4301,
    "true", "false", "01", "+1", ".5", "1.", "0x10",
]


def int_lit_label(t):
    if len(t) > 40:
        return "%s%s_digits_%d" % ("neg_" if t[0] == "-" else "", "lit", len(t.lstrip("-")))
    return t


# ---------------------------------------------------------------------------------------
# 1. Body-level cases
# ---------------------------------------------------------------------------------------

def body_level():
    valid = enc(BASE)
    valid_c = enc(BASE, "compact")
    for cid, t in [
        ("empty", ""), ("ws_space", " "), ("ws_spaces", "   "), ("ws_nl", "\n"), ("ws_tab", "\t"),
        ("ws_crlf", "\r\n"), ("ws_mixed", " \t\r\n "), ("nbsp_only", "\u00a0"),
        ("null", "null"), ("null_ws", " null \n"), ("true", "true"), ("false", "false"),
        ("int_5", "5"), ("int_0", "0"), ("int_neg", "-1"), ("float", "1.5"), ("big_int", "1" + "0" * 40),
        ("nan", "NaN"), ("inf", "Infinity"), ("neg_inf", "-Infinity"),
        ("str_empty", '""'), ("str_ab", '"ab"'), ("str_a", '"a"'), ("str_surrogate_esc", '"\\ud800"'),
        ("str_manifest", '"manifest"'),
        ("list_empty", "[]"), ("list_int", "[1]"), ("list_str_ab", '["ab"]'),
        ("list_str_manifest", '["manifest"]'), ("list_pair_empty", '[["manifest",{}]]'),
        ("list_pair_valid", "[[\"manifest\", %s]]" % enc(obj_get(BASE, "manifest"))),
        ("list_pair_null", '[["manifest",null]]'), ("list_of_obj", '[{"manifest":{}}]'),
        ("list_nested_empty", "[[]]"), ("list_triple", '[["a","b","c"]]'),
        ("obj_empty", "{}"), ("obj_empty_ws", "{ }"), ("obj_other_key", '{"other":1}'),
        ("manifest_null", '{"manifest": null}'), ("manifest_empty", '{"manifest": {}}'),
        ("manifest_list", '{"manifest": []}'), ("manifest_str", '{"manifest": ""}'),
        ("manifest_str_x", '{"manifest": "x"}'), ("manifest_int", '{"manifest": 5}'),
        ("manifest_true", '{"manifest": true}'), ("manifest_float", '{"manifest": 1.5}'),
        ("manifest_nan", '{"manifest": NaN}'), ("manifest_list_int", '{"manifest": [1]}'),
        ("manifest_list_pairs_valid", enc(Obj([("manifest", [[k, v] for k, v in obj_get(BASE, "manifest")])]))),
        ("manifest_list_pairs_partial", '{"manifest": [["name","a"],["ml_repo","abc"]]}'),
        ("manifest_upper", enc(Obj([("MANIFEST", obj_get(BASE, "manifest"))]))),
        ("manifest_esc_key", enc(Obj([(Raw('"\\u006danifest"'), obj_get(BASE, "manifest"))]))),
        ("manifest_esc_key_all", enc(Obj([(Raw('"\\u006d\\u0061\\u006e\\u0069\\u0066\\u0065\\u0073\\u0074"'), obj_get(BASE, "manifest"))]))),
        ("valid_default", valid), ("valid_compact", valid_c),
        ("valid_pretty", enc(BASE, "pretty")), ("valid_ascii", enc(BASE, "ascii")),
        ("valid_crlf", enc(BASE, "crlf")), ("valid_tabs", enc(BASE, "tabs")),
        ("valid_lead_ws", " \n\t" + valid), ("valid_trail_ws", valid + "\n\r\t "),
        ("valid_bom", "\ufeff" + valid), ("valid_bom_ws", "\ufeff " + valid),
        ("valid_bom_bom", "\ufeff\ufeff" + valid), ("ws_bom", " \ufeff" + valid),
        ("bom_only", "\ufeff"), ("bom_null", "\ufeffnull"), ("bom_list", "\ufeff[]"),
        ("bom_invalid", "\ufeff{x}"), ("bom_trailing_comma", "\ufeff{\"a\":1,}"),
        ("bom_multibyte_err", "\ufeff{\"\u00e9\u00e9\": x}"),
        ("valid_then_nul", valid + "\x00"), ("valid_then_nbsp", valid + "\u00a0"),
        ("valid_then_ff", valid + "\x0c"), ("valid_then_bom", valid + "\ufeff"),
        ("valid_twice", valid + valid), ("valid_then_comma", valid + ","),
        ("valid_then_null", valid + " null"),
        ("manifest_twice_first_bad", '{"manifest": 1, "manifest": %s}' % enc(obj_get(BASE, "manifest"))),
        ("manifest_twice_second_bad", '{"manifest": %s, "manifest": 1}' % enc(obj_get(BASE, "manifest"))),
        ("manifest_twice_both_bad", '{"manifest": {"name": 1}, "manifest": {"ml_repo": 2}}'),
        ("extra_top_key", '{"manifest": %s, "extra": [1, {"a": NaN}]}' % enc(obj_get(BASE, "manifest"))),
        ("extra_top_key_before", '{"zzz": null, "manifest": %s}' % enc(obj_get(BASE, "manifest"))),
        ("extra_top_sa", '{"_sa": 1, "manifest": {}}'),
        ("extra_top_nan_missing", '{"x": NaN}'),
        ("extra_top_sa_nan_missing", '{"_sa_x": NaN}'),
        ("extra_top_surrogate_missing", '{"x": "\\udfff"}'),
        ("extra_top_sa_surrogate_missing", '{"_sa": "\\udfff"}'),
    ]:
        add("body/" + cid, t)


# ---------------------------------------------------------------------------------------
# 2. JSON syntax errors (CPython's json messages and positions)
# ---------------------------------------------------------------------------------------

def syntax():
    v = enc(BASE, "compact")
    m = enc(obj_get(BASE, "manifest"), "compact")
    mp = enc(BASE, "pretty")
    cases = [
        # Expecting value
        ("ev/colon_end", '{"manifest":}'), ("ev/open_list", "["), ("ev/minus", "-"),
        ("ev/minus_a", "-a"), ("ev/plus1", "+1"), ("ev/dot5", ".5"), ("ev/tru", "tru"),
        ("ev/nul", "nul"), ("ev/NAN", "NAN"), ("ev/nan", "nan"), ("ev/inf", "inf"),
        ("ev/infinity_lc", "infinity"), ("ev/neg_nan", "-NaN"), ("ev/True", "True"),
        ("ev/None", "None"), ("ev/single_quote", "'a'"), ("ev/in_list", "[1,,2]"),
        ("ev/list_comma_first", "[,1]"), ("ev/value_missing_nested", '{"manifest":{"name":}}'),
        ("ev/after_multibyte", '{"manifest":{"name":"\u00e9\u00e9\U0001F600","x":}}'),
        ("ev/after_emoji_keys", '{"\U0001F600\U0001F600":{"\u00e9":[1,2,}}'),
        ("ev/hex", '{"manifest":0x1}'), ("ev/bare_word", '{"manifest":manifest}'),
        ("ev/nbsp_value", '{"manifest":\u00a01}'), ("ev/bom_value", '{"manifest":\ufeff1}'),
        ("ev/ff_ws", '{"manifest":\x0c{}}'), ("ev/vt_ws", '\x0b{}'),
        ("ev/empty_after_ws_nl", "\n\n  "), ("ev/in_metadata", v.replace('"rating":4.5', '"rating":')),
        ("ev/pretty_line5", mp.replace('"ml_repo": "demo-repo"', '"ml_repo": ')),
        ("ev/exponent_only", '{"manifest":1e}'), ("ev/minus_space", '{"manifest":- 1}'),
        ("ev/list_trailing_comma_top", "[1,]"), ("ev/list_trailing_comma_nested", '{"a":[1,2,]}'),
        ("ev/list_trailing_comma_paths", enc(BASE_LOCAL, "compact").replace('"./data/"}]', '"./data/"},]')),
        ("ev/list_trailing_comma_pretty", enc(BASE_LOCAL, "pretty").replace('"./data/"\n      }\n    ]', '"./data/"\n      },\n    ]')),
        ("ev/list_only_comma", "[,]"),
        # Expecting property name enclosed in double quotes
        ("pn/open_brace", "{"), ("pn/single_quoted_key", "{'manifest':1}"), ("pn/bare_key", "{manifest:1}"),
        ("pn/comma_only", "{,}"), ("pn/double_comma", '{"a":1,,"b":2}'), ("pn/num_key", "{1:2}"),
        ("pn/trailing_comma_top", '{"manifest":%s,}' % m),
        ("pn/trailing_comma_manifest", v[:-2] + ",}}"),
        ("pn/trailing_comma_metadata", v.replace('"rating":4.5}', '"rating":4.5,}')),
        ("pn/trailing_comma_source", v.replace('churn/v3/"}', 'churn/v3/",}')),
        ("pn/trailing_comma_path_item", enc(BASE_LOCAL, "compact").replace('"dest":"model.pt"}', '"dest":"model.pt",}')),
        ("pn/trailing_comma_pretty", mp.replace('"run_id": "run-8812-a9f3"', '"run_id": "run-8812-a9f3",')),
        ("pn/trailing_comma_ws", '{"a":1 , }'), ("pn/trailing_comma_multibyte", '{"\u00e9\U0001F600":"\u00e9",}'),
        ("pn/nul_key", "{\x00}"), ("pn/nbsp_key", '{\u00a0"a":1}'), ("pn/null_key", "{null:1}"),
        ("pn/brace_close_after_colon_pair", '{"a":1,]'),
        # Expecting ':' delimiter
        ("colon/space_value", '{"manifest" 1}'), ("colon/no_value", '{"manifest"}'),
        ("colon/end", '{"manifest"'), ("colon/equals", '{"manifest"=1}'),
        ("colon/nested", '{"manifest":{"name" "a"}}'), ("colon/after_multibyte", '{"\u00e9\u00e9\u00e9" 1}'),
        ("colon/comma", '{"a",1}'),
        # Expecting ',' delimiter
        ("comma/obj_no_comma", '{"a":1 "b":2}'), ("comma/list_no_comma", "[1 2]"),
        ("comma/obj_end", '{"a":1'), ("comma/list_end", "[1"), ("comma/truncated_body", v[:-1]),
        ("comma/truncated_body2", v[:-2]), ("comma/leading_zero", '{"manifest":01}'),
        ("comma/semicolon", '{"a":1;"b":2}'), ("comma/list_in_obj", '{"a":[1}'),
        ("comma/obj_in_list", "[{]"), ("comma/after_multibyte", '["\u00e9\U0001F600" "x"]'),
        ("comma/nan_suffix", '{"a":NaNx}'), ("comma/true_suffix", '{"a":truex}'),
        ("comma/number_dot", '{"a":1.}'), ("comma/number_exp", '{"a":1e+}'),
        ("comma/pretty_missing_comma", mp.replace('"demo-repo",', '"demo-repo"')),
        ("comma/crlf_missing_comma", enc(BASE, "crlf").replace('"demo-repo",', '"demo-repo"')),
        ("comma/cr_only", '{"a":1\r"b":2}'), ("comma/str_concat", '{"a":"x""y"}'),
        # Extra data
        ("extra/two_objects", "{}{}"), ("extra/obj_word", "{} x"), ("extra/obj_bracket", "{}]"),
        ("extra/null_null", "null null"), ("extra/list_close", "[]]"), ("extra/valid_brace", v + "}"),
        ("extra/after_multibyte", '{"\u00e9":"\U0001F600"} \u00e9'), ("extra/nul", "{}\x00"),
        ("extra/number_after", "1 2"), ("extra/infinity_x", "-Infinityx"), ("extra/leading_zero_top", "01"),
        ("extra/nl_lines", "{}\n\n\n  x"), ("extra/str_extra", '"a" "b"'),
        # Unterminated string
        ("unterm/key", '{"a'), ("unterm/value", '{"a":"b'), ("unterm/top", '"abc'),
        ("unterm/escape_end", '{"a":"b\\'), ("unterm/after_multibyte", '{"\u00e9":"\U0001F600\u00e9'),
        ("unterm/in_manifest", v[:v.index('"demo-repo"') + 5]),
        ("unterm/quote_only", '"'), ("unterm/escaped_quote", '{"a":"b\\"}'),
        # Invalid control character
        ("ctrl/nl_in_value", '{"a":"b\nc"}'), ("ctrl/tab_in_value", '{"a":"b\tc"}'),
        ("ctrl/nul_in_value", '{"a":"\x00"}'), ("ctrl/x1f_in_key", '{"\x1f":1}'),
        ("ctrl/cr_in_name", v.replace('"churn-model"', '"churn\rmodel"')),
        ("ctrl/nl_in_name_pretty", mp.replace('"churn-model"', '"churn\nmodel"')),
        ("ctrl/after_multibyte", '{"\u00e9\U0001F600":"\u00e9\x01"}'),
        ("ctrl/x7f_allowed", v.replace('"A model."', '"A\x7fmodel."')),
        ("ctrl/x80_allowed", v.replace('"A model."', '"A\x80\x9fmodel."')),
        ("ctrl/u2028_allowed", v.replace('"A model."', '"A\u2028\u2029model."')),
        # Invalid \escape
        ("esc/x", '{"a":"\\x41"}'), ("esc/squote", '{"a":"\\\'"}'), ("esc/a", '{"a":"\\a"}'),
        ("esc/0", '{"a":"\\0"}'), ("esc/U", '{"a":"\\U0001F600"}'), ("esc/space", '{"a":"\\ "}'),
        ("esc/in_key", '{"\\q":1}'), ("esc/after_multibyte", '{"\u00e9":"\U0001F600\\e"}'),
        ("esc/backslash_nonascii", '{"a":"\\\u00e9"}'),
        ("esc/in_name", v.replace('"churn-model"', '"churn\\-model"')),
        # Invalid \uXXXX escape
        ("uesc/short", '{"a":"\\u12"}'), ("uesc/nonhex", '{"a":"\\u12g4"}'), ("uesc/Z", '{"a":"\\uZZZZ"}'),
        ("uesc/end", '{"a":"\\u'), ("uesc/end2", '{"a":"\\u00'), ("uesc/in_key", '{"\\u00":1}'),
        ("uesc/surrogate_then_short", '{"a":"\\ud800\\u12"}'),
        ("uesc/surrogate_then_bad", '{"a":"\\ud800\\uzzzz"}'),
        ("uesc/upper_U", '{"a":"\\U0041"}'), ("uesc/plus", '{"a":"\\u+041"}'),
        ("uesc/after_multibyte", '{"\U0001F600":"\u00e9\\u00g0"}'),
        ("uesc/space", '{"a":"\\u 041"}'),
        # long integers that Python refuses (ValueError, not JSONDecodeError)
        ("bigint/top_4300", "4" * 4300), ("bigint/top_4301", "4" * 4301),
        ("bigint/neg_top_4301", "-" + "4" * 4301), ("bigint/float_5000", "1." + "4" * 5000),
        ("bigint/exp_5000", "1e" + "4" * 5000), ("bigint/neg_exp_5000", "1e-" + "4" * 5000),
        ("bigint/meta_4300", v.replace('"rating":4.5', '"rating":' + "4" * 4300)),
        ("bigint/meta_4301", v.replace('"rating":4.5', '"rating":' + "4" * 4301)),
        ("bigint/meta_4301_then_syntax", v.replace('"rating":4.5', '"rating":' + "4" * 4301 + ",")),
        ("bigint/syntax_then_meta_4301", v.replace('"quality":"good"', '"quality":good').replace('"rating":4.5', '"rating":' + "4" * 4301)),
    ]
    for cid, t in cases:
        add("syntax/" + cid, t)
    # The same error at growing positions after multi-byte characters: char pos != byte pos
    for i, pre in enumerate(["\u00e9", "\u20ac", "\U0001F600", "\u00e9\U0001F600\u20ac" * 3,
                             "\\u00e9", "\\ud83d\\ude00", "a\\n\\t\\\"", "\U0001F600" * 50]):
        add("syntax/pos/trailing_comma_%d" % i, '{"k":"%s","manifest":{"name":"%s",}}' % (pre, pre))
        add("syntax/pos/expecting_value_%d" % i, '{"%s":[%s' % (pre, '"%s",' % pre))
        add("syntax/pos/bad_escape_%d" % i, '{"manifest":{"description":"%s\\z"}}' % pre)
        add("syntax/pos/ctrl_%d" % i, '["%s\x02"]' % pre)
    # The same error on line k of a multi-line body (line/column in v1's message)
    for i in range(1, 8):
        add("syntax/line/%d" % i, "{" + "\n" * i + ' "a": 1' + "\r\n" * (i % 3) + " x}")


# ---------------------------------------------------------------------------------------
# 3. Targeted field cases
# ---------------------------------------------------------------------------------------

SLOTS = [
    # (label, base, path)
    ("manifest", BASE, M),
    ("name", BASE, M + ("name",)),
    ("metadata", BASE, M + ("metadata",)),
    ("ml_repo", BASE, M + ("ml_repo",)),
    ("version", BASE, M + ("version",)),
    ("type", BASE, M + ("type",)),
    ("description", BASE, M + ("description",)),
    ("version_alias", BASE, M + ("version_alias",)),
    ("source", BASE, SRC),
    ("step", BASE, M + ("step",)),
    ("run_id", BASE, M + ("run_id",)),
    ("tf.type", BASE_TF, SRC + ("type",)),
    ("tf.uri", BASE_TF, SRC + ("uri",)),
    ("ext.type", BASE, SRC + ("type",)),
    ("ext.uri", BASE, SRC + ("uri",)),
    ("local.type", BASE_LOCAL, SRC + ("type",)),
    ("local.paths", BASE_LOCAL, SRC + ("paths",)),
    ("path.item", BASE_LOCAL, PATH0),
    ("path.src", BASE_LOCAL, PATH0 + ("src",)),
    ("path.dest", BASE_LOCAL, PATH0 + ("dest",)),
]


def generic_fields():
    for slot, base, path in SLOTS:
        for lab, val in GENERIC:
            if slot == "path.item" and lab == "missing":
                continue
            field("%s/type/%s" % (slot, lab), path, val, base)


def str_len_cases(slot, path, limit, prefix, fill_ok, base=BASE):
    """Lengths around a max_length, counted in code points."""
    for n in (limit - 1, limit, limit + 1):
        field("%s/len_ascii_%d" % (slot, n), path, prefix + "a" * (n - len(prefix)), base)
        field("%s/len_2byte_%d" % (slot, n), path, prefix + "\u00e9" * (n - len(prefix)), base)
        field("%s/len_3byte_%d" % (slot, n), path, prefix + "\u20ac" * (n - len(prefix)), base)
        field("%s/len_emoji_%d" % (slot, n), path, prefix + "\U0001F600" * (n - len(prefix)), base)
        add("%s/len_emoji_escaped_%d" % (slot, n), set_path(base, path, prefix + "\U0001F600" * (n - len(prefix))), "ascii")
        field("%s/len_mixed_%d" % (slot, n), path, prefix + (fill_ok * (n - len(prefix) - 1)) + "\U0001F600", base)
        field("%s/len_escaped_ascii_%d" % (slot, n), path, Raw('"' + prefix + "\\u0061" * (n - len(prefix)) + '"'), base)
    for n in (0, 1, 2 * limit, 4 * limit + 1):
        if n >= len(prefix):
            field("%s/len_ascii_%d" % (slot, n), path, prefix + "a" * (n - len(prefix)), base)
    # too long and breaking the pattern: which error wins
    field("%s/len_%d_bad_chars" % (slot, limit + 1), path, prefix + "!" * (limit + 1 - len(prefix)), base)
    field("%s/len_%d_bad_chars" % (slot, limit), path, prefix + "!" * (limit - len(prefix)), base)
    # one final newline: v1's `$` matches before it (length counts the newline)
    field("%s/len_%d_plus_nl" % (slot, limit - 1), path, prefix + "a" * (limit - 1 - len(prefix)) + "\n", base)
    field("%s/len_%d_plus_nl" % (slot, limit), path, prefix + "a" * (limit - len(prefix)) + "\n", base)


NAME_STRINGS = [
    ("dash", "-"), ("underscore", "_"), ("dot", "a.b"), ("space", "a b"), ("lead_space", " a"),
    ("trail_space", "a "), ("nl_end", "a\n"), ("nl_nl_end", "a\n\n"), ("nl_start", "\na"),
    ("nl_only", "\n"), ("cr_end", "a\r"), ("crlf_end", "a\r\n"), ("tab_end", "a\t"),
    ("nul_end", "a\x00"), ("e_acute", "\u00e9"), ("y_diaeresis", "\u00ff"), ("arabic_digit", "\u0661"),
    ("fullwidth_a", "\uff41"), ("kelvin", "\u212a"), ("long_s", "\u017f"), ("dotless_i", "\u0131"),
    ("emoji", "\U0001F600"), ("all_classes", "AZaz09_-"), ("slash", "a/b"), ("colon", "a:b"),
    ("nbsp", "a\u00a0b"), ("zwj", "a\u200db"), ("combining", "a\u0301"), ("u2028", "a\u2028"),
    ("nel_end", "a\x85"), ("digits", "0123"), ("upper", "ABC"), ("dollar", "a$"),
    ("caret", "^a"), ("backslash", "a\\b"), ("quote", 'a"b'), ("x7f", "a\x7f"),
]


def name_cases():
    str_len_cases("name", M + ("name",), 256, "", "a")
    for lab, s in NAME_STRINGS:
        field("name/str/" + lab, M + ("name",), s)
    field("name/str/escaped_surrogate_pair", M + ("name",), Raw('"a\\ud83d\\ude00"'))
    field("name/str/escaped_lone_high", M + ("name",), Raw('"a\\ud800"'))
    field("name/str/escaped_lone_low", M + ("name",), Raw('"\\udc00a"'))
    field("name/str/raw_lone_surrogate", M + ("name",), "a\udfff")
    field("name/str/escaped_valid_chars", M + ("name",), Raw('"\\u0041\\u005f\\u002d"'))
    field("name/str/escaped_nl_end", M + ("name",), Raw('"abc\\u000a"'))
    field("name/str/escaped_solidus", M + ("name",), Raw('"a\\/b"'))


def description_cases():
    str_len_cases("description", M + ("description",), 512, "", "d")
    for lab, s in [("nl", "line1\nline2"), ("ctrl", "\x00\x01\x1f\x7f"), ("unicode", "\u00e9\u20ac\U0001F600"),
                   ("u2028", "\u2028\u2029"), ("escaped_surrogate_pair", Raw('"\\ud83d\\ude00"')),
                   ("escaped_lone", Raw('"x\\ud800y"')), ("raw_lone", "x\ud800y"),
                   ("quotes_backslash", 'say "hi" \\ /'), ("html", "<script>&amp;</script>")]:
        field("description/str/" + lab, M + ("description",), s)
    # too long AND a lone surrogate: which one is echoed (v2) / does it crash
    field("description/len_513_lone_surrogate", M + ("description",), Raw('"' + "d" * 512 + '\\ud800"'))
    field("description/len_512_lone_surrogate", M + ("description",), Raw('"' + "d" * 511 + '\\ud800"'))


VERSION_ALIAS_STRINGS = [
    ("v", "v"), ("v1", "v1"), ("v1.", "v1."), ("v.1", "v.1"), ("v-1", "v-1"),
    ("v1.0.0-rc1", "v1.0.0-rc1"), ("v1_nl", "v1\n"), ("v1_nl_nl", "v1\n\n"), ("v1_cr", "v1\r"),
    ("V1", "V1"), ("1.0", "1.0"), ("vv", "vv"), ("v_1", "v_1"), ("v1_0", "v1_0"), ("v1..0", "v1..0"),
    ("v--1", "v--1"), ("v.", "v."), ("v-", "v-"), ("v1-", "v1-"), ("v1.0-", "v1.0-"),
    ("v_e_acute", "v\u00e9"), ("v1e_acute", "v1\u00e9"), ("v_emoji", "v\U0001F600"),
    ("lead_space", " v1"), ("trail_space", "v1 "), ("va", "va"), ("vA", "vA"), ("v0", "v0"),
    ("v-a", "v-a"), ("v.a", "v.a"), ("v1-prod", "v1-prod"), ("v3-dev", "v3-dev"),
    ("vx_nl_start", "\nv1"), ("v1_tab", "v1\t"), ("v1_nul", "v1\x00"), ("v1_fullwidth", "v\uff11"),
    ("v1_arabic", "v\u0661"), ("empty", ""), ("v1_dot_nl", "v1.\n"), ("v_nl", "v\n"),
    ("v-.-1", "v-.-1"), ("v.-.a", "v.-.a"), ("v1/2", "v1/2"), ("v1+build", "v1+build"),
    ("escaped_v1", Raw('"\\u0076\\u0031"')), ("escaped_lone", Raw('"v1\\udc00"')),
]


def version_alias_cases():
    str_len_cases("version_alias", M + ("version_alias",), 128, "v", "1")
    for lab, s in VERSION_ALIAS_STRINGS:
        field("version_alias/str/" + lab, M + ("version_alias",), s)


def ml_repo_cases():
    p = M + ("ml_repo",)
    for n in range(0, 103):
        s = ("a" + "b" * max(n - 2, 0) + "c")[:n] if n >= 2 else "a" * n
        field("ml_repo/len_%d" % n, p, s)
    for n in (99, 100, 101):
        field("ml_repo/len_%d_dashes" % n, p, "a" + "-" * (n - 2) + "1")
        field("ml_repo/len_%d_plus_nl" % n, p, "a" * n + "\n")
        field("ml_repo/len_%d_e_acute" % n, p, "a" + "\u00e9" * (n - 2) + "b")
    for lab, s in [
        ("first_digit", "1ab"), ("first_dash", "-ab"), ("first_underscore", "_ab"), ("first_upper", "Aab"),
        ("last_dash", "ab-"), ("last_digit", "ab1"), ("last_upper", "abZ"), ("last_underscore", "ab_"),
        ("mid_dash", "a-b"), ("mid_dashes", "a--b"), ("mid_digit", "a1b"), ("mid_underscore", "a_b"),
        ("mid_dot", "a.b"), ("mid_space", "a b"), ("dash_dash_dash", "---"), ("a_dash_dash", "a--"),
        ("two_chars", "ab"), ("three", "abc"), ("demo", "demo-repo"), ("nl_end", "abc\n"),
        ("nl_nl_end", "abc\n\n"), ("nl_start", "\nabc"), ("cr_end", "abc\r"), ("lead_space", " abc"),
        ("trail_space", "abc "), ("e_acute_first", "\u00e9bc"), ("e_acute_mid", "a\u00e9c"),
        ("e_acute_last", "ab\u00e9"), ("greek", "\u03b1\u03b2\u03b3"), ("fullwidth", "a\uff41c"),
        ("kelvin", "\u212abc"), ("arabic_digit_last", "ab\u0661"), ("emoji_mid", "a\U0001F600c"),
        ("nul_end", "abc\x00"), ("tab_mid", "a\tc"), ("escaped", Raw('"\\u0061\\u0062\\u0063"')),
        ("escaped_lone", Raw('"ab\\ud800"')), ("raw_lone", "ab\udbff"), ("dash_nl", "ab-\n"),
        ("digit_first_nl", "1bc\n"), ("upper_all", "ABC"), ("mixed", "My-Repo-2026"),
    ]:
        field("ml_repo/str/" + lab, p, s)


URI_STRINGS = [
    ("s3_empty_path", "s3://"), ("gs_x", "gs://x"), ("wasbs_empty", "wasbs://"), ("S3_upper", "S3://x"),
    ("s3_one_slash", "s3:/x"), ("http", "http://x"), ("https", "https://bucket/x"), ("s3_nl", "s3://\n"),
    ("s3_x_nl", "s3://x\n"), ("lead_space", " s3://x"), ("trail_space", "s3://x "), ("s3_no_colon", "s3//x"),
    ("s3_colon_only", "s3:x"), ("gs_one_slash", "gs:/x"), ("wasb", "wasb://x"), ("wasbs_full", "wasbs://acc@c/x"),
    ("abfss", "abfss://x"), ("s3_emoji", "s3://\U0001F600"), ("s3_nl_mid", "s3://a\nb"), ("nl_s3", "\ns3://x"),
    ("gs_triple_slash", "gs:///"), ("escaped_slashes", Raw('"s3:\\/\\/x"')), ("empty", ""),
    ("s3", "s3"), ("s3_colon", "s3:"), ("xs3", "xs3://x"), ("s3s", "s3s://x"), ("gss", "gss://x"),
    ("s3_long", "s3://" + "a" * 10000), ("s3_tab", "s3://\t"), ("s3_nul", "s3://\x00"),
    ("s3_lone_surrogate", Raw('"s3://\\ud800"')), ("http_lone_surrogate", Raw('"http://\\ud800"')),
    ("fullwidth_s", "\uff53" + "3://x"), ("s3_space_in", "s3 ://x"),
]


def uri_cases():
    for slot, base in (("tf.uri", BASE_TF), ("ext.uri", BASE)):
        for lab, s in URI_STRINGS:
            field("%s/str/%s" % (slot, lab), SRC + ("uri",), s, base)


def int_cases():
    for slot in ("version", "step"):
        p = M + (slot,)
        for lab, s in INT_STRINGS:
            field("%s/str/%s" % (slot, lab), p, s)
        for t in INT_LITERALS:
            field("%s/lit/%s" % (slot, int_lit_label(t)), p, Raw(t))
    # both int fields bad at once, with NaN: what v1 does with NaN in an int field
    field("run_id/str/escaped_lone_surrogate", M + ("run_id",), Raw('"r\\udbff"'))
    field("run_id/str/raw_lone_surrogate", M + ("run_id",), "r\udbff")
    field("run_id/str/escaped_pair", M + ("run_id",), Raw('"\\ud83d\\ude00"'))
    field("run_id/str/unicode_ctrl", M + ("run_id",), "\u00e9\x00\n\u2028")
    field("run_id/str/long", M + ("run_id",), "r" * 10000)
    field("version/with_step_nan", M + ("step",), Raw("NaN"), set_path(BASE, M + ("version",), Raw("NaN")))
    field("version/with_step_bad", M + ("step",), "x", set_path(BASE, M + ("version",), 0))


TYPE_LITERALS = [
    ("exact", "artifact-version"), ("underscore", "artifact_version"), ("title", "Artifact-Version"),
    ("upper", "ARTIFACT-VERSION"), ("trail_space", "artifact-version "), ("lead_space", " artifact-version"),
    ("nl_end", "artifact-version\n"), ("model", "model-version"), ("artifact", "artifact"),
    ("escaped", Raw('"\\u0061rtifact-version"')), ("nul_end", "artifact-version\x00"),
    ("unicode", "artifact\u2010version"), ("lone_surrogate", Raw('"artifact-version\\ud800"')),
    ("quote", "artifact'version"), ("emoji", "\U0001F600"),
]


def type_cases():
    for lab, s in TYPE_LITERALS:
        field("type/str/" + lab, M + ("type",), s)
    for lab, tag in [("truefoundry", "truefoundry"), ("external", "external"), ("local", "local")]:
        for lab2, s in [("upper", tag.upper()), ("title", tag.title()), ("trail_space", tag + " "),
                        ("nl_end", tag + "\n"), ("nul", tag + "\x00"), ("escaped", Raw('"\\u%04x%s"' % (ord(tag[0]), tag[1:]))),
                        ("prefix", tag[:-1]), ("quote_in", tag + "'"), ("lone_surrogate", Raw('"%s\\ud800"' % tag))]:
            field("source/tag_%s_%s" % (lab, lab2), SRC + ("type",), s,
                  {"truefoundry": BASE_TF, "external": BASE, "local": BASE_LOCAL}[tag])


def source_cases():
    bodies = [
        ("tf_no_uri", {"type": "truefoundry"}), ("tf_uri_null", {"type": "truefoundry", "uri": None}),
        ("tf_uri_s3", {"type": "truefoundry", "uri": "s3://b/x"}),
        ("tf_with_paths", {"type": "truefoundry", "paths": 5}),
        ("ext_no_uri", {"type": "external"}), ("ext_with_paths", {"type": "external", "paths": []}),
        ("local_no_paths", {"type": "local"}), ("local_with_uri", {"type": "local", "uri": "s3://x", "paths": []}),
        ("only_uri", {"uri": "s3://x"}), ("only_paths", {"paths": []}), ("empty", {}),
        ("type_null", {"type": None, "uri": "s3://x"}), ("type_foo", {"type": "foo"}),
        ("type_empty", {"type": ""}), ("type_int", {"type": 1}), ("type_float", {"type": 1.5}),
        ("type_neg_zero", {"type": -0.0}), ("type_big_int", {"type": 10 ** 20}),
        ("type_true", {"type": True}), ("type_false", {"type": False}), ("type_list", {"type": ["local"]}),
        ("type_list_empty", {"type": []}), ("type_obj", {"type": {"local": 1}}), ("type_obj_empty", {"type": {}}),
        ("type_nan", {"type": Raw("NaN")}), ("type_inf", {"type": Raw("-Infinity")}),
        ("type_quote", {"type": "it's"}), ("type_dquote", {"type": 'say "x"'}),
        ("type_backslash", {"type": "a\\b"}), ("type_unicode", {"type": "\u00e9\U0001F600"}),
        ("type_nl", {"type": "a\nb"}), ("type_ctrl", {"type": "\x01"}),
        ("type_lone_surrogate", {"type": Raw('"\\ud800"')}), ("type_long", {"type": "x" * 300}),
        ("type_nan_str", {"type": "NaN"}),
        ("type_none_str", {"type": "None"}),
        ("extra_keys_local", {"type": "local", "paths": [], "zzz": 1, "_sa": 2}),
        ("extra_keys_ext", {"type": "external", "uri": "gs://x", "extra": {"a": [1]}}),
        ("extra_keys_tf", {"type": "truefoundry", "extra": None}),
        ("type_last", {"uri": "s3://x", "type": "external"}),
        ("type_last_bad_uri", {"uri": "x", "zzz": 1, "type": "external"}),
        ("sa_keys_ext_bad_uri", {"type": "external", "uri": 5, "_sa_x": 1, "_saf": 2}),
        ("nan_extra_ext_missing_uri", {"type": "external", "x": Raw("NaN")}),
        ("nan_extra_ext_ok", {"type": "external", "uri": "s3://x", "x": Raw("NaN")}),
        ("surrogate_extra_ext_missing_uri", {"type": "external", "x": Raw('"\\ud800"')}),
        ("big_float_extra_ext_missing_uri", {"type": "external", "x": Raw("1E400")}),
    ]
    for lab, s in bodies:
        field("source/obj/" + lab, SRC, to_obj(s))
    for lab, s in [("str_local", "local"), ("list_obj", [{"type": "local", "paths": []}]),
                   ("list_pairs", [["type", "local"], ["paths", []]]), ("str_type", "type")]:
        field("source/other/" + lab, SRC, s)
    # key escapes in the discriminator
    field("source/esc/type_key", SRC, Obj([(Raw('"typ\\u0065"'), "external"), ("uri", "s3://x")]))
    field("source/esc/uri_key", SRC, Obj([("type", "external"), (Raw('"\\u0075ri"'), "s3://x")]))
    field("source/esc/type_key_bad", SRC, Obj([(Raw('"\\u0074ype"'), "nope")]))


# One character of each Unicode general category where the servers quote input with repr():
# v1's invalid-discriminator message (repr of the tag, Python 3.11's tables) and v2's tag when it
# is a list or an object (str() of a container is the repr() of its items, Python 3.13's tables).
# repr() escapes what str.isprintable() rejects: Cc Cf Cs Co Cn Zl Zp, Zs but the space.
REPR_PROBES = [
    ("Lu", 0xC9), ("Ll", 0xE9), ("Lt", 0x1C5), ("Lm", 0x2B0), ("Lo", 0x4E00), ("Mn", 0x301), ("Mc", 0x903),
    ("Me", 0x20DD), ("Nd", 0x660), ("Nl", 0x2160), ("No", 0xB2), ("Pc", 0x203F), ("Pd", 0x2010), ("Ps", 0x2045),
    ("Pe", 0x2046), ("Pi", 0xAB), ("Pf", 0xBB), ("Po", 0xA1), ("Sm", 0xD7), ("Sc", 0x20AC), ("Sk", 0xB4),
    ("So", 0xA9), ("Zs", 0x20), ("Zs", 0xA0), ("Zs", 0x1680), ("Zs", 0x2000), ("Zs", 0x202F), ("Zs", 0x3000),
    ("Zl", 0x2028), ("Zp", 0x2029), ("Cc", 0x0), ("Cc", 0x1), ("Cc", 0x1F), ("Cc", 0x7F), ("Cc", 0x80),
    ("Cc", 0x85), ("Cc", 0x9F), ("Cf", 0xAD), ("Cf", 0x600), ("Cf", 0x61C), ("Cf", 0x200B), ("Cf", 0x200E),
    ("Cf", 0x2060), ("Cf", 0xFEFF), ("Cf", 0xFFF9), ("Cf", 0x110BD), ("Cf", 0xE0001), ("Cs", 0xD800),
    ("Cs", 0xDFFF), ("Co", 0xE000), ("Co", 0xF8FF), ("Co", 0xF0000), ("Co", 0x10FFFD), ("Cn", 0x378),
    ("Cn", 0xFFFE), ("Cn", 0xFFFF), ("Cn", 0x2FFFE), ("Cn", 0x10FFFF),
    # unassigned (Cn) in Unicode 14 (Python 3.11), assigned in 15.0/15.1 (Python 3.13): v1 escapes them,
    # v2 prints them, except the format control U+13439 (Cf), which both escape
    ("Mc_u15", 0xCF3), ("Mn_u15", 0xECE), ("So_u15.1", 0x2FFC), ("So_u15.1", 0x31EF), ("Mn_u15", 0x10EFD),
    ("Mn_u15", 0x11F00), ("Lm_u15", 0x1E030), ("So_u15", 0x1F776), ("Lo_u15.1", 0x2EBF0), ("Cf_u15", 0x13439),
]


def repr_cases():
    for cat, cp in REPR_PROBES:
        # a surrogate travels as a JSON escape (it cannot be UTF-8); the others as raw text
        ch = Raw('"\\u%04x"' % cp) if 0xD800 <= cp <= 0xDFFF else chr(cp)
        lab = "repr/%s/%04X/" % (cat, cp)
        field(lab + "tag", SRC + ("type",), ch)
        field(lab + "tag_list", SRC + ("type",), [ch])
    # the escapes in context: quotes, text around, the three escape widths, a JSON-escaped
    # supplementary character, a dict tag (key and value), a mix in one list
    field("repr/mix/quote_nbsp", SRC + ("type",), "it's\u00a0")
    field("repr/mix/both_quotes_zwsp", SRC + ("type",), "it's \"\u200b\"")
    field("repr/mix/widths", SRC + ("type",), "a\x7f\u00ad\u2060\U000e0001\U0001f600z")
    field("repr/mix/escaped_pair", SRC + ("type",), Raw('"\\udb40\\udc01x"'))
    field("repr/mix/dict_tag", SRC + ("type",), {"\u00a0k": "\u3000", "\u0cf3": 1})
    field("repr/mix/list_tag", SRC + ("type",), ["\u00a0", "\x85", 1.5, None, True, {"\ue000": ["\U000f0000"]}])


def paths_cases():
    P = SRC + ("paths",)
    for lab, v in [
        ("empty", []), ("one_src", [{"src": "a"}]), ("one_full", [{"src": "a", "dest": "b"}]),
        ("dest_null", [{"src": "a", "dest": None}]), ("src_empty", [{"src": ""}]),
        ("items_non_objects", [1, "a", None, [], True, 1.5]),
        ("items_mixed", [{"src": "ok"}, 5, {"dest": "x"}, {"src": None}, {"src": "a", "dest": 7}, {}]),
        ("multi_bad", [{"src": 1}, {"src": []}, {"src": {}}, {"src": True}, {"src": 1.5}, {"src": None},
                       {"dest": []}, {"src": "a", "dest": {}}, {"src": "a", "dest": True}]),
        ("many_missing_50", [{"dest": "d%d" % i} for i in range(50)]),
        ("many_ok_200", [{"src": "s%d" % i, "dest": "d%d" % i} for i in range(200)]),
        ("ok_then_bad_at_100", [{"src": "s%d" % i} for i in range(100)] + [{"src": 1}]),
        ("pairs_list_item", [[["src", "a"], ["dest", "b"]]]), ("str_item_ab", ["ab"]),
        ("nested_list", [[{"src": "a"}]]), ("items_extra_keys", [{"src": "a", "x": 1, "_sa": 2}]),
        ("item_sa_missing_src", [{"_sa": 1, "_sab": 2, "sa": 3, "dest": "x"}]),
        ("item_nan_missing_src", [{"x": Raw("NaN")}]), ("item_nan_ok", [{"src": "a", "x": Raw("NaN")}]),
        ("item_lone_surrogate_missing_src", [{"x": Raw('"\\udc00"')}]),
        ("item_lone_surrogate_src", [{"src": Raw('"\\udc00"')}]),
        ("item_lone_surrogate_dest", [{"src": "a", "dest": "\udc00"}]),
        ("src_unicode", [{"src": "\u00e9\U0001F600/\u0000\n", "dest": "\u2028"}]),
        ("src_escaped_key", [Obj([(Raw('"\\u0073rc"'), "a")])]),
        ("src_dup_bad_first", [Obj([("src", 1), ("src", "a")])]),
        ("src_dup_bad_last", [Obj([("src", "a"), ("src", 1)])]),
        ("dest_dup", [Obj([("src", "a"), ("dest", 1), ("dest", None)])]),
        ("item_nested_meta_float_missing", [{"dest": "x", "m": [0.1, 1e16, 1e-5, -0.0, 10 ** 20]}]),
    ]:
        field("local.paths/" + lab, P, to_obj(v), BASE_LOCAL)
    # paths with each generic bad item at index 0 and 1
    for lab, v in GENERIC:
        if v is MISSING:
            continue
        field("local.paths/item1/" + lab, P, [{"src": "a"}, v], BASE_LOCAL)
    for lab, v in [("str", "abc"), ("dict_index_keys", {"0": {"src": "a"}}), ("int", 3)]:
        field("local.paths/non_list/" + lab, P, v, BASE_LOCAL)
    for slot, sub in (("path.src", "src"), ("path.dest", "dest")):
        for lab, s in [("empty", ""), ("unicode", "\u00e9\U0001F600"), ("nl", "a\nb"), ("long", "p" * 5000),
                       ("escaped_lone", Raw('"\\ud800"')), ("escaped_pair", Raw('"\\ud83d\\ude00"')),
                       ("nul", "\x00")]:
            field("%s/str/%s" % (slot, lab), PATH0 + (sub,), s, BASE_LOCAL)


# ---------------------------------------------------------------------------------------
# Metadata: accepted contents, and what v2 echoes when an error's input holds them
# ---------------------------------------------------------------------------------------

FLOAT_LITERALS = [
    "0.1", "1e16", "1e17", "1e-5", "1.5e-7", "123456789012345678.0", "5e-324", "1.7976931348623157e308",
    "1E5", "1e+20", "1e20", "1e21", "1e22", "-0.0", "0.0", "1.0", "100.0", "1e-7", "0.0001", "0.00001",
    "2.5e-5", "3.14159265358979323846", "1.7976931348623159e308", "4.9e-324", "2e-324", "1e-400",
    "-1e-400", "9007199254740993.0", "0.30000000000000004", "1.000000000000000000001", "123e-2",
    "1.5E+300", "1e15", "1.5e15", "12345678901234567.0", "1234567890123456.7", "-1.5e-10", "2.2250738585072014e-308",
    "2.225073858507201e-308", "1e308", "0.5e-323", "1.23456789e8", "100000000000000000000.0", "1e23",
    "8.98846567431158e307", "0.000001", "0.0000001", "-1e16", "1.0e0", "10E-1", "0e0", "-0e-0", "0E+5",
]

INT_META_LITERALS = [
    "0", "-0", "12345678901234567890", "-12345678901234567890", "9223372036854775808",
    "1" + "0" * 100, "-" + "9" * 300, "4" * 4300,
]

META_VALUES = [
    ("empty", {}), ("nested", {"a": {"b": {"c": [1, 2, {"d": None}]}}, "e": []}),
    ("types", {"s": "x", "i": 1, "f": 1.5, "t": True, "n": None, "l": [], "o": {}}),
    ("unicode", {"\u00e9": "\U0001F600", "\u4e2d\u6587": "\u2028\u2029", "k": "\u00a0"}),
    ("controls", {"c": "\x00\x01\x08\t\n\x0b\x0c\r\x1b\x1f\x7f\x80\x9f", "q": '"\\/'}),
    ("escaped_input", Obj([("a", Raw('"\\/\\b\\f\\n\\r\\t\\u0000\\u001f\\u007f\\u00e9\\ud83d\\ude00"'))])),
    ("sa_keys", {"_sa": 1, "_sa_instance_state": 2, "_s": 3, "_SA": 4, "__sa": 5, "x_sa": 6, "sa": 7}),
    ("sa_nested", {"a": {"_sa_x": 1, "b": [{"_sa": 2, "c": 3}]}}),
    ("sa_only", {"_sa": {"deep": True}}),
    ("dup_keys", Obj([("a", 1), ("b", 2), ("a", 3)])),
    ("dup_keys_nested", Obj([("a", Obj([("x", 1), ("x", [1])])), ("a", Obj([("y", 2), ("y", 3)]))])),
    ("key_escapes", Obj([(Raw('"\\u0061"'), 1), ("a", 2), (Raw('"\\ud83d\\ude00"'), 3)])),
    ("empty_key", {"": ""}), ("long_str", {"s": "x" * 3000}),
    ("many_keys", {("k%03d" % i): i for i in range(300)}),
    ("lists", {"l": [[], [[]], [1, [2, [3, [4]]]], [None, True, False, "a", 1.5]]}),
    ("nan", {"n": Raw("NaN")}), ("inf", {"n": Raw("Infinity")}), ("neg_inf", {"n": Raw("-Infinity")}),
    ("nan_deep", {"a": [{"b": [Raw("NaN")]}]}), ("big_float_inf", {"n": Raw("1e999")}),
    ("lone_surrogate_value", {"s": Raw('"\\ud800"')}), ("lone_surrogate_key", Obj([(Raw('"\\udc00"'), 1)])),
    ("raw_lone_surrogate_value", {"s": "\ud800x"}), ("escaped_pair_value", {"s": Raw('"\\ud83d\\ude00"')}),
    ("nan_key_like", {"NaN": "NaN", "Infinity": "-Infinity"}),
]


def metadata_cases():
    p = M + ("metadata",)
    base_missing_name = set_path(BASE, M + ("name",), MISSING)
    for lab, v in META_VALUES:
        v = to_obj(v)
        field("metadata/valid/" + lab, p, v)
        field("metadata/echo/" + lab, p, v, base_missing_name)
    for t in FLOAT_LITERALS:
        field("metadata/float/" + t, p, Obj([("f", Raw(t))]), base_missing_name)
    field("metadata/float/all_valid", p, Obj([("f%d" % i, Raw(t)) for i, t in enumerate(FLOAT_LITERALS)]))
    field("metadata/float/as_name", M + ("name",), [Raw(t) for t in FLOAT_LITERALS if t not in (
        "1.7976931348623159e308",)])
    for t in INT_META_LITERALS:
        field("metadata/int/" + int_lit_label(t), p, Obj([("i", Raw(t))]), base_missing_name)
    for lab, v in [("list_empty", []), ("list_pairs", [["a", 1], ["b", [2]]]), ("list_strs", ["ab", "cd"]),
                   ("list_str_bad", ["abc"]), ("list_pair_bad", [["a"]]), ("list_dup_pairs", [["a", 1], ["a", 2]]),
                   ("list_nonstr_key", [[1, 2]]), ("list_list_key", [[[1], 2]]), ("list_of_dicts", [{"a": 1}]),
                   ("str", "ab"), ("str_empty", ""), ("int", 0), ("float", 0.5), ("nan", Raw("NaN")),
                   ("list_nan", [Raw("NaN")]), ("list_lone_surrogate", [Raw('"\\ud800"')]),
                   ("list_floats", [Raw(t) for t in FLOAT_LITERALS[:20]])]:
        field("metadata/other/" + lab, p, to_obj(v))
    # duplicate metadata keys: first invalid then valid and vice versa
    field("metadata/dup/bad_then_good", M, Obj(
        [(k, v) if k != "metadata" else ("metadata", []) for k, v in obj_get(BASE, "manifest")]
        + [("metadata", {"a": 1})]))


# ---------------------------------------------------------------------------------------
# Duplicate keys, unknown keys, key escapes, at every level
# ---------------------------------------------------------------------------------------

def dup_and_extra_cases():
    man = obj_get(BASE, "manifest")
    BAD = {"name": "bad name!", "metadata": "x", "ml_repo": "-", "version": 0, "type": "x",
           "description": ["d"], "version_alias": "1", "source": {"type": "nope"},
           "step": -1, "run_id": {"r": 1}}
    for k, good in man:
        bad = to_obj(BAD[k])
        for lab, first, second in (("bad_first", bad, good), ("good_first", good, bad)):
            new = Obj()
            for k2, v2 in man:
                new.append((k2, first if k2 == k else v2))
            new.append((k, second))
            field("dup/manifest.%s/%s" % (k, lab), M, new)
        # duplicated at the very front (position of the first occurrence is what Python keeps)
        new = Obj([(k, bad)] + list(man))
        field("dup/manifest.%s/front_bad" % k, M, new)
        # duplicate with a missing field elsewhere so that v2 echoes the merged dict
        new = Obj([(k2, v2) for k2, v2 in man if k2 != "ml_repo"] + [(k, bad), (k, good)])
        field("dup/manifest.%s/echo" % k, M, new)
    # source-level duplicates
    for lab, src in [
        ("type_bad_first", Obj([("type", "nope"), ("type", "external"), ("uri", "s3://x")])),
        ("type_good_first", Obj([("type", "external"), ("uri", "s3://x"), ("type", "nope")])),
        ("type_switch_to_local", Obj([("type", "external"), ("uri", "s3://x"), ("type", "local")])),
        ("type_switch_to_external", Obj([("type", "local"), ("paths", []), ("type", "external")])),
        ("type_list_then_good", Obj([("type", ["local"]), ("type", "local"), ("paths", [])])),
        ("uri_bad_first", Obj([("type", "external"), ("uri", "x"), ("uri", "s3://x")])),
        ("uri_good_first", Obj([("type", "external"), ("uri", "s3://x"), ("uri", "x")])),
        ("paths_bad_first", Obj([("type", "local"), ("paths", 5), ("paths", [{"src": "a"}])])),
        ("paths_good_first", Obj([("type", "local"), ("paths", [{"src": "a"}]), ("paths", [{"dest": 1}])])),
        ("whole_source_twice", None),
    ]:
        if src is None:
            new = Obj([(k, v) for k, v in man] + [("source", to_obj(SRC_LOCAL))])
            field("dup/source/" + lab, M, new)
        else:
            field("dup/source/" + lab, SRC, src)
    # top level handled in body_level; path item level in paths_cases
    # unknown keys at each level
    for lab, key in [("plain", "extra"), ("upper_name", "Name"), ("name_space", "name "), ("empty", ""),
                     ("sa", "_sa"), ("sa_x", "_sa_x"), ("unicode", "\u00e9\U0001F600"),
                     ("esc", Raw('"\\u0078"')), ("lone_surrogate", Raw('"\\ud800"'))]:
        new = Obj(list(man) + [(key, {"v": [1, 2.5, None]})])
        field("extra/manifest/" + lab, M, new)
        new = Obj([(k, v) for k, v in man if k != "name"] + [(key, 1)])
        field("extra/manifest_echo/" + lab, M, new)
        new = Obj([("type", "external"), (key, 1)])
        field("extra/source_echo/" + lab, SRC, new)
    # key escapes for every manifest field
    for k, v in man:
        esc = '"' + "".join("\\u%04x" % ord(c) if i == 0 else c for i, c in enumerate(k)) + '"'
        new = Obj([(Raw(esc) if k2 == k else k2, v2) for k2, v2 in man])
        field("keyesc/manifest.%s" % k, M, new)
        esc_upper = '"' + "".join("\\u%04X" % ord(c) for c in k) + '"'
        new = Obj([(Raw(esc_upper) if k2 == k else k2, v2) for k2, v2 in man])
        field("keyesc/manifest.%s_all_upperhex" % k, M, new)


# ---------------------------------------------------------------------------------------
# Very deep nesting. The depth n counts the nested brackets of the deep part only.
# ---------------------------------------------------------------------------------------

def _deep_list(n):
    return "[" * n + "]" * n


def _deep_obj(n):
    return '{"a":' * n + "1" + "}" * n


def _with(path, raw_value, base=BASE):
    return enc(set_path(base, path, Raw(raw_value)), "compact")


DEEP_SCENARIOS = {
    # name: (description, function depth -> body text)
    "top_list": ("body is [[[...]]] nested n deep", _deep_list),
    "top_obj": ('body is {"a":{"a":...1}} nested n deep', _deep_obj),
    "manifest_list": ('{"manifest": [[...]]} with n brackets', lambda n: '{"manifest":' + _deep_list(n) + "}"),
    "meta_list_valid": ("valid body, metadata = {\"deep\": [[...]]}",
                        lambda n: _with(M + ("metadata",), '{"deep":' + _deep_list(n) + "}")),
    "meta_obj_valid": ("valid body, metadata = {\"deep\": {\"a\":...}}",
                       lambda n: _with(M + ("metadata",), '{"deep":' + _deep_obj(n) + "}")),
    "meta_list_echo": ("name missing (v2 echoes the manifest), metadata = {\"deep\": [[...]]}",
                       lambda n: _with(M + ("metadata",), '{"deep":' + _deep_list(n) + "}",
                                       set_path(BASE, M + ("name",), MISSING))),
    "name_list": ("name = [[...]] (v2 echoes it in string_type)", lambda n: _with(M + ("name",), _deep_list(n))),
    "type_list": ("manifest type = [[...]] (literal_error / v1 const ctx echo it)",
                  lambda n: _with(M + ("type",), _deep_list(n))),
    "paths_list": ("paths = [[[...]]]: one bad item holding the deep list",
                   lambda n: _with(SRC + ("paths",), "[" + _deep_list(n) + "]", BASE_LOCAL)),
    "extra_key_list": ("valid body plus an unknown manifest key holding [[...]]",
                       lambda n: _with(M + ("zzz",), _deep_list(n))),
}


def deep_cases(thresholds):
    """Cases at each measured threshold -1, 0, +1 (plus a few fixed depths)."""
    for name, (_, fn) in DEEP_SCENARIOS.items():
        depths = {1, 2, 10, 100, 500, 2000, 5000}
        for key, n in thresholds.items():
            scen, _server, status = key.split(":")
            if scen == name and status in ("400", "500") and n is not None:
                depths.update({n - 1, n, n + 1})
        for n in sorted(depths):
            if n >= 1:
                add("deep/%s/%d" % (name, n), fn(n))
    add("deep/top_list/20000", _deep_list(20000))
    add("deep/meta_mixed/3000", _with(M + ("metadata",), '{"d":' + '[{"a":' * 1500 + "1" + "}]" * 1500 + "}"))


# ---------------------------------------------------------------------------------------
# Byte bodies (not UTF-8 text): sent as body_b64
# ---------------------------------------------------------------------------------------

def byte_cases():
    valid = enc(BASE, "compact")
    small = '{"manifest":{"name":"\u00e9","metadata":{},"ml_repo":"abc","source":{"type":"local","paths":[]}}}'
    vb = valid.encode()
    cases = [
        ("invalid_utf8/ff", b"\xff"), ("invalid_utf8/fe_ff", b"\xfe\xff"),
        ("invalid_utf8/in_name", vb.replace(b"churn-model", b"churn\xffmodel")),
        ("invalid_utf8/in_metadata_value", vb.replace(b'"good"', b'"go\x80od"')),
        ("invalid_utf8/in_key", vb.replace(b'"quality"', b'"qual\xc3ity"')),
        ("invalid_utf8/truncated_2byte", vb.replace(b'"A model."', b'"A \xc3"')),
        ("invalid_utf8/truncated_4byte", vb.replace(b'"A model."', b'"A \xf0\x9f\x98"')),
        ("invalid_utf8/overlong_slash", vb.replace(b'"A model."', b'"A \xc0\xaf"')),
        ("invalid_utf8/overlong_nul", vb.replace(b'"A model."', b'"A \xc0\x80"')),
        ("invalid_utf8/above_10ffff", vb.replace(b'"A model."', b'"A \xf4\x90\x80\x80"')),
        ("invalid_utf8/f5", vb.replace(b'"A model."', b'"A \xf5\x80\x80\x80"')),
        ("invalid_utf8/outside_string", vb.replace(b'{"manifest"', b'{\x80"manifest"')),
        ("invalid_utf8/at_end", vb + b"\xff"), ("invalid_utf8/latin1_body", small.encode("latin-1")),
        ("invalid_utf8/syntax_error_too", b'{"a":\xff,}'),
        ("invalid_utf8/cesu_pair_in_name", vb.replace(b"churn-model", b"churn\xed\xa0\xbd\xed\xb8\x80")),
        ("invalid_utf8/cesu_pair_in_run_id", vb.replace(b"run-8812-a9f3", b"r\xed\xa0\xbd\xed\xb8\x80")),
        ("invalid_utf8/cesu_pair_in_metadata", vb.replace(b'"good"', b'"\xed\xa0\xbd\xed\xb8\x80"')),
        ("invalid_utf8/cesu_pair_in_description", vb.replace(b'"A model."', b'"\xed\xa0\xbd\xed\xb8\x80"')),
        ("invalid_utf8/surrogate_high_raw_run_id", vb.replace(b"run-8812-a9f3", b"\xed\xa0\x80")),
        ("invalid_utf8/surrogate_low_raw_syntax", b'{"a":"\xed\xb0\x80",}'),
        ("invalid_utf8/lone_continuation_only", b"\x80"),
        ("invalid_utf8/nul_bytes_only", b"\x00\x00"), ("invalid_utf8/single_nul", b"\x00"),
        ("bom/utf8_bom_garbage", b"\xef\xbb\xbf\xff"), ("bom/utf8_bom_partial", b"\xef\xbb{}"),
        ("bom/utf8_bom_only", b"\xef\xbb\xbf"), ("bom/utf8_bom_twice", b"\xef\xbb\xbf\xef\xbb\xbf{}"),
        ("bom/utf8_bom_syntax", b"\xef\xbb\xbf{\"a\":x}"),
        ("bom/utf8_bom_valid", b"\xef\xbb\xbf" + vb),
        ("bom/utf16le_bom_garbage", b"\xff\xfe\x00\xd8"), ("bom/utf16be_bom_garbage", b"\xfe\xff\xd8\x00"),
        ("bom/utf32le_bom_only", b"\xff\xfe\x00\x00"),
    ]
    for enc_name, bom in [("utf-16-le", b""), ("utf-16-be", b""), ("utf-16-le", b"\xff\xfe"),
                          ("utf-16-be", b"\xfe\xff"), ("utf-32-le", b""), ("utf-32-be", b""),
                          ("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff")]:
        tag = enc_name.replace("-", "") + ("_bom" if bom else "")
        cases.append(("utf16_32/%s/valid" % tag, bom + valid.encode(enc_name)))
        cases.append(("utf16_32/%s/small" % tag, bom + small.encode(enc_name)))
        cases.append(("utf16_32/%s/syntax" % tag, bom + '{"a":\u00e9}'.encode(enc_name)))
        cases.append(("utf16_32/%s/empty_obj" % tag, bom + b"{}".decode().encode(enc_name)))
    cases += [
        ("utf16_32/utf16le_odd_length", valid.encode("utf-16-le")[:-1]),
        ("utf16_32/utf16le_lone_surrogate", '{"a":"'.encode("utf-16-le") + b"\x00\xd8" + '"}'.encode("utf-16-le")),
        ("utf16_32/utf16le_bom_truncated", b"\xff\xfe" + b"{\x00"),
        ("utf16_32/utf32le_bad_codepoint", '{"a":"'.encode("utf-32-le") + b"\x00\x00\x11\x00" + '"}'.encode("utf-32-le")),
        ("utf16_32/utf8_bom_then_utf16", b"\xef\xbb\xbf" + "{}".encode("utf-16-le")),
        ("utf16_32/utf16le_one_char", "5".encode("utf-16-le")),
        ("utf16_32/utf16le_two_chars_null", "[]".encode("utf-16-le")),
    ]
    for cid, b in cases:
        try:
            b.decode("utf-8")
            is_text = True
        except UnicodeDecodeError:
            is_text = False
        C.add("bytes/" + cid, b if not is_text else b.decode("utf-8"))


# ---------------------------------------------------------------------------------------
# Seeded random mutations
# ---------------------------------------------------------------------------------------

def mutation_bases(bench):
    bases = []
    for name in ("small", "medium", "invalid"):
        p = os.path.join(bench, name + ".json")
        with open(p, encoding="utf-8") as f:
            bases.append(("bench_" + name, to_obj(json.loads(f.read()))))
    for lab, src in (("tf", SRC_TF), ("tf_uri", SRC_TF_URI), ("ext", SRC_EXT), ("local", SRC_LOCAL)):
        bases.append(("full_" + lab, body(src, True)))
        bases.append(("min_" + lab, body(src, False)))
    return bases


def rand_str(rng):
    pool = ["", "a", "abc", "churn-model", "demo-repo", "v1.0.0", "s3://b/k", "local", "external",
            "truefoundry", "artifact-version", "\u00e9", "\U0001F600", " 7 ", "1_000", "1.0", "x\n",
            "\x00", "\\", '"', "\u2028", "_sa", "NaN", "-", "v", "gs://", "1e3"]
    r = rng.random()
    if r < 0.6:
        return rng.choice(pool)
    if r < 0.8:
        return "".join(rng.choice("abcXYZ019-_. /\n") for _ in range(rng.randrange(0, 12)))
    if r < 0.97:
        return "".join(chr(rng.choice([rng.randrange(0x20, 0x7f), rng.randrange(0xa0, 0x800),
                                        rng.randrange(0x4e00, 0x9fff), rng.randrange(0x1F300, 0x1F64F)]))
                       for _ in range(rng.randrange(1, 6)))
    return Raw('"x\\ud800"')


def rand_value(rng, depth=0, exclude=None):
    kinds = ["null", "bool", "int", "float", "str", "list", "obj"]
    if depth > 2:
        kinds = kinds[:5]
    while True:
        k = rng.choice(kinds)
        if k != exclude:
            break
    if k == "null":
        return None
    if k == "bool":
        return rng.random() < 0.5
    if k == "int":
        return rng.choice([0, 1, -1, 2, 3, 100, -5, 10 ** 19, 2 ** 63, -(2 ** 63) - 1, 10 ** 30,
                           rng.randrange(-1000, 1000)])
    if k == "float":
        return rng.choice([0.5, 1.0, -0.0, 1.5, 1e16, 1e-7, 0.1, 2.5e300, Raw("NaN"), Raw("Infinity"),
                           Raw("1E5"), Raw("-1e400"), rng.random() * 100])
    if k == "str":
        return rand_str(rng)
    if k == "list":
        return [rand_value(rng, depth + 1) for _ in range(rng.randrange(0, 4))]
    return Obj((rand_str(rng) if rng.random() < 0.3 else rng.choice(["src", "dest", "type", "a", "uri"]),
                rand_value(rng, depth + 1)) for _ in range(rng.randrange(0, 4)))


def kind_of(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, (str, Raw)):
        return "str"
    if isinstance(v, Obj):
        return "obj"
    return "list"


def containers(tree):
    """All (container, path) in the tree."""
    out = []

    def walk(node, path):
        if isinstance(node, Obj):
            out.append((node, path))
            for i, (_, v) in enumerate(node):
                walk(v, path + (i,))
        elif isinstance(node, list):
            out.append((node, path))
            for i, v in enumerate(node):
                walk(v, path + (i,))
    walk(tree, ())
    return out


FIELD_KEYS = ["manifest", "name", "metadata", "ml_repo", "version", "type", "description", "version_alias",
              "source", "step", "run_id", "uri", "paths", "src", "dest"]


def mutate_struct(rng, tree):
    tree = copy.deepcopy(tree)
    ops = []
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
        conts = containers(tree)
        objs = [c for c, _ in conts if isinstance(c, Obj) and c]
        lists = [c for c, _ in conts if isinstance(c, list) and not isinstance(c, Obj)]
        op = rng.choice(["delete", "dup", "replace", "replace", "insert", "swap", "nest", "listlen"])
        if op in ("delete", "dup", "replace", "swap", "nest") and not objs:
            op = "insert"
        if op == "delete":
            o = rng.choice(objs)
            del o[rng.randrange(len(o))]
        elif op == "dup":
            o = rng.choice(objs)
            i = rng.randrange(len(o))
            k, v = o[i]
            nv = rand_value(rng) if rng.random() < 0.6 else copy.deepcopy(v)
            if rng.random() < 0.5:
                o.insert(i, (k, nv))
            else:
                o.insert(rng.randrange(i + 1, len(o) + 1), (k, nv))
        elif op == "replace":
            o = rng.choice(objs)
            i = rng.randrange(len(o))
            k, v = o[i]
            o[i] = (k, rand_value(rng, exclude=kind_of(v)))
        elif op == "insert":
            o = rng.choice(objs) if objs else tree
            if not isinstance(o, Obj):
                continue
            k = rng.choice(FIELD_KEYS + ["zzz", "_sa", "_sa_k", "Name", ""]) if rng.random() < 0.7 else rand_str(rng)
            if isinstance(k, Raw):
                k = Raw(k.text)
            o.insert(rng.randrange(len(o) + 1), (k, rand_value(rng)))
        elif op == "swap":
            o = rng.choice(objs)
            if len(o) >= 2:
                i, j = rng.sample(range(len(o)), 2)
                (ki, vi), (kj, vj) = o[i], o[j]
                o[i], o[j] = (ki, vj), (kj, vi)
        elif op == "nest":
            o = rng.choice(objs)
            i = rng.randrange(len(o))
            k, v = o[i]
            o[i] = (k, [v] if rng.random() < 0.5 else Obj([(rng.choice(["a", k, "type"]), v)]))
        elif op == "listlen":
            if not lists:
                continue
            lst = rng.choice(lists)
            r = rng.random()
            if r < 0.3:
                lst.clear()
            elif r < 0.6 and lst:
                del lst[rng.randrange(len(lst)):]
            else:
                for _ in range(rng.randrange(1, 5)):
                    lst.append(copy.deepcopy(rng.choice(lst)) if lst and rng.random() < 0.7 else rand_value(rng))
        ops.append(op)
    return tree, ops


INSERT_CHARS = list('{}[]:,"\\ \t\n\r0123456789-+.eEaxntfuNI') + [
    "\x00", "\x01", "\x1f", "\x7f", "\u00e9", "\u20ac", "\U0001F600", "\ufeff", "\u00a0", "\u2028", "\ud800",
]
INSERT_SNIPPETS = ["\\u00e9", "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\x", "\\n", "\\u12", "NaN", "Infinity",
                   "-Infinity", "null", "true", ",", ",}", ",]", "]", "}", '"', "\"\":1,", "1e400", "0" * 5,
                   " \t\r\n", "\u00a0", "\ufeff"]


def mutate_text(rng, t):
    ops = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        if not t:
            t = rng.choice(INSERT_CHARS)
            continue
        op = rng.choice(["del", "del", "ins", "ins", "repl", "repl", "trunc", "ws", "swap", "snip", "dupsub"])
        i = rng.randrange(len(t))
        if op == "del":
            t = t[:i] + t[i + 1:]
        elif op == "ins":
            t = t[:i] + rng.choice(INSERT_CHARS) + t[i:]
        elif op == "repl":
            t = t[:i] + rng.choice(INSERT_CHARS) + t[i + 1:]
        elif op == "trunc":
            t = t[:i]
        elif op == "ws":
            t = t[:i] + rng.choice([" ", "\n", "\t", "\r\n", "  \n  ", "\x0c", "\u00a0"]) + t[i:]
        elif op == "swap":
            if i + 1 < len(t):
                t = t[:i] + t[i + 1] + t[i] + t[i + 2:]
        elif op == "snip":
            t = t[:i] + rng.choice(INSERT_SNIPPETS) + t[i:]
        elif op == "dupsub":
            j = min(len(t), i + rng.randrange(1, 20))
            t = t[:j] + t[i:j] + t[j:]
        ops.append(op)
    # never leave a high surrogate directly before a low one (ask.sh would merge them)
    t = t.replace("\ud800\udc00", "\ud800 \udc00")
    return t


def mutations(bench, n_struct=900, n_text=900):
    bases = mutation_bases(bench)
    rng = random.Random(20260101)
    k = 0
    tries = 0
    while k < n_struct:
        tries += 1
        name, tree = bases[tries % len(bases)]
        tree, _ = mutate_struct(rng, tree)
        style = rng.choice(STYLES)
        if add("mut/struct/%04d" % (k + 1), enc(tree, style)):
            k += 1
    rng = random.Random(20260202)
    texts = [enc(tree, style) for _, tree in bases for style in ("compact", "default", "pretty", "crlf")]
    k = 0
    tries = 0
    while k < n_text:
        tries += 1
        t = mutate_text(rng, texts[tries % len(texts)])
        if add("mut/text/%04d" % (k + 1), t):
            k += 1
    # the large bench body, a few times (each is ~180 KB)
    with open(os.path.join(bench, "large.json"), encoding="utf-8") as f:
        large = f.read()
    rng = random.Random(20260303)
    add("mut/large/original", large)
    large_tree = to_obj(json.loads(large))
    for i in range(2):
        tree, _ = mutate_struct(rng, large_tree)
        add("mut/large/struct_%d" % (i + 1), enc(tree, "compact"))
    for i in range(2):
        add("mut/large/text_%d" % (i + 1), mutate_text(rng, large))


# ---------------------------------------------------------------------------------------
# Found bodies: each file of tests/golden/found/ (tools/replay/replay.py writes there the bodies
# on which tfschema and a server disagreed) is one case, found/<file name>, exact bytes.
# ---------------------------------------------------------------------------------------

def found_cases(folder):
    if not os.path.isdir(folder):
        return
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.startswith(".") or name == "README.md" or not os.path.isfile(path):
            continue
        with open(path, "rb") as f:
            data = f.read()
        try:
            b = data.decode("utf-8")  # as text when it is, so that an equal body is not asked twice
        except UnicodeDecodeError:
            b = data
        C.add("found/" + name, b)


# ---------------------------------------------------------------------------------------

def generate(bench, thresholds, found=None):
    body_level()
    syntax()
    generic_fields()
    name_cases()
    description_cases()
    version_alias_cases()
    ml_repo_cases()
    uri_cases()
    int_cases()
    type_cases()
    source_cases()
    repr_cases()
    paths_cases()
    metadata_cases()
    dup_and_extra_cases()
    deep_cases(thresholds)
    byte_cases()
    mutations(bench)
    found_cases(found or default_found())
    return C.items


def write_cases(items, out):
    for cid, b in items:
        if isinstance(b, bytes):
            rec = {"id": cid, "body_b64": base64.b64encode(b).decode("ascii")}
        else:
            rec = {"id": cid, "body": b}
        # ensure_ascii: lone surrogates travel as \udXXX escapes, which json.loads restores
        out.write(json.dumps(rec, ensure_ascii=True) + "\n")


def default_bench():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "bench", "data"))


def default_found():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "tests", "golden", "found"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--output", default="-")
    ap.add_argument("--bench", default=default_bench())
    ap.add_argument("--found", default=default_found())
    a = ap.parse_args()
    items = generate(a.bench, DEPTH_THRESHOLDS, a.found)
    if a.output == "-":
        write_cases(items, sys.stdout)
    else:
        with open(a.output, "w", encoding="ascii") as f:
            write_cases(items, f)
    print("%d cases" % len(items), file=sys.stderr)


if __name__ == "__main__":
    main()
