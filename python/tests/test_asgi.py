"""PrecheckMiddleware as plain ASGI: what it answers, what it passes on, and how."""
import asyncio
import sys

import pytest

import tfschema
from conftest import ENDPOINT, VALID_BODY
from tfschema.asgi import SERVER_DECIDES_DEPTH, PrecheckMiddleware

JSON = [(b"content-type", b"application/json")]
APP_RESPONSE = [{"type": "http.response.start", "status": 299, "headers": [(b"x-app", b"1")]},
                {"type": "http.response.body", "body": b"from the app"}]


class Recorder:
    """An ASGI app that reads the whole request as Starlette does and records what it got."""

    def __init__(self):
        self.calls = []

    async def __call__(self, scope, receive, send):
        call = {"scope": scope, "receive": receive, "messages": []}
        self.calls.append(call)
        if scope["type"] == "http":
            while True:
                message = await receive()
                call["messages"].append(message)
                if message["type"] != "http.request" or not message.get("more_body", False):
                    break
        for message in APP_RESPONSE:
            await send(message)


def http_scope(method="PUT", path=ENDPOINT, headers=JSON, root_path="", query_string=b""):
    return {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
            "path": path, "raw_path": path.encode(), "root_path": root_path, "query_string": query_string,
            "headers": list(headers), "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 8000)}


def request(body, more_body=False):
    return {"type": "http.request", "body": body, "more_body": more_body}


class Exchange:
    """One request through the middleware: what it sent, and what the app got."""

    def __init__(self, scope, messages, **options):
        self.app = Recorder()
        self.middleware = PrecheckMiddleware(self.app, **options)
        self.messages = messages
        self.taken = 0  # messages the server handed out
        self.sent = []
        asyncio.run(self.middleware(scope, self.receive, self.send))

    async def receive(self):
        if self.taken < len(self.messages):
            self.taken += 1
            return self.messages[self.taken - 1]
        return {"type": "http.disconnect"}

    async def send(self, message):
        self.sent.append(message)

    @property
    def answered(self):
        """The middleware answered itself: the app never ran."""
        return not self.app.calls

    def app_got(self):
        """The messages the app received, which must be the very objects the server gave."""
        assert len(self.app.calls) == 1 and self.sent == APP_RESPONSE
        return self.app.calls[0]["messages"]


def answer_of(body, profile="pydantic-v2"):
    body_bytes = tfschema.Validator(profile).validate(body).body
    return [{"type": "http.response.start", "status": 422,
             "headers": [(b"content-length", str(len(body_bytes)).encode()), (b"content-type", b"application/json")]},
            {"type": "http.response.body", "body": body_bytes}]


def test_answers_a_bad_body_as_fastapi_would():
    ex = Exchange(http_scope(), [request(b"{}")])
    assert ex.answered
    assert ex.sent == answer_of(b"{}")
    assert ex.sent[1]["body"] == (b'{"detail":[{"type":"missing","loc":["body","manifest"],'
                                  b'"msg":"Field required","input":{}}]}')


def test_profile_v1():
    ex = Exchange(http_scope(), [request(b"{}")], profile="pydantic-v1")
    assert ex.sent == answer_of(b"{}", "pydantic-v1")
    assert b"value_error.missing" in ex.sent[1]["body"]


def test_passes_a_valid_body_on_with_the_same_messages():
    messages = [request(VALID_BODY)]
    ex = Exchange(http_scope(), messages)
    got = ex.app_got()
    assert len(got) == 1 and got[0] is messages[0]


@pytest.mark.parametrize("body", [VALID_BODY, b'{"manifest": {"name": "x"}}'])
def test_a_body_in_chunks(body):
    messages = [request(body[:5], True), request(b"", True), request(body[5:20], True), request(body[20:])]
    ex = Exchange(http_scope(), messages)
    if body == VALID_BODY:
        got = ex.app_got()
        assert len(got) == 4 and all(a is b for a, b in zip(got, messages))
    else:
        assert ex.answered and ex.sent == answer_of(body)


def test_an_empty_body_is_fastapis_missing_body():
    ex = Exchange(http_scope(), [{"type": "http.request"}])  # body and more_body are optional
    assert ex.answered and ex.sent == answer_of(b"")


def test_content_length_over_the_limit_is_not_read():
    body = b"{}" + b" " * 100
    messages = [request(body)]
    ex = Exchange(http_scope(headers=JSON + [(b"content-length", str(len(body)).encode())]), messages,
                  max_body_bytes=len(body) - 1)
    assert ex.app.calls[0]["receive"] == ex.receive  # the server's own receive
    assert ex.app_got() == messages
    # At the limit it is read and answered.
    ex = Exchange(http_scope(headers=JSON + [(b"content-length", str(len(body)).encode())]), [request(body)],
                  max_body_bytes=len(body))
    assert ex.answered


def test_a_stream_growing_past_the_limit_goes_on_as_it_came():
    messages = [request(b"{" + b" " * 40, True), request(b" " * 40, True), request(b" " * 40, True), request(b"}")]
    ex = Exchange(http_scope(), messages, max_body_bytes=100)
    got = ex.app_got()
    assert len(got) == 4 and all(a is b for a, b in zip(got, messages))
    assert ex.taken == 4


def test_a_disconnect_before_the_end_reaches_the_app():
    messages = [request(b"{", True), {"type": "http.disconnect"}]
    ex = Exchange(http_scope(), messages)
    got = ex.app_got()
    assert got == messages and got[1] is messages[1]


@pytest.mark.parametrize("method", ["GET", "HEAD", "POST", "PATCH", "DELETE", "OPTIONS", "put"])
def test_other_methods_are_untouched(method):
    ex = Exchange(http_scope(method=method), [request(b"{}")])
    assert ex.app.calls[0]["receive"] == ex.receive


@pytest.mark.parametrize("path", [ENDPOINT + "/", "/api/ml/v1/artifact-version", "/API/ml/v1/artifact-versions",
                                  "/", "/prefix" + ENDPOINT])
def test_other_paths_are_untouched(path):
    ex = Exchange(http_scope(path=path), [request(b"{}")])
    assert ex.app.calls[0]["receive"] == ex.receive


def test_the_query_string_does_not_matter():
    assert Exchange(http_scope(query_string=b"x=1&y=%2F"), [request(b"{}")]).answered


@pytest.mark.parametrize("path, root_path, strips, checked", [
    # Starlette >= 0.33 (with uvicorn >= 0.26, path holds the root path): routes without it.
    ("/prefix" + ENDPOINT, "/prefix", True, True),
    (ENDPOINT, "/prefix", True, True),
    ("/prefix" + ENDPOINT, "/pre", True, False),  # a root path is a whole segment
    ("/prefix" + ENDPOINT, "", True, False),
    (ENDPOINT, "/api", True, False),  # the app routes /ml/v1/...
    # Older Starlette routes on the path as it is.
    (ENDPOINT, "/prefix", False, True),
    ("/prefix" + ENDPOINT, "/prefix", False, False),
    (ENDPOINT, "/api", False, True),
    # Not known (None, and no Starlette imported): only where both readings agree.
    (ENDPOINT, "", None, True),
    (ENDPOINT, "/prefix", None, True),
    ("/prefix" + ENDPOINT, "/prefix", None, False),
    (ENDPOINT, "/api", None, False),
])
def test_root_path(path, root_path, strips, checked, monkeypatch):
    monkeypatch.delitem(sys.modules, "starlette", raising=False)  # None: no Starlette to ask
    ex = Exchange(http_scope(path=path, root_path=root_path), [request(b"{}")], root_path_in_path=strips)
    assert ex.answered == checked


def test_root_path_reading_follows_the_imported_starlette(monkeypatch):
    from tfschema import asgi
    for version, strips in (("0.26.1", False), ("0.33.0", True), ("0.46.1", True), ("1.0", True), ("x", None)):
        monkeypatch.setitem(sys.modules, "starlette", type(sys)("starlette"))
        sys.modules["starlette"].__version__ = version
        assert asgi._starlette_strips_root_path() is strips, version
    monkeypatch.delitem(sys.modules, "starlette")
    assert asgi._starlette_strips_root_path() is None


@pytest.mark.parametrize("headers, checked", [
    ([], True),  # FastAPI reads a body without Content-Type as JSON
    ([(b"content-type", b"application/json; charset=utf-8")], True),
    ([(b"Content-Type", b"application/vnd.api+json")], True),
    ([(b"content-type", b"")], True),
    ([(b"content-type", b"text/plain")], False),
    ([(b"content-type", b"application/x-www-form-urlencoded")], False),
    ([(b"content-type", b"application/j\xc3\xa9son")], False),
    ([(b"content-type", b"application/json"), (b"content-type", b"application/json")], False),
    (JSON + [(b"content-length", b"2")], True),
    (JSON + [(b"content-length", b"x")], False),
    (JSON + [(b"content-length", b"2"), (b"content-length", b"2")], False),
    (JSON + [(b"content-encoding", b"gzip")], True),  # FastAPI does not decode it either
])
def test_headers(headers, checked):
    messages = [request(b"{}")]
    ex = Exchange(http_scope(headers=headers), messages)
    assert ex.answered == checked
    if not checked:
        assert ex.app.calls[0]["receive"] == ex.receive


@pytest.mark.parametrize("body, why", [
    (b"\xff", "the server answers 400"),
    (b'{"manifest": {"name": NaN}}', "the server cannot render its 422 (500)"),
    (b'{"manifest": ' + b"[" * SERVER_DECIDES_DEPTH + b"]" * SERVER_DECIDES_DEPTH + b"}", "nested deep"),
    (VALID_BODY, "valid"),
])
def test_bodies_the_server_decides(body, why):
    messages = [request(body)]
    ex = Exchange(http_scope(), messages)
    assert ex.app_got() == messages, why


def test_nested_just_within_the_depth_is_answered():
    depth = SERVER_DECIDES_DEPTH - 1
    assert Exchange(http_scope(), [request(b"[" * depth + b"]" * depth)]).answered


@pytest.mark.parametrize("scope_type", ["websocket", "lifespan"])
def test_other_scopes_are_untouched(scope_type):
    app = Recorder()
    received = []

    async def receive():
        return {"type": f"{scope_type}.connect"}

    async def send(message):
        received.append(message)

    asyncio.run(PrecheckMiddleware(app)({"type": scope_type, "path": ENDPOINT}, receive, send))
    assert app.calls[0]["receive"] is receive and received == APP_RESPONSE


def test_options_are_checked():
    with pytest.raises(ValueError, match="unknown profile"):
        PrecheckMiddleware(Recorder(), profile="v1")
    with pytest.raises(ValueError, match="max_body_bytes"):
        PrecheckMiddleware(Recorder(), max_body_bytes=-1)
