#!/usr/bin/env python3
"""The long fuzz run: the suite's hostile inputs (tests/hostile.py), many more of them.

Three targets — the reader (a record's text), ``import`` (a JSON file into a fresh folder,
then read, lint and export) and the edit commands (new, status, link, supersede with hostile
arguments, then read back) — each given inputs by Hypothesis. An input passes when it raises
nothing but archlog's own error within the time limit (tests/hostile.py ``TIME_LIMIT``).
Prints, per target, the inputs tried, the time taken and every distinct failure (its
exception and where it was raised); exits 1 if there was any.

    python bench/fuzz.py [--reader 40000] [--imports 6000] [--edits 6000] [--seed N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ARCHLOG_CACHE_DIR", tempfile.mkdtemp(prefix="archlog-fuzz-cache-"))
os.environ.setdefault("ARCHLOG_STATE_DIR", tempfile.mkdtemp(prefix="archlog-fuzz-state-"))
os.environ.setdefault("ARCHLOG_TODAY", "2026-01-15")

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests import hostile  # noqa: E402


def run_target(
    strategy: st.SearchStrategy[Any], target: Callable[..., None], count: int, rng: int
) -> tuple[int, float, Counter[str]]:
    """Feed ``count`` inputs to ``target``; how many ran, the seconds, the failures."""
    failures: Counter[str] = Counter()
    tried = 0

    @seed(rng)
    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def feed(value: Any) -> None:
        nonlocal tried
        tried += 1
        try:
            target(value)
        except Exception as exc:  # what the run is looking for
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            failures[f"{type(exc).__name__} at {frame.filename}:{frame.lineno}: {exc}"[:300]] += 1

    start = time.perf_counter()
    feed()
    return tried, time.perf_counter() - start, failures


def _spread(target: Callable[..., None]) -> Callable[[tuple[Any, ...]], None]:
    return lambda values: target(*values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reader", type=int, default=40_000, help="inputs for the reader")
    parser.add_argument("--imports", type=int, default=6_000, help="import files")
    parser.add_argument("--edits", type=int, default=6_000, help="edits")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    pieces = hostile.SPECIALS
    names = st.sampled_from(["0001-x.md", "DECISIONS.md", "ADR-0001-x.md", "notes.md"])
    conventions = st.sampled_from(["nygard", "madr"])
    targets: list[tuple[str, st.SearchStrategy[Any], Callable[[Any], None], int]] = [
        (
            "reader",
            st.tuples(hostile.record_text(pieces), names),
            _spread(hostile.read_record),
            args.reader,
        ),
        (
            "imports",
            st.tuples(hostile.IMPORT_TEXT, conventions),
            _spread(hostile.import_file),
            args.imports,
        ),
        ("edits", st.tuples(hostile.EDIT, conventions), _spread(hostile.edit), args.edits),
    ]
    total, seconds, failed = 0, 0.0, 0
    for name, strategy, target, count in targets:
        tried, took, failures = run_target(strategy, target, count, args.seed)
        total, seconds, failed = total + tried, seconds + took, failed + sum(failures.values())
        print(
            f"{name:8} {tried:7,} inputs in {took:7.1f} s, {sum(failures.values()):,} failed",
            flush=True,
        )
        for failure, times in failures.most_common():
            print(f"    {times:6,}x {failure}")
    print(f"total    {total:7,} inputs in {seconds:7.1f} s, {failed:,} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
