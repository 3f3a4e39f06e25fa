"""Result.detail: json.loads(body)["detail"], at any nesting depth.

json.loads recurses once per nesting level, so a 422 echoing an input nested
near or past Python's recursion limit (the v2 server answers those with a 500:
Result.server_cannot_render) raises RecursionError. A bad body must never raise,
so such bodies are read again by ``loads`` below: the same values (json's own
string and number readers for the leaves), with the nesting on a list instead
of the call stack.
"""
import json
import json.decoder
import json.scanner
import re
from typing import Any

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = json.scanner.NUMBER_RE
_CONSTANTS = {"true": True, "false": False, "null": None, "NaN": float("nan"), "Infinity": float("inf"),
              "-Infinity": float("-inf")}


def detail(body: bytes) -> Any:
    """What Result.detail is for a response body (``[]`` for the empty body of a valid one)."""
    if not body:
        return []
    try:
        return json.loads(body)["detail"]
    except RecursionError:
        return loads(body.decode("utf-8"))["detail"]


def loads(text: str) -> Any:
    """json.loads(text) for well-formed JSON of any depth, without recursion.

    Raises json.JSONDecodeError on malformed input (tfschema's own response
    bodies are always well-formed).
    """
    # Open containers, innermost last: [container, key of the value being read
    # (None in a list)].
    stack: list[list[Any]] = []
    pos = _skip(text, 0)
    while True:
        # Read one value at pos: a scalar, an empty container, or the opening of
        # a container whose first value is read next.
        char = text[pos:pos + 1]
        if char == "{":
            pos = _skip(text, pos + 1)
            if text[pos:pos + 1] == "}":
                value: Any = {}
                pos += 1
            else:
                key, pos = _member_name(text, pos)
                stack.append([{}, key])
                continue
        elif char == "[":
            pos = _skip(text, pos + 1)
            if text[pos:pos + 1] == "]":
                value = []
                pos += 1
            else:
                stack.append([[], None])
                continue
        else:
            value, pos = _scalar(text, pos)
        # Store the value; close every container it completes.
        while True:
            if not stack:
                if _skip(text, pos) != len(text):
                    raise json.JSONDecodeError("Extra data", text, pos)
                return value
            frame = stack[-1]
            container, key = frame
            if key is None:
                container.append(value)
            else:
                container[key] = value
            pos = _skip(text, pos)
            char = text[pos:pos + 1]
            if char == ",":
                pos = _skip(text, pos + 1)
                if key is not None:
                    frame[1], pos = _member_name(text, pos)
                break
            if char != ("]" if key is None else "}"):
                raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
            pos += 1
            stack.pop()
            value = container


def _skip(text: str, pos: int) -> int:
    return _WHITESPACE.match(text, pos).end()


def _member_name(text: str, pos: int) -> tuple[str, int]:
    """Reads '"name" :' at pos; returns the name and the position of its value."""
    if text[pos:pos + 1] != '"':
        raise json.JSONDecodeError("Expecting property name enclosed in double quotes", text, pos)
    name, pos = json.decoder.scanstring(text, pos + 1)
    pos = _skip(text, pos)
    if text[pos:pos + 1] != ":":
        raise json.JSONDecodeError("Expecting ':' delimiter", text, pos)
    return name, _skip(text, pos + 1)


def _scalar(text: str, pos: int) -> tuple[Any, int]:
    if text[pos:pos + 1] == '"':
        return json.decoder.scanstring(text, pos + 1)
    number = _NUMBER.match(text, pos)
    if number is not None:
        integer, fraction, exponent = number.groups()
        if fraction or exponent:
            return float(integer + (fraction or "") + (exponent or "")), number.end()
        return int(integer), number.end()
    for word, value in _CONSTANTS.items():
        if text.startswith(word, pos):
            return value, pos + len(word)
    raise json.JSONDecodeError("Expecting value", text, pos)
