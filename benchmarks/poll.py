#!/usr/bin/env python3
"""Poll benchmark: `reader refresh --no-enrich` against newsboat on the same loopback feeds.

Drives the shared harness (../shared/bench/poll/bench.py, which starts serve.py on 127.0.0.1 with its
own --max-seconds bound and times every command under /usr/bin/time -v), once per tool per
repetition, alternating the tools so machine noise hits both alike. Then prints, per phase, the
median wall time, CPU time and peak RSS of each tool and the ratios newsboat / ours.

    python3 benchmarks/poll.py                       # 200 feeds x 50 items, 50 ms, 32 threads, 2 reps
    python3 benchmarks/poll.py --n 50 --repeat 1     # quicker
    python3 benchmarks/poll.py --per-host 4          # our polite default per-host limit

Phases: cold = first refresh of a fresh database (every item new); warm = the second refresh after
it (warm2: newsboat 2.21 keeps ETag/Last-Modified only from its second reload on, so its first
all-304 round is warm2; ours gets 304s from warm1 on, warm2 is reported for both).

All 200 feeds are served by one host (127.0.0.1), which in real life would be 200 hosts; newsboat
has no per-host limit, so by default ours runs with `per_host` raised to --threads (a config file
given with --config). Use --per-host 4 to measure the shipped default (4 connections per host).

Installs nothing: newsboat is skipped (with a note) when it is not on PATH
(`apt-get install newsboat`), and `reader` is the console script beside this Python, else on PATH.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_BENCH_DIR = REPO / ".." / "shared" / "bench" / "poll"


def find_reader(explicit: str | None) -> str:
    """The `reader` console script: --reader, else beside sys.executable, else on PATH."""
    if explicit:
        return explicit  # a command line, used as given
    beside = Path(sys.executable).parent / "reader"
    if beside.exists():
        return shlex.quote(str(beside))
    found = shutil.which("reader")
    if not found:
        raise SystemExit("poll.py: no `reader` command found (pip install -e . or pass --reader)")
    return shlex.quote(found)


def bench_args(args: argparse.Namespace, workdir: Path, jsonl: Path) -> list[str]:
    """The options every bench.py call shares."""
    out = [
        "--threads", str(args.threads), "--repeat", "1", "--n", str(args.n), "--m", str(args.m),
        "--delay-ms", str(args.delay_ms), "--warm-runs", "2", "--jsonl", str(jsonl),
        "--workdir", str(workdir), "--run-timeout", str(args.run_timeout),
        "--server-max-seconds", str(args.server_max_seconds),
    ]  # fmt: skip
    if args.gzip:
        out.append("--gzip")
    return out


def run_bench(bench: Path, extra: list[str], label: str) -> None:
    """One bench.py call (server start, setup, cold, warm1, warm2, server stop)."""
    cmd = [sys.executable, str(bench), *extra]
    sys.stderr.write(f"[poll] {label}: {shlex.join(cmd)}\n")
    sys.stderr.flush()
    done = subprocess.run(cmd, stdin=subprocess.DEVNULL, check=False)
    if done.returncode != 0:
        raise SystemExit(f"poll.py: bench.py failed for {label} (exit {done.returncode})")


def ours(args: argparse.Namespace, reader: str, workdir: Path, jsonl: Path) -> list[str]:
    """bench.py options for this project's CLI."""
    r = reader
    per_host = args.per_host if args.per_host is not None else args.threads
    return [
        "--tool", "ours", *bench_args(args, workdir, jsonl),
        "--config-template", f"[network]\nper_host = {per_host}\n",
        "--cmd-setup", f"{r} --db {{db}} import {{opml}}",
        "--cmd-cold", f"{r} --db {{db}} --config {{config}} refresh --no-enrich --jobs {{threads}}",
        "--cmd-warm", f"{r} --db {{db}} --config {{config}} refresh --no-enrich --all --jobs {{threads}}",
        "--count-sql", "SELECT count(*) FROM articles",
    ]  # fmt: skip


def newsboat(args: argparse.Namespace, workdir: Path, jsonl: Path) -> list[str]:
    """bench.py options for newsboat (the harness's preset)."""
    return ["--preset", "newsboat", *bench_args(args, workdir, jsonl)]


