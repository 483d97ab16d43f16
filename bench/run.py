#!/usr/bin/env python3
"""Time whole archlog commands on generated folders, side by side with the floor and peers.

Folders come from the shared reference generator (``gen_corpus.py``; deterministic) and are
cached under ``bench/.cache``. Every operation runs once to warm up, then ``--runs`` times,
interleaved (A B C A B C …) so machine drift touches all alike. Reported: median, min, max
wall time and peak memory (max RSS of the child, from ``os.wait4``), and each median's ratio
to the floor script (which only reads the files and regex-extracts title and status).

    python bench/run.py --sizes 100,1000,10000 [--runs 7] [--output docs/performance.md]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED_BENCH = ROOT.parent / "shared" / "bench"
CACHE = HERE / ".cache"


@dataclass
class Op:
    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    times: list[float] = field(default_factory=list)
    rss_kb: int = 0


def corpus(size: int, fmt: str = "nygard") -> Path:
    """The generated folder of ``size`` records (made once, then reused)."""
    target = CACHE / f"{fmt}-{size}"
    if not (target / ".complete").exists():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        subprocess.run(
            [sys.executable, str(SHARED_BENCH / "gen_corpus.py"), str(target), "-n", str(size),
             "--format", fmt, "--seed", "42"],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        (target / ".complete").write_text("")
    return target


def time_once(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **env} if env else None)  # fmt: skip
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"benchmark command failed: {' '.join(argv)}\n{err}")
    if proc.stderr:
        proc.stderr.close()
    return elapsed, usage.ru_maxrss


def measure(ops: list[Op], cwd: Path, runs: int) -> None:
    for op in ops:  # warm-up: file cache, .pyc files
        time_once(op.argv, cwd, op.env)
    for _ in range(runs):
        for op in ops:
            elapsed, rss = time_once(op.argv, cwd, op.env)
            op.times.append(elapsed)
            op.rss_kb = max(op.rss_kb, rss)


def archlog(*args: str) -> list[str]:
    return [sys.executable, "-m", "archlog", *args]


def ops_for(size: int, folder: Path) -> list[Op]:
    floor = Op("floor script (read + regex)", [sys.executable, str(SHARED_BENCH / "floor.py"),
                                                str(folder)])  # fmt: skip
    ops = [
        floor,
        Op("archlog list --format json", archlog("list", "--format", "json", "--dir", str(folder))),
        Op("archlog list (table)", archlog("list", "--dir", str(folder))),
        Op("archlog index (README, list style)", archlog("index", "--dir", str(folder))),
        Op("archlog graph (Mermaid)", archlog("graph", "--dir", str(folder))),
        Op("archlog lint", archlog("lint", "--dir", str(folder))),
        Op("archlog site build", archlog("site", "build", "--dir", str(folder), "--out",
                                         str(CACHE / f"site-{size}"))),
        Op("archlog site build, no cache", archlog("site", "build", "--dir", str(folder),
                                                   "--out", str(CACHE / f"site-{size}-cold")),
           {"ARCHLOG_NO_CACHE": "1"}),
        Op("archlog list --format json, no parse cache",
           archlog("list", "--format", "json", "--dir", str(folder)), {"ARCHLOG_NO_CACHE": "1"}),
    ]  # fmt: skip
    if shutil.which("adr"):
        ops.append(Op("adr list (adr-tools)", ["adr", "list"]))
    return ops


def fmt_row(op: Op, floor: Op, size: int) -> str:
    med = statistics.median(op.times)
    ratio = med / statistics.median(floor.times)
    return (
        f"| {op.name} | {size:,} | {med * 1000:.0f} | {min(op.times) * 1000:.0f} | "
        f"{max(op.times) * 1000:.0f} | {op.rss_kb / 1024:.0f} | {ratio:.2f}× |"
    )


def startup(runs: int) -> list[Op]:
    ops = [
        Op("python -c pass", [sys.executable, "-c", "pass"]),
        Op("archlog --version", archlog("--version")),
        Op(
            "archlog --version (console script)",
            [str(Path(sys.executable).parent / "archlog"), "--version"],
        ),
    ]
    measure(ops, ROOT, runs)
    return ops


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--output", default=str(ROOT / "docs" / "performance.md"))
    args = parser.parse_args()
    os.environ["ARCHLOG_CACHE_DIR"] = str(CACHE / "parse-cache")
    sizes = [int(s) for s in args.sizes.split(",")]
    lines = [
        "| operation | records | median ms | min ms | max ms | peak MB | × floor |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        folder = corpus(size)
        adr_cwd = folder.parent / f"adr-cwd-{size}"
        adr_cwd.mkdir(exist_ok=True)
        (adr_cwd / ".adr-dir").write_text(str(folder))
        ops = ops_for(size, folder)
        measure(ops, adr_cwd, args.runs)
        lines += [fmt_row(op, ops[0], size) for op in ops]
        print(f"{size} records done", file=sys.stderr)
    start_ops = startup(args.runs)
    lines += ["", "| start-up | median ms | min ms | max ms | × `python -c pass` |",
              "|---|---:|---:|---:|---:|"]  # fmt: skip
    base = statistics.median(start_ops[0].times)
    for op in start_ops:
        med = statistics.median(op.times)
        lines.append(f"| {op.name} | {med * 1000:.1f} | {min(op.times) * 1000:.1f} | "
                     f"{max(op.times) * 1000:.1f} | {med / base:.2f}× |")  # fmt: skip
    table = "\n".join(lines) + "\n"
    print(table)
    if args.output != "/dev/null":
        out = Path(args.output)
        header = (
            "# Performance\n\n"
            "Generated by `make bench` (`bench/run.py`) on generated adr-tools folders "
            "(`gen_corpus.py --seed 42`). Medians of "
            f"{args.runs} interleaved runs after a warm-up; peak memory is the child's max RSS. "
            "The floor script only reads the files and regex-extracts title and status.\n\n"
            "archlog reads every file on every run; what it parsed before comes from its "
            "content-keyed parse cache (see docs/configuration.md, `cache`) when a file's bytes "
            "are unchanged. The warm-up run fills it; the *no parse cache* rows show the cost "
            "of parsing every file, as on a first run.\n\n"
        )
        out.write_text(header + table, encoding="utf-8")


if __name__ == "__main__":
    main()
