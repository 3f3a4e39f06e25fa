"""What tfschema costs and saves inside the Python server.

usage: PYTHONPATH=build/python python3 python/bench/run.py [--quick] [--uvicorn N]
       python/tests/run_in_oracle_chroot.sh python3 python/bench/run.py ...   (the v2 app, Python 3.13;
                                                     TFSCHEMA_CHROOT_CXXFLAGS=-O3 for an optimised module)

The app is the reference app of this interpreter's Pydantic (python/tests/apps.py: v1 on
Debian 12's Python 3.11, v2 on Python 3.13 in the oracle chroot). Bodies: bench/data
(small, medium and large valid ones, and the invalid one with 11 v2 errors).

1. Validation alone, in one run: Validator.validate (for the invalid body with its
   response body rendered) and is_valid, against Pydantic's own JSON entry point
   (ApplyArtifactRequest.model_validate_json in Pydantic 2, parse_raw in Pydantic 1;
   for the invalid body catching the ValidationError, and with errors() rendered
   as FastAPI does: json.dumps(jsonable_encoder(...))).
2. Per request, in process: the ASGI app called directly in one event loop (no
   server, no socket), bare and behind PrecheckMiddleware.
3. With --uvicorn N: N keep-alive PUTs per cell over loopback to uvicorn serving the
   bare and the wrapped app: client latency, and each server's CPU per request.

Every figure is a median: of per-call times within a block, then of 5 interleaved
blocks. Times on a loaded machine are not comparable with a quiet one; the script
prints the load average.
"""
import argparse
import asyncio
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE_DIR = Path(os.environ.get("TFSCHEMA_SOURCE_DIR", HERE.parents[1]))
sys.path.insert(0, str(HERE.parent / "tests"))

import apps  # noqa: E402  (the reference app of this interpreter, bare and wrapped)
import tfschema  # noqa: E402
from tfschema.asgi import PrecheckMiddleware  # noqa: E402

ENDPOINT = "/api/ml/v1/artifact-versions"
BODIES = ("small", "medium", "large", "invalid")
BLOCKS = 5


def load_bodies():
    return {name: (SOURCE_DIR / "bench" / "data" / f"{name}.json").read_bytes() for name in BODIES}


def per_call_us(call, n):
    """Median time of one call, in µs, over n calls."""
    times = []
    clock = time.perf_counter_ns
    for _ in range(n):
        start = clock()
        call()
        times.append(clock() - start)
    return statistics.median(times) / 1000


