"""archlog mcp, started as a real subprocess and driven with the MCP SDK's own client."""

from __future__ import annotations

import difflib
import json
import statistics
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import ClientSession, StdioServerParameters, stdio_client
from mcp.shared.exceptions import MCPError

from tests.conftest import TODAY, cli_env

TOOLS = {
    "list_records",
    "get_record",
    "search",
    "related",
    "context",
    "lint",
    "export",
    "init",
    "new_record",
    "set_status",
    "supersede",
    "link",
    "unlink",
    "update_index",
}
WRITES = {"new_record", "set_status", "supersede", "link", "unlink", "update_index"}


@asynccontextmanager
async def connect(cwd: Path, *args: str) -> AsyncIterator[ClientSession]:
    """A client session with ``archlog mcp ARGS`` running in ``cwd``."""
    params = StdioServerParameters(
        command=sys.executable, args=["-m", "archlog", "mcp", *args], cwd=str(cwd), env=cli_env()
    )
    with (cwd.parent / f"{cwd.name}-server.log").open("a") as errlog:
        async with (
            stdio_client(params, errlog=errlog) as (read, write),
            ClientSession(read, write) as session,
        ):
            await session.initialize()
            yield session


def drive(cwd: Path, body: Callable[[ClientSession], Awaitable[None]], *args: str) -> None:
    async def main() -> None:
        async with connect(cwd, *args) as session:
            await body(session)

    anyio.run(main)


def _text(content: list[Any]) -> str:
    """The text of a tool's first content block (the tools answer in text)."""
    return str(content[0].text) if content else ""


async def call(session: ClientSession, tool: str, **args: Any) -> Any:
    """A tool's answer (parsed when it is JSON); fails on a tool error."""
    result = await session.call_tool(tool, args)
    text = _text(result.content)
    assert not result.is_error, f"{tool}: {text}"
    try:
        return json.loads(text)
    except ValueError:
        return text


async def refused(session: ClientSession, tool: str, **args: Any) -> str:
    """The message of a tool error (fails when the call works)."""
    result = await session.call_tool(tool, args)
    text = _text(result.content)
    assert result.is_error, f"{tool} {args} should fail: {text}"
    return text


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.endswith(".log")
    }


