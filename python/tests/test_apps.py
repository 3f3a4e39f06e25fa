"""The reference FastAPI app behind PrecheckMiddleware answers every golden body exactly as
the bare app does (status, body, headers), through Starlette's TestClient and through
uvicorn on loopback ports chosen at run time; and the middleware answers itself every
422 it can, and nothing else.

The app is the one this interpreter runs (apps.py): v1 on Debian 12's Python 3.11,
v2 on Python 3.13 in the Debian 13 chroot (python/tests/run_in_oracle_chroot.sh).

One difference is not the middleware's: CPython's recursion limit decides the app's
answer to bodies nested near 970 levels, and any middleware (this one passing a body
on, or one that does nothing: apps.control) puts the app one frame deeper. For those
bodies the test requires that the middleware passed the body on and that the app
behind it answers exactly as behind the do-nothing middleware.
"""
import gzip
import http.client
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the reference apps need FastAPI (scripts/setup.sh: python3-fastapi)")
from starlette.testclient import TestClient  # noqa: E402

import apps  # noqa: E402
import tfschema  # noqa: E402
from conftest import ENDPOINT, VALID_BODY, golden_cases, nesting_depth  # noqa: E402
from servers import Connection, die_with_parent, free_port, wait_ready  # noqa: E402
from tfschema.asgi import SERVER_DECIDES_DEPTH  # noqa: E402

CASES = golden_cases(apps.PROFILE)
JSON = {"content-type": "application/json"}  # what the oracle sent (tools/oracle/run_oracle.py)
# Requests beyond the goldens: (name, method, path, headers, body, whether the middleware answers).
PROTOCOL_CASES = [
    ("no content-type, invalid", "PUT", ENDPOINT, {}, b"{}", True),
    ("no content-type, valid", "PUT", ENDPOINT, {}, VALID_BODY, False),
    ("text/plain, invalid JSON", "PUT", ENDPOINT, {"content-type": "text/plain"}, b"{", False),
    ("+json suffix, invalid", "PUT", ENDPOINT, {"content-type": "application/vnd.x+json; charset=utf-8"}, b"[]", True),
    ("form, invalid", "PUT", ENDPOINT, {"content-type": "application/x-www-form-urlencoded"}, b"a=1", False),
    # FastAPI does not decode it: the server's 400 (gzip is not UTF-8), passed on.
    ("content-encoding gzip", "PUT", ENDPOINT, {**JSON, "content-encoding": "gzip"}, gzip.compress(b"{}"), False),
    ("query string, invalid", "PUT", ENDPOINT + "?x=1&y=%2F", JSON, b"{}", True),
    ("GET on the path", "GET", ENDPOINT, {}, None, False),
    ("HEAD on the path", "HEAD", ENDPOINT, {}, None, False),
    ("POST on the path, invalid", "POST", ENDPOINT, JSON, b"{}", False),
    ("trailing slash", "PUT", ENDPOINT + "/", JSON, b"{}", False),
    ("unknown path", "PUT", "/nowhere", JSON, b"{}", False),
    ("openapi", "GET", "/openapi.json", {}, None, False),
    ("over max_body_bytes, invalid", "PUT", ENDPOINT, JSON,
     b'{"manifest": {"name": "' + b"x" * (1 << 20) + b'"}}', False),
]
PROTOCOL_IDS = [case[0] for case in PROTOCOL_CASES]

# Bodies the app answers differently behind any middleware (reported by conftest.py).
STACK_DEPTH_DIFFERENCES = []


def without_date(headers):
    """Headers in order, names lowercased, but the date (which may tick between requests)."""
    return [(name.lower(), value) for name, value in headers if name.lower() not in (b"date", "date")]


def compare(body, ask, golden=None):
    """Asks bare, wrapped and precheck_only (and control where bare and wrapped
    differ); returns the problems found and bare's answer."""
    bare, wrapped, only = ask("bare"), ask("wrapped"), ask("precheck_only")
    answered = only[0] != apps.PASSED_ON_STATUS
    problems = []
    depth = nesting_depth(body) if body else 0
    deep = depth > SERVER_DECIDES_DEPTH
    if wrapped != bare:
        control = ask("control")
        STACK_DEPTH_DIFFERENCES.append(f"{bare[0]}->{wrapped[0]} (control {control[0]}) nested {depth}")
        if not deep or answered or wrapped != control:
            problems.append(f"wrapped {wrapped[0]} {wrapped[2][:300]!r} {wrapped[1]} != bare {bare[0]} "
                            f"{bare[2][:300]!r} {bare[1]}")
    if answered and only != wrapped:
        problems.append(f"the middleware's own answer {only} differs from the app's")
    if golden is not None:
        expect_answered = golden.status == 422 and not deep
        if answered != expect_answered:
            problems.append("answered a body it should pass on" if answered else "passed on a body it should answer")
    return problems, bare


# ----- TestClient -----

@pytest.fixture(scope="module")
def clients():
    made = {name: TestClient(getattr(apps, name), raise_server_exceptions=False)
            for name in ("bare", "wrapped", "control", "precheck_only")}
    for client in made.values():
        client.__enter__()
    yield made
    for client in made.values():
        client.__exit__(None, None, None)


def ask_testclient(client, method, path, headers, body):
    r = client.request(method, path, content=body, headers=headers)
    return r.status_code, without_date(r.headers.raw), r.content


@pytest.mark.parametrize("case", CASES, ids=repr)
def test_golden_body_testclient(clients, case):
    problems, bare = compare(case.body,
                             lambda name: ask_testclient(clients[name], "PUT", ENDPOINT, JSON, case.body), case)
    # The goldens were recorded through TestClient: the bare app must give them.
    if (bare[0], bare[2]) != (case.status, case.raw):
        problems.append(f"this is not the goldens' server: bare app {bare[0]} {bare[2][:200]!r}")
    assert not problems, problems