def interleaved(calls, n):
    """{label: median of the BLOCKS block medians} for calls run in turn, block by block."""
    for call in calls.values():  # warm-up
        per_call_us(call, max(1, n // 10))
    blocks = {label: [] for label in calls}
    for _ in range(BLOCKS):
        for label, call in calls.items():
            blocks[label].append(per_call_us(call, n))
    return {label: statistics.median(values) for label, values in blocks.items()}


def pydantic_calls(body):
    """Pydantic's own entry point for the body: (validate only, validate + FastAPI-style rendering)."""
    import json

    import pydantic
    from fastapi.encoders import jsonable_encoder

    module = sys.modules["app_v1" if apps.PROFILE == "pydantic-v1" else "app_v2"]
    parse = (module.ApplyArtifactRequest.parse_raw if apps.PROFILE == "pydantic-v1"
             else module.ApplyArtifactRequest.model_validate_json)

    def validate():
        try:
            parse(body)
        except pydantic.ValidationError:
            pass

    def validate_and_render():
        try:
            parse(body)
        except pydantic.ValidationError as e:
            json.dumps({"detail": jsonable_encoder(e.errors())}).encode()

    return validate, validate_and_render


def validation_table(bodies, n):
    validator = tfschema.Validator(apps.PROFILE)
    rows = []
    for name, body in bodies.items():
        validate, validate_and_render = pydantic_calls(body)
        calls = {
            "tfschema is_valid": lambda: validator.is_valid(body),
            "tfschema validate (+ body)": lambda: validator.validate(body).body,
            "pydantic": validate,
        }
        if name == "invalid":
            calls["pydantic + errors rendered"] = validate_and_render
        rows.append((name, len(body), interleaved(calls, n // 10 if name == "large" else n)))
    return rows


class AsgiDriver:
    """Calls an ASGI app directly with one PUT, in one event loop."""

    def __init__(self, app, body):
        self.app = app
        self.body = body
        self.loop = asyncio.new_event_loop()
        self.scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "PUT",
                      "scheme": "http", "path": ENDPOINT, "raw_path": ENDPOINT.encode(), "root_path": "",
                      "query_string": b"", "headers": [(b"host", b"bench"), (b"content-type", b"application/json"),
                                                       (b"content-length", str(len(body)).encode())],
                      "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 2)}
        self.status = None

    async def _one(self):
        sent = False

        async def receive():
            nonlocal sent
            if sent:
                await asyncio.sleep(3600)  # the client stays connected
            sent = True
            return {"type": "http.request", "body": self.body, "more_body": False}

        async def send(message):
            if message["type"] == "http.response.start":
                self.status = message["status"]

        await self.app(dict(self.scope), receive, send)

    def __call__(self):
        self.loop.run_until_complete(self._one())


def asgi_table(bodies, n):
    wrapped = PrecheckMiddleware(apps.bare, profile=apps.PROFILE)
    rows = []
    for name, body in bodies.items():
        bare, checked = AsgiDriver(apps.bare, body), AsgiDriver(wrapped, body)
        result = interleaved({"bare": bare, "wrapped": checked}, n // 10 if name == "large" else n)
        rows.append((name, len(body), result, bare.status, checked.status))
    return rows


def uvicorn_table(bodies, n):
    from servers import Connection, cpu_seconds, die_with_parent, free_port, wait_ready

    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path(tfschema.__file__).parents[1]),
                                                       str(HERE.parent / "tests")]))
    servers = {}
    try:
        for label, app in (("bare", "apps:bare"), ("wrapped", "apps:wrapped")):
            port = free_port()
            process = subprocess.Popen(
                [sys.executable, "-m", "uvicorn", app, "--app-dir", str(HERE.parent / "tests"), "--host",
                 "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"],
                env=env, preexec_fn=die_with_parent)
            servers[label] = (Connection(port), process)
            wait_ready(port, process, f"uvicorn {label}")
        rows = []
        headers = {"content-type": "application/json"}
        for name, body in bodies.items():
            cells = {}
            count = max(BLOCKS, n // 10 if name == "large" else n)
            for label, (connection, process) in servers.items():
                for _ in range(count // 10):  # warm-up
                    connection.request("PUT", body, headers)
            latency = {label: [] for label in servers}
            cpu = {label: 0.0 if os.path.exists("/proc/self/stat") else float("nan") for label in servers}
            for _ in range(BLOCKS):
                for label, (connection, process) in servers.items():
                    measure_cpu = cpu[label] == cpu[label]  # not NaN: /proc is there (not in the chroot)
                    before = cpu_seconds(process.pid) if measure_cpu else 0.0
                    latency[label].append(per_call_us(lambda: connection.request("PUT", body, headers),
                                                      count // BLOCKS))
                    if measure_cpu:
                        cpu[label] += cpu_seconds(process.pid) - before
            for label in servers:
                cells[label] = (statistics.median(latency[label]), cpu[label] / (count // BLOCKS * BLOCKS) * 1e6)
            rows.append((name, len(body), cells))
        return rows
    finally:
        for connection, process in servers.values():
            connection.close()
            process.terminate()
            process.wait(timeout=10)


def machine_line():
    try:
        load = "load average %.2f %.2f %.2f" % os.getloadavg()
    except OSError:
        load = "load average unknown (no /proc)"
    import fastapi
    import pydantic
    return (f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.node()}, {os.cpu_count()} CPUs, {load}; "
            f"Python {platform.python_version()}, FastAPI {fastapi.__version__}, Pydantic {pydantic.VERSION}, "
            f"tfschema {tfschema.__version__} ({apps.PROFILE})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer calls (a smoke run, not a measurement)")
    parser.add_argument("--uvicorn", type=int, default=0, metavar="N", help="also N PUTs per cell through uvicorn")
    args = parser.parse_args()
    n = 200 if args.quick else 2000
    bodies = load_bodies()
    print(machine_line())
    print(f"\n1. Validation alone: median µs per call ({n} calls per block, {n // 10} for large; {BLOCKS} blocks)\n")
    print("| body | bytes | tfschema `is_valid` | tfschema `validate` (+ `.body`) | Pydantic "
          "| Pydantic + errors rendered |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, size, r in validation_table(bodies, n):
        rendered = f"{r['pydantic + errors rendered']:.1f}" if "pydantic + errors rendered" in r else "—"
        print(f"| {name} | {size} | {r['tfschema is_valid']:.1f} | {r['tfschema validate (+ body)']:.1f} | "
              f"{r['pydantic']:.1f} | {rendered} |")
    print("\n2. One PUT through the ASGI app called in process: median µs per request\n")
    print("| body | bytes | app | app + PrecheckMiddleware | difference | status (bare / wrapped) |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for name, size, r, bare_status, wrapped_status in asgi_table(bodies, n):
        print(f"| {name} | {size} | {r['bare']:.1f} | {r['wrapped']:.1f} | {r['wrapped'] - r['bare']:+.1f} | "
              f"{bare_status} / {wrapped_status} |")
    if args.uvicorn:
        print(f"\n3. Through uvicorn on loopback, keep-alive http.client: median latency µs "
              f"({args.uvicorn} PUTs per cell), server CPU µs per request\n")
        print("| body | bytes | latency app | latency app + middleware | CPU app | CPU app + middleware |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for name, size, cells in uvicorn_table(bodies, args.uvicorn):
            (lb, cb), (lw, cw) = cells["bare"], cells["wrapped"]
            cpu_b, cpu_w = (f"{cb:.0f}", f"{cw:.0f}") if cb == cb else ("—", "—")
            print(f"| {name} | {size} | {lb:.0f} | {lw:.0f} | {cpu_b} | {cpu_w} |")


if __name__ == "__main__":
    main()
