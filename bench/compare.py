"""Time the same archlog commands with two or more versions of the code, interleaved.

Each version is a source tree (a checkout's ``src`` folder, or a worktree made with
``git worktree add DIR REV``): its commands run as ``python -m archlog`` with that tree
first on ``PYTHONPATH``, each with a cache folder of its own (the versions' cache formats
differ), and ``new`` in a copy of the folder of its own (each run adds a record). Runs go
round the versions in turn, so that a machine busy with something else slows them alike;
the table gives medians of the wall time and of the CPU time (user + system, the process
and those it waited for), the number to read on a shared machine.

Usage::

    python bench/compare.py --tree before=../old/src --tree after=src \\
        --folder ../benchdata/nygard-10000 --runs 5
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Runs:
    """The times of one command with one version."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)


#: The commands compared: a name, the arguments after ``archlog``, and the environment
#: added (``{dir}``: the folder). ``new`` runs in the version's own copy of the folder.
OPS: list[tuple[str, list[str], dict[str, str]]] = [
    ("list --format json", ["list", "--format", "json", "--dir", "{dir}"], {}),
    (
        "list --format json, no cache",
        ["list", "--format", "json", "--dir", "{dir}"],
        {"ARCHLOG_NO_CACHE": "1"},
    ),
    ("lint", ["lint", "--dir", "{dir}"], {}),
    ("export", ["export", "--dir", "{dir}"], {}),
    ("graph --format dot", ["graph", "--format", "dot", "--dir", "{dir}"], {}),
    ("new", ["new", "Benchmark record", "--dir", "{copy}"], {"VISUAL": "", "EDITOR": ""}),
]


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run (its output thrown away)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode not in (0, 1):  # 1: lint's findings
        sys.exit(f"{' '.join(argv)} failed: {done.stderr.decode(errors='replace').strip()}")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", action="append", required=True, help="NAME=SRC_FOLDER")
    parser.add_argument("--folder", type=Path, required=True, help="the ADR folder (read only)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", action="append", help="compare only these commands")
    args = parser.parse_args()
    trees = dict(item.split("=", 1) for item in args.tree)
    ops = [op for op in OPS if not args.only or op[0] in args.only]
    work = Path(tempfile.mkdtemp(prefix="archlog-compare-"))
    try:
        envs: dict[str, dict[str, str]] = {}
        copies: dict[str, Path] = {}
        for name, src in trees.items():
            envs[name] = {
                **os.environ,
                "PYTHONPATH": str(Path(src).resolve()),
                "XDG_CACHE_HOME": str(work / f"cache-{name}"),
                "NO_COLOR": "1",
            }
            envs[name].pop("ARCHLOG_NO_CACHE", None)
            copies[name] = work / f"folder-{name}"
            shutil.copytree(args.folder, copies[name])
            for path in copies[name].rglob("*"):
                path.chmod(0o755 if path.is_dir() else 0o644)
        times = {(op[0], name): Runs() for op in ops for name in trees}
        for round_ in range(args.runs + 1):  # the first round warms caches, unrecorded
            for label, argv, extra in ops:
                for name in trees:
                    line = [
                        a.format(dir=args.folder, copy=copies[name]) for a in ["archlog", *argv]
                    ]
                    wall, cpu = run_once([sys.executable, "-m", *line], {**envs[name], **extra})
                    if round_:
                        times[label, name].wall.append(wall)
                        times[label, name].cpu.append(cpu)
        names = list(trees)
        print(f"{args.folder.name}, medians of {args.runs} interleaved runs (s, wall / CPU)\n")
        print("| command | " + " | ".join(names) + " |")
        print("|---|" + "---:|" * len(names))
        for label, _argv, _extra in ops:
            cells = [
                f"{statistics.median(times[label, n].wall):.3f} / "
                f"{statistics.median(times[label, n].cpu):.3f}"
                for n in names
            ]
            print(f"| {label} | " + " | ".join(cells) + " |")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
