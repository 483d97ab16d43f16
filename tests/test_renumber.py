"""Renumbering, and the parallel-branch collision resolved after a real git merge."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from tests.conftest import Run, cli_env, need_program


def git(cwd: Path, *args: str, when: str = "2026-01-01T10:00:00") -> None:
    env = cli_env(
        GIT_AUTHOR_DATE=when,
        GIT_COMMITTER_DATE=when,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid",
    )
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def _records(run: Run, cwd: Path) -> dict[int, dict[str, Any]]:
    result = run("list", "--format", "json", cwd=cwd)
    assert result.code == 0, result.err
    return {r["number"]: r for r in json.loads(result.out)}


def test_duplicates_from_two_merged_branches_get_distinct_numbers(run: Run, tmp_path: Path) -> None:
    need_program("git")
    git(tmp_path, "init", "-q", "-b", "main")
    assert run("init", "--convention", "nygard").code == 0
    assert run("new", "Use PostgreSQL").code == 0
    assert run("new", "Use REST").code == 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "base", when="2026-01-01T10:00:00")

    git(tmp_path, "checkout", "-qb", "kafka")
    assert run("new", "Use Kafka").code == 0  # 0004 on this branch
    assert run("link", "2", "relates-to", "4").code == 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "kafka", when="2026-01-02T10:00:00")

    git(tmp_path, "checkout", "-q", "main")
    assert run("new", "Use RabbitMQ").code == 0  # 0004 here too
    assert run("link", "3", "amends", "4").code == 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "rabbit", when="2026-01-03T10:00:00")
    git(tmp_path, "merge", "-q", "--no-edit", "kafka", when="2026-01-04T10:00:00")

    folder = tmp_path / "doc" / "adr"
    assert (folder / "0004-use-kafka.md").exists() and (folder / "0004-use-rabbitmq.md").exists()
    listed = run("list")
    assert listed.code == 0

    dry = run("renumber", "--duplicates")
    assert dry.code == 0, dry.err
    assert "rename doc/adr/0004-use-rabbitmq.md → doc/adr/0005-use-rabbitmq.md" in dry.out
    assert "dry run" in dry.err
    assert (folder / "0004-use-rabbitmq.md").exists()  # nothing written

    done = run("renumber", "--duplicates", "--apply")
    assert done.code == 0, done.err
    assert sorted(p.name for p in folder.glob("000[45]-*")) == [
        "0004-use-kafka.md",
        "0005-use-rabbitmq.md",
    ]
    records = _records(run, tmp_path)
    assert records[4]["title"] == "Use Kafka" and records[5]["title"] == "Use RabbitMQ"
    rel = {n: [(x["type"], x["target"]) for x in r["relations"]] for n, r in records.items()}
    assert rel[2] == [("relates-to", 4)] and rel[4] == [("relates-to", 2)]
    assert rel[3] == [("amends", 5)] and rel[5] == [("amended-by", 3)]
    assert "[5. Use RabbitMQ](0005-use-rabbitmq.md)" in (folder / "0003-use-rest.md").read_text()
    assert (folder / "0005-use-rabbitmq.md").read_text().startswith("# 5. Use RabbitMQ\n")
    again = run("renumber", "--duplicates", "--apply")
    assert again.code == 0 and "no duplicate numbers" in again.err


def test_renumber_rewrites_links_labels_mentions_and_the_readme(run: Run, tmp_path: Path) -> None:
    assert run("init", "--convention", "nygard").code == 0
    assert run("new", "Use PostgreSQL").code == 0
    folder = tmp_path / "doc" / "adr"
    readme = folder / "README.md"
    readme.write_text(readme.read_text() + "\nSee ADR-0002 and [2. PG](0002-use-postgresql.md).\n")
    first = folder / "0001-record-architecture-decisions.md"
    first.write_text(first.read_text() + "\nLater, ADR 2 chose the database.\n")
    assert run("renumber", "2", "12", "--apply").code == 0
    assert "See ADR-0012 and [12. PG](0012-use-postgresql.md)." in readme.read_text()
    assert "Later, ADR 12 chose the database." in first.read_text()
    assert (folder / "0012-use-postgresql.md").read_text().startswith("# 12. Use PostgreSQL")
    refused = run("renumber", "12", "1", "--apply")
    assert refused.code == 2 and "belongs to" in refused.err


def test_renumber_rewrites_front_matter_relations(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "docs" / "decisions"
    folder.mkdir(parents=True)
    (folder / "0001-old.md").write_text("---\nstatus: accepted\n---\n\n# Old\n")
    (folder / "0002-new.md").write_text("---\nstatus: accepted\nsupersedes: [1]\n---\n\n# New\n")
    assert run("renumber", "1", "5", "--apply").code == 0
    assert "supersedes: [5]" in (folder / "0002-new.md").read_text()
    records = _records(run, tmp_path)
    assert records[2]["relations"] == [{"type": "supersedes", "target": 5}]
