#!/usr/bin/env python3
"""memory_table.py BUILD_DIR [--max-mb N]: peak RSS under hostile input, per entry point.

For each generated body, runs (one process each, /usr/bin/time -f '%e %M'):
  library  BUILD_DIR/bench/tfschema_bench_driver tfschema_validate BODY 1
           (Validator::validate + render_fastapi, as a server embedding the library runs them;
           the driver holds the body twice, as read and padded: 2x the body of its RSS is the driver's)
  CLI      BUILD_DIR/tfschema validate --format fastapi -j 1 BODY
  CLI 100  the same with --max-errors 100 (what a server should set; README "Hostile input")
  JSONL    BUILD_DIR/tfschema validate --jsonl --format fastapi -j 1 BODY.jsonl (the body as one line)
and prints a Markdown table of max RSS (MiB) and wall time per body. Two series of bodies:
  by size:   one error (a bad `name`) in a body padded to 1 KB ... 64 MB by `metadata` members;
  by errors: 1 ... 1,000,000 errors, each a `{}` in `source.paths` (a missing `dest`).
RSS does not depend on the machine's load; the times do (say so when quoting them).
"""
import argparse
import pathlib
import subprocess
import sys
import tempfile

HEAD = '{"manifest": {"name": "m", "metadata": {}, "ml_repo": "repo", "source": {"type": "local", "paths": ['
SIZES = [("1 KB", 1_000), ("64 KB", 64_000), ("1 MB", 1_000_000), ("10 MB", 10_000_000), ("64 MB", 64_000_000)]
ERROR_COUNTS = [1, 100, 10_000, 1_000_000]


def body_of_size(size: int) -> bytes:
    """A body of about `size` bytes whose only error is its name (no pattern match)."""
    head = '{"manifest": {"name": "bad name!", "ml_repo": "repo", "source": {"type": "external", "uri": "s3://b/m"}, "metadata": {'
    member = '"k{:09d}": "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv"'
    count = max(1, (size - len(head) - 3) // (len(member.format(0)) + 2))
    return (head + ", ".join(member.format(i) for i in range(count)) + "}}}").encode()


def body_with_errors(count: int) -> bytes:
    return (HEAD + ",".join("{}" for _ in range(count)) + "]}}}").encode()


def measure(command: list[str], tmpdir: pathlib.Path) -> tuple[float, float, int]:
    """(max RSS in MiB, wall seconds, bytes written on standard output) of one run of `command`."""
    time_file, output = tmpdir / "time", tmpdir / "output"
    with open(output, "wb") as out:
        subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", str(time_file)] + command,
                       stdout=out, stderr=subprocess.DEVNULL, check=False)
    wall, rss_kib = time_file.read_text().split()[-2:]
    return int(rss_kib) / 1024, float(wall), output.stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", type=pathlib.Path)
    parser.add_argument("--max-mb", type=float, default=64, help="skip bodies larger than this (MB)")
    args = parser.parse_args()
    cli = args.build / "tfschema"
    driver = args.build / "bench" / "tfschema_bench_driver"
    for binary in (cli, driver):
        if not binary.exists():
            sys.exit(f"missing {binary}: build the tree (cmake --build {args.build})")

    bodies = [(f"{label}, 1 error", lambda n=n: body_of_size(n)) for label, n in SIZES if n <= args.max_mb * 1e6]
    bodies += [(f"{count:,} error{'s' if count > 1 else ''}", lambda c=count: body_with_errors(c)) for count in ERROR_COUNTS]
    print("| body | bytes | response | library | CLI | CLI `--max-errors 100` | JSON lines |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = pathlib.Path(tmp)
        for label, make in bodies:
            body = make()
            # "invalid*": the driver checks that bodies so named are rejected.
            path, lines = tmpdir / "invalid.json", tmpdir / "invalid.jsonl"
            path.write_bytes(body)
            lines.write_bytes(body + b"\n")
            runs = [
                [str(driver), "tfschema_validate", str(path), "1"],
                [str(cli), "validate", "--format", "fastapi", "-j", "1", str(path)],
                [str(cli), "validate", "--format", "fastapi", "-j", "1", "--max-errors", "100", str(path)],
                [str(cli), "validate", "--jsonl", "--format", "fastapi", "-j", "1", str(lines)],
            ]
            cells = [measure(run, tmpdir) for run in runs]
            row = " | ".join(f"{rss:,.1f} MiB, {wall:.2f} s" for rss, wall, _ in cells)
            response = cells[1][2]  # the CLI's fastapi output: the 422 body and a newline
            print(f"| {label} | {len(body):,} | {response:,} | {row} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
