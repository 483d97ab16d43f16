"""The README's tour, through the Python API alone: each command of the tour as the one API
call it makes, and what it must have done."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archlog.api import (
    Repository,
    conventions,
    format_records,
    render_report,
    statuses,
)
from tests.conftest import TODAY


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repository:
    """``archlog init`` in a fresh repository, then ``archlog new`` with people and a tag."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ARCHLOG_TODAY", TODAY)
    monkeypatch.delenv("ARCHLOG_DIR", raising=False)
    (tmp_path / ".git").mkdir()  # the repository's root
    made = Repository.init()
    assert [p.as_posix() for p in made.created] == [
        "doc/adr/templates/template.md",
        "doc/adr/README.md",
        "doc/adr/.gitignore",
        "doc/adr/0001-record-architecture-decisions.md",
    ]
    repo = Repository.open()
    change = repo.new("Use PostgreSQL for persistence", deciders=["Ana", "Bo"], tags=["storage"])
    applied = change.apply()
    assert applied.value == tmp_path / "doc/adr/0002-use-postgresql-for-persistence.md"
    # adr-tools' template has no place for tags: said, not dropped in silence
    assert [str(w) for w in applied.warnings if "no place for --tag" in str(w)]
    return repo


def titles(repo: Repository) -> list[tuple[int | None, str, str]]:
    return [(r.number, r.title, r.status) for r in repo.records]


def test_init_new_list_and_show(repo: Repository) -> None:
    assert titles(repo) == [
        (1, "Record architecture decisions", "accepted"),
        (2, "Use PostgreSQL for persistence", "proposed"),
    ]
    table = format_records(repo.records, "table", repo.folder, width=100).splitlines()
    assert table[0].split() == ["ID", "STATUS", "DATE", "TITLE"]
    assert table[2].split()[:3] == ["0002", "proposed", TODAY]
    listed = json.loads(format_records(repo.select(status=["proposed"]), "json", repo.folder))
    assert [(r["id"], r["path"]) for r in listed] == [
        ("0002", "0002-use-postgresql-for-persistence.md")
    ]
    assert repo.source("2").startswith("# 2. Use PostgreSQL for persistence\n")
    assert repo.get("ADR-002") == repo.get("0002") == repo.get(2)
    names = [c.name for c in conventions()]  # archlog conventions: the eight, nygard first
    assert len(names) == 8 and names[:2] == ["nygard", "madr"] and "log" in names
    assert "accepted" in statuses() and "unknown" not in statuses()


def test_the_lifecycle_edits(repo: Repository) -> None:
    repo.set_status("2", "accepted").apply()  # archlog accept 2
    assert repo.get(2).status == "accepted"
    cockroach = repo.new("Use CockroachDB", supersedes=["2"]).apply().value
    assert cockroach.name == "0003-use-cockroachdb.md"
    assert repo.get(2).status == "superseded"
    repo.new("Use SQLite for tests").apply()
    preview = repo.supersede("2", by="4")  # a second successor; --dry-run prints this diff
    assert "+Superseded by [4. Use SQLite for tests](0004-use-sqlite-for-tests.md)" in (
        preview.diff()
    )
    preview.apply()
    assert [(r.type, r.target) for r in repo.get(2).relations] == [
        ("superseded-by", 3),
        ("superseded-by", 4),
    ]
    repo.link("3", "amends", "2").apply()
    assert ("amends", 2) in [(r.type, r.target) for r in repo.get(3).relations]
    assert ("amended-by", 3) in [(r.type, r.target) for r in repo.get(2).relations]
    assert repo.unlink("3", "2").apply().value > 0  # every relation between them, both sides
    assert not [r for r in repo.get(3).relations if r.target == 2]
    assert not [r for r in repo.get(2).relations if r.target == 3]


def test_renumber_and_duplicates_after_a_merge(repo: Repository) -> None:
    repo.set_status("2", "accepted").apply()
    repo.new("Use CockroachDB", supersedes=["2"]).apply()
    plan = repo.renumber("3", 7).apply().value
    assert [m.new_path.name for m in plan.moves] == ["0007-use-cockroachdb.md"]
    assert "[7. Use CockroachDB](0007-use-cockroachdb.md)" in repo.source(2)
    other_branch = repo.folder / "0007-use-queues.md"  # the other branch's 0007, merged
    other_branch.write_text(
        f"# 7. Use queues\n\nDate: {TODAY}\n\n## Status\n\nProposed\n\n## Context\n\nX\n"
    )
    repo.refresh()
    moved = repo.renumber_duplicates().apply().value
    assert [(m.old, m.new, m.record.title) for m in moved.moves] == [(7, 8, "Use queues")]
    assert [r.number for r in repo.records] == [1, 2, 7, 8]


def test_index_graph_convert_export_import(repo: Repository, tmp_path: Path) -> None:
    repo.set_status("2", "accepted").apply()
    repo.new("Use CockroachDB", supersedes=["2"]).apply()
    index = repo.update_index()  # archlog index; empty means --check passes
    assert not index.empty and index.files == [repo.index_file]
    index.apply()
    assert repo.update_index().empty and repo.has_index()
    assert "(0003-use-cockroachdb.md)" in repo.index_file.read_text()
    mermaid = repo.graph()
    assert mermaid.startswith("graph TD\n") and "-->|supersedes|" in mermaid
    assert repo.graph("dot").startswith("digraph")

    assert repo.convert("madr", out="docs/decisions").apply().value == 3
    madr = Repository.open("docs/decisions")
    assert madr.convention.name == "madr"
    assert titles(madr) == titles(repo)

    (tmp_path / "adrs.json").write_bytes(repo.export("jsonadr"))
    elsewhere = Repository.init("elsewhere/adr")  # its own record 1 is there already
    numbers = elsewhere.import_("adrs.json").apply().value
    assert numbers == [(1, 2), (2, 3), (3, 4)]  # renumbered on collisions
    assert [r.title for r in elsewhere.records][1:] == [r.title for r in repo.records]


def test_site_lint_search_and_context(repo: Repository, tmp_path: Path) -> None:
    result = repo.build_site("site")
    assert result.records == 2 and (tmp_path / "site" / "index.html").is_file()

    report = repo.lint()
    assert {f.severity for f in report.findings} <= {"warning", "info"}
    text = render_report(report, "text", tmp_path)
    assert "doc/adr/0002-use-postgresql-for-persistence.md:1:1: ADR020 info" in text

    hits = repo.search("postgres")
    assert [h.record.id for h in hits] == ["0002"]
    assert repo.search("postgres", in_force=True) == []  # proposed: not in force
    repo.set_status("2", "accepted").apply()
    assert [h.record.id for h in repo.search("postgres", in_force=True)] == ["0002"]

    digest = repo.context(["src/"], budget=2000)
    assert digest.text.startswith("## Architecture decisions in force\n")
    kept = repo.update_context("AGENTS.md")  # archlog context --write AGENTS.md
    kept.apply()
    assert "archlog:context:start" in (tmp_path / "AGENTS.md").read_text()
    assert repo.update_context("AGENTS.md").empty  # --check passes

    repo.new("Use CockroachDB", supersedes=["2"]).apply()
    related = repo.details(2)["related"]  # archlog show 2 --format json
    assert [(r["type"], r["target"], r["title"]) for r in related] == [
        ("superseded-by", 3, "Use CockroachDB")
    ]
