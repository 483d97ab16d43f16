"""`archlog convert`: every corpus to every convention and back, losslessly; dry runs write
nothing; in place, the old files go in the same change."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from archlog.api import Repository
from archlog.conventions.catalog import CONVENTIONS
from archlog.errors import UsageError
from archlog.ops.drafts import own_sections
from tests.conftest import CORPORA, Run, corpus_cases


def snapshot(repo: Repository) -> dict[tuple[Any, ...], dict[str, Any]]:
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in repo.records:  # by area and number (ids change with the convention), then title
        out[(r.area, r.number, r.title) if r.number is not None else (r.area, r.title)] = {
            "title": r.title,
            "status": r.status,
            "date": r.date,
            "deciders": r.deciders,
            "consulted": r.consulted,
            "informed": r.informed,
            "tags": r.tags,
            "category": r.category,
            "relations": sorted({(rel.type, str(rel.target)) for rel in r.relations}),
            "sections": [(h, body.strip()) for h, _, body in own_sections(r)],
        }
    return out


@pytest.mark.parametrize("corpus", corpus_cases())
def test_every_corpus_survives_a_round_trip_through_every_convention(
    corpus: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARCHLOG_NO_CACHE", "1")
    source = Repository.open(CORPORA / corpus)
    home = source.convention
    before = snapshot(source)
    assert before
    for name in CONVENTIONS:
        there, back = tmp_path / name / "there", tmp_path / name / "back"
        numberless = any(r.number is None for r in source.records)
        if CONVENTIONS[name].single_file and (numberless or any(r.area for r in source.records)):
            with pytest.raises(UsageError, match=r"records without a number|kept by area"):
                Repository.open(CORPORA / corpus).convert(name, out=there).apply()
            continue
        Repository.open(CORPORA / corpus).convert(name, out=there).apply()
        moved = Repository.open(there)
        assert len(moved.records) == len(before), name
        moved.convert(home, out=back).apply()
        after = snapshot(Repository.open(back))
        assert after == before, f"{corpus} → {name} → {home.name}"


def test_convert_dry_run_then_apply_in_place(run: Run, tmp_path: Path) -> None:
    assert run("init", "--convention", "nygard").code == 0
    assert run("new", "Use PostgreSQL").code == 0
    assert run("accept", "2").code == 0
    assert run("new", "Use CockroachDB", "--supersedes", "2").code == 0
    folder = tmp_path / "doc" / "adr"
    second = folder / "0002-use-postgresql.md"
    second.write_text(
        second.read_text().replace("Date: 2026-01-15\n", "Date: 2026-01-15\nDeciders: Ana\n")
    )
    before = {p.name: p.read_bytes() for p in folder.glob("*.md")}
    dry = run("convert", "--to", "madr")
    assert dry.code == 0, dry.err
    assert "+status: superseded by ADR-0003" in dry.out and "dry run" in dry.err
    assert {p.name: p.read_bytes() for p in folder.glob("*.md")} == before
    done = run("convert", "--to", "madr", "--apply")
    assert done.code == 0, done.err
    records = {r["number"]: r for r in json.loads(run("list", "--format", "json").out)}
    assert records[2]["status"] == "superseded"
    assert records[2]["relations"] == [{"type": "superseded-by", "target": 3}]
    assert records[2]["deciders"] == ["Ana"]
    assert (folder / "0002-use-postgresql.md").read_text().startswith("---\nstatus: superseded")
    assert "status: {{ status | yaml }}" in (folder / "templates" / "template.md").read_text()


def test_convert_a_folder_into_a_single_file_log_and_out_again(run: Run, tmp_path: Path) -> None:
    assert run("init", "--convention", "nygard").code == 0
    assert run("new", "Use queues").code == 0
    assert run("link", "2", "amends", "1").code == 0
    out = run("convert", "--to", "log", "--out", "log", "--apply")
    assert out.code == 0, out.err
    log = tmp_path / "log" / "DECISIONS.md"
    entries = json.loads(run("list", "--format", "json", "--dir", str(log)).out)
    assert [(e["id"], e["relations"]) for e in entries] == [
        ("ADR-001", [{"type": "amended-by", "target": 2}]),
        ("ADR-002", [{"type": "amends", "target": 1}]),
    ]
    back = run("convert", "--dir", str(log), "--to", "nygard", "--out", "files", "--apply")
    assert back.code == 0, back.err
    assert sorted(p.name for p in (tmp_path / "files").glob("*.md")) == [
        "0001-record-architecture-decisions.md",
        "0002-use-queues.md",
        "README.md",
    ]
