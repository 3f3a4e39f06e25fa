"""Sends request bodies to one reference app (app_v1.py or app_v2.py, beside this file) and
prints what it answers, through Starlette's TestClient (the app's own ASGI stack, no socket).

usage: python3 run_oracle.py v1|v2 CASES.jsonl
  CASES.jsonl: one JSON object a line, {"id": ..., "body": "<text>"} (sent as UTF-8 with
               'surrogatepass', so lone surrogates reach the server as CESU bytes) or
               {"id": ..., "body_b64": "<base64 of the exact bytes>"}
  prints one JSON line a case: {"id": ..., "status": <HTTP status>, "raw": "<response body, UTF-8>"}
"""
import base64
import importlib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fastapi.testclient import TestClient  # noqa: E402

app = importlib.import_module("app_" + sys.argv[1]).app
client = TestClient(app, raise_server_exceptions=False)
for line in open(sys.argv[2], encoding="utf-8"):
    case = json.loads(line)
    if "body_b64" in case:
        body = base64.b64decode(case["body_b64"])
    else:
        body = case["body"].encode("utf-8", "surrogatepass")
    r = client.put("/api/ml/v1/artifact-versions", content=body,
                   headers={"content-type": "application/json"})
    print(json.dumps({"id": case["id"], "status": r.status_code,
                      "raw": r.content.decode("utf-8", "replace")}, ensure_ascii=False))
