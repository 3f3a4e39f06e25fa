"""End to end: Debian's nginx with ngx_http_tfschema_module in front of a reference FastAPI app.

usage: nginx_e2e.py MODULE_SO ORACLE_DIR GOLDEN_JSONL v1|v2

Starts the app (ORACLE_DIR/app_v1.py on the host's Python, or app_v2.py in the v2 chroot) under
uvicorn and nginx (`tfschema_precheck pydantic-v1` or `pydantic-v2`, harness.py) on free loopback
ports; sends every golden body once directly and once through nginx, and requires the same status
line, body and headers but those nginx owns (server, date, connection); then the same for protocol
cases (Content-Type spellings, other methods and paths, query strings, Range, Accept-Encoding, two
Content-Type headers, empty bodies). It also checks who answered (relayed answers keep uvicorn's
`server` header): the module must answer every golden 422 not nested 900+ deep and relay every 200,
400 and 500, so a module that relays everything fails, and so does one that answers what it should
not. nginx's error log must have one info line per body the module rejected and no crash, alert or
sanitizer report, and nginx must stop cleanly. Exit 77 (skipped) when the app cannot run here.
"""
import base64
import json
import signal
import sys
import time

import harness
from harness import PATH, Connection, ServerBlock, Stack, nesting_depth

TOTAL_SECONDS = 420
MAX_CASES = 10000  # the golden files have 3,819; refuse a runaway input
DEEP = 900  # nesting from which uvicorn's stack, not the goldens', decides (TestClient is shallower)