def diff_of(before: dict[str, bytes], after: dict[str, bytes]) -> str:
    """What changed, as archlog's own diffs show it (paths from the server's folder)."""
    chunks: list[str] = []
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name, b"").decode(), after.get(name, b"").decode()
        if old != new:
            chunks += difflib.unified_diff(
                old.splitlines(keepends=True),
                new.splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
    return "".join(chunks)


def test_it_starts_without_a_folder_and_only_init_works_there(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()

    async def body(s: ClientSession) -> None:
        listed = await s.list_tools()
        assert {t.name for t in listed.tools} == TOOLS
        assert all(t.description for t in listed.tools)
        assert (await s.list_resources()).resources == []
        for tool in sorted(TOOLS - {"init", "export"}):
            args: dict[str, Any] = {"ref": "1"} if tool in ("get_record", "related") else {}
            args |= {"query": "x"} if tool == "search" else {}
            args |= {"title": "X"} if tool == "new_record" else {}
            args |= {"ref": "1", "status": "accepted"} if tool == "set_status" else {}
            args |= {"old": "1", "by": "2"} if tool == "supersede" else {}
            args |= {"a": "1", "relation": "amends", "b": "2"} if tool == "link" else {}
            args |= {"a": "1", "b": "2"} if tool == "unlink" else {}
            assert "call the init tool first" in await refused(s, tool, **args), tool
        assert "call the init tool first" in await refused(s, "export")
        made = await call(s, "init", date=TODAY)
        assert made["files"] == [
            "doc/adr/templates/template.md",
            "doc/adr/README.md",
            "doc/adr/.gitignore",
            "doc/adr/0001-record-architecture-decisions.md",
        ]
        assert [r["id"] for r in await call(s, "list_records")] == ["0001"]
        assert "exists already" in await refused(s, "init")

    drive(root, body)
    assert (root / "doc/adr/0001-record-architecture-decisions.md").is_file()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()

    async def body(s: ClientSession) -> None:
        await call(s, "init", date=TODAY)
        for title, tags in (
            ("Use PostgreSQL", ["db"]),
            ("Cache sessions in Redis", ["db"]),
            ("Queue jobs with Kafka", []),
        ):
            await call(s, "new_record", title=title, tags=tags, date=TODAY)

    drive(root, body)
    return root


def test_every_tool_with_good_and_with_bad_input(project: Path) -> None:
    async def body(s: ClientSession) -> None:
        listed = await call(s, "list_records", status=["accepted"])
        assert [r["title"] for r in listed] == ["Record architecture decisions"]
        assert len(await call(s, "list_records", in_force=True)) == 1
        assert "unknown status 'banana'" in await refused(s, "list_records", status=["banana"])
        assert "since" in await refused(s, "list_records", since="last week")

        got = await call(s, "get_record", ref=2)
        assert (got["id"], got["title"]) == ("0002", "Use PostgreSQL")
        assert [sec["heading"] for sec in got["sections"]][:2] == ["Status", "Context"]
        assert got["sections"][0]["span"][0] > 1 and got["markdown"].startswith("# 2. Use")
        assert "no record '42'" in await refused(s, "get_record", ref="42")
        assert "ref" in await refused(s, "get_record")

        hits = (await call(s, "search", query="redis sessions"))["hits"]
        assert hits[0]["id"] == "0003" and hits[0]["score"] > 0
        assert "empty" in await refused(s, "search", query="  ")
        assert "limit" in await refused(s, "search", query="redis", limit=0)

        await call(s, "supersede", old="3", by="4", force=True, dry_run=False)
        rel = await call(s, "related", ref="3")
        assert rel["related"][0] | {"title": None} == {
            "type": "superseded-by",
            "target": 4,
            "id": "0004",
            "title": None,
            "status": "proposed",
            "path": "0004-queue-jobs-with-kafka.md",
        }
        back = await call(s, "related", ref="4")
        assert [(r["type"], r["target"]) for r in back["related"]] == [("supersedes", 3)]
        assert "no record" in await refused(s, "related", ref="zebra")

        digest = await call(s, "context")
        assert "0001 Record architecture decisions" in digest and "0003" not in digest
        assert "budget" in await refused(s, "context", budget=0)

        report = await call(s, "lint")
        assert isinstance(report["findings"], list)
        assert "paths" in await refused(s, "lint", paths="doc/adr")

        exported = await call(s, "export")
        assert len(exported["records"]) == 4
        assert "format" in await refused(s, "export", format="xml")

        assert "title" in await refused(s, "new_record", title="   ")
        assert (
            "unknown status"
            in (await refused(s, "set_status", ref="2", status="banana", dry_run=False)).lower()
        )
        assert "no record" in await refused(s, "supersede", old="2", by="99")
        assert "relation" in (await refused(s, "link", a="1", relation="eats", b="2")).lower()
        assert "no record" in await refused(s, "unlink", a="1", b="77")
        assert "dry_run" in await refused(s, "update_index", dry_run="perhaps")
        assert "unknown tool" in (await refused(s, "drop_table")).lower()
        # still up, and nothing was written by the refusals
        assert len(await call(s, "list_records")) == 4

    before = snapshot(project)
    drive(project, body)
    after = snapshot(project)
    changed = {n for n in set(before) | set(after) if before.get(n) != after.get(n)}
    assert changed == {
        "doc/adr/0003-cache-sessions-in-redis.md",
        "doc/adr/0004-queue-jobs-with-kafka.md",
    }  # the one supersede
    log = (project.parent / "project-server.log").read_text()
    assert "Traceback" not in log


def test_a_dry_run_changes_no_byte_and_its_diff_is_what_applying_does(project: Path) -> None:
    steps: list[tuple[str, dict[str, Any]]] = [
        ("new_record", {"title": "Use gRPC", "date": TODAY, "deciders": ["Ana"]}),
        ("set_status", {"ref": "2", "status": "accepted"}),
        ("supersede", {"old": "2", "by": "5"}),
        ("link", {"a": "3", "relation": "amends", "b": "1"}),
        ("unlink", {"a": "3", "b": "1"}),
        ("update_index", {}),
    ]

    async def body(s: ClientSession) -> None:
        for tool, args in steps:
            before = snapshot(project)
            preview = await call(s, tool, **args, dry_run=True)
            assert preview["dry_run"] is True and preview["applied"] is False
            assert snapshot(project) == before, f"{tool}: the dry run wrote"
            assert preview["diff"], tool
            done = await call(s, tool, **args, dry_run=False)
            after = snapshot(project)
            assert done["applied"] is True, tool
            assert diff_of(before, after) == preview["diff"] == done["diff"], tool
            assert sorted(done["files"]) == sorted(preview["files"])
        destructive = {t.name: t for t in (await s.list_tools()).tools}
        for name in WRITES - {"new_record"}:
            props = destructive[name].input_schema["properties"]
            assert props["dry_run"]["default"] is True, name
        assert destructive["new_record"].input_schema["properties"]["dry_run"]["default"] is False

    drive(project, body)


def test_two_clients_writing_at_once_lose_nothing(project: Path) -> None:
    titles = [f"Decision {c} {i}" for c in "AB" for i in range(6)]

    async def main() -> None:
        async with connect(project) as a, connect(project) as b:

            async def accept(session: ClientSession, ref: str, status: str) -> None:
                await call(session, "set_status", ref=ref, status=status, dry_run=False)

            async def write(session: ClientSession, mine: list[str]) -> None:
                for title in mine:
                    await call(session, "new_record", title=title, date=TODAY)

            async with anyio.create_task_group() as group:
                group.start_soon(write, a, titles[:6])
                group.start_soon(write, b, titles[6:])
                group.start_soon(accept, a, "2", "accepted")
                group.start_soon(accept, b, "3", "rejected")
            for session in (a, b):
                listed = await call(session, "list_records")
                assert sorted(r["title"] for r in listed[4:]) == sorted(titles)
                assert [r["number"] for r in listed] == list(range(1, 17))
                assert {r["id"]: r["status"] for r in listed}["0002"] == "accepted"
                assert {r["id"]: r["status"] for r in listed}["0003"] == "rejected"

    anyio.run(main)
    files = sorted(p.name for p in (project / "doc" / "adr").glob("0*.md"))
    assert len(files) == 16 and len({f[:4] for f in files}) == 16


def test_records_are_resources(project: Path) -> None:
    async def body(s: ClientSession) -> None:
        listed = (await s.list_resources()).resources
        assert [str(r.uri) for r in listed] == [f"adr://000{n}" for n in range(1, 5)]
        assert listed[1].name == "0002 Use PostgreSQL" and listed[1].mime_type == "text/markdown"
        read = await s.read_resource("adr://0002")
        text = read.contents[0].text  # type: ignore[union-attr]
        assert text == (project / "doc/adr/0002-use-postgresql.md").read_text()
        with pytest.raises(MCPError, match="no record"):
            await s.read_resource("adr://0099")
        assert len(await call(s, "list_records")) == 4  # still up

    drive(project, body)


def test_it_sees_what_another_process_changed(project: Path) -> None:
    record = project / "doc/adr/0002-use-postgresql.md"

    async def body(s: ClientSession) -> None:
        assert "Replicas" not in (await call(s, "get_record", ref="2"))["markdown"]
        with record.open("a") as fh:  # an edit in place: the folder itself does not change
            fh.write("\nReplicas in two zones.\n")
        for _ in range(100):
            if "Replicas" in (await call(s, "get_record", ref="2"))["markdown"]:
                break
            await anyio.sleep(0.05)
        else:
            pytest.fail("the edit was never seen")
        (project / "doc/adr/0005-added-by-hand.md").write_text(
            "# 5. Added by hand\n\n## Status\n\nAccepted\n"
        )
        assert (await call(s, "list_records"))[-1]["title"] == "Added by hand"

    drive(project, body)


def test_list_get_and_search_answer_quickly_on_1000_records(generated_folder: Path) -> None:
    words = ("kafka retries", "postgres", "feature toggles", "rollback", "latency budget")

    async def body(s: ClientSession) -> None:
        calls: dict[str, Callable[[int], dict[str, Any]]] = {
            "list_records": lambda _i: {},
            "get_record": lambda i: {"ref": str(1 + (i * 397) % 1000)},  # another each time
            "search": lambda i: {"query": words[i % len(words)]},
        }
        for tool, args in calls.items():
            await call(s, tool, **args(0))
        times: dict[str, list[float]] = {tool: [] for tool in calls}
        for i in range(15):
            for tool, args in calls.items():
                start = time.perf_counter()
                await call(s, tool, **args(i))
                times[tool].append(time.perf_counter() - start)
        medians = {tool: statistics.median(got) for tool, got in times.items()}
        # the target is 20 ms (bench/agents.py measures it, alone); here, room for a busy
        # machine: what this catches is the folder read again on every call (~0.5 s)
        assert all(m < 0.1 for m in medians.values()), medians

    drive(generated_folder.parent, body, "--dir", str(generated_folder))
