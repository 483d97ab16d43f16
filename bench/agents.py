#!/usr/bin/env python3
"""Time what agents and people who search use: ``archlog search`` beside the floor, warm and
cold, and the MCP server's ``list_records`` / ``get_record`` / ``search`` answered once it
has started.

It uses ``bench/run.py``'s folders, timing and floor. Each size's commands run once to warm
up, then ``--runs`` times interleaved (A B C A B C …); medians, and each median's ratio to
the floor script (which only reads the files and regex-extracts title and status):

- ``archlog search`` warm: the folder was searched before as it is (what is kept answers);
- first run with an empty cache folder (everything is read, parsed, indexed and kept);
- ``ARCHLOG_NO_CACHE=1``: nothing kept, nothing read from a cache;
- one record edited before each run: nothing kept for the folder as a whole can answer.

The MCP server is started once (``archlog mcp --dir …`` as a subprocess, driven with the
official SDK's client over stdio), each tool called once to warm up, then called in turn:
the same arguments each time, and a different record or query each time (what an agent
does); and the first answer after a record file changed (the server notices and reads the
folder again). Run it on its own:

    python bench/agents.py [--sizes 100,1000,10000] [--mcp-size 1000] [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run as bench  # noqa: E402  (bench/run.py: corpora, timing, the floor)

QUERY = "kafka retries"
#: Queries for the calls that change each time: words the generated records use.
QUERIES = ("postgres", "feature toggles", "latency budget", "kafka", "rollback", "billing")
FLOOR = "floor script (read + regex)"
WARM = "archlog search"
FRESH = "archlog search, first run (empty cache folder)"
NO_CACHE = "archlog search, ARCHLOG_NO_CACHE=1"
EDITED = "archlog search, one record edited before each run"
#: The targets (docs/agents.md): the size they are set at and the bound.
SEARCH_SIZE, SEARCH_RATIO = 10000, 3.0
MCP_SIZE, MCP_MS = 1000, 20.0
VARIED_GET = "get_record, a different record each call"
VARIED_SEARCH = "search, a different query each call"
MCP_TARGETS = ("list_records", "get_record", "search", VARIED_GET, VARIED_SEARCH)


def search_ops(size: int, fresh_root: Path) -> list[bench.Op]:
    """``archlog search`` on ``size`` records, warm, first run, no cache, one record edited
    before each run; beside the floor."""
    folder = bench.corpus(size)
    edited = bench.scratch_copy(folder, f"search-edit-{size}")
    record = next(p for p in sorted(edited.glob("*.md")) if p.name[:1].isdigit())
    d = ("--dir", str(folder))
    json_out = bench.archlog("search", QUERY, "--format", "json", *d)
    edited_run = bench.edited_first(bench.archlog("search", QUERY, "--dir", str(edited)), record)
    # a new, empty cache folder for each run (made by the shell: about a millisecond)
    fresh = ["sh", "-c", 'ARCHLOG_CACHE_DIR="$(mktemp -d -p "$0")" exec "$@"', str(fresh_root)]
    return [
        bench.Op(FLOOR, [sys.executable, str(bench.SHARED_BENCH / "floor.py"), str(folder)]),
        bench.Op(WARM, bench.archlog("search", QUERY, *d)),
        bench.Op("archlog search --format json", json_out),
        bench.Op(FRESH, [*fresh, *bench.archlog("search", QUERY, *d)]),
        bench.Op(NO_CACHE, bench.archlog("search", QUERY, *d), {"ARCHLOG_NO_CACHE": "1"}),
        bench.Op(EDITED, edited_run),
    ]


def mcp_latency(size: int, runs: int) -> dict[str, list[float]]:
    """Answer times (seconds) of an ``archlog mcp`` over ``size`` records, after one call of
    each tool to warm up, by call."""
    import anyio
    from mcp import ClientSession, StdioServerParameters, stdio_client

    folder = bench.scratch_copy(bench.corpus(size), f"mcp-{size}")  # one file is edited
    edited = next(p for p in sorted(folder.glob("*.md")) if p.name[:1].isdigit())
    numbers = sorted(int(p.name[:4]) for p in folder.glob("*.md") if p.name[:4].isdigit())
    times: dict[str, list[float]] = {}

    async def main() -> None:
        params = StdioServerParameters(
            command=sys.executable,
            args=["-m", "archlog", "mcp", "--dir", str(folder)],
            env={**os.environ},
        )
        async with stdio_client(params) as (read, write), ClientSession(read, write) as s:
            await s.initialize()

            async def timed(name: str, tool: str, args: dict[str, object]) -> None:
                start = time.perf_counter()
                result = await s.call_tool(tool, args)
                times.setdefault(name, []).append(time.perf_counter() - start)
                if result.is_error:
                    raise SystemExit(f"bench: {tool} {args} failed: {result.content}")

            same = (
                ("list_records", "list_records", {}),
                ("get_record", "get_record", {"ref": str(numbers[len(numbers) // 2])}),
                ("search", "search", {"query": QUERY}),
            )
            for _name, tool, args in same:
                await s.call_tool(tool, args)
            for i in range(runs):  # interleaved, as the other measures
                for name, tool, args in same:
                    await timed(name, tool, args)
                ref = str(numbers[(i * 7919) % len(numbers)])
                await timed(VARIED_GET, "get_record", {"ref": ref})
                query = f"{QUERIES[i % len(QUERIES)]} {i}"
                await timed(VARIED_SEARCH, "search", {"query": query})
            for i in range(min(runs, 5)):  # after an edit: the folder is read again
                with edited.open("a") as fh:
                    fh.write(f"\nEdited for the benchmark ({i}).\n")
                await anyio.sleep(0.2)  # the file event arrives
                await timed("search, first call after a record changed", "search", {"query": QUERY})

    anyio.run(main)
    return times


def search_rows(results: dict[int, list[bench.Op]]) -> list[str]:
    out = [
        "| operation | records | median ms | min ms | max ms | × floor |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for size, ops in results.items():
        floor = ops[0].median
        for op in ops:
            out.append(
                f"| {op.name} | {size:,} | {op.median * 1000:.0f} | {min(op.times) * 1000:.0f} | "
                f"{max(op.times) * 1000:.0f} | {op.median / floor:.2f}× |"
            )
    return out


def mcp_rows(mcp: dict[str, list[float]], size: int) -> list[str]:
    out = [
        "| MCP call (server started) | records | calls | median ms | min ms | max ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, got in mcp.items():
        out.append(
            f"| {name} | {size:,} | {len(got)} | {statistics.median(got) * 1000:.1f} | "
            f"{min(got) * 1000:.1f} | {max(got) * 1000:.1f} |"
        )
    return out


def targets(
    results: dict[int, list[bench.Op]], mcp: dict[str, list[float]], size: int
) -> list[str]:
    lines = ["| target | measured | met |", "|---|---|---|"]
    ops = results.get(SEARCH_SIZE)
    if ops is not None:
        by_name = {op.name: op for op in ops}
        floor = by_name[FLOOR].median
        for name in (WARM, FRESH, NO_CACHE):
            ratio = by_name[name].median / floor
            met = "yes" if ratio <= SEARCH_RATIO else "no"
            lines.append(
                f"| `{name}` on {SEARCH_SIZE:,} ≤ {SEARCH_RATIO:g}× floor | {ratio:.2f}× | {met} |"
            )
    if size == MCP_SIZE:
        for name in MCP_TARGETS:
            med = statistics.median(mcp[name]) * 1000
            met = "yes" if med < MCP_MS else "no"
            lines.append(
                f"| MCP `{name}` on {size:,} < {MCP_MS:g} ms median | {med:.1f} ms | {met} |"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--mcp-size", type=int, default=MCP_SIZE)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    os.environ["ARCHLOG_CACHE_DIR"] = str(bench.CACHE / "parse-cache")
    bench.byte_compile()
    bench.CACHE.mkdir(parents=True, exist_ok=True)
    results: dict[int, list[bench.Op]] = {}
    fresh_root = Path(tempfile.mkdtemp(prefix="fresh-caches-", dir=bench.CACHE))
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            ops = results[size] = search_ops(size, fresh_root)
            bench.measure(ops, HERE, args.runs)
            shutil.rmtree(fresh_root, ignore_errors=True)
            fresh_root.mkdir()
    finally:
        shutil.rmtree(fresh_root, ignore_errors=True)
    mcp = mcp_latency(args.mcp_size, max(args.runs, 15))
    print("\n".join(search_rows(results)))
    print()
    print("\n".join(mcp_rows(mcp, args.mcp_size)))
    print()
    print("\n".join(targets(results, mcp, args.mcp_size)))


if __name__ == "__main__":
    main()
