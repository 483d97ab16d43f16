"""The kept lint report: used when nothing it read changed, never when something did."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from archlog.read import cache
from tests.conftest import Result, cli_env

RECORD = """# {n}. Decision {n}

Date: {date}

## Status

{status}

## Context

{body}

## Decision

We decide {n}.
"""


def _lint(run: Callable[..., Result], root: Path, **env: str) -> list[tuple[str, str, int, str]]:
    """The findings of `archlog lint` run in ``root`` (the cache under ``root/cache``)."""
    result = run(
        "lint",
        "--dir",
        "adr",
        "--format",
        "json",
        cwd=root,
        env=cli_env(ARCHLOG_CACHE_DIR=str(root / "cache"), **env),
    )
    assert result.code in (0, 1), result.err
    data = json.loads(result.out)
    return [(f["rule"], f["path"], f["line"], f["message"]) for f in data["findings"]]


def _agree(run: Callable[..., Result], root: Path, **env: str) -> list[tuple[str, str, int, str]]:
    """Lint twice with the caches (the second run may take the kept report) and once without:
    all three must say the same."""
    first = _lint(run, root, **env)
    again = _lint(run, root, **env)
    fresh = _lint(run, root, ARCHLOG_NO_CACHE="1", **env)
    assert first == fresh and again == fresh
    return fresh


def _project(tmp_path: Path) -> Path:
    adr = tmp_path / "adr"
    adr.mkdir()
    links = (
        "See [two](0002-decision-2.md), [the diagram](assets/diagram.png), [notes](../NOTES.md)."
    )
    (adr / "0001-decision-1.md").write_text(
        RECORD.format(n=1, date="2025-01-01", status="Accepted", body=links)
    )
    (adr / "0002-decision-2.md").write_text(
        RECORD.format(n=2, date="2025-01-01", status="Proposed", body="Context.")
    )
    (adr / "assets").mkdir()
    return tmp_path


def test_every_input_of_the_report_is_seen(tmp_path: Path, run: Callable[..., Result]) -> None:
    root = _project(tmp_path)
    early = {"ARCHLOG_TODAY": "2025-01-10"}
    found = _agree(run, root, **early)
    messages = [m for *_, m in found]
    assert "link to assets/diagram.png, which does not exist" in messages
    assert "link to ../NOTES.md, which does not exist" in messages

    (root / "adr" / "assets" / "diagram.png").write_bytes(b"png")  # inside, not in the listing
    assert "link to assets/diagram.png, which does not exist" not in str(_agree(run, root, **early))
    (root / "NOTES.md").write_text("notes\n")  # outside the folder
    assert "../NOTES.md" not in str(_agree(run, root, **early))

    late = _agree(run, root, ARCHLOG_TODAY="2026-06-01")  # a proposal left open too long
    assert any(rule == "ADR023" for rule, *_ in late)

    run("index", "--dir", "adr", cwd=root, env=cli_env(ARCHLOG_CACHE_DIR=str(root / "cache")))
    assert not any("index is stale" in m for *_, m in _agree(run, root, **early))
    readme = root / "adr" / "README.md"
    readme.write_text(readme.read_text().replace("Decision 2", "Decision two"))  # stale index
    assert any("index is stale" in m for *_, m in _agree(run, root, **early))

    (root / "pyproject.toml").write_text('[tool.archlog.lint]\ndisable = ["ADR014"]\n')
    assert not any(rule == "ADR014" for rule, *_ in _agree(run, root, **early))

    (root / "adr" / "0003-decision-3.md").write_text(  # a new record, linking to a gone one
        RECORD.format(n=3, date="2025-01-02", status="Accepted", body="After [9](0009-x.md).")
    )
    (root / "pyproject.toml").unlink()
    assert "link to 0009-x.md, which does not exist" in str(_agree(run, root, **early))
    (root / "adr" / "0003-decision-3.md").write_text(
        RECORD.format(n=3, date="2025-01-02", status="Accepted", body="No link now.")
    )
    assert "0009-x.md" not in str(_agree(run, root, **early))


def test_the_kept_report_is_what_an_unchanged_folder_gets(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    root = _project(tmp_path)
    _lint(run, root)
    memo = next((root / "cache").glob("*.lint-report.msgpack"))
    loaded = cache.load_file(memo)
    assert loaded is not None
    stamp, entries = loaded
    key, (rows, asked, records, warnings) = entries["report"]
    rows.append(["ADR001", "error", str(root / "adr" / "0002-decision-2.md"), 1, "planted", 1])
    assert cache.dump_file(memo, stamp, {"report": [key, [rows, asked, records, warnings]]})
    assert "planted" in str(_lint(run, root))  # nothing changed: the kept report answers
    (root / "adr" / "0002-decision-2.md").write_text(
        RECORD.format(n=2, date="2025-01-01", status="Accepted", body="Context.")
    )
    assert "planted" not in str(_lint(run, root))  # a record changed: lint runs in full


def test_the_folders_own_template_is_seen(tmp_path: Path, run: Callable[..., Result]) -> None:
    root = _project(tmp_path)
    held = "Describe the forces at play, in a paragraph or two."
    (root / "adr" / "0002-decision-2.md").write_text(
        RECORD.format(n=2, date="2025-01-01", status="Proposed", body=held)
    )
    assert "still holds the template's text" not in str(_agree(run, root))
    (root / "adr" / "templates").mkdir()
    template = root / "adr" / "templates" / "template.md"
    template.write_text(
        f"# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\n## Context\n\n{held}\n"
    )
    assert "still holds the template's text" in str(_agree(run, root))
    template.write_text("# NUMBER. TITLE\n\n## Context\n\nSomething else to write here.\n")
    assert "still holds the template's text" not in str(_agree(run, root))


def test_warnings_are_given_on_every_run(tmp_path: Path, run: Callable[..., Result]) -> None:
    root = _project(tmp_path)
    adr = root / "adr"
    (adr / "0003-latin1.md").write_bytes("# 3. Caf\xe9\n".encode("latin-1"))
    (adr / "0004-no-title.md").write_text("Status: Accepted\n\nJust text.\n")
    env = cli_env(ARCHLOG_CACHE_DIR=str(root / "cache"))
    runs = [run("lint", "--dir", "adr", cwd=root, env=env) for _ in range(3)]
    fresh = run("lint", "--dir", "adr", cwd=root, env={**env, "ARCHLOG_NO_CACHE": "1"})
    assert [(r.out, r.err) for r in runs] == [(fresh.out, fresh.err)] * 3
    assert "0003-latin1.md:1: not valid UTF-8 text" in fresh.err
    assert "0004-no-title.md: no title" in fresh.err


def test_an_unchanged_folder_is_not_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from archlog.features import lint
    from archlog.read import reader
    from archlog.read.store import Store

    monkeypatch.setenv("ARCHLOG_CACHE_DIR", str(tmp_path / "cache"))
    adr = _project(tmp_path) / "adr"
    first = lint.run(Store.open(adr), today="2025-01-10")
    parsed: list[str] = []
    real = reader.parse_file

    def counted(text: str, path: Path, **kw: Any) -> Any:
        parsed.append(path.name)
        return real(text, path, **kw)

    monkeypatch.setattr(reader, "parse_file", counted)
    again = lint.run(Store.open(adr), today="2025-01-10")
    assert (again.findings, again.records) == (first.findings, first.records)
    assert parsed == []  # the files were read and their keys compared, none parsed
    lint.run(Store.open(adr), today="2025-06-01")  # another day: lint runs in full
    assert {"0001-decision-1.md", "0002-decision-2.md"} <= set(parsed)
