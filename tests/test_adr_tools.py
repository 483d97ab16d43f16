"""Real adr-tools, both ways: archlog reads what adr-tools writes, and adr-tools reads archlog's."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.conftest import Run, need_program


def adr(*args: str, cwd: Path) -> str:
    need_program("adr")
    proc = subprocess.run(["adr", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return proc.stdout


def test_archlog_reads_an_adr_tools_folder(run: Run, tmp_path: Path) -> None:
    adr("init", cwd=tmp_path)
    adr("new", "Use", "PostgreSQL", cwd=tmp_path)
    adr("new", "-s", "1", "Keep", "decisions", "in", "a", "wiki", cwd=tmp_path)
    records = json.loads(run("list", "--format", "json").out)
    got = [(r["number"], r["title"], r["status"], r["relations"]) for r in records]
    assert got == [
        (
            1,
            "Record architecture decisions",
            "superseded",
            [{"type": "superseded-by", "target": 3}],
        ),
        (2, "Use PostgreSQL", "accepted", []),
        (3, "Keep decisions in a wiki", "accepted", [{"type": "supersedes", "target": 1}]),
    ]
    assert all(r["date"] and len(r["date"]) == 10 for r in records)
    assert run("new", "Then this").out == "doc/adr/0004-then-this.md\n"


def test_adr_tools_reads_an_archlog_folder(run: Run, tmp_path: Path) -> None:
    need_program("adr")
    run("init", "--convention", "nygard")
    run("new", "Use PostgreSQL")
    run("new", "Publish events through an outbox")
    listed = adr("list", cwd=tmp_path).split()
    assert listed == [
        "doc/adr/0001-record-architecture-decisions.md",
        "doc/adr/0002-use-postgresql.md",
        "doc/adr/0003-publish-events-through-an-outbox.md",
    ]
    toc = adr("generate", "toc", cwd=tmp_path)
    assert "* [2. Use PostgreSQL](0002-use-postgresql.md)" in toc
    assert (
        "* [3. Publish events through an outbox](0003-publish-events-through-an-outbox.md)" in toc
    )
    # adr-tools keeps numbering after archlog, using the template archlog wrote for both.
    adr("new", "Added by adr-tools", cwd=tmp_path)
    text = (tmp_path / "doc/adr/0004-added-by-adr-tools.md").read_text()
    assert text.startswith("# 4. Added by adr-tools\n\nDate: ")
    records = json.loads(run("list", "--format", "json").out)
    assert [r["number"] for r in records] == [1, 2, 3, 4]
    assert records[3]["title"] == "Added by adr-tools"


def test_adr_tools_reads_archlog_edits(run: Run, tmp_path: Path) -> None:
    """After archlog supersede / link in an adr-tools folder, adr-tools sees the edges and
    still lists every record; and archlog reads adr-tools' own supersede on top."""
    adr("init", cwd=tmp_path)
    adr("new", "Use PostgreSQL", cwd=tmp_path)
    assert run("new", "Use CockroachDB").code == 0
    assert run("supersede", "2", "--by", "3").code == 0
    assert run("link", "3", "amends", "1").code == 0
    graph = adr("generate", "graph", cwd=tmp_path)
    assert '_3 -> _2 [label="Supersedes"' in graph
    assert '_3 -> _1 [label="Amends"' in graph
    assert adr("list", cwd=tmp_path).split() == [
        "doc/adr/0001-record-architecture-decisions.md",
        "doc/adr/0002-use-postgresql.md",
        "doc/adr/0003-use-cockroachdb.md",
    ]
    adr("new", "-s", "3", "Use", "Spanner", cwd=tmp_path)
    records = {r["number"]: r for r in json.loads(run("list", "--format", "json").out)}
    assert records[2]["status"] == "superseded"
    assert {"type": "superseded-by", "target": 4} in records[3]["relations"]
    assert records[4]["relations"] == [{"type": "supersedes", "target": 3}]
