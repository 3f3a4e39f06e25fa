#!/usr/bin/python3
"""Load numbers for nginx/README.md: Debian's wrk against the module, uvicorn and (optionally) the
old cpp-httplib pre-check proxy, on loopback, one nginx worker.

usage: nginx/bench/run_load.py [--build build] [--seconds 10] [--rounds 3] [--connections 16]
                               [--proxy PATH/tfschema-precheck-proxy] [--memory-requests 1000000]

The servers (uvicorn with the v1 app, nginx with one worker, the proxy) are pinned to CPU 0 and wrk
to CPU 1: one core serves, one core loads. Each cell is a warm-up (2 s) and a measured wrk run
(-t1, --latency, put.lua), --rounds times in turn with the other columns of its row: the median
is reported, with the CPU time the column's server process (uvicorn, the nginx worker, the proxy)
spent per request, steadier than times on a busy machine. wrk's own count of non-2xx answers
checks that every answer was the one expected (all 422 for the invalid body, none for valid
ones). Rows:

  invalid body, answered      uvicorn alone | nginx + module (the module answers) | proxy
  valid bodies, relayed       uvicorn alone | nginx, precheck off | nginx, precheck on | proxy
  valid bodies, trivial upstream (nginx's own `return 200`): precheck off | on (the module's cost
                              next to the cheapest proxying there is)
  memory: the worker's RSS before and after --memory-requests requests (half invalid, answered;
          half valid, relayed to the trivial upstream), and its peak

Prints a Markdown report; raw wrk outputs go to a temporary directory named at the end.
"""
import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "nginx", "tests"))
import harness  # noqa: E402
from harness import PATH, ServerBlock, Stack  # noqa: E402

SERVER_CPU, LOAD_CPU = 0, 1
BODIES = {name: os.path.join(ROOT, "bench", "data", f"{name}.json") for name in ("invalid", "small", "medium", "large")}


def wrk(port, body_files, seconds, connections, out_dir, label, extra=()):
    command = ["taskset", "-c", str(LOAD_CPU), "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency",
               "-s", os.path.join(HERE, "put.lua"), f"http://127.0.0.1:{port}{PATH}", "--"] + list(body_files) + \
        list(extra)
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    with open(os.path.join(out_dir, re.sub(r"[^a-z0-9]+", "_", label.lower()) + ".txt"), "a") as f:
        f.write(" ".join(command) + "\n" + out + "\n")
    return out


def parse(out):
    def duration_ms(text):
        value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": duration_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)),
        "p99": duration_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)),
        "requests": requests,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": errors.group(1) if errors else "",
    }


