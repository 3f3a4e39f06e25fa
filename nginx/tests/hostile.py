"""Hostile traffic against Debian's nginx with ngx_http_tfschema_module in front of the v1 app.

usage: hostile.py CASE MODULE_SO ORACLE_DIR GOLDEN_JSONL      (CASE: one of CASES below, or "all")

Each case starts its own nginx (one worker) and uvicorn (harness.py), sends what a hostile or merely
unusual client sends, and requires the right answers, compared with uvicorn's own where uvicorn
has one; afterwards nginx must still run the same worker (no crash), have logged no alert, crash
or sanitizer report, and stop cleanly. Exit 77 (skipped) when the v1 app cannot run here.
"""
import base64
import gzip
import json
import signal
import sys
import time
import zlib

import harness
from harness import PATH, Connection, RawConnection, Response, ServerBlock, Stack

TOTAL_SECONDS = 300
VALID = b'{"manifest":{"name":"a","metadata":{},"ml_repo":"abc","source":{"type":"external","uri":"s3://x"}}}'
INVALID = b'{"manifest":{"name":"not a name","metadata":[],"ml_repo":"x","source":{"type":"local","paths":[1]}}}'


def put_request(body, headers=(("Content-Type", "application/json"),), chunk_sizes=None):
    """The bytes of one PUT: with Content-Length, or chunked in chunks of the sizes given (cycled)."""
    head = [f"PUT {PATH} HTTP/1.1", "Host: precheck.test"] + [f"{name}: {value}" for name, value in headers]
    if chunk_sizes is None:
        return ("\r\n".join(head + [f"Content-Length: {len(body)}"]) + "\r\n\r\n").encode() + body
    out = [("\r\n".join(head + ["Transfer-Encoding: chunked"]) + "\r\n\r\n").encode()]
    offset, i = 0, 0
    while offset < len(body):
        size = chunk_sizes[i % len(chunk_sizes)]
        chunk = body[offset:offset + size]
        out.append(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        offset, i = offset + size, i + 1
    out.append(b"0\r\n\r\n")
    return b"".join(out)


def golden_bodies(golden):
    with open(golden, encoding="utf-8") as f:
        return [(case["id"], base64.b64decode(case["body_b64"])) for case in map(json.loads, f) if case]


def compare(name, mine, direct, problems):
    for problem in mine.differences(direct):
        problems.append(f"{name}: {problem}")


# The cases: each returns a list of problems.


def slow_clients(module, oracle, golden):
    """Slow and idle clients hold 250 connections; others are still answered, and so are they."""
    problems = []
    with Stack(module, oracle) as stack:
        workers = stack.worker_pids()
        direct = Connection(stack.upstream_port)
        expected = {body: direct.request("PUT", body, {"content-type": "application/json"}) for body in (VALID, INVALID)}
        port = stack.nginx_port()
        half_headers, half_bodies, idle = [], [], []
        for _ in range(100):  # headers sent in part, then nothing
            c = RawConnection(port)
            c.send(f"PUT {PATH} HTTP/1.1\r\nHost: precheck.test\r\n".encode())
            half_headers.append(c)
        for _ in range(100):  # headers, half of the body, then nothing
            c = RawConnection(port)
            request = put_request(INVALID)
            c.send(request[:len(request) - len(INVALID) // 2])
            half_bodies.append(c)
        for _ in range(50):  # one request answered, then idle on keep-alive
            c = Connection(port)
            c.request("PUT", INVALID, {"content-type": "application/json"})
            idle.append(c)
        fresh = Connection(port)
        for i in range(20):
            body = (VALID, INVALID)[i % 2]
            compare(f"fresh client, request {i}", fresh.request("PUT", body, {"content-type": "application/json"}),
                    expected[body], problems)
        # A client trickling its body a few bytes at a time is answered once the body is whole.
        trickle = RawConnection(port)
        request = put_request(INVALID)
        for offset in range(0, len(request), 16):
            trickle.send(request[offset:offset + 16])
            time.sleep(0.01)
        compare("trickled body", trickle.read_response(), expected[INVALID], problems)
        for c in half_bodies:
            request = put_request(INVALID)
            c.send(request[len(request) - len(INVALID) // 2:])
        for i, c in enumerate(half_bodies):
            compare(f"slow body {i}", c.read_response(), expected[INVALID], problems)
        for c in half_headers:
            c.send(f"Content-Type: application/json\r\nContent-Length: {len(VALID)}\r\n\r\n".encode() + VALID)
        for i, c in enumerate(half_headers):
            compare(f"slow headers {i}", c.read_response(), expected[VALID], problems)
        for c in half_headers + half_bodies + [trickle]:
            c.close()
        finish(stack, workers, problems)
    return problems


def large_bodies(module, oracle, golden):
    """Bodies past client_body_buffer_size (spilled to a file) and bodies kept in a file only."""
    problems = []
    blocks = [ServerBlock(server_extra="client_body_buffer_size 1k;"),
              ServerBlock(location_extra="client_body_in_file_only clean;")]
    bodies = [(name, body) for name, body in golden_bodies(golden) if len(body) > 1024]
    with Stack(module, oracle, blocks=blocks) as stack:
        workers = stack.worker_pids()
        direct = Connection(stack.upstream_port)
        spilled, in_file = Connection(stack.nginx_port(0)), Connection(stack.nginx_port(1))
        for name, body in bodies:
            d = direct.request("PUT", body, {"content-type": "application/json"})
            compare(f"{name} ({len(body)} B, 1k buffer)", spilled.request("PUT", body,
                    {"content-type": "application/json"}), d, problems)
            compare(f"{name} ({len(body)} B, file only)", in_file.request("PUT", body,
                    {"content-type": "application/json"}), d, problems)
        files = stack.error_log().count("a client request body is buffered to a temporary file")
        if files < len(bodies):
            problems.append(f"only {files} bodies went to a temporary file, {len(bodies)} expected at least")
        print(f"{len(bodies)} bodies over 1 KiB, {files} of the {2 * len(bodies)} requests buffered to a file")
        finish(stack, workers, problems)
    return problems


def chunked(module, oracle, golden):
    """Golden bodies chunked in 1 to 4096-byte chunks (those over 1 KiB and every fifth other one: 1,065
    of every kind of answer); a chunked body past client_max_body_size."""
    problems = []
    blocks = [ServerBlock(), ServerBlock(server_extra="client_max_body_size 1m;")]
    with Stack(module, oracle, blocks=blocks) as stack:
        workers = stack.worker_pids()
        direct, via = RawConnection(stack.upstream_port), RawConnection(stack.nginx_port(0))
        sizes = ([1], [7, 3], [100], [4096, 1])
        resets = []
        start = time.monotonic()
        bodies = [(name, body) for i, (name, body) in enumerate(golden_bodies(golden)) if len(body) > 1024 or i % 5 == 0]
        for i, (name, body) in enumerate(bodies):
            # One-byte chunks for bodies up to 4 KiB (uvicorn takes seconds to parse 184,000 of them).
            chunk_sizes = sizes[i % len(sizes)] if len(body) <= 4096 or i % len(sizes) else [100]
            request = put_request(body, chunk_sizes=chunk_sizes)
            try:
                d = direct.exchange(request)
            except OSError:
                # uvicorn answers the server's 500s by closing the connection, and with a chunked
                # body still in flight that is a reset: compare with its answer to the same body
                # sent with a Content-Length.
                resets.append(name)
                direct = RawConnection(stack.upstream_port)
                d = Connection(stack.upstream_port).request("PUT", body, {"content-type": "application/json"})
            compare(f"{name} chunked", via.exchange(request), d, problems)
        print(f"{len(bodies)} golden bodies chunked in {time.monotonic() - start:.1f} s" + (f"; uvicorn reset {len(resets)} of them (its 500s), e.g. "
                                                       f"{' '.join(resets[:5])}" if resets else ""))
        # 64 MiB chunked against a 1 MiB limit: nginx's 413 once past the limit; it reads and
        # drops what the client keeps sending (lingering close) without buffering it: the
        # worker's memory stays put and the server never sees the request.
        worker = workers[0]
        rss_before = stack.rss_kib(worker)
        big = RawConnection(stack.nginx_port(1))
        big.send(("\r\n".join([f"PUT {PATH} HTTP/1.1", "Host: precheck.test", "Content-Type: application/json",
                               "Transfer-Encoding: chunked"]) + "\r\n\r\n").encode())
        chunk = b"%x\r\n%s\r\n" % (1 << 20, b" " * (1 << 20))
        sent = 0
        try:
            for _ in range(64):
                big.send(chunk)
                sent += 1
        except OSError:
            pass  # nginx closed the connection after its 413
        response = big.read_response()
        if response.status != 413 or response.header("server") == "uvicorn":
            problems.append(f"64 MiB chunked body: {response.status} from {response.header('server')}, "
                            "nginx's 413 expected")
        growth = stack.rss_kib(worker) - rss_before
        print(f"64 MiB chunked body: {response.status} after {sent} MiB sent; worker RSS {growth:+d} KiB")
        if growth > 16 * 1024 and not harness.sanitized():
            problems.append(f"the worker grew by {growth} KiB on a refused chunked body")
        for c in (direct, via, big):
            c.close()
        finish(stack, workers, problems)
    return problems


def pipelined(module, oracle, golden):
    """Requests sent back to back on one connection are all answered, in order."""
    problems = []
    pipeline = [put_request(INVALID), put_request(VALID), put_request(b"{", (("Content-Type", "text/plain"),)),
                put_request(INVALID, chunk_sizes=[5]), b"GET /openapi.json HTTP/1.1\r\nHost: precheck.test\r\n\r\n",
                put_request(b""), put_request(VALID, chunk_sizes=[1]), put_request(INVALID)] * 8
    with Stack(module, oracle) as stack:
        workers = stack.worker_pids()
        direct, via = RawConnection(stack.upstream_port), RawConnection(stack.nginx_port())
        direct.send(b"".join(pipeline))
        via.send(b"".join(pipeline))
        for i in range(len(pipeline)):
            compare(f"pipelined request {i}", via.read_response(), direct.read_response(), problems)
        direct.close()
        via.close()
        finish(stack, workers, problems)
    return problems


def duplicate_content_length(module, oracle, golden):
    """Framing a proxy must not guess at: nginx's own 400, the server never asked."""
    problems = []
    framings = {
        "two different Content-Length": [("Content-Length", "2"), ("Content-Length", "3")],
        "two equal Content-Length": [("Content-Length", "2"), ("Content-Length", "2")],
        "Content-Length: +2": [("Content-Length", "+2")],
        "Content-Length: -2": [("Content-Length", "-2")],
        "Content-Length past 2^63": [("Content-Length", "99999999999999999999")],
        "Content-Length and chunked": [("Content-Length", "2"), ("Transfer-Encoding", "chunked")],
    }
    with Stack(module, oracle) as stack:
        workers = stack.worker_pids()
        for name, framing in framings.items():
            head = [f"PUT {PATH} HTTP/1.1", "Host: precheck.test", "Content-Type: application/json"]
            request = ("\r\n".join(head + [f"{k}: {v}" for k, v in framing]) + "\r\n\r\n{}").encode()
            answers = {}
            # uvicorn's answer is for the record only: it waits for bodies some of these announce.
            for side, port, timeout in (("uvicorn", stack.upstream_port, 1), ("nginx", stack.nginx_port(), 30)):
                c = RawConnection(port, timeout)
                c.send(request)
                try:
                    answers[side] = c.read_response()
                except (ConnectionError, OSError) as e:
                    answers[side] = e
                c.close()
            n = answers["nginx"]
            if not isinstance(n, Response) or n.status != 400 or n.header("server") == "uvicorn":
                problems.append(f"{name}: nginx answered {getattr(n, 'status', n)}, its own 400 expected")
            u = answers["uvicorn"]
            print(f"{name}: nginx {getattr(n, 'status', n)}, uvicorn alone {getattr(u, 'status', u)}")
        compare("a request after them", Connection(stack.nginx_port()).request(
            "PUT", INVALID, {"content-type": "application/json"}), Connection(stack.upstream_port).request(
            "PUT", INVALID, {"content-type": "application/json"}), problems)
        finish(stack, workers, problems)
    return problems


def content_encoding(module, oracle, golden):
    """gzip/deflate bodies: FastAPI does not decode them and neither does the module: same answers."""
    problems = []
    bodies = {
        "gzip, valid inside": (gzip.compress(VALID), "gzip"),
        "gzip, invalid inside": (gzip.compress(INVALID), "gzip"),
        "deflate": (zlib.compress(VALID), "deflate"),
        "gzip declared, plain invalid JSON": (INVALID, "gzip"),
        "gzip declared, plain valid JSON": (VALID, "gzip"),
    }
    with Stack(module, oracle) as stack:
        workers = stack.worker_pids()
        direct, via = Connection(stack.upstream_port), Connection(stack.nginx_port())
        for name, (body, encoding) in bodies.items():
            headers = {"content-type": "application/json", "content-encoding": encoding}
            compare(name, via.request("PUT", body, headers), direct.request("PUT", body, headers), problems)
        finish(stack, workers, problems)
    return problems


def million_deep(module, oracle, golden):
    """Bodies nested a million levels deep: the server's 400, relayed; nginx's worker unharmed."""
    problems = []
    n = 1000000
    bodies = {
        "lists, closed": b"[" * n + b"]" * n,
        "lists, never closed": b"[" * n,
        "objects": b'{"a":' * n + b"1" + b"}" * n,
        "under manifest": b'{"manifest":' + b"[" * n + b"]" * n + b"}",
        "in metadata": b'{"manifest":{"name":"a","metadata":{"x":' + b"[" * n + b"]" * n + b"}}}",
    }
    with Stack(module, oracle) as stack:
        workers = stack.worker_pids()
        direct, via = Connection(stack.upstream_port), Connection(stack.nginx_port())
        for name, body in bodies.items():
            d = direct.request("PUT", body, {"content-type": "application/json"})
            v = via.request("PUT", body, {"content-type": "application/json"})
            compare(name, v, d, problems)
            if v.header("server") != "uvicorn":
                problems.append(f"{name}: answered by nginx, the server's answer expected")
        finish(stack, workers, problems)
    return problems


def many_errors(module, oracle, golden):
    """200,000 errors in one body: the module's 422 lists them all and the worker gives the memory back;
    with tfschema_max_errors the answer lists that many and the worker's peak stays small."""
    problems = []
    count = 200000
    body = (b'{"manifest":{"name":"a","metadata":{},"ml_repo":"abc","source":{"type":"local","paths":['
            + b",".join([b"1"] * count) + b"]}}}")
    json_type = {"content-type": "application/json"}
    blocks = [ServerBlock(), ServerBlock(location_extra="tfschema_max_errors 100;")]
    with Stack(module, oracle, blocks=blocks) as stack:
        workers = stack.worker_pids()
        worker = workers[0]
        every, capped = Connection(stack.nginx_port(0)), Connection(stack.nginx_port(1))
        every.request("PUT", INVALID, json_type)  # a warm worker
        rss_before = stack.rss_kib(worker)
        answers = []
        for conn, expected in ((capped, 100), (every, count)):
            start = time.monotonic()
            r = conn.request("PUT", body, json_type)
            seconds = time.monotonic() - start
            errors = len(json.loads(r.body)["detail"]) if r.status == 422 else 0
            answers.append(f"{expected} errors: {r.status}, {len(r.body)} B in {seconds:.2f} s (loaded machine?), "
                           f"worker peak RSS {hwm_kib(worker)} KiB")
            if r.status != 422 or errors != expected or r.header("server") == "uvicorn":
                problems.append(f"{r.status} with {errors} errors from {r.header('server')}: the module's 422 with "
                                f"{expected} expected")
            # ASan keeps freed memory in quarantine: memory is checked in the plain build only.
            if expected == 100 and hwm_kib(worker) - rss_before > 32 * 1024 and not harness.sanitized():
                problems.append(f"the worker peaked {hwm_kib(worker) - rss_before} KiB up for a capped answer")
        for _ in range(10):
            every.request("PUT", INVALID, json_type)
        rss_after = stack.rss_kib(worker)
        print(f"{len(body)} B body with {count} errors; worker RSS {rss_before} KiB before, {rss_after} KiB after; "
              + "; ".join(answers))
        if rss_after - rss_before > 16 * 1024 and not harness.sanitized():
            problems.append(f"the worker kept {rss_after - rss_before} KiB after the answer")
        finish(stack, workers, problems)
    return problems


def hwm_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def finish(stack, workers, problems):
    """Adds what went wrong with nginx itself, stops it; keeps its logs if anything failed."""
    problems += stack.health_problems(workers)
    status = stack.stop_nginx()
    if status != 0:
        problems.append(f"nginx exited with status {status} on SIGQUIT")
    problems += [f"after stopping: {line}" for line in stack.fatal_log_lines()[:10]]
    if problems:
        stack.keep_logs = True
        problems.append(f"logs: {stack.workdir}")


CASES = {f.__name__: f for f in (slow_clients, large_bodies, chunked, pipelined, duplicate_content_length,
                                   content_encoding, million_deep, many_errors)}


def main():
    if len(sys.argv) != 5 or (sys.argv[1] not in CASES and sys.argv[1] != "all"):
        sys.exit(__doc__ + "\ncases: " + " ".join(CASES))
    name, module, oracle, golden = sys.argv[1:]
    harness.skip_unless_available("v1")
    signal.signal(signal.SIGALRM, lambda *_: sys.exit(f"FAIL: out of time ({TOTAL_SECONDS} s)"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))
    signal.alarm(TOTAL_SECONDS)
    failed = False
    for case in CASES if name == "all" else [name]:
        start = time.monotonic()
        problems = CASES[case](module, oracle, golden)
        print(f"{case}: {'FAIL' if problems else 'ok'} ({time.monotonic() - start:.1f} s)")
        for problem in problems[:20]:
            print(f"FAIL {case}: {problem}")
        failed |= bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
