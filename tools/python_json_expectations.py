#!/usr/bin/env python3
"""What CPython's json.loads(bytes) says about test inputs.

tfschema's exact JSON parser (src/json/py_parser.cpp) must accept and reject
the same bytes as json.loads(body_bytes) and give the same JSONDecodeError
message and position. This script asks the interpreter it runs under, so the
expectations in tests/unit/py_parser_test.cpp come from real Pythons:

  /usr/bin/python3 (CPython 3.11) and, for 3.13, the Debian trixie chroot:
  chroot /opt/tfschema-oracle/trixie python3 /tmp/python_json_expectations.py

Modes:
  INPUT...            each INPUT is a Python bytes or str literal, or an
                      expression of them, e.g. "b'[1,]'", "'\\ud800'" or
                      "b'1'*4301" (str is UTF-8 encoded with surrogatepass);
                      prints one result line per input.
  --hex-lines FILE    one hex-encoded input per line ('-' = stdin); prints one
                      canonical result line per input (for differential runs
                      against a C++ driver).
  --check-cpp FILE    checks every table row of the C++ test (between the
                      BEGIN/END PYTHON-CHECKED CASES markers) that applies to
                      this interpreter; exit status 1 on any mismatch.
  --emit-cpp FILE     prints those rows with the expectations this
                      interpreter gives (to fill in or fix a table).
  --both              run the chosen mode under both interpreters (copies this
                      script and any FILE into the chroot's /tmp).
  --dialect rfc       emulates the strict RFC 8259 dialect on top of Python
                      (use with 3.13): BOM, UTF-8, NaN/Infinity and lone
                      surrogate checks, positions of those four codes unknown.

Result line: OUTCOME CODE CHAR_POSITION BYTE_OFFSET TREE, '-' where Python
does not tell (e.g. where an over-long integer is). BYTE_OFFSET counts like
tfschema's Node::offset: UTF-8 input bytes (a BOM counts), or the UTF-8
transcoding of UTF-16/32 text. TREE is the canonical dump: null, true, false,
integers in decimal, floats as f:%.17g, strings in double quotes with
printable ASCII kept and everything else as \\u{HEX} (one per Python code
point), arrays [a,b], objects {"k":v} in dict order with '*' after a key that
occurred more than once (dict keeps the first place and the last value).
"""

import argparse
import codecs
import json
import os
import re
import shutil
import subprocess
import sys

CHROOT = "/opt/tfschema-oracle/trixie"

MESSAGE_CODES = {
    "Expecting value": "kExpectingValue",
    "Expecting property name enclosed in double quotes": "kExpectingPropertyName",
    "Expecting ':' delimiter": "kExpectingColon",
    "Expecting ',' delimiter": "kExpectingComma",
    "Extra data": "kExtraData",
    "Unterminated string starting at": "kUnterminatedString",
    "Invalid control character at": "kInvalidControlCharacter",
    "Invalid \\escape": "kInvalidEscape",
    "Invalid \\uXXXX escape": "kInvalidUnicodeEscape",
    "Illegal trailing comma before end of object": "kTrailingCommaInObject",
    "Illegal trailing comma before end of array": "kTrailingCommaInArray",
}

OUTCOME_EXPECT = {
    "undecodable": "kUndecodable",
    "toodeep": "kTooDeep",
    "inttoolong": "kIntegerTooLong",
    "ok": "kOk",
}


class Members:
    """An object as Python's dict sees it, remembering repeated keys."""

    def __init__(self, pairs):
        self.items = {}
        self.repeated = set()
        for key, value in pairs:
            if key in self.items:
                self.repeated.add(key)
            self.items[key] = value


def dump_str(text):
    out = ['"']
    for ch in text:
        if 0x20 <= ord(ch) < 0x7F and ch not in '"\\':
            out.append(ch)
        else:
            out.append("\\u{%X}" % ord(ch))
    out.append('"')
    return "".join(out)