def load_cases(golden):
    cases = []
    with open(golden, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                cases.append(json.loads(line))
                if len(cases) > MAX_CASES:
                    sys.exit(f"more than {MAX_CASES} cases in {golden}")
    return cases


def relayed(response):
    return response.header("server") == "uvicorn"


def compare_goldens(cases, direct, via):
    failures, counts, differs_from_golden = [], {"answered": 0, "relayed": 0}, []
    for case in cases:
        body = base64.b64decode(case["body_b64"])
        headers = {"content-type": "application/json"}  # what the oracle sent (tools/oracle/run_oracle.py)
        d = direct.request("PUT", body, headers)
        n = via.request("PUT", body, headers)
        counts["relayed" if relayed(n) else "answered"] += 1
        problems = n.differences(d)
        deep = nesting_depth(body) >= DEEP
        if d.status != case["status"] or d.body.decode("utf-8", "replace") != case["raw"]:
            # The goldens come from TestClient, whose call stack is shallower than uvicorn's:
            # near the recursion limit uvicorn may answer otherwise. Anything else means this is
            # not the goldens' server.
            if deep:
                differs_from_golden.append(case["id"])
            else:
                problems.append(f"uvicorn answered {d.status}, the golden says {case['status']}")
        if case["status"] in (200, 400, 500) and not relayed(n):
            problems.append("answered a body the server must answer")
        if case["status"] == 422 and not deep and relayed(n):
            problems.append("relayed a body the module must answer")
        if problems:
            failures.append((case["id"], problems))
    return counts, failures, differs_from_golden


VALID = b'{"manifest":{"name":"a","metadata":{},"ml_repo":"abc","source":{"type":"external","uri":"s3://x"}}}'
JSON = {"content-type": "application/json"}
# (name, method, path, headers, body, answered by the module)
PROTOCOL_CASES = [
    ("no content-type, invalid", "PUT", PATH, {}, b"{}", True),
    ("no content-type, valid", "PUT", PATH, {}, VALID, False),
    ("text/plain, invalid JSON", "PUT", PATH, {"content-type": "text/plain"}, b"{", False),
    ("+json suffix, invalid", "PUT", PATH, {"content-type": "application/vnd.x+json; charset=utf-8"}, b"[]", True),
    ("charset and odd case, invalid", "PUT", PATH, {"content-type": "Application/JSON; charset=UTF-8"}, b"1", True),
    ("two content-type headers", "PUT", PATH, [("content-type", "application/json"),
                                               ("content-type", "application/json")], b"{}", False),
    ("form content-type", "PUT", PATH, {"content-type": "application/x-www-form-urlencoded"}, b"a=b", False),
    ("accept-encoding gzip, invalid", "PUT", PATH, {**JSON, "accept-encoding": "gzip, br"}, b"{}", True),
    ("accept-encoding gzip, relayed", "GET", "/openapi.json", {"accept-encoding": "gzip, br"}, None, False),
    ("range, invalid", "PUT", PATH, {**JSON, "range": "bytes=0-3"}, b"{}", True),
    ("GET on the PUT path", "GET", PATH, {}, None, False),
    ("HEAD on the PUT path", "HEAD", PATH, {}, None, False),
    ("POST on the PUT path", "POST", PATH, JSON, b"{}", False),
    ("DELETE on the PUT path", "DELETE", PATH, {}, None, False),
    ("query string, invalid", "PUT", PATH + "?x=1&y=%2F", JSON, b"{}", True),
    ("trailing slash", "PUT", PATH + "/", JSON, b"{}", False),
    ("unknown path", "POST", "/nowhere", JSON, b"{}", False),
    ("empty body, content-length 0", "PUT", PATH, {**JSON, "content-length": "0"}, b"", True),
    ("no body at all", "PUT", PATH, JSON, None, True),
    ("not UTF-8", "PUT", PATH, JSON, b'{"manifest": "\xff"}', False),
]


def compare_protocol_cases(direct, via):
    failures = []
    for name, method, path, headers, body, answered_by_module in PROTOCOL_CASES:
        d = direct.request(method, body, headers, path)
        n = via.request(method, body, headers, path)
        problems = n.differences(d)
        if relayed(n) == answered_by_module:
            problems.append("relayed" if answered_by_module else "answered by the module")
        if problems:
            failures.append((name, problems))
    return failures


def main():
    if len(sys.argv) != 5 or sys.argv[4] not in ("v1", "v2"):
        sys.exit(__doc__)
    module, oracle_dir, golden, app = sys.argv[1:]
    harness.skip_unless_available(app)
    signal.signal(signal.SIGALRM, lambda *_: sys.exit(f"FAIL: out of time ({TOTAL_SECONDS} s)"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))
    signal.alarm(TOTAL_SECONDS)
    cases = load_cases(golden)
    profile = "pydantic-v1" if app == "v1" else "pydantic-v2"

    with Stack(module, oracle_dir, app, [ServerBlock(profile)]) as stack:
        workers = stack.worker_pids()
        direct, via = Connection(stack.upstream_port), Connection(stack.nginx_port())
        start = time.monotonic()
        counts, failures, differs = compare_goldens(cases, direct, via)
        print(f"{app}: {len(cases)} golden bodies in {time.monotonic() - start:.1f} s, "
              f"{len(cases) - len(failures)} identical through nginx; the module answered {counts['answered']}, "
              f"relayed {counts['relayed']}")
        if differs:
            print(f"note: uvicorn's answer is not the golden's (TestClient) for {len(differs)} bodies nested "
                  f"{DEEP}+ deep (its recursion limit is reached at another depth): {' '.join(differs)}")
        for case_id, problems in failures[:20]:
            print(f"FAIL {case_id}: " + "; ".join(problems))
        protocol_failures = compare_protocol_cases(direct, via)
        print(f"{len(PROTOCOL_CASES) - len(protocol_failures)} of {len(PROTOCOL_CASES)} protocol cases identical")
        for name, problems in protocol_failures:
            print(f"FAIL protocol case {name}: " + "; ".join(problems))
        direct.close()
        via.close()

        problems = stack.health_problems(workers)
        answered = counts["answered"] + sum(1 for case in PROTOCOL_CASES if case[5])
        logged = stack.error_log().count(" tfschema: 422 (")
        if logged != answered:
            problems.append(f"{logged} info lines for {answered} bodies the module rejected")
        status = stack.stop_nginx()
        if status != 0:
            problems.append(f"nginx exited with status {status} on SIGQUIT")
        problems += [f"after stopping: {line}" for line in stack.fatal_log_lines()[:10] if line not in problems]
        for problem in problems:
            print(f"FAIL: {problem}")
        if failures or protocol_failures or problems:
            print(f"logs: {stack.workdir}")
            stack.keep_logs = True
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
