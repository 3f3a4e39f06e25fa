#!/usr/bin/python3
"""Server-differential replay: asks both reference servers about every body found in some
files or directories and compares their exact answers with the tfschema CLI's.

usage: replay.py [options] PATH...

Each file under PATH (directories recursively, every file, sorted; names starting with a dot
skipped) is one request body, exact bytes; with --lines each line of each file is one. Equal
bodies are asked once. Both servers (tools/oracle/ask.sh v1 and v2) are asked in batches,
and the CLI (`tfschema validate --format json` for the status, `--format fastapi` for the
bytes) is run over the same bodies as files in pydantic-v1 and pydantic-v2. Each body falls
in one class per profile:

  agree        same status and, for a rejected body, the same response bytes
  deliberate   the server answers 500 (it fails to render its own 422: NaN, a lone surrogate,
               an unhashable tag...) and tfschema answers a 422 that is a well-formed
               HTTPValidationError (checked with the CLI's strict profile, --schema error);
               or tfschema refuses a body over its size limit (413)
  disagree     anything else: the verdict, the status or a byte of the body differs

Every body that disagrees in some profile is written to --found (default tests/golden/found/)
as a file named by the first 16 hex digits of its SHA-1; tools/goldens/make_cases.py turns each file there into the
golden case found/<name>, so `tools/goldens/regenerate.sh` asks the servers about it and the
golden tests (and the e2e proxy test) hold tfschema to their answers from then on. The
details (both answers) go to --report as JSON lines. Exit status: 0 when nothing disagrees,
1 otherwise, 2 on a usage or setup error. See tools/replay/README.md.
"""
import argparse
import base64
import collections
import hashlib
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = pathlib.Path(__file__).resolve().parent
TOP = HERE.parent.parent
sys.path.insert(0, str(TOP / "tools" / "goldens"))
import oracle  # noqa: E402

PROFILES = (("pydantic-v2", "v2"), ("pydantic-v1", "v1"))
STATUS = re.compile(rb'\{"file":"[^"\\]*","valid":(?:true|false),"status":(\d+),')
# The CLI is given this many files at a time (well under the argument-length limit).
CLI_CHUNK = 400


def collect(paths, lines):
    """-> (unique bodies in first-seen order, {body: [origin, ...]}, number of inputs read)."""
    origins = collections.OrderedDict()
    count = 0
    for top in paths:
        top = pathlib.Path(top)
        files = [top] if top.is_file() else sorted(
            p for p in top.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(top).parts))
        for f in files:
            data = f.read_bytes()
            if lines:
                pieces = data.split(b"\n")
                if pieces and pieces[-1] == b"":
                    pieces.pop()
                items = [(b, "%s:%d" % (f, i + 1)) for i, b in enumerate(pieces)]
            else:
                items = [(data, str(f))]
            for body, origin in items:
                count += 1
                origins.setdefault(body, []).append(origin)
    return list(origins), origins, count


def ask_servers(bodies, batch, progress):
    """-> {"v1": [(status, raw)...], "v2": [...]} in body order."""
    answers = {"v1": [None] * len(bodies), "v2": [None] * len(bodies)}

    def run(version):
        for start in range(0, len(bodies), batch):
            items = [(str(i), bodies[i]) for i in range(start, min(start + batch, len(bodies)))]
            got = oracle.ask(version, items)
            for cid, _ in items:
                answers[version][int(cid)] = got[cid]
            progress("%s: %d/%d" % (version, min(start + batch, len(bodies)), len(bodies)))

    with ThreadPoolExecutor(2) as ex:
        for f in [ex.submit(run, "v1"), ex.submit(run, "v2")]:
            f.result()
    return answers


def run_cli(cli, profile, files):
    """-> [(status, raw)] for each file: status from --format json, bytes from --format fastapi."""
    out = []
    for start in range(0, len(files), CLI_CHUNK):
        chunk = files[start:start + CLI_CHUNK]
        base = [cli, "validate", "--profile", profile, "--no-progress", "-j", "2"]
        docs = subprocess.run(base + ["--format", "json", "--"] + chunk, capture_output=True)
        fast = subprocess.run(base + ["--format", "fastapi", "--"] + chunk, capture_output=True)
        if docs.returncode not in (0, 1) or fast.returncode not in (0, 1):
            raise SystemExit("replay: %s failed (exit %d): %s" % (cli, docs.returncode or fast.returncode,
                                                                  (docs.stderr or fast.stderr).decode(errors="replace")))
        # Only the head of each document is read ({"file":..,"valid":..,"status":N,...}): a
        # deep body's echo can be deeper than Python's json module recurses.
        statuses = [int(STATUS.match(line).group(1)) for line in docs.stdout.split(b"\n") if line]
        # One fastapi line per body that is not valid, in input order; the server's bodies are
        # JSON without a raw newline, so a line is one answer.
        rejected = fast.stdout.split(b"\n")
        if rejected and rejected[-1] == b"":
            rejected.pop()
        if len(statuses) != len(chunk) or len(rejected) != sum(s != 200 for s in statuses):
            raise SystemExit("replay: the CLI's two outputs do not line up for %s ... (%d bodies, %d documents, "
                             "%d answers)" % (chunk[0], len(chunk), len(statuses), len(rejected)))
        it = iter(rejected)
        for s in statuses:
            out.append((s, '{"ok":true}' if s == 200 else next(it).decode("utf-8", "replace")))
    return out


