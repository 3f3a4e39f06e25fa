"""End-to-end test of examples/precheck-proxy in front of the real v1 server.

usage: precheck_proxy_e2e.py PROXY ORACLE_DIR GOLDEN_JSONL [--bench N]

Starts the v1 FastAPI app (ORACLE_DIR/app_v1.py) under uvicorn and the proxy
(profile pydantic-v1) on free loopback ports, sends every golden body once
directly and once through the proxy, and fails unless the client sees the same
status, body and Content-Type, and the same headers but `server` and
`connection`. It also checks who answered: the proxy must answer every golden
422 that is not nested near the server's limit itself (its answers carry no
`server: uvicorn`) and relay every 200, 400 and 500 case, so a proxy that
forwards everything fails, and so does one that answers what it should not. With --bench N it then times N keep-alive
requests per kind and prints medians. Exit 77 (ctest: skipped) when the
system python lacks fastapi or uvicorn. Everything started is stopped on exit,
and the children die with this process (PR_SET_PDEATHSIG) if it is killed.
"""
import base64
import ctypes
import http.client
import json
import os
import select
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

PATH = "/api/ml/v1/artifact-versions"
TOTAL_SECONDS = 420       # the whole run, then SIGALRM ends it
REQUEST_SECONDS = 20      # one request's socket timeout
STARTUP_SECONDS = 30      # readiness polling of each child
BENCH_SECONDS = 900       # --bench, after the comparison
MAX_CASES = 10000         # the golden file has 3,819; refuse a runaway input
SKIP = 77


def die_with_parent():
    # Runs in the child before exec: SIGTERM when this driver dies, however.
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Connection:
    """One keep-alive connection; reconnects once if the server closed it."""

    def __init__(self, port):
        self.port = port
        self.conn = None

    def request(self, method, body=None, headers=None, path=PATH):
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_SECONDS)
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                r = self.conn.getresponse()
                data = r.read()
                if r.getheader("connection", "").lower() == "close":
                    self.close()
                return r.status, r.getheaders(), data
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt == 2:
                    raise

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def wait_ready(port, proc, what):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"{what} exited with status {proc.returncode} before it was ready")
        try:
            c = Connection(port)
            c.request("GET")  # any HTTP answer (405) means it is serving
            c.close()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"{what} not ready after {STARTUP_SECONDS} s")


def read_port_line(proc):
    ready, _, _ = select.select([proc.stdout], [], [], STARTUP_SECONDS)
    if not ready:
        sys.exit("the proxy printed no 'listening on' line")
    line = proc.stdout.readline().decode()
    if not line.startswith("listening on "):
        sys.exit(f"unexpected proxy output: {line!r}")
    return int(line.split()[2].rsplit(":", 1)[1].rstrip(","))


def header_map(headers):
    return {name.lower(): value for name, value in headers}


