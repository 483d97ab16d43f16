"""Every real corpus against a table written by reading its files (tests/fixtures/corpora).

The tables were written by a person reading each file, not produced by archlog; where a case
is ambiguous the table carries a comment with the reasoning.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from archlog.api import Repository
from tests.conftest import FIXTURES, corpus, corpus_dirs

TABLES = FIXTURES / "corpora"


def tables() -> list[Path]:
    return sorted(TABLES.glob("*.yaml")) if TABLES.is_dir() else []


@pytest.mark.needs("corpora")
def test_every_table_names_a_corpus() -> None:
    assert {t.stem for t in tables()} <= {p.name for p in corpus_dirs()}


@pytest.mark.parametrize("table", tables(), ids=lambda p: p.stem)
def test_corpus_reads_as_a_reader_would(table: Path) -> None:
    folder = corpus(table.stem)
    expected: list[dict[str, Any]] = yaml.safe_load(table.read_text(encoding="utf-8"))["records"]
    repo = Repository.open(folder)
    got = {_key(r, folder): r for r in repo.records}
    assert sorted(got) == sorted(e["file"] for e in expected)
    problems = []
    for want in expected:
        record = got[want["file"]]
        have = {
            "number": record.number,
            "id": record.id,
            "title": record.title,
            "status": record.status,
            "status_text": record.status_text,
            "date": record.date,
            "relations": [{"type": r.type, "target": r.target} for r in record.relations],
        }
        for key, value in have.items():
            if key in want and want[key] != value:
                problems.append(f"{want['file']}: {key}: expected {want[key]!r}, got {value!r}")
    assert not problems, "\n".join(problems)


def _key(record: Any, folder: Path) -> str:
    """A record as the tables name it: its file's path in the corpus, ``#ID`` for an entry."""
    rel: str = record.path.relative_to(folder).as_posix()
    return rel + (f"#{record.entry}" if record.entry else "")
