#!/usr/bin/env python3
"""Compares two builds of tfschema_bench: the default (portable) one and a
-DTFSCHEMA_NATIVE=ON one, on the same machine in one session.

    bench/compare_builds.py build/bench/tfschema_bench build-native/bench/tfschema_bench --cpu 1

Runs the two binaries alternately (--rounds times each, so that a slow spell
hits both), each run with --repetitions interleaved repetitions, and prints,
per benchmark, the median CPU time of each build over all its repetitions and
their ratio (first / second), with the kernel each build's fast path ran. A
ratio of 1.10 is the 10 % issue 13 allows the portable build.
"""

import argparse
import json
import statistics
import subprocess
import sys

DEFAULT_FILTER = "^(tfschema_is_valid(_v1|_strict)?|tfschema_validate|simdjson_walk|simdjson_dom)/(small|medium|large)$"


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("first", help="tfschema_bench of the first build (the portable one)")
    p.add_argument("second", help="tfschema_bench of the second build (the -march=native one)")
    p.add_argument("--rounds", type=int, default=3, help="runs of each binary, alternating")
    p.add_argument("--repetitions", type=int, default=5, help="repetitions per benchmark and run")
    p.add_argument("--min-time", type=float, default=0.05, help="seconds per repetition")
    p.add_argument("--filter", default=DEFAULT_FILTER, help="--benchmark_filter regex")
    p.add_argument("--cpu", help="pin to this CPU with taskset -c")
    return p.parse_args()


def run(binary, args):
    command = [binary, f"--benchmark_repetitions={args.repetitions}", "--benchmark_format=json",
               f"--benchmark_min_time={args.min_time}", "--benchmark_enable_random_interleaving=true",
               f"--benchmark_filter={args.filter}"]
    if args.cpu is not None:
        command = ["taskset", "-c", str(args.cpu)] + command
    result = subprocess.run(command, stdout=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit(f"{binary} failed (exit {result.returncode})")
    return json.loads(result.stdout)


def main():
    args = parse_args()
    times = ({}, {})
    kernels = ["?", "?"]
    for _ in range(args.rounds):
        for which, binary in enumerate((args.first, args.second)):
            data = run(binary, args)
            kernels[which] = data["context"].get("tfschema_kernel", "?")
            for b in data["benchmarks"]:
                if b.get("run_type") == "iteration":
                    times[which].setdefault(b["run_name"], []).append(b["cpu_time"])
    print(f"first: {args.first} (tfschema kernel {kernels[0]}); second: {args.second} (tfschema kernel {kernels[1]})")
    print(f"{args.rounds} alternating runs each, {args.repetitions} repetitions per run; median CPU time (ns)\n")
    print("| benchmark | first | second | first / second |")
    print("|---|---:|---:|---:|")
    for name in sorted(times[0], key=lambda n: (n.split("/")[1], n)):
        if name not in times[1]:
            continue
        a, b = statistics.median(times[0][name]), statistics.median(times[1][name])
        print(f"| `{name}` | {a:,.0f} | {b:,.0f} | {a / b:.3f} |")


if __name__ == "__main__":
    main()
