#!/usr/bin/env python3
"""Where a search's time goes: one ``archlog search`` run in process, on a generated folder,
timed phase by phase (median of ``--runs``), beside the floor script.

    python bench/search_phases.py [--size 10000] [--runs 3] [--cache none|fresh|warm|edited]

``none`` is ``ARCHLOG_NO_CACHE=1``; ``fresh`` an empty cache folder each run (a first
search, keeping what the next one needs); ``warm`` the folder searched before as it is;
``edited`` the folder searched before, one record edited since (a copy of the folder: the
kept index is patched). Each run is a new interpreter, as the command is.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run as bench  # noqa: E402  (bench/run.py: corpora, the floor)

#: One run, in a fresh interpreter: the phases' seconds as JSON on standard output.
PROBE = r"""
import functools, json, sys, time
spent = {}
start = time.perf_counter()
import importlib
from archlog.api import Repository
from archlog.features import search, search_store
from archlog.read import cache, store
spent["start-up: imports"] = time.perf_counter() - start

def timed(owner, name, label):
    if isinstance(owner, str):  # a module some versions do not have
        try:
            owner = importlib.import_module(owner)
        except ImportError:
            return
    original = getattr(owner, name)
    def run(*args, **kwargs):
        begun = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.perf_counter() - begun
    setattr(owner, name, run)

parse = store.Store.records.func
def records(self):
    begun = time.perf_counter()
    try:
        return parse(self)
    finally:
        spent["parse and settle the records (the reader)"] = time.perf_counter() - begun
store.Store.records = functools.cached_property(records)
store.Store.records.__set_name__(store.Store, "records")
timed(search_store, "record_fields", "records' text by field (Markdown taken apart)")
timed(search, "record_terms", "tokenize and stem")
timed(search.Index, "of", "build the postings")
timed("archlog.features.search_postings", "patch", "patch the kept index")  # before it is
timed("archlog.features.search_kept", "read_kept", "load the kept index")  # imported there
timed(search.Index, "packed", "pack the index to keep it")
timed(search_store.SearchIndex, "_answer", "keep the settled records")
timed(search_store.KeptSearch, "load", "load the kept search")
timed(cache, "dump_file", "write cache files")
timed(search, "snippet", "snippets of the hits")
timed(search.Index, "rank", "rank")
timed(store.Store, "detail", "parse the hits' files again (the reader)")
begun = time.perf_counter()
repo = Repository.open(sys.argv[1])
repo.store.contents()
spent["list, read and hash the files"] = time.perf_counter() - begun
repo.search("kafka retries", limit=20)
spent["total"] = time.perf_counter() - start
print(json.dumps(spent))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cache", choices=["none", "fresh", "warm", "edited"], default="none")
    args = parser.parse_args()
    bench.byte_compile()
    folder = bench.corpus(args.size)
    record = None
    if args.cache == "edited":
        folder = bench.scratch_copy(folder, f"phases-edited-{args.size}")
        record = next(p for p in sorted(folder.glob("*.md")) if p.name[:1].isdigit())
    env = {**os.environ, "ARCHLOG_CACHE_DIR": str(bench.CACHE / "parse-cache")}
    if args.cache == "none":
        env["ARCHLOG_NO_CACHE"] = "1"
    phases: dict[str, list[float]] = {}
    floors = []
    with tempfile.TemporaryDirectory(dir=bench.CACHE) as fresh:
        kept_first = args.cache in ("warm", "edited")
        for i in range(args.runs + kept_first):
            if args.cache == "fresh":
                env["ARCHLOG_CACHE_DIR"] = str(Path(fresh) / str(i))
            if record is not None and i:
                with record.open("a", encoding="utf-8") as fh:
                    fh.write(f"\nEdited before run {i}.\n")
            out = subprocess.run(
                [sys.executable, "-c", PROBE, str(folder)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            floor = [sys.executable, str(bench.SHARED_BENCH / "floor.py"), str(folder)]
            begun = time.perf_counter()
            subprocess.run(floor, check=True, stdout=subprocess.DEVNULL)
            floors.append(time.perf_counter() - begun)
            if kept_first and i == 0:
                continue  # the first run keeps what the others load
            for name, seconds in json.loads(out).items():
                phases.setdefault(name, []).append(seconds)
    total = statistics.median(phases.pop("total"))
    floor = statistics.median(floors)
    print(f"| phase ({args.size:,} records, cache: {args.cache}) | median ms | share |")
    print("|---|---:|---:|")
    for name, got in phases.items():
        spent = statistics.median(got)
        print(f"| {name} | {spent * 1000:.0f} | {spent / total:.0%} |")
    print(
        f"| **total** | {total * 1000:.0f} | {total / floor:.1f}× floor ({floor * 1000:.0f} ms) |"
    )


if __name__ == "__main__":
    main()
