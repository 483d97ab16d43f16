"""Configuration discovery and the usual folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archlog.api import Repository
from archlog.infra.config import discover
from tests.conftest import Run

RECORD = "# 1. A\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".archlog.toml", 'dir = "decisions/here"\n'),
        ("pyproject.toml", '[project]\nname = "x"\n\n[tool.archlog]\ndir = "decisions/here"\n'),
        (".adr-dir", "decisions/here\n"),
    ],
)
def test_configuration_found_walking_up(tmp_path: Path, name: str, text: str) -> None:
    write(tmp_path / name, text)
    write(tmp_path / "decisions/here/0001-a.md", RECORD)
    deep = tmp_path / "src" / "pkg"
    deep.mkdir(parents=True)
    cfg = discover(deep)
    assert cfg.source == tmp_path / name
    repo = Repository.open(cwd=deep)
    assert repo.folder == tmp_path / "decisions/here"
    assert [r.title for r in repo.records] == ["A"]


@pytest.mark.parametrize(
    "folder",
    [
        "doc/adr",
        "docs/adr",
        "docs/decisions",
        "docs/architecture/decisions",
        "architecture-decision-record",
    ],
)
def test_usual_folders(tmp_path: Path, folder: str) -> None:
    write(tmp_path / folder / "0001-a.md", RECORD)
    assert Repository.open(cwd=tmp_path).folder == tmp_path / folder


def test_dir_takes_a_single_file_log(run: Run, tmp_path: Path) -> None:
    write(
        tmp_path / "docs/DECISIONS.md",
        "# Log\n\n## ADR-001: One\n\n**Status:** Accepted\n\n---\n\n## ADR-002: Two\n\n"
        "**Status:** Proposed\n",
    )
    for target in ("docs/DECISIONS.md", "docs"):
        records = json.loads(run("list", "--format", "json", "--dir", target).out)
        assert [(r["id"], r["path"]) for r in records] == [
            ("ADR-001", "DECISIONS.md#ADR-001"),
            ("ADR-002", "DECISIONS.md#ADR-002"),
        ]