def well_formed_422s(cli, bodies, tmp):
    """-> for each rendered 422 body, whether it is an HTTPValidationError: the CLI's strict
    profile on the error schema (the check fuzz_render makes; Python's json module cannot
    read the deepest echoes)."""
    files = []
    for i, body in enumerate(bodies):
        path = os.path.join(tmp, "rendered%06d" % i)
        with open(path, "wb") as f:
            f.write(body.encode("utf-8", "surrogatepass"))
        files.append(path)
    out = []
    for start in range(0, len(files), CLI_CHUNK):
        chunk = files[start:start + CLI_CHUNK]
        docs = subprocess.run([cli, "validate", "--profile", "strict", "--schema", "error", "--no-progress",
                               "--format", "json", "--"] + chunk, capture_output=True)
        out += [STATUS.match(line).group(1) == b"200" for line in docs.stdout.split(b"\n") if line]
    return out


def classify(server, ours, well_formed):
    (s_status, s_raw), (o_status, o_raw) = server, ours
    if s_status == o_status and (s_status == 200 or s_raw == o_raw):
        return "agree"
    if s_status == 500 and o_status == 422 and well_formed:
        return "deliberate"
    if o_status == 413:
        return "deliberate"
    if s_status == 200 or o_status == 200:
        return "disagree:verdict"
    if s_status != o_status:
        return "disagree:status"
    return "disagree:bytes"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0], usage=__doc__.split("\n")[3])
    ap.add_argument("paths", nargs="+", metavar="PATH")
    ap.add_argument("--lines", action="store_true", help="each line of each file is one body")
    ap.add_argument("--cli", default=str(TOP / "build" / "tfschema"), help="the tfschema binary (build/tfschema)")
    ap.add_argument("--found", default=str(TOP / "tests" / "golden" / "found"),
                    help="where disagreeing bodies are written (tests/golden/found)")
    ap.add_argument("--report", default=None, help="JSON lines: each disagreement with both answers (build/replay-report.jsonl)")
    ap.add_argument("--batch", type=int, default=2000, help="bodies per server call (2000)")
    ap.add_argument("--no-write", action="store_true", help="only report; write no found/ file")
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress on standard error")
    a = ap.parse_args()
    if not os.access(a.cli, os.X_OK):
        print("replay: no CLI at %s (build it: scripts/build.sh build, or pass --cli)" % a.cli, file=sys.stderr)
        return 2
    report_path = pathlib.Path(a.report or TOP / "build" / "replay-report.jsonl")

    def progress(msg):
        if not a.quiet:
            print("replay: " + msg, file=sys.stderr, flush=True)

    bodies, origins, read = collect(a.paths, a.lines)
    progress("%d bodies (%d inputs)" % (len(bodies), read))
    with tempfile.TemporaryDirectory(prefix="replay.") as tmp:
        files = []
        for i, body in enumerate(bodies):
            path = os.path.join(tmp, "%06d" % i)
            with open(path, "wb") as f:
                f.write(body)
            files.append(path)
        with ThreadPoolExecutor(1) as ex:
            servers = ex.submit(ask_servers, bodies, a.batch, progress)
            ours = {profile: run_cli(a.cli, profile, files) for profile, _ in PROFILES}
            progress("CLI done")
            answers = servers.result()
        # Where the server answers 500, is tfschema's 422 a well-formed HTTPValidationError?
        substitutes = [(profile, i) for profile, version in PROFILES for i in range(len(bodies))
                       if answers[version][i][0] == 500 and ours[profile][i][0] == 422]
        checked = well_formed_422s(a.cli, [ours[p][i][1] for p, i in substitutes], tmp)
        well_formed = dict(zip(substitutes, checked))

    counts = {profile: collections.Counter() for profile, _ in PROFILES}
    statuses = {profile: collections.Counter() for profile, _ in PROFILES}
    found = collections.OrderedDict()
    report_path.parent.mkdir(parents=True, exist_ok=True)
    with open(report_path, "w", encoding="utf-8") as report:
        for i, body in enumerate(bodies):
            for profile, version in PROFILES:
                server, mine = answers[version][i], ours[profile][i]
                verdict = classify(server, mine, well_formed.get((profile, i), False))
                counts[profile][verdict.split(":")[0]] += 1
                statuses[profile][(server[0], mine[0], verdict)] += 1
                if verdict.startswith("disagree"):
                    name = hashlib.sha1(body).hexdigest()[:16]
                    found[name] = body
                    report.write(json.dumps({
                        "found": name, "profile": profile, "kind": verdict.split(":")[1], "origins": origins[body][:3],
                        "body_b64": base64.b64encode(body).decode("ascii"),
                        "server_status": server[0], "server_raw": server[1],
                        "tfschema_status": mine[0], "tfschema_raw": mine[1]}, ensure_ascii=False) + "\n")
    if found and not a.no_write:
        folder = pathlib.Path(a.found)
        folder.mkdir(parents=True, exist_ok=True)
        for name, body in found.items():
            (folder / name).write_bytes(body)

    print("replay: %d bodies (%d inputs) from %s" % (len(bodies), read, " ".join(a.paths)))
    print("%-12s %8s %11s %9s   %s" % ("profile", "agree", "deliberate", "disagree", "server -> tfschema (count)"))
    for profile, _ in PROFILES:
        c = counts[profile]
        pairs = ", ".join("%d->%d %s %d" % (s, o, v.replace("disagree:", "DIFF:"), n)
                          for (s, o, v), n in sorted(statuses[profile].items()))
        print("%-12s %8d %11d %9d   %s" % (profile, c["agree"], c["deliberate"], c["disagree"], pairs))
    if found:
        where = "not written (--no-write)" if a.no_write else "written to %s" % a.found
        print("%d disagreeing bodies %s; details: %s" % (len(found), where, report_path))
        return 1
    print("no disagreement")
    return 0


if __name__ == "__main__":
    sys.exit(main())