@pytest.mark.parametrize("name, method, path, headers, body, answers", PROTOCOL_CASES, ids=PROTOCOL_IDS)
def test_protocol_case_testclient(clients, name, method, path, headers, body, answers):
    ask = lambda client: ask_testclient(clients[client], method, path, headers, body)  # noqa: E731
    assert not compare(body, ask)[0]
    assert (ask("precheck_only")[0] != apps.PASSED_ON_STATUS) == answers


def test_chunked_body_testclient(clients):
    # An iterator is sent as several http.request messages with more_body.
    for body, answers in ((VALID_BODY, False), (b'{"manifest": {"name": "x"}}', True)):
        def ask(client):
            chunks = iter([body[:7], body[7:8], body[8:]])
            return ask_testclient(clients[client], "PUT", ENDPOINT, JSON, chunks)
        assert not compare(body, ask)[0]
        assert (ask("precheck_only")[0] != apps.PASSED_ON_STATUS) == answers


@pytest.mark.parametrize("path", [ENDPOINT, "/prefix" + ENDPOINT])
def test_root_path_testclient(path):
    for body in (b"{}", VALID_BODY):
        answers = []
        for app in (apps.bare, apps.wrapped):
            with TestClient(app, root_path="/prefix", raise_server_exceptions=False) as client:
                answers.append(ask_testclient(client, "PUT", path, JSON, body))
        assert answers[0] == answers[1]


# ----- uvicorn -----

@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    pytest.importorskip("uvicorn", reason="scripts/setup.sh installs python3-uvicorn")
    log = open(tmp_path_factory.mktemp("uvicorn") / "uvicorn.log", "wb")
    # The servers import tfschema and apps as this process does.
    env = dict(os.environ,
               PYTHONPATH=os.pathsep.join([str(Path(tfschema.__file__).parents[1]), str(Path(__file__).parent)]))
    processes, connections = {}, {}
    try:
        for name in ("bare", "wrapped", "control", "precheck_only"):
            port = free_port()
            processes[name] = (port, subprocess.Popen(
                [sys.executable, "-m", "uvicorn", f"apps:{name}", "--app-dir", str(Path(__file__).parent),
                 "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"],
                stdout=log, stderr=subprocess.STDOUT, env=env, preexec_fn=die_with_parent))
        for name, (port, process) in processes.items():
            wait_ready(port, process, f"uvicorn {name}")
            connections[name] = Connection(port)
        yield connections
    finally:
        for connection in connections.values():
            connection.close()
        for _, process in processes.values():
            process.send_signal(signal.SIGTERM)
        for _, process in processes.values():
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()


def ask_uvicorn(connection, method, path, headers, body):
    status, headers, data = connection.request(method, body, headers, path)
    # A redirect names the server's own port, which differs between the servers.
    own_address = f"127.0.0.1:{connection.port}"
    return status, [(name, value.replace(own_address, "127.0.0.1:PORT")) for name, value in without_date(headers)], data


@pytest.mark.parametrize("case", CASES, ids=repr)
def test_golden_body_uvicorn(servers, case):
    problems, bare = compare(case.body,
                             lambda name: ask_uvicorn(servers[name], "PUT", ENDPOINT, JSON, case.body), case)
    # uvicorn's stack is deeper than TestClient's (where the goldens come from),
    # so the app's answers to bodies nested near its recursion limit may differ.
    if (bare[0], bare[2]) != (case.status, case.raw) and nesting_depth(case.body) < 900:
        problems.append(f"this is not the goldens' server: bare app {bare[0]} {bare[2][:200]!r}")
    assert not problems, problems


@pytest.mark.parametrize("name, method, path, headers, body, answers", PROTOCOL_CASES, ids=PROTOCOL_IDS)
def test_protocol_case_uvicorn(servers, name, method, path, headers, body, answers):
    ask = lambda server: ask_uvicorn(servers[server], method, path, headers, body)  # noqa: E731
    assert not compare(body, ask)[0]
    assert (ask("precheck_only")[0] != apps.PASSED_ON_STATUS) == answers


@pytest.mark.parametrize("body, answers", [(VALID_BODY, False), (b'{"manifest": {"name": "x"}}', True)])
def test_chunked_transfer_uvicorn(servers, body, answers):
    # Transfer-Encoding: chunked (no Content-Length), encoded here; uvicorn hands the
    # body on as it arrives (TestClient's iterator above makes one message a chunk).
    encoded = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (body[:7], body[7:8], body[8:])) + b"0\r\n\r\n"
    headers = {**JSON, "transfer-encoding": "chunked"}
    ask = lambda server: ask_uvicorn(servers[server], "PUT", ENDPOINT, headers, encoded)  # noqa: E731
    assert not compare(body, ask)[0]
    assert (ask("precheck_only")[0] != apps.PASSED_ON_STATUS) == answers


def test_two_content_types_uvicorn(servers):
    # Passed on: FastAPI reads the first, a proxy in front may read the last.
    headers = [("content-type", "application/json"), ("content-type", "text/plain")]

    def ask(server):
        conn = http.client.HTTPConnection("127.0.0.1", servers[server].port, timeout=20)
        conn.putrequest("PUT", ENDPOINT)
        for name, value in headers + [("content-length", "2")]:
            conn.putheader(name, value)
        conn.endheaders(b"{}")
        r = conn.getresponse()
        answer = r.status, without_date(r.getheaders()), r.read()
        conn.close()
        return answer

    assert not compare(b"{}", ask)[0]
    assert ask("precheck_only")[0] == apps.PASSED_ON_STATUS
