"""The reference FastAPI app of this interpreter's Pydantic (tools/oracle/app_v1.py for
Pydantic 1, app_v2.py for Pydantic 2), bare and behind middleware, for the tests
(TestClient) and for uvicorn (`uvicorn apps:wrapped --app-dir python/tests`).

- bare: the app as the goldens were recorded from it.
- wrapped: PrecheckMiddleware(bare), which must answer exactly as bare does.
- control: bare behind a middleware that only passes requests on; its stack is
  as deep as wrapped's when wrapped passes a request on (see stack_depth_differences).
- precheck_only: PrecheckMiddleware in front of an app that answers 599 to
  everything: tells which requests the middleware answers itself.
"""
import importlib
import os
import sys
from pathlib import Path

import pydantic

from tfschema.asgi import PrecheckMiddleware

ORACLE_DIR = Path(os.environ.get("TFSCHEMA_SOURCE_DIR", Path(__file__).resolve().parents[2])) / "tools" / "oracle"
PROFILE = "pydantic-v1" if pydantic.VERSION.startswith("1.") else "pydantic-v2"
PASSED_ON_STATUS = 599

sys.path.insert(0, str(ORACLE_DIR))
bare = importlib.import_module("app_v1" if PROFILE == "pydantic-v1" else "app_v2").app


class PassThrough:
    """A middleware that does nothing (one coroutine frame, as PrecheckMiddleware)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        await self.app(scope, receive, send)


async def passed_on(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            event = (await receive())["type"]  # lifespan.startup, then lifespan.shutdown
            await send({"type": event + ".complete"})
            if event == "lifespan.shutdown":
                return
    await send({"type": "http.response.start", "status": PASSED_ON_STATUS, "headers": []})
    await send({"type": "http.response.body", "body": b""})


wrapped = PrecheckMiddleware(bare, profile=PROFILE)
control = PassThrough(bare)
precheck_only = PrecheckMiddleware(passed_on, profile=PROFILE)
