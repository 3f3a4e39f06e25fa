"""Ask the reference servers (tools/oracle/ask.sh) about text and byte bodies."""
import base64
import json
import os
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = subprocess.run(["git", "-C", HERE, "rev-parse", "--show-toplevel"], check=True,
                     capture_output=True, text=True).stdout.strip()
ORACLE_DIR = os.environ.get("ORACLE_DIR", os.path.join(TOP, "tools", "oracle"))


def _run(script, version, records):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="ascii", delete=False) as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=True) + "\n")
        path = f.name
    try:
        out = subprocess.run(["bash", script, version, path], check=True, capture_output=True).stdout
    finally:
        os.unlink(path)
    answers = {}
    for line in out.decode("utf-8").split("\n"):
        if not line:
            continue
        a = json.loads(line)
        answers[a["id"]] = (a["status"], a["raw"])
    missing = [r["id"] for r in records if r["id"] not in answers]
    if missing:
        raise SystemExit("%s %s gave no answer for %d cases, e.g. %s" % (script, version, len(missing), missing[:3]))
    return answers


def ask(version, items):
    """items: [(id, str | bytes)] -> {id: (status, raw)}."""
    records = [{"id": i, "body": b} if isinstance(b, str) else {"id": i, "body_b64": base64.b64encode(b).decode()}
               for i, b in items]
    return _run(os.path.join(ORACLE_DIR, "ask.sh"), version, records) if records else {}


def ask_both(items):
    """-> {"v1": {...}, "v2": {...}}, the two servers asked in parallel."""
    with ThreadPoolExecutor(2) as ex:
        f1 = ex.submit(ask, "v1", items)
        f2 = ex.submit(ask, "v2", items)
        return {"v1": f1.result(), "v2": f2.result()}