def dump(value):
    """Canonical tree dump (iterative: trees may be deep)."""
    out = []
    stack = [("value", value)]
    while stack:
        kind, item = stack.pop()
        if kind == "text":
            out.append(item)
            continue
        v = item
        if v is None:
            out.append("null")
        elif v is True:
            out.append("true")
        elif v is False:
            out.append("false")
        elif isinstance(v, int):
            out.append(str(v))
        elif isinstance(v, float):
            out.append("f:" + ("%.17g" % v))
        elif isinstance(v, str):
            out.append(dump_str(v))
        elif isinstance(v, list):
            parts = [("text", "]")]
            for i in reversed(range(len(v))):
                parts.append(("value", v[i]))
                if i:
                    parts.append(("text", ","))
            parts.append(("text", "["))
            stack.extend(parts)
        elif isinstance(v, Members):
            keys = list(v.items)
            parts = [("text", "}")]
            for i in reversed(range(len(keys))):
                key = keys[i]
                parts.append(("value", v.items[key]))
                mark = "*" if key in v.repeated else ""
                parts.append(("text", dump_str(key) + mark + ":"))
                if i:
                    parts.append(("text", ","))
            parts.append(("text", "{"))
            stack.extend(parts)
        else:
            raise TypeError(type(v))
    return "".join(out)


def wtf8_len(text):
    return len(text.encode("utf-8", "surrogatepass"))


def python_result(data):
    """(outcome, code, char_pos, byte_off, tree) for json.loads(data)."""
    try:
        json.loads(data)
    except json.JSONDecodeError as e:
        encoding = json.detect_encoding(data)
        bom = 3 if encoding == "utf-8-sig" else 0
        return ("syntax", MESSAGE_CODES[e.msg], e.pos, bom + wtf8_len(e.doc[: e.pos]), "-")
    except UnicodeDecodeError:
        return ("undecodable", "-", "-", "-", "-")
    except RecursionError:
        return ("toodeep", "-", "-", "-", "-")
    except ValueError as e:
        if "integer string conversion" in str(e):
            return ("inttoolong", "-", "-", "-", "-")
        raise
    tree = json.loads(data, object_pairs_hook=Members)
    return ("ok", "-", 0, 0, dump(tree))


class NonFinite(Exception):
    pass


def is_lone_surrogate_str(value):
    return isinstance(value, str) and any(0xD800 <= ord(c) <= 0xDFFF for c in value)


class SurrogateSeeingMembers(Members):
    """Members that also notes lone surrogates in values a duplicate key drops."""

    seen = False

    def __init__(self, pairs):
        for key, value in pairs:
            if is_lone_surrogate_str(key) or is_lone_surrogate_str(value):
                SurrogateSeeingMembers.seen = True
        super().__init__(pairs)


def has_surrogate(value):
    stack = [value]
    while stack:
        v = stack.pop()
        if is_lone_surrogate_str(v):
            return True
        if isinstance(v, list):
            stack.extend(v)
        elif isinstance(v, Members):
            stack.extend(v.items.keys())
            stack.extend(v.items.values())
    return False


def raise_non_finite(name):
    raise NonFinite(name)


def rfc_result(data):
    """The strict RFC 8259 dialect, emulated on top of this Python."""
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE):
        if data.startswith(bom):
            return ("syntax", "kByteOrderMark", 0, 0, "-")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        b = data[e.start : e.start + 3]
        surrogate = len(b) == 3 and b[0] == 0xED and 0xA0 <= b[1] <= 0xBF and 0x80 <= b[2] <= 0xBF
        code = "kLoneSurrogate" if surrogate else "kInvalidUtf8"
        return ("syntax", code, len(data[: e.start].decode("utf-8")), e.start, "-")
    limit = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else None
    if limit is not None:
        sys.set_int_max_str_digits(0)
    try:
        SurrogateSeeingMembers.seen = False
        tree = json.loads(text, object_pairs_hook=SurrogateSeeingMembers, parse_constant=raise_non_finite)
    except json.JSONDecodeError as e:
        return ("syntax", MESSAGE_CODES[e.msg], e.pos, wtf8_len(e.doc[: e.pos]), "-")
    except NonFinite:
        return ("syntax", "kNonFiniteNumber", "-", "-", "-")
    except RecursionError:
        return ("toodeep", "-", "-", "-", "-")
    finally:
        if limit is not None:
            sys.set_int_max_str_digits(limit)
    if SurrogateSeeingMembers.seen or has_surrogate(tree):
        return ("syntax", "kLoneSurrogate", "-", "-", "-")
    return ("ok", "-", 0, 0, dump(tree))