def cpu_seconds(pid):
    """user + system CPU time of a process: steadier than latency on a busy machine."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(port, bodies, args, out_dir, label, expect_errors, pid):
    wrk(port, bodies, 2, args.connections, out_dir, label + " warm-up")
    cpu = cpu_seconds(pid)
    result = parse(wrk(port, bodies, args.seconds, args.connections, out_dir, label))
    result["cpu_us"] = (cpu_seconds(pid) - cpu) / max(result["requests"], 1) * 1e6
    expected_non_2xx = result["requests"] if expect_errors else 0
    # wrk counts answers cut off at the end of the run as requests: allow the connections' worth.
    if abs(result["non_2xx"] - expected_non_2xx) > args.connections:
        sys.exit(f"{label}: {result['non_2xx']} non-2xx answers of {result['requests']}, {expected_non_2xx} expected")
    return result


COLUMNS = ("uvicorn", "precheck off", "precheck on", "proxy")


def median_result(results):
    """Per measure, the median over the rounds (the rounds' medians of p50/p99); socket errors kept."""
    median = {key: statistics.median(r[key] for r in results) for key in ("rps", "p50", "p99", "cpu_us")}
    median["socket_errors"] = "; ".join(r["socket_errors"] for r in results if r["socket_errors"])
    return median


def cell(result, base=None):
    text = (f"{result['rps']:,.0f} req/s, p50 {result['p50']:.2f} ms, p99 {result['p99']:.2f} ms, "
            f"{result['cpu_us']:.0f} µs CPU/req")
    if base:
        text += f" ({(result['rps'] / base['rps'] - 1) * 100:+.1f} % req/s)"
    if result["socket_errors"]:
        text += f"; wrk socket errors: {result['socket_errors']}"
    return text


def start_proxy(path, upstream_port, connections, workdir):
    port = harness.free_port()
    log = open(os.path.join(workdir, "proxy.log"), "wb")
    proc = subprocess.Popen(["taskset", "-c", str(SERVER_CPU), path, "--listen", f"127.0.0.1:{port}", "--upstream",
                             f"http://127.0.0.1:{upstream_port}", "--profile", "pydantic-v1", "--threads",
                             str(connections)], stdout=log, stderr=subprocess.STDOUT,
                            preexec_fn=harness.die_with_parent)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc, port
        except OSError:
            time.sleep(0.1)
    sys.exit("the proxy did not start")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--proxy", help="the cpp-httplib proxy's binary, to compare with")
    parser.add_argument("--rounds", type=int, default=3, help="measurements per cell, interleaved; the median")
    parser.add_argument("--memory-requests", type=int, default=1000000)
    args = parser.parse_args()
    module = os.path.join(args.build, "nginx", "module", "ngx_http_tfschema_module.so")
    for tool in ("wrk", "taskset"):
        if not shutil.which(tool):
            sys.exit(f"needs {tool} (apt-get install wrk util-linux)")
    if os.cpu_count() < 2:
        sys.exit("needs two CPUs: one serves, one loads")
    out_dir = tempfile.mkdtemp(prefix="tfschema_load.")
    load_before = os.getloadavg()[0]
    trivial = "upstream trivial { server 127.0.0.1:@PORT4@; keepalive 16; }"
    blocks = [
        ServerBlock(profile="pydantic-v1"),                     # 0: module on, uvicorn behind
        ServerBlock(profile="off"),                             # 1: module off, uvicorn behind
        ServerBlock(profile="pydantic-v1", upstream="trivial"),  # 2: module on, trivial upstream
        ServerBlock(profile="off", upstream="trivial"),         # 3: module off, trivial upstream
        ServerBlock(profile=None, location_extra="default_type application/json;",
                    content="return 200 '{\"ok\":true}';"),    # 4: the trivial upstream
    ]
    rows = []
    with Stack(module, os.path.join(ROOT, "tools", "oracle"), "v1", blocks, http_extra=trivial,
               cpus=[SERVER_CPU]) as stack:
        proxy = start_proxy(args.proxy, stack.upstream_port, args.connections, stack.workdir) if args.proxy else None
        try:
            uv, on, off, t_on, t_off = (stack.upstream_port, stack.nginx_port(0), stack.nginx_port(1),
                                        stack.nginx_port(2), stack.nginx_port(3))
            px = proxy[1] if proxy else None
            size = {name: os.path.getsize(path) for name, path in BODIES.items()}
            # (row, body, expect 422s, subjects in the table's columns: port or None); the last
            # subject is compared with the first measured one that is not uvicorn's (or uvicorn's).
            table = [(f"invalid ({size['invalid']} B), answered", "invalid", True, [uv, None, on, px])]
            for body in ("small", "large"):
                table.append((f"valid {body} ({size[body]:,} B), relayed to uvicorn", body, False, [uv, off, on, px]))
            for body in ("small", "medium", "large"):
                table.append((f"valid {body} ({size[body]:,} B), relayed to `return 200`", body, False,
                              [None, t_off, t_on, None]))
            worker = stack.worker_pids()[0]
            # Whose CPU time each column counts: uvicorn's, the nginx worker's, the proxy's.
            pids = (stack.uvicorn.pid, worker, worker, proxy[0].pid if proxy else None)
            for label, body, expect_errors, ports in table:
                results = {i: [] for i, port in enumerate(ports) if port}
                for round_ in range(args.rounds):  # the columns in turn, so drifting load hits them alike
                    for i in results:
                        results[i].append(measure(ports[i], [BODIES[body]], args, out_dir,
                                                  f"{body} {COLUMNS[i]} {round_}", expect_errors, pids[i]))
                medians = {i: median_result(r) for i, r in results.items()}
                base = medians.get(1) or medians.get(0)
                rows.append([label] + [cell(medians[i], base if i > 1 else None) if i in medians else ""
                                       for i in range(len(ports))])

            # Memory: wrk runs of 20 s until the count is reached, half invalid bodies (answered),
            # half valid ones (relayed to the trivial upstream).
            rss_before = stack.rss_kib(worker)
            start, total, non_2xx = time.monotonic(), 0, 0
            while total < args.memory_requests:
                result = parse(wrk(t_on, [BODIES["invalid"], BODIES["small"]], 20, args.connections, out_dir,
                                   "memory"))
                total, non_2xx = total + result["requests"], non_2xx + result["non_2xx"]
            seconds = time.monotonic() - start
            if abs(non_2xx - total / 2) > total / 100:
                sys.exit(f"memory run: {non_2xx} of {total} answers were not 2xx, half expected")
            rss_after = stack.rss_kib(worker)
            with open(f"/proc/{worker}/status") as f:
                peak = int(re.search(r"VmHWM:\s+(\d+)", f.read()).group(1))
            problems = stack.health_problems([worker])
        finally:
            if proxy:
                proxy[0].terminate()
                proxy[0].wait()

    print(f"Load: wrk -t1 -c{args.connections}, median of {args.rounds} interleaved runs of {args.seconds} s (each "
          f"after 2 s of warm-up) per cell; servers on CPU "
          f"{SERVER_CPU}, wrk on CPU {LOAD_CPU}; nginx 1 worker, uvicorn 1 process (v1 app); "
          f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after\n")
    print("| request | uvicorn alone | nginx, precheck off | nginx, precheck on | cpp-httplib proxy |")
    print("| --- | --- | --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\nMemory: {total:,} requests in {seconds:.0f} s ({non_2xx:,} of them answered 422); nginx worker RSS "
          f"{rss_before:,} KiB before, {rss_after:,} KiB after, peak {peak:,} KiB")
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print(f"\nwrk outputs: {out_dir}")


if __name__ == "__main__":
    main()
