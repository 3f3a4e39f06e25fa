#!/usr/bin/python3
"""Measure, on both reference servers, the nesting depths at which answers change.

usage: find_thresholds.py [--check | --update]
For each scenario of make_cases.DEEP_SCENARIOS and each server, finds by batched bisection
the smallest depth n answered 400 (Python's json gives up: RecursionError) and the smallest
depth answered 500 or 400 (an echo too deep to encode, or the parser limit); a 500 threshold
is reported only where a 500 region exists below the 400 one. Assumes the status is monotone
in n (checked again by the golden cases at n-1, n, n+1).
  --check   exit 1 if the measurements differ from make_cases.DEPTH_THRESHOLDS
  --update  rewrite the DEPTH_THRESHOLDS block of make_cases.py
Prints the measurements as JSON either way.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_cases  # noqa: E402
import oracle  # noqa: E402

HI = 30000       # deepest body tried
POINTS = 24      # probes per open interval per round


def measure():
    scen = make_cases.DEEP_SCENARIOS
    preds = {"400": lambda s: s == 400, "500": lambda s: s in (400, 500)}
    # interval per (scenario, server, pred): P(lo) false, P(hi) true
    state = {(sc, sv, p): [1, HI] for sc in scen for sv in ("v1", "v2") for p in preds}
    cache = {}                       # (sc, n) -> {"v1": status, "v2": status}

    def probe(points):
        need = sorted({(sc, n) for sc, n in points if (sc, n) not in cache})
        if not need:
            return
        items = [("%s/%d" % (sc, n), scen[sc][1](n)) for sc, n in need]
        ans = oracle.ask_both(items)
        for (sc, n), (cid, _) in zip(need, items):
            cache[(sc, n)] = {v: ans[v][cid][0] for v in ("v1", "v2")}

    probe([(sc, n) for sc in scen for n in (1, HI)])
    result = {}
    for key in list(state):
        sc, sv, p = key
        if preds[p](cache[(sc, 1)][sv]):
            raise SystemExit("%s: depth 1 already answers %s" % (key, cache[(sc, 1)][sv]))
        if not preds[p](cache[(sc, HI)][sv]):
            result[key] = None          # not reached below HI
            del state[key]
    while state:
        pts = []
        for (sc, sv, p), (lo, hi) in state.items():
            step = max(1, (hi - lo) // (POINTS + 1))
            pts += [(sc, n) for n in range(lo + step, hi, step)][:POINTS + 1]
        probe(pts)
        for key in list(state):
            sc, sv, p = key
            lo, hi = state[key]
            ns = sorted(n for (s, n) in cache if s == sc and lo <= n <= hi)
            for n in ns:
                if preds[p](cache[(sc, n)][sv]):
                    hi = n
                    break
                lo = n
            state[key] = [lo, hi]
            if hi - lo <= 1:
                result[key] = hi
                del state[key]
    out = {}
    for sc in scen:
        for sv in ("v1", "v2"):
            t400 = result[(sc, sv, "400")]
            t500 = result[(sc, sv, "500")]
            out["%s:%s:400" % (sc, sv)] = t400
            out["%s:%s:500" % (sc, sv)] = t500 if t500 != t400 else None
            out["%s:%s:base" % (sc, sv)] = cache[(sc, 1)][sv]
    return out


def main():
    got = measure()
    print(json.dumps(got, indent=1))
    if "--check" in sys.argv:
        if got != make_cases.DEPTH_THRESHOLDS:
            diff = {k: (make_cases.DEPTH_THRESHOLDS.get(k), v) for k, v in got.items()
                    if make_cases.DEPTH_THRESHOLDS.get(k) != v}
            print("thresholds changed (recorded, measured): %s\nrun find_thresholds.py --update" % diff,
                  file=sys.stderr)
            sys.exit(1)
        print("thresholds as recorded", file=sys.stderr)
    if "--update" in sys.argv:
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "make_cases.py")
        src = open(path, encoding="utf-8").read()
        block = "DEPTH_THRESHOLDS = {\n" + "".join("    %r: %r,\n" % (k, v) for k, v in got.items()) + "}"
        src, n = re.subn(r"DEPTH_THRESHOLDS = \{\n.*?\n\}", lambda m: block, src, count=1, flags=re.S)
        if n != 1:
            raise SystemExit("DEPTH_THRESHOLDS block not found")
        open(path, "w", encoding="utf-8").write(src)


if __name__ == "__main__":
    main()
