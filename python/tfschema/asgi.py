"""ASGI middleware that answers the server's exact 422 before the app sees the body.

Wrap the FastAPI (or any ASGI) app that serves ``PUT /api/ml/v1/artifact-versions``::

    from tfschema.asgi import PrecheckMiddleware

    app.add_middleware(PrecheckMiddleware, profile="pydantic-v1")  # FastAPI/Starlette
    app = PrecheckMiddleware(app, profile="pydantic-v2")           # any ASGI app

For ``PUT`` on the endpoint's path with a body FastAPI reads as JSON, it reads the
whole body (up to ``max_body_bytes``), validates it, and when the profile rejects
it sends the 422 the app would send (the same status, body and headers:
``content-length`` then ``content-type: application/json``) without calling the
app. Every other request, and every body it does not answer, goes to the app
untouched, with the messages it read re-delivered as they came. No framework is
imported: this is plain ASGI 3.

What goes to the app unchecked (the app decides, as without the middleware):

- other scope types (``websocket``, ``lifespan``), methods (``GET``, ``HEAD``, ...)
  and paths (a trailing ``/``, a query string does not matter);
- a ``Content-Type`` FastAPI does not read as JSON, or one ``tfschema.server_parses_as_json``
  is not sure of, or two ``Content-Type`` headers;
- a ``Content-Length`` over ``max_body_bytes`` (not read at all), or a streamed
  (chunked) body that grows past it: reading stops there, and the app gets the
  messages read so far, then the rest of the stream;
- a client that disconnects before the body ends (the app gets the disconnect);
- bodies the server answers with something other than a renderable 422: valid
  ones (200), the server's 400 (undecodable or too deep), and those whose 422 the
  server cannot render (it answers 500);
- bodies nested more than ``SERVER_DECIDES_DEPTH`` levels deep (see below).

The path compared with ``path`` is the one the app routes on. Starlette >= 0.33
(FastAPI >= 0.109) routes on ``scope["path"]`` without a leading ``scope["root_path"]``
(uvicorn >= 0.26 puts the root path in both), older Starlette on ``scope["path"]``
as it is. ``root_path_in_path`` says which: True for the first, False for the
second; by default, the reading of the Starlette this process has imported, and
with no Starlette imported, the middleware checks a request only where both
readings find the endpoint (then only a request without a root path).

Place it innermost (with FastAPI: ``add_middleware`` it before CORS and the
like, which are then outside it) so that the app's other middleware sees its
422 as it sees the app's own.
"""
from __future__ import annotations

import sys
from collections import deque
from typing import Any, Awaitable, Callable, Deque, MutableMapping, Optional

from tfschema._tfschema import PADDING, Validator, server_parses_as_json

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

ENDPOINT = "/api/ml/v1/artifact-versions"

# CPython's recursion limit (1000 frames) decides the servers' answers to bodies
# nested about 970 levels deep: there the v1 server's JSON parser gives up (400)
# and the v2 server cannot echo an input in its 422 (500). Exactly where depends
# on how deep the server's stack already is (TestClient and uvicorn differ by a
# level, and so does every middleware in front of the app), which a middleware
# cannot know; so deeper bodies go to the app, which knows.
SERVER_DECIDES_DEPTH = 950