def nesting_depth(body):
    """The deepest [ / { nesting outside strings (bytes; enough for the ASCII bodies that nest)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth = max(depth - 1, 0)
    return deepest


def load_cases(golden):
    cases = []
    with open(golden, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                cases.append(json.loads(line))
                if len(cases) > MAX_CASES:
                    sys.exit(f"more than {MAX_CASES} cases in {golden}")
    return cases


# Requests beyond the goldens' PUT + application/json: (name, method, path,
# headers, body, whether the proxy answers it itself).
VALID = b'{"manifest":{"name":"a","metadata":{},"ml_repo":"abc","source":{"type":"external","uri":"s3://x"}}}'
PROTOCOL_CASES = [
    ("no content-type, invalid", "PUT", PATH, {}, b"{}", True),
    ("no content-type, valid", "PUT", PATH, {}, VALID, False),
    ("text/plain, invalid JSON", "PUT", PATH, {"content-type": "text/plain"}, b"{", False),
    ("+json suffix, invalid", "PUT", PATH, {"content-type": "application/vnd.x+json; charset=utf-8"}, b"[]", True),
    ("accept-encoding gzip, invalid", "PUT", PATH, {"content-type": "application/json", "accept-encoding": "gzip, br"},
     b"{}", True),
    ("accept-encoding gzip, relayed", "GET", "/openapi.json", {"accept-encoding": "gzip, br"}, None, False),
    ("range, invalid", "PUT", PATH, {"content-type": "application/json", "range": "bytes=0-3"}, b"{}", True),
    ("GET on the PUT path", "GET", PATH, {}, None, False),
    ("query string, invalid", "PUT", PATH + "?x=1&y=%2F", {"content-type": "application/json"}, b"{}", True),
    ("trailing slash", "PUT", PATH + "/", {"content-type": "application/json"}, b"{}", False),
    ("unknown path", "POST", "/nowhere", {"content-type": "application/json"}, b"{}", False),
]


def compare_protocol_cases(direct, proxy):
    failures = []
    for name, method, path, headers, body, answered_by_proxy in PROTOCOL_CASES:
        d_status, d_headers, d_body = direct.request(method, body, headers, path)
        p_status, p_headers, p_body = proxy.request(method, body, headers, path)
        dh, ph = header_map(d_headers), header_map(p_headers)
        problems = []
        if (p_status, p_body) != (d_status, d_body):
            problems.append(f"proxy {p_status} {p_body[:200]!r} != direct {d_status} {d_body[:200]!r}")
        if set(ph) - {"server", "connection"} != set(dh) - {"server", "connection"}:
            problems.append(f"header names {sorted(ph)} != {sorted(dh)}")
        if (ph.get("server") != "uvicorn") != answered_by_proxy:
            problems.append("relayed" if answered_by_proxy else "answered by the proxy")
        if problems:
            failures.append((name, problems))
    return failures


def compare_all(cases, direct, proxy):
    failures = []
    counts = {"same": 0, "answered_by_proxy": 0, "relayed": 0, "uvicorn_differs_from_golden": []}
    for case in cases:
        body = base64.b64decode(case["body_b64"])
        headers = {"content-type": "application/json"}  # what the oracle sent (run_oracle.py)
        d_status, d_headers, d_body = direct.request("PUT", body, headers)
        p_status, p_headers, p_body = proxy.request("PUT", body, headers)
        dh, ph = header_map(d_headers), header_map(p_headers)
        relayed = ph.get("server") == "uvicorn"
        counts["relayed" if relayed else "answered_by_proxy"] += 1
        problems = []
        if (p_status, p_body) != (d_status, d_body):
            problems.append(f"proxy {p_status} {p_body[:200]!r} != direct {d_status} {d_body[:200]!r}")
        if ph.get("content-type") != dh.get("content-type"):
            problems.append(f"content-type {ph.get('content-type')!r} != {dh.get('content-type')!r}")
        # `connection` is per connection: cpp-httplib says "close" after
        # --keep-alive-max-requests; uvicorn has no such limit.
        if set(ph) - {"server", "connection"} != set(dh) - {"server", "connection"}:
            problems.append(f"header names {sorted(ph)} != {sorted(dh)}")
        if ph.get("content-length") != str(len(p_body)):
            problems.append(f"content-length {ph.get('content-length')} for {len(p_body)} bytes")
        if d_status != case["status"] or d_body.decode("utf-8", "replace") != case["raw"]:
            # The goldens come from TestClient, whose call stack is one
            # Python frame shallower than uvicorn's: uvicorn hits the
            # recursion limit one level earlier. Any other difference means
            # this is not the goldens' server.
            if nesting_depth(body) >= 900:
                counts["uvicorn_differs_from_golden"].append(case["id"])
            else:
                problems.append(f"uvicorn answered {d_status}, the golden says {case['status']}")
        if case["status"] in (200, 400, 500) and not relayed:
            problems.append("answered a body it should relay")
        if case["status"] == 422 and nesting_depth(body) < 900 and relayed:
            problems.append("relayed a body it should answer")
        if problems:
            failures.append((case["id"], problems))
        else:
            counts["same"] += 1
    return counts, failures


def median_us(conn, body, n, content_type):
    times = []
    for _ in range(n):
        start = time.perf_counter_ns()
        conn.request("PUT", body, {"content-type": content_type})
        times.append((time.perf_counter_ns() - start) / 1000)
    return statistics.median(times)


def cpu_seconds(pid):
    """user + system CPU time of a process (less disturbed by a busy machine than latency)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bench(cases, direct, proxy, n, upstream_pid, proxy_pid):
    def first(prefix, status):
        return next(base64.b64decode(c["body_b64"]) for c in cases
                    if c["id"].startswith(prefix) and c["status"] == status)
    small_valid, large_valid, invalid = first("mut/struct/", 200), first("mut/large/", 200), first("mut/", 422)
    rows = (("valid, small", small_valid, "application/json"),
            ("valid, large", large_valid, "application/json"),
            ("invalid", invalid, "application/json"),
            # Not JSON to FastAPI: relayed unchecked (the server answers 422).
            ("relay only", small_valid, "text/plain"))
    print(f"bench: {n} keep-alive PUTs per cell, one http.client connection each, in 5 interleaved blocks;")
    print("  latency: median of the block medians; CPU: the proxy's and uvicorn's user+system time per request")
    for label, body, content_type in rows:
        for conn in (direct, proxy):  # warm up both paths
            median_us(conn, body, min(n, 50), content_type)
        d, p = [], []
        cpu = {"direct_uvicorn": 0.0, "proxied_uvicorn": 0.0, "proxy": 0.0}
        for _ in range(5):
            u0 = cpu_seconds(upstream_pid)
            d.append(median_us(direct, body, n // 5, content_type))
            u1, x1 = cpu_seconds(upstream_pid), cpu_seconds(proxy_pid)
            p.append(median_us(proxy, body, n // 5, content_type))
            u2, x2 = cpu_seconds(upstream_pid), cpu_seconds(proxy_pid)
            cpu["direct_uvicorn"] += u1 - u0
            cpu["proxied_uvicorn"] += u2 - u1
            cpu["proxy"] += x2 - x1
        d, p = statistics.median(d), statistics.median(p)
        per = {k: v / (n // 5 * 5) * 1e6 for k, v in cpu.items()}
        print(f"  {label:13} {len(body):7} B  latency direct {d:8.1f} us, via proxy {p:8.1f} us ({p - d:+8.1f});"
              f"  CPU/request: uvicorn {per['direct_uvicorn']:7.1f} us direct, {per['proxied_uvicorn']:7.1f} us"
              f" behind the proxy, proxy {per['proxy']:6.1f} us")


def main():
    args = sys.argv[1:]
    bench_n = 0
    if "--bench" in args:
        i = args.index("--bench")
        bench_n = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 3:
        sys.exit(__doc__)
    proxy_binary, oracle_dir, golden = args
    try:
        import fastapi  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as e:
        print(f"SKIP: {sys.executable} cannot import fastapi/uvicorn ({e}); "
              "install python3-fastapi python3-uvicorn (scripts/setup.sh)")
        return SKIP
    if not os.path.isfile(os.path.join(oracle_dir, "app_v1.py")):
        print(f"SKIP: no {oracle_dir}/app_v1.py")
        return SKIP
    signal.signal(signal.SIGALRM, lambda *_: sys.exit("FAIL: out of time (TOTAL_SECONDS / BENCH_SECONDS)"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))
    signal.alarm(TOTAL_SECONDS)
    cases = load_cases(golden)

    children = []
    logdir = tempfile.mkdtemp(prefix="precheck_e2e.")
    uvicorn_log = open(os.path.join(logdir, "uvicorn.log"), "wb")
    try:
        upstream_port = free_port()
        upstream = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "app_v1:app", "--app-dir", oracle_dir, "--host", "127.0.0.1",
             "--port", str(upstream_port), "--log-level", "warning", "--no-access-log"],
            stdout=uvicorn_log, stderr=subprocess.STDOUT, preexec_fn=die_with_parent)
        children.append(upstream)
        wait_ready(upstream_port, upstream, "uvicorn")
        proxy_proc = subprocess.Popen(
            [proxy_binary, "--listen", "127.0.0.1:0", "--upstream", f"http://127.0.0.1:{upstream_port}",
             "--profile", "pydantic-v1", "--threads", "2"],
            stdout=subprocess.PIPE, preexec_fn=die_with_parent)
        children.append(proxy_proc)
        proxy_port = read_port_line(proxy_proc)
        wait_ready(proxy_port, proxy_proc, "the proxy")

        direct, proxy = Connection(upstream_port), Connection(proxy_port)
        start = time.monotonic()
        counts, failures = compare_all(cases, direct, proxy)
        print(f"{len(cases)} golden cases in {time.monotonic() - start:.1f} s: {counts['same']} identical; "
              f"the proxy answered {counts['answered_by_proxy']} itself and relayed {counts['relayed']}")
        differs = counts["uvicorn_differs_from_golden"]
        if differs:
            print(f"note: uvicorn's answer is not the golden's (TestClient) for {len(differs)} bodies nested "
                  f"900+ deep (its recursion limit is one level lower): {' '.join(differs)}")
        for case_id, problems in failures[:20]:
            print(f"FAIL {case_id}: " + "; ".join(problems))
        protocol_failures = compare_protocol_cases(direct, proxy)
        print(f"{len(PROTOCOL_CASES) - len(protocol_failures)} of {len(PROTOCOL_CASES)} protocol cases identical "
              "(no or other content-type, accept-encoding, range, query, other methods and paths)")
        for name, problems in protocol_failures:
            print(f"FAIL protocol case {name}: " + "; ".join(problems))
        if failures or protocol_failures:
            print(f"{len(failures) + len(protocol_failures)} cases differ; uvicorn log: {uvicorn_log.name}")
            return 1
        if bench_n:
            signal.alarm(BENCH_SECONDS)  # a budget of its own: not part of the test
            bench(cases, direct, proxy, bench_n, upstream.pid, proxy_proc.pid)
        direct.close()
        proxy.close()
        # A clean stop on SIGTERM, and under ASan no leak or error report.
        proxy_proc.terminate()
        status = proxy_proc.wait(timeout=30)
        if status != 0:
            print(f"FAIL: the proxy exited with status {status} on SIGTERM")
            return 1
        return 0
    finally:
        for child in reversed(children):
            if child.poll() is None:
                child.terminate()
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
        uvicorn_log.close()


if __name__ == "__main__":
    sys.exit(main())