def result_for(data, dialect):
    return rfc_result(data) if dialect == "rfc" else python_result(data)


def format_result(result):
    return " ".join(str(x) for x in result)


# ---- reading the C++ table ------------------------------------------------

CPP_SIMPLE_ESCAPES = {
    "n": 0x0A, "t": 0x09, "r": 0x0D, "b": 0x08, "f": 0x0C, "v": 0x0B, "a": 0x07,
    "\\": 0x5C, '"': 0x22, "'": 0x27, "?": 0x3F,
}


def eval_cpp_literals(source):
    """Bytes of concatenated C++ string literals ("..." and R"d(...)d")."""
    out = bytearray()
    i = 0
    n = len(source)
    while i < n:
        c = source[i]
        if c.isspace():
            i += 1
        elif source.startswith('R"', i):
            open_paren = source.index("(", i)
            delim = source[i + 2 : open_paren]
            close = source.index(")" + delim + '"', open_paren)
            out += source[open_paren + 1 : close].encode("utf-8")
            i = close + len(delim) + 2
        elif c == '"':
            i += 1
            while source[i] != '"':
                ch = source[i]
                if ch != "\\":
                    out += ch.encode("utf-8")
                    i += 1
                    continue
                esc = source[i + 1]
                if esc == "x":  # C++ hex escapes take every hex digit that follows
                    j = i + 2
                    while j < n and source[j] in "0123456789abcdefABCDEF":
                        j += 1
                    value = int(source[i + 2 : j], 16)
                    if value > 0xFF:
                        raise ValueError("hex escape out of range: " + source[i:j])
                    out.append(value)
                    i = j
                elif esc in "01234567":
                    j = i + 1
                    while j < i + 4 and source[j] in "01234567":
                        j += 1
                    out.append(int(source[i + 1 : j], 8))
                    i = j
                else:
                    out.append(CPP_SIMPLE_ESCAPES[esc])
                    i += 2
            i += 1
        else:
            raise ValueError("unexpected text in literal: " + source[i:])
    return bytes(out)


ROW = re.compile(
    r'^\s*\{(?P<dialects>k[\w| ]+?),\s*(?P<input>.*?)sv,\s*E::(?P<expect>k\w+),\s*'
    r'(?P<char>\d+),\s*(?P<byte>\d+),\s*R"~\((?P<tree>.*)\)~"\},\s*(?://.*)?$'
)
DIALECT_NAMES = {
    "kPy311": {"py311"},
    "kPy313": {"py313"},
    "kRfc": {"rfc"},
    "kPy": {"py311", "py313"},
    "kAll": {"py311", "py313", "rfc"},
}


def read_cpp_rows(path):
    rows = []
    inside = False
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if "BEGIN PYTHON-CHECKED CASES" in line:
                inside = True
                continue
            if "END PYTHON-CHECKED CASES" in line:
                inside = False
                continue
            # Rows start with '{'; comments and the array's own lines are skipped.
            if not inside or not line.strip().startswith("{"):
                continue
            m = ROW.match(line)
            if not m:
                raise ValueError("%s:%d: cannot read table row: %s" % (path, lineno, line.rstrip()))
            dialects = set()
            for name in m.group("dialects").split("|"):
                dialects |= DIALECT_NAMES[name.strip()]
            rows.append({
                "line": lineno,
                "text": line.rstrip("\n"),
                "dialects": dialects,
                "input_source": m.group("input"),
                "input": eval_cpp_literals(m.group("input")),
                "expect": m.group("expect"),
                "char": int(m.group("char")),
                "byte": int(m.group("byte")),
                "tree": m.group("tree"),
            })
    return rows


def this_python():
    return "py%d%d" % sys.version_info[:2]


def expect_of(result):
    outcome, code = result[0], result[1]
    return code if outcome == "syntax" else OUTCOME_EXPECT[outcome]


