"""The module's directives and variable, in Debian's nginx in front of the v1 app.

usage: directives.py MODULE_SO ORACLE_DIR

- `nginx -t` accepts the documented values and refuses bad ones with a message naming the directive;
- tfschema_precheck is inherited (server level) and turned off below (`off` in a location);
- tfschema_precheck_header adds `x-precheck: tfschema` to the module's answers only;
- $tfschema_precheck names the reason in the access log;
- tfschema_max_errors cuts the 422;
- a second nginx cannot take the port of the first;
- HTTP/2 (curl, prior knowledge) and Expect: 100-continue bodies are judged like others;
- a reload (SIGHUP) to another profile: the new workers answer in its wording.
Exit 77 (skipped) when the v1 app cannot run here.
"""
import json
import os
import signal
import subprocess
import sys
import tempfile

import harness
from harness import NGINX, PATH, Connection, ServerBlock, Stack

JSON = {"content-type": "application/json"}
INVALID = b'{"manifest":{"name":"not a name","metadata":[]}}'
VALID = b'{"manifest":{"name":"a","metadata":{},"ml_repo":"abc","source":{"type":"external","uri":"s3://x"}}}'


def config_test(module, directives):
    """nginx -t on a minimal configuration with `directives` in a location: (ok, message)."""
    with tempfile.TemporaryDirectory() as work:
        conf = os.path.join(work, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"load_module {os.path.abspath(module)};\nerror_log {work}/error.log;\npid {work}/pid;\n"
                    f"events {{}}\nhttp {{ access_log off; server {{ listen 127.0.0.1:{harness.free_port()}; "
                    f"location / {{ {directives} return 204; }} }} }}\n")
        r = subprocess.run([NGINX, "-t", "-q", "-p", work, "-c", conf, "-e", os.path.join(work, "error.log")],
                           capture_output=True, text=True, env=harness.nginx_env())
        return r.returncode == 0, r.stderr.strip()


def check_config_test(module, problems):
    for directives in ("tfschema_precheck pydantic-v1;", "tfschema_precheck pydantic-v2;", "tfschema_precheck strict;",
                       "tfschema_precheck off;", "tfschema_precheck pydantic-v1; tfschema_max_errors 10;",
                       "tfschema_precheck_header on;"):
        ok, message = config_test(module, directives)
        if not ok:
            problems.append(f"nginx -t refused {directives!r}: {message}")
    for directives, words in (("tfschema_precheck pydantic-v3;", "pydantic-v3"),
                              ("tfschema_precheck on;", "invalid value"),
                              ("tfschema_precheck strict; tfschema_precheck strict;", "is duplicate"),
                              ("tfschema_max_errors -1;", "tfschema_max_errors"),
                              ("tfschema_precheck_header yes;", "tfschema_precheck_header")):
        ok, message = config_test(module, directives)
        if ok or words not in message:
            problems.append(f"nginx -t on {directives!r}: ok={ok}, {message!r} (should fail naming {words!r})")


def check_second_instance(module, stack, problems):
    """A second nginx on the same port fails to start (the old proxy shared the port silently)."""
    with tempfile.TemporaryDirectory() as work:
        conf = os.path.join(work, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"load_module {os.path.abspath(module)};\nerror_log {work}/error.log;\npid {work}/pid;\n"
                    f"events {{}}\nhttp {{ access_log off; client_body_temp_path {work}; proxy_temp_path {work}; "
                    f"fastcgi_temp_path {work}; uwsgi_temp_path {work}; scgi_temp_path {work}; "
                    f"server {{ listen 127.0.0.1:{stack.nginx_port(0)}; }} }}\n")
        try:
            r = subprocess.run([NGINX, "-p", work, "-c", conf, "-e", os.path.join(work, "error.log"), "-g",
                                "daemon off;"], capture_output=True, text=True, env=harness.nginx_env(), timeout=20)
            outcome = (r.returncode, r.stderr)
        except subprocess.TimeoutExpired:
            outcome = ("still running", "")
        if outcome[0] == 0 or "Address already in use" not in outcome[1]:
            problems.append(f"a second nginx on port {stack.nginx_port(0)}: {outcome[0]} {outcome[1][-300:]!r}")


def check_http2(stack, direct, problems):
    """Bodies over HTTP/2 (nginx's other body reader), small and past client_body_buffer_size."""
    large = open(os.path.join(os.path.dirname(__file__), "..", "..", "bench", "data", "large.json"), "rb").read()
    for name, body in (("invalid", INVALID), ("valid", VALID), ("valid, 184 KB", large)):
        with tempfile.NamedTemporaryFile() as out:
            r = subprocess.run(["curl", "-s", "--http2-prior-knowledge", "-X", "PUT", "-H",
                                "content-type: application/json", "--data-binary", "@-", "-o", out.name, "-w",
                                "%{http_code} %{http_version}", f"http://127.0.0.1:{stack.nginx_port(2)}{PATH}"],
                               input=body, capture_output=True)
            answer = open(out.name, "rb").read()
        d = direct.request("PUT", body, JSON)
        if r.stdout.decode() != f"{d.status} 2" or answer != d.body:
            problems.append(f"HTTP/2, {name}: {r.stdout!r} {answer[:120]!r}; {d.status} {d.body[:120]!r} expected")


