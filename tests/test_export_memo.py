"""The export's caches: the kept export answers an unchanged folder, each file's kept lines
answer for the files that did not change, and neither ever answers for what changed."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from archlog.features.export import archlog_json_bytes
from archlog.read import cache
from archlog.read.store import Store
from tests.conftest import Result, cli_env
from tests.parses import parsed_files

RECORD = (
    "# {n}. Decision {n}\n\nDate: 2025-01-0{n}\n\n## Status\n\n{status}\n\n## Context\n\n{body}\n"
)


def _project(tmp_path: Path) -> Path:
    adr = tmp_path / "adr"
    adr.mkdir()
    for n in (1, 2):
        (adr / f"000{n}-decision-{n}.md").write_text(
            RECORD.format(n=n, status="Accepted", body=f"Context {n}.")
        )
    return tmp_path


def _export(run: Callable[..., Result], root: Path, **env: str) -> tuple[str, str]:
    result = run(
        "export",
        "--dir",
        "adr",
        cwd=root,
        env=cli_env(ARCHLOG_CACHE_DIR=str(root / "cache"), **env),
    )
    assert result.code == 0, result.err
    return result.out, result.err


def _agree(run: Callable[..., Result], root: Path) -> str:
    """Export three times with the caches (the later runs may take kept results) and once
    without: output and warnings must be the same each time."""
    fresh = _export(run, root, ARCHLOG_NO_CACHE="1")
    assert [_export(run, root) for _ in range(3)] == [fresh] * 3
    return fresh[0]


def test_every_change_is_seen(tmp_path: Path, run: Callable[..., Result]) -> None:
    root = _project(tmp_path)
    adr = root / "adr"
    assert "Context 2." in _agree(run, root)
    (adr / "0002-decision-2.md").write_text(RECORD.format(n=2, status="Rejected", body="Two."))
    out = _agree(run, root)
    assert '"status": "rejected"' in out and "Context 2." not in out
    (adr / "0003-decision-3.md").write_text(RECORD.format(n=3, status="Proposed", body="Three."))
    assert '"number": 3' in _agree(run, root)
    (root / ".archlog.toml").write_text('convention = "madr"\n')  # named in the head
    assert '"convention": "madr"' in _agree(run, root)
    (root / ".archlog.toml").unlink()
    (adr / "0001-decision-1.md").unlink()
    assert '"number": 1' not in _agree(run, root)
    (adr / "0002-decision-2.md").rename(adr / "0004-decision-2.md")  # same bytes, new name
    assert "0004-decision-2.md" in _agree(run, root)


def test_warnings_are_given_on_every_run(tmp_path: Path, run: Callable[..., Result]) -> None:
    root = _project(tmp_path)
    adr = root / "adr"
    (adr / "0003-latin1.md").write_bytes("# 3. Caf\xe9\n".encode("latin-1"))
    (adr / "0004-no-title.md").write_text("Status: Accepted\n\nJust text.\n")
    (adr / "0005-broken-yaml.md").write_text("---\nstatus: [accepted\n---\n# Broken\n")
    _agree(run, root)
    err = _export(run, root)[1]
    assert "0003-latin1.md:1: not valid UTF-8 text" in err
    assert "0004-no-title.md: no title" in err
    assert "0005-broken-yaml.md:3: invalid YAML front matter" in err
    if hasattr(os, "symlink"):  # a file that cannot be read: no kept export, still the same
        os.symlink("0006-loop.md", adr / "0006-loop.md")
        _agree(run, root)
        assert "0006-loop.md: cannot read" in _export(run, root)[1]


def test_the_kept_export_is_what_an_unchanged_folder_gets(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    root = _project(tmp_path)
    _export(run, root)
    memo = next((root / "cache").glob("*.export-memo.msgpack"))
    loaded = cache.load_file(memo)
    assert loaded is not None
    stamp, entries = loaded
    key, (output, warnings) = entries["export"]
    planted = output.replace(b"Context 1.", b"planted")
    assert cache.dump_file(memo, stamp, {"export": [key, [planted, warnings]]})
    assert "planted" in _export(run, root)[0]  # nothing changed: the kept export answers
    (root / "adr" / "0002-decision-2.md").write_text(
        RECORD.format(n=2, status="Accepted", body="Changed.")
    )
    assert "planted" not in _export(run, root)[0]  # a record changed: made again


def test_only_what_changed_is_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARCHLOG_CACHE_DIR", str(tmp_path / "cache"))
    adr = _project(tmp_path) / "adr"
    for n in range(3, 40):
        (adr / f"{n:04d}-decision-{n}.md").write_text(
            RECORD.format(n=n % 10, status="Accepted", body=f"Context {n}.")
        )
    first = archlog_json_bytes(Store.open(adr))
    parsed = parsed_files(monkeypatch)
    assert archlog_json_bytes(Store.open(adr)) == first
    assert parsed == []  # unchanged: the kept export, no file parsed
    (adr / "0007-decision-7.md").write_text(RECORD.format(n=7, status="Deprecated", body="New."))
    again = archlog_json_bytes(Store.open(adr))
    assert parsed == ["0007-decision-7.md"]  # the others' lines were kept
    monkeypatch.setenv("ARCHLOG_NO_CACHE", "1")
    assert again == archlog_json_bytes(Store.open(adr))


def test_a_decision_log_too(tmp_path: Path, run: Callable[..., Result]) -> None:
    """One file holding every record: the kept results follow its entries as they change."""
    env = cli_env(ARCHLOG_CACHE_DIR=str(tmp_path / "cache"))
    fresh_env = {**env, "ARCHLOG_NO_CACHE": "1"}
    assert run("init", "--convention", "log", env=env).code == 0
    for title in ("Use queues", "Use streams"):
        assert run("new", title, env=env).code == 0

    def agree() -> str:
        for command in (["export"], ["lint", "--format", "json"]):
            fresh = run(*command, env=fresh_env)
            cached = [run(*command, env=env) for _ in range(3)]
            assert [(r.out, r.err) for r in cached] == [(fresh.out, fresh.err)] * 3
        return run("export", env=env).out

    assert "Use streams" in agree()
    log = next(tmp_path.rglob("DECISIONS.md"))
    log.write_text(log.read_text().replace("Use streams", "Use event streams"))
    out = agree()
    assert "Use event streams" in out and "Use streams" not in out
    assert run("accept", "2", env=env).code == 0
    assert '"status": "accepted"' in agree()


def test_the_export_as_data_is_every_record_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from archlog.features.export import archlog_json

    monkeypatch.setenv("ARCHLOG_CACHE_DIR", str(tmp_path / "cache"))
    adr = _project(tmp_path) / "adr"
    (adr / "0003-latin1.md").write_bytes("# 3. Caf\xe9\n".encode("latin-1"))  # warned, left out
    for _ in range(2):  # made, then kept
        repo = Store.open(adr)
        data = archlog_json(repo)
        assert [str(w) for w in repo.warnings] == [
            f"{adr / '0003-latin1.md'}:1: not valid UTF-8 text"
        ]
        fresh = Store.open(adr)
        fresh.detail(fresh.records)
        assert data["records"] == [r.to_json(folder=adr, full=True) for r in fresh.records]
        assert data["convention"] == fresh.convention.name and data["format"] == "archlog"
