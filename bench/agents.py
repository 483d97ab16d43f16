#!/usr/bin/env python3
"""Time what agents and people who search use: ``archlog search`` beside the floor, and the
MCP server's ``list_records`` / ``get_record`` / ``search`` answered once it has started.

It uses ``bench/run.py``'s folders, timing and floor; run it on its own:

    python bench/agents.py [--search-size 10000] [--mcp-size 1000] [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run as bench  # noqa: E402  (bench/run.py: corpora, timing, the floor)

QUERY = "kafka retries"
MCP_CALLS = (("list_records", {}), ("get_record", {"ref": "500"}), ("search", {"query": QUERY}))


def search_ops(size: int) -> list[bench.Op]:
    """``archlog search`` on ``size`` records: warm, first run (no cache), one record
    edited before each run; beside the floor."""
    folder = bench.corpus(size)
    edited = bench.scratch_copy(folder, f"search-edit-{size}")
    record = next(p for p in sorted(edited.glob("*.md")) if p.name[:1].isdigit())
    d = ("--dir", str(folder))
    return [
        bench.Op(
            "floor script (read + regex)",
            [sys.executable, str(bench.SHARED_BENCH / "floor.py"), str(folder)],
        ),
        bench.Op("archlog search", bench.archlog("search", QUERY, *d)),
        bench.Op(
            "archlog search --format json", bench.archlog("search", QUERY, "--format", "json", *d)
        ),
        bench.Op(
            "archlog search, no cache",
            bench.archlog("search", QUERY, *d),
            {"ARCHLOG_NO_CACHE": "1"},
        ),
        bench.Op(
            "archlog search, one record edited before each run",
            bench.edited_first(bench.archlog("search", QUERY, "--dir", str(edited)), record),
        ),
    ]


def mcp_latency(size: int, runs: int) -> dict[str, list[float]]:
    """Each tool's answer times (seconds) from an ``archlog mcp`` over ``size`` records,
    after one call of each to warm up."""
    import anyio
    from mcp import ClientSession, StdioServerParameters, stdio_client

    folder = bench.corpus(size)
    times: dict[str, list[float]] = {}

    async def main() -> None:
        params = StdioServerParameters(
            command=sys.executable,
            args=["-m", "archlog", "mcp", "--dir", str(folder)],
            env={**os.environ},
        )
        async with stdio_client(params) as (read, write), ClientSession(read, write) as s:
            await s.initialize()
            for tool, args in MCP_CALLS:
                await s.call_tool(tool, args)
            for _ in range(runs):  # interleaved, as the other measures
                for tool, args in MCP_CALLS:
                    start = time.perf_counter()
                    result = await s.call_tool(tool, args)
                    times.setdefault(tool, []).append(time.perf_counter() - start)
                    if result.is_error:
                        raise SystemExit(f"bench: {tool} failed: {result.content}")

    anyio.run(main)
    return times


def rows(ops: list[bench.Op], size: int, mcp: dict[str, list[float]], mcp_size: int) -> list[str]:
    floor = ops[0].median
    out = [
        "| operation | records | median ms | min ms | max ms | × floor |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for op in ops:
        out.append(
            f"| {op.name} | {size:,} | {op.median * 1000:.0f} | {min(op.times) * 1000:.0f} | "
            f"{max(op.times) * 1000:.0f} | {op.median / floor:.2f}× |"
        )
    for tool, got in mcp.items():
        out.append(
            f"| archlog mcp: {tool} (answer, server started) | {mcp_size:,} | "
            f"{statistics.median(got) * 1000:.1f} | {min(got) * 1000:.1f} | "
            f"{max(got) * 1000:.1f} | — |"
        )
    return out


def targets(ops: list[bench.Op], mcp: dict[str, list[float]]) -> list[str]:
    by_name = {op.name: op for op in ops}
    floor = by_name["floor script (read + regex)"].median
    lines = []
    for name in ("archlog search", "archlog search, no cache"):
        ratio = by_name[name].median / floor
        lines.append(
            f"| `{name}` on 10,000 ≤ 3× floor | {ratio:.2f}× | {'yes' if ratio <= 3 else 'no'} |"
        )
    for tool, got in mcp.items():
        med = statistics.median(got) * 1000
        met = "yes" if med < 20 else "no"
        lines.append(f"| MCP `{tool}` on 1,000 < 20 ms median | {med:.1f} ms | {met} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--search-size", type=int, default=10000)
    parser.add_argument("--mcp-size", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    os.environ["ARCHLOG_CACHE_DIR"] = str(bench.CACHE / "parse-cache")
    bench.byte_compile()
    ops = search_ops(args.search_size)
    bench.measure(ops, HERE, args.runs)
    mcp = mcp_latency(args.mcp_size, max(args.runs, 15))
    print("\n".join(rows(ops, args.search_size, mcp, args.mcp_size)))
    print()
    print("\n".join(["| target | measured | met |", "|---|---|---|", *targets(ops, mcp)]))


if __name__ == "__main__":
    main()