class PrecheckMiddleware:
    """Answers the 422 of ``PUT {path}`` for bodies the profile rejects; passes the rest on.

    app: the ASGI app to protect.
    profile: the app's stack: "pydantic-v2" answers as FastAPI 0.115 with Pydantic 2.10,
        "pydantic-v1" as FastAPI 0.92 with Pydantic 1.10 (see tfschema.Validator).
    path: the endpoint's path, as the app routes it.
    max_body_bytes: bodies longer than this are not read: the app gets them as sent.
    root_path_in_path: whether the app routes on scope["path"] minus scope["root_path"]
        (Starlette >= 0.33) or on scope["path"] (older); None: see the module's docstring.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        profile: str = "pydantic-v2",
        path: str = ENDPOINT,
        max_body_bytes: int = 1 << 20,
        root_path_in_path: Optional[bool] = None,
    ) -> None:
        if max_body_bytes < 0:
            raise ValueError(f"max_body_bytes must be >= 0, not {max_body_bytes}")
        self.app = app
        self.path = path
        self.max_body_bytes = max_body_bytes
        self.validator = Validator(profile, max_body_bytes=max_body_bytes, max_depth=SERVER_DECIDES_DEPTH)
        if root_path_in_path is None:
            root_path_in_path = _starlette_strips_root_path()
        self._routes_here: Callable[[Scope], bool] = {
            True: lambda scope: _without_root_path(scope) == path,
            False: lambda scope: scope["path"] == path,
            None: lambda scope: scope["path"] == path and _without_root_path(scope) == path,
        }[root_path_in_path]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._applies(scope):
            await self.app(scope, receive, send)
            return
        received: list[Message] = []
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            received.append(message)
            if message["type"] != "http.request":  # http.disconnect
                await self.app(scope, _replay(received, receive), send)
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                await self.app(scope, _replay(received, receive), send)
                return
            if chunk:
                chunks.append(chunk)
            if not message.get("more_body", False):
                break
        result = self.validator.validate(_contiguous(chunks, size))
        if result.status_code != 422 or result.server_cannot_render:
            await self.app(scope, _replay(received, receive), send)
            return
        body = result.body
        # What Starlette's JSONResponse sends, header for header.
        await send({
            "type": "http.response.start",
            "status": 422,
            "headers": [(b"content-length", str(len(body)).encode("latin-1")), (b"content-type", b"application/json")],
        })
        await send({"type": "http.response.body", "body": body})

    def _applies(self, scope: Scope) -> bool:
        """Whether the request is one this middleware checks (see the module's docstring)."""
        if scope["type"] != "http" or scope["method"] != "PUT" or not self._routes_here(scope):
            return False
        content_type = None
        content_length = None
        for name, value in scope["headers"]:
            name = name.lower()
            if name == b"content-type":
                if content_type is not None:
                    return False
                content_type = value
            elif name == b"content-length":
                if content_length is not None or not value.isdigit():
                    return False
                content_length = int(value)
        if content_length is not None and content_length > self.max_body_bytes:
            return False
        return server_parses_as_json(content_type or b"")


def _without_root_path(scope: Scope) -> str:
    """scope["path"] without a leading scope["root_path"] (starlette.routing.get_route_path, Starlette >= 0.33)."""
    path: str = scope["path"]
    root_path: str = scope.get("root_path", "")
    if root_path and path.startswith(root_path) and path[len(root_path):len(root_path) + 1] == "/":
        return path[len(root_path):]
    return path


def _starlette_strips_root_path() -> Optional[bool]:
    """Whether the Starlette imported in this process routes without the root path (None: none imported)."""
    starlette = sys.modules.get("starlette")
    version = getattr(starlette, "__version__", None)
    if not isinstance(version, str):
        return None
    try:
        major, minor = (int(part) for part in version.split(".")[:2])
    except ValueError:
        return None
    return (major, minor) >= (0, 33)


def _contiguous(chunks: list[bytes], size: int) -> bytes | memoryview:
    """The body in one piece, with as few copies as possible.

    One chunk (the usual case) is validated as it is (the Validator copies it
    once into its padded buffer); several are joined into a buffer with
    PADDING spare bytes, which the Validator reads in place.
    """
    if not chunks:
        return b""
    if len(chunks) == 1:
        return chunks[0]
    joined = bytearray(size + PADDING)
    at = 0
    for chunk in chunks:
        joined[at:at + len(chunk)] = chunk
        at += len(chunk)
    return memoryview(joined)[:size]


def _replay(received: list[Message], receive: Receive) -> Receive:
    """A receive() that gives the messages already read, in order, then the rest."""
    pending: Deque[Message] = deque(received)

    async def replay() -> Message:
        if pending:
            return pending.popleft()
        return await receive()

    return replay