def load(jsonl: Path) -> list[dict]:
    """The run records, each with elapsed_s: the wall time /usr/bin/time measured (see elapsed)."""
    if not jsonl.exists():
        return []
    records = [json.loads(line) for line in jsonl.read_text().splitlines() if line.strip()]
    for record in records:
        record["elapsed_s"] = elapsed(Path(record["log"]).with_suffix(".time"))
    return records


def elapsed(time_file: Path) -> float | None:
    """The "Elapsed (wall clock)" of a /usr/bin/time -v report, in seconds.

    bench.py's own wall_s comes from subprocess's wait with a timeout, which polls the child with
    sleeps of up to 50 ms: a run ends up to 50 ms later than it did. /usr/bin/time waits on its child
    directly (to 10 ms), so it is the fairer clock for runs of half a second.
    """
    try:
        text = time_file.read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if "Elapsed (wall clock)" in line:
            seconds = 0.0
            for part in line.rsplit(" ", 1)[1].split(":"):
                seconds = seconds * 60 + float(part)
            return seconds
    return None


def measured(records: list[dict], tool: str, phase: str, key: str) -> list[float]:
    """The values of key one tool's runs of a phase have, in run order."""
    return [r[key] for r in records if r["tool"] == tool and r["phase"] == phase and r[key] is not None]


def median(records: list[dict], tool: str, phase: str, key: str) -> float | None:
    values = measured(records, tool, phase, key)
    return statistics.median(values) if values else None


def spread(records: list[dict], tool: str, phase: str, key: str = "wall_s") -> str:
    values = measured(records, tool, phase, key)
    return f"[{min(values):.2f}-{max(values):.2f}]" if len(values) > 1 else ""


def per_repetition(records: list[dict], phase: str, key: str) -> str:
    """newsboat / ours for each repetition in turn."""
    theirs = [r[key] for r in records if r["tool"] == "newsboat" and r["phase"] == phase]
    mine = [r[key] for r in records if r["tool"] == "ours" and r["phase"] == phase]
    return ", ".join(f"{a / b:.2f}x" for a, b in zip(theirs, mine, strict=False) if a and b)


