"""Shared by the tests of the tfschema Python package (run them with `ctest -R python`,
or `PYTHONPATH=build/python python3 -m pytest python/tests`)."""
import base64
import contextlib
import functools
import json
import os
import sys
from pathlib import Path

from servers import ENDPOINT  # noqa: F401  (the tests import it from here)
from loopback import nesting_depth  # noqa: F401  (servers put it on sys.path)

SOURCE_DIR = Path(os.environ.get("TFSCHEMA_SOURCE_DIR", Path(__file__).resolve().parents[2]))
GOLDEN_DIR = SOURCE_DIR / "tests" / "golden"
ORACLE_DIR = SOURCE_DIR / "tools" / "oracle"
GOLDEN_FILES = {"pydantic-v2": "v2.jsonl", "pydantic-v1": "v1.jsonl"}
VALID_BODY = b'{"manifest":{"name":"a","metadata":{},"ml_repo":"abc","source":{"type":"external","uri":"s3://x"}}}'


class GoldenCase:
    """One recorded answer of a reference server (tests/golden/README.md)."""

    __slots__ = ("id", "body", "status", "raw")

    def __init__(self, record):
        self.id = record["id"]
        self.body = base64.b64decode(record["body_b64"])
        self.status = record["status"]
        self.raw = record["raw"].encode("utf-8")

    def __repr__(self):
        return self.id


@functools.lru_cache(maxsize=None)
def golden_cases(profile):
    with open(GOLDEN_DIR / GOLDEN_FILES[profile], encoding="utf-8") as f:
        return tuple(GoldenCase(json.loads(line)) for line in f if line.strip())


@contextlib.contextmanager
def deep_recursion():
    """Room for json.loads and == on the deepest golden answers (~10,000 levels)."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 25000))
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


def pytest_terminal_summary(terminalreporter):
    differences = getattr(sys.modules.get("test_apps"), "STACK_DEPTH_DIFFERENCES", [])
    if differences:
        terminalreporter.write_line(f"{len(differences)} golden bodies answered differently by the app behind any "
                                    f"middleware (its recursion limit; see test_apps.py): " + "; ".join(differences))