def check_expect_continue(stack, direct, problems):
    """Expect: 100-continue: nginx says continue, the module judges the body that follows."""
    c = harness.RawConnection(stack.nginx_port(0))
    c.send(f"PUT {PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
           f"Content-Length: {len(INVALID)}\r\n\r\n".encode())
    interim = c.read_response()
    c.send(INVALID)
    r = c.read_response()
    c.close()
    if interim.status != 100 or r.status != 422 or r.body != direct.request("PUT", INVALID, JSON).body:
        problems.append(f"Expect: 100-continue: {interim.status} then {r.status} {r.body[:120]!r}")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    module, oracle = sys.argv[1:]
    harness.skip_unless_available("v1")
    signal.alarm(120)
    problems = []
    check_config_test(module, problems)

    access = "access_log @WORKDIR@/access.log precheck;"
    blocks = [
        # Server level: inherited by the checked location, turned off below it.
        ServerBlock(profile=None, server_extra=f"tfschema_precheck pydantic-v1;\n"
                    f"        tfschema_precheck_header on;\n        {access}\n"
                    f"        location /off{PATH} {{ tfschema_precheck off; proxy_pass http://fastapi; }}"),
        ServerBlock(profile="pydantic-v1", location_extra="tfschema_max_errors 1;"),
        ServerBlock(profile="pydantic-v1", listen_options="http2"),
    ]
    log_format = "log_format precheck '$request_method $uri $status [$tfschema_precheck]';"
    with Stack(module, oracle, blocks=blocks, http_extra=log_format) as stack:
        workers = stack.worker_pids()
        direct, checked, capped = (Connection(stack.upstream_port), Connection(stack.nginx_port(0)),
                                   Connection(stack.nginx_port(1)))
        r = checked.request("PUT", INVALID, JSON)
        if (r.status, r.header("x-precheck")) != (422, "tfschema") or r.header("server") == "uvicorn" or \
                r.body != direct.request("PUT", INVALID, JSON).body:
            problems.append(f"module's 422: {r.status} x-precheck={r.header('x-precheck')} server={r.header('server')}")
        for method, body, headers, path in (("PUT", VALID, JSON, PATH), ("GET", None, {}, PATH),
                                            ("PUT", INVALID, {"content-type": "text/plain"}, PATH),
                                            ("PUT", INVALID, JSON, "/off" + PATH)):
            r = checked.request(method, body, headers, path)
            if r.header("x-precheck") is not None or r.header("server") != "uvicorn":
                problems.append(f"{method} {path} {headers}: x-precheck={r.header('x-precheck')} from "
                                f"{r.header('server')}; relayed without the header expected")
        r = capped.request("PUT", INVALID, JSON)
        every = json.loads(direct.request("PUT", INVALID, JSON).body)["detail"]
        if r.status != 422 or json.loads(r.body)["detail"] != every[:1] or len(every) < 2:
            problems.append(f"tfschema_max_errors 1: {r.status} {r.body[:200]!r}")
        checked.close()
        with open(os.path.join(stack.workdir, "access.log")) as f:
            log = f.read().splitlines()
        expected = [f"PUT {PATH} 422 [invalid]", f"PUT {PATH} 200 [valid]", f"GET {PATH} 405 [not a PUT]",
                    f"PUT {PATH} 422 [not JSON to the server]", f"PUT /off{PATH} 404 [-]"]
        if log != expected:
            problems.append(f"access log {log} != {expected}")

        check_second_instance(module, stack, problems)
        check_http2(stack, direct, problems)
        check_expect_continue(stack, direct, problems)

        # A reload to pydantic-v2: the new worker answers in v2's words (the app behind is still v1).
        new_workers = stack.reload([ServerBlock(profile="pydantic-v2"), blocks[1], blocks[2]])
        r = Connection(stack.nginx_port(0)).request("PUT", b"{}", JSON)
        if r.status != 422 or b'"type":"missing"' not in r.body or r.reason != "Unprocessable Content":
            problems.append(f"after a reload to pydantic-v2: {r.status} {r.reason} {r.body!r}")
        problems += stack.health_problems(new_workers)
        if stack.stop_nginx() != 0:
            problems.append("nginx did not stop cleanly")
        problems += stack.fatal_log_lines()
        print(f"workers {workers} -> {new_workers} after the reload")
        if problems:
            stack.keep_logs = True
            problems.append(f"logs: {stack.workdir}")
    for problem in problems:
        print(f"FAIL: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