def table(records: list[dict], args: argparse.Namespace, have_newsboat: bool) -> str:
    """The summary table: medians per phase, and the ratios newsboat / ours."""

    def cell(value: float | None, form: str = "{:.2f}") -> str:
        return "-" if value is None else form.format(value)

    def ratio(a: float | None, b: float | None) -> str:
        return "-" if a is None or not b else f"{a / b:.2f}x"

    lines = [
        f"## poll: N={args.n} feeds x M={args.m} items, {args.delay_ms:g} ms latency, "
        f"threads {args.threads}, gzip {'on' if args.gzip else 'off'}, {args.repeat} rep(s), "
        f"nproc {os.cpu_count()}; medians [min-max]",
        "",
        "| phase | newsboat wall s | ours wall s | wall newsboat/ours "
        "| newsboat elapsed s | ours elapsed s | elapsed newsboat/ours | newsboat CPU s | ours CPU s "
        "| newsboat RSS MB | ours RSS MB | RSS newsboat/ours | ours items |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    keys = ("wall_s", "elapsed_s", "cpu_s", "peak_rss_mb")
    for phase, label in (("cold", "cold"), ("warm1", "warm1"), ("warm2", "warm (warm2)")):
        nb = {k: median(records, "newsboat", phase, k) for k in keys}
        us = {k: median(records, "ours", phase, k) for k in keys}
        items = sorted(
            {f"{r['items_stored']}/{r['items_expected']}" for r in records
             if r["tool"] == "ours" and r["phase"] == phase}
        )  # fmt: skip
        lines.append(
            f"| {label} | {cell(nb['wall_s'])} {spread(records, 'newsboat', phase)} "
            f"| {cell(us['wall_s'])} {spread(records, 'ours', phase)} | {ratio(nb['wall_s'], us['wall_s'])} "
            f"| {cell(nb['elapsed_s'])} {spread(records, 'newsboat', phase, 'elapsed_s')} "
            f"| {cell(us['elapsed_s'])} {spread(records, 'ours', phase, 'elapsed_s')} "
            f"| {ratio(nb['elapsed_s'], us['elapsed_s'])} "
            f"| {cell(nb['cpu_s'])} | {cell(us['cpu_s'])} | {cell(nb['peak_rss_mb'], '{:.1f}')} "
            f"| {cell(us['peak_rss_mb'], '{:.1f}')} | {ratio(nb['peak_rss_mb'], us['peak_rss_mb'])} "
            f"| {'|'.join(items) or '-'} |"
        )
    if not have_newsboat:
        lines.append("\n(newsboat not installed: `apt-get install newsboat`; only ours was run)")
    else:
        lines.append("")
        for phase in ("cold", "warm2"):
            lines.append(
                f"{phase} newsboat/ours per repetition: wall {per_repetition(records, phase, 'wall_s')};"
                f" elapsed {per_repetition(records, phase, 'elapsed_s')}"
            )
    http = [r["http"] for r in records if r["tool"] == "ours" and r["phase"] == "warm2"]
    if http:
        lines.append(f"\nours warm2 HTTP statuses: {http[-1]}")
    return "\n".join(lines)


def byte_compile(python: str) -> None:
    """Write the bytecode of the reader package python imports, as pip does when it installs a wheel.

    An editable install writes it on first import, unless PYTHONDONTWRITEBYTECODE is set (some shells
    and containers set it); then every timed run would compile the package from source (~40 ms).
    """
    code = (
        "import compileall, pathlib, reader;"
        " compileall.compile_dir(pathlib.Path(reader.__file__).parent, quiet=1)"
    )
    subprocess.run([python, "-c", code], stdin=subprocess.DEVNULL, check=False)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--bench-dir", type=Path, default=DEFAULT_BENCH_DIR, help="where bench.py and serve.py are"
    )
    ap.add_argument("--n", type=int, default=200, help="feeds")
    ap.add_argument("--m", type=int, default=50, help="items per feed")
    ap.add_argument("--delay-ms", type=float, default=50.0, help="latency of every request")
    ap.add_argument("--threads", type=int, default=32, help="newsboat reload-threads and our --jobs")
    ap.add_argument("--per-host", type=int, default=None, help="our per_host setting (default: --threads)")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--gzip", action="store_true")
    ap.add_argument(
        "--reader",
        help="the reader command line, e.g. 'python -m reader' (default: the console script beside "
        "this Python, else on PATH)",
    )
    ap.add_argument("--no-newsboat", action="store_true", help="run ours only")
    ap.add_argument("--workdir", type=Path, help="default: a new directory under /tmp")
    ap.add_argument("--run-timeout", type=float, default=300.0, help="seconds per command")
    ap.add_argument("--server-max-seconds", type=float, default=900.0, help="each server's lifetime bound")
    ap.add_argument("--json", type=Path, help="also copy every run record (JSON lines) here")
    args = ap.parse_args(argv)

    bench = (args.bench_dir / "bench.py").resolve()
    if not bench.exists():
        raise SystemExit(f"poll.py: {bench} not found (use --bench-dir)")
    reader = find_reader(args.reader)
    if not args.reader:
        byte_compile(sys.executable)
    have_newsboat = not args.no_newsboat and shutil.which("newsboat") is not None
    if not have_newsboat and not args.no_newsboat:
        sys.stderr.write("[poll] newsboat not on PATH (apt-get install newsboat): running ours only\n")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="pollbench-", dir="/tmp"))
    workdir.mkdir(parents=True, exist_ok=True)
    jsonl = workdir / f"results-{time.strftime('%Y%m%d-%H%M%S')}.jsonl"
    for rep in range(args.repeat):
        if have_newsboat:
            run_bench(bench, newsboat(args, workdir / f"newsboat-r{rep}", jsonl), f"newsboat rep {rep + 1}")
        run_bench(bench, ours(args, reader, workdir / f"ours-r{rep}", jsonl), f"ours rep {rep + 1}")
    records = load(jsonl)
    if args.json:
        args.json.write_text(jsonl.read_text())
    print(table(records, args, have_newsboat))
    print(f"\nrecords: {jsonl}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