def row_matches(row, result):
    outcome, _, char_pos, byte_off, tree = result
    if row["expect"] != expect_of(result):
        return False
    if outcome == "syntax" and char_pos != "-":
        if row["char"] != char_pos or row["byte"] != byte_off:
            return False
    if outcome == "ok" and row["tree"] != tree:
        return False
    return True


def rows_for_this_python(path):
    mine = this_python()
    for row in read_cpp_rows(path):
        for dialect in sorted(row["dialects"]):
            if dialect == mine or (dialect == "rfc" and mine == "py313"):
                yield row, dialect


def check_cpp(path):
    checked = failed = 0
    for row, dialect in rows_for_this_python(path):
        result = result_for(row["input"], "rfc" if dialect == "rfc" else "py")
        checked += 1
        if not row_matches(row, result):
            failed += 1
            print("MISMATCH %s line %d (%s): %s" % (path, row["line"], dialect, row["text"].strip()))
            print("    Python %s says: %s" % (sys.version.split()[0], format_result(result)))
    print("%s: %s checked %d rows, %d mismatches" % (this_python(), os.path.basename(path), checked, failed))
    return 1 if failed else 0


def emit_cpp(path):
    for row, dialect in rows_for_this_python(path):
        result = result_for(row["input"], "rfc" if dialect == "rfc" else "py")
        outcome, _, char_pos, byte_off, tree = result
        char_pos = 0 if char_pos == "-" else char_pos
        byte_off = 0 if byte_off == "-" else byte_off
        tree = tree if outcome == "ok" else ""
        print('    {%s, %ssv, E::%s, %s, %s, R"~(%s)~"},  // line %d %s' % (
            {"py311": "kPy311", "py313": "kPy313", "rfc": "kRfc"}[dialect], row["input_source"],
            expect_of(result), char_pos, byte_off, tree, row["line"], dialect))
    return 0


# ---- plumbing ---------------------------------------------------------------

def parse_input_literal(text):
    # A literal or a simple expression of literals such as b'1'*4301.
    value = eval(text, {"__builtins__": {}}, {})
    if isinstance(value, str):
        value = value.encode("utf-8", "surrogatepass")
    return value


def run_both(argv):
    """Run this script with the same arguments under 3.11 and in the chroot."""
    script = os.path.abspath(__file__)
    status = 0
    status |= subprocess.call(["/usr/bin/python3", script] + argv)
    tmp = os.path.join(CHROOT, "tmp")
    shutil.copy(script, os.path.join(tmp, "python_json_expectations.py"))
    chroot_argv = []
    take_file = False
    for arg in argv:
        if take_file and arg != "-":
            shutil.copy(arg, os.path.join(tmp, os.path.basename(arg)))
            arg = "/tmp/" + os.path.basename(arg)
        take_file = arg in ("--hex-lines", "--check-cpp", "--emit-cpp")
        chroot_argv.append(arg)
    status |= subprocess.call(["chroot", CHROOT, "python3", "/tmp/python_json_expectations.py"] + chroot_argv)
    return status


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", help="Python bytes/str literals")
    parser.add_argument("--dialect", choices=("py", "rfc"), default="py")
    parser.add_argument("--hex-lines", metavar="FILE")
    parser.add_argument("--check-cpp", metavar="FILE")
    parser.add_argument("--emit-cpp", metavar="FILE")
    parser.add_argument("--both", action="store_true")
    args = parser.parse_args()
    if args.both:
        return run_both([a for a in sys.argv[1:] if a != "--both"])
    if args.check_cpp:
        return check_cpp(args.check_cpp)
    if args.emit_cpp:
        return emit_cpp(args.emit_cpp)
    if args.hex_lines:
        f = sys.stdin if args.hex_lines == "-" else open(args.hex_lines)
        for line in f:
            data = bytes.fromhex(line.strip())
            print(format_result(result_for(data, args.dialect)))
        return 0
    print("# Python %s, dialect %s" % (sys.version.split()[0], args.dialect))
    for text in args.inputs:
        data = parse_input_literal(text)
        print("%r\t%s" % (data, format_result(result_for(data, args.dialect))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
