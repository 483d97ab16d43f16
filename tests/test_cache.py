"""The parse cache: content-keyed, outside the ADR folder, never wrong, never in the way."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from archlog.read import cache
from archlog.read.store import Store
from tests.conftest import CORPORA, Run, cli_env, corpus_cases

NYGARD = """# {n}. {title}

Date: 2024-01-0{n}

## Status

{status}

## Context

Context of {n}.

## Decision

We decide {n}.
"""


def _folder(tmp_path: Path, count: int = 3) -> Path:
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    for n in range(1, count + 1):
        text = NYGARD.format(n=n, title=f"Decision {n}", status="Accepted")
        (folder / f"{n:04d}-decision-{n}.md").write_text(text)
    return folder


@pytest.fixture
def cache_env(tmp_path: Path) -> dict[str, str]:
    return cli_env(ARCHLOG_CACHE_DIR=str(tmp_path / "cache"))


def _cache_files(env: dict[str, str]) -> list[Path]:
    """The parse cache's files (``<folder key>.msgpack``; derived caches add a kind)."""
    root = Path(env["ARCHLOG_CACHE_DIR"])
    return (
        sorted(p for p in root.glob("*.msgpack") if p.name.count(".") == 1) if root.exists() else []
    )


def test_second_run_uses_the_cache_and_says_the_same(
    run: Run, tmp_path: Path, cache_env: dict[str, str]
) -> None:
    folder = _folder(tmp_path)
    before = sorted(p.name for p in folder.iterdir())
    first = run("list", "--format", "json", env=cache_env)
    assert first.code == 0, first.err
    assert len(_cache_files(cache_env)) == 1
    second = run("list", "--format", "json", env=cache_env)
    assert second.out == first.out
    assert sorted(p.name for p in folder.iterdir()) == before  # nothing written beside records


def test_a_changed_file_is_read_again_even_with_the_same_size_and_time(
    run: Run, tmp_path: Path, cache_env: dict[str, str]
) -> None:
    folder = _folder(tmp_path)
    target = folder / "0002-decision-2.md"
    assert '"accepted"' in run("list", "--format", "json", env=cache_env).out
    stat = target.stat()
    text = target.read_text().replace("Accepted", "Rejected")  # same length
    target.write_text(text)
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert target.stat().st_size == stat.st_size
    out = run("list", "--format", "json", "--status", "rejected", env=cache_env)
    assert out.code == 0 and '"id": "0002"' in out.out


def test_details_of_a_cached_record_are_read_on_demand(
    run: Run, tmp_path: Path, cache_env: dict[str, str]
) -> None:
    _folder(tmp_path)
    run("list", env=cache_env)
    shown = run("show", "2", env=cache_env)
    assert shown.code == 0, shown.err
    assert "We decide 2." in shown.out


def test_a_corrupt_or_foreign_cache_is_ignored(
    run: Run, tmp_path: Path, cache_env: dict[str, str]
) -> None:
    _folder(tmp_path)
    expected = run("list", "--format", "json", env=cache_env).out
    (file,) = _cache_files(cache_env)
    loaded = cache.load_file(file)
    assert loaded is not None
    _stamp, entries = loaded
    for name in entries:  # a cache written by other code: same keys, other results
        key, rows = entries[name]
        entries[name] = [key, [["WRONG", *row[1:]] for row in rows]]
    assert cache.dump_file(file, "another archlog", entries)
    for memo in Path(cache_env["ARCHLOG_CACHE_DIR"]).glob("*.settled.msgpack"):
        memo.unlink()  # the folder kept whole would answer first
    assert run("list", "--format", "json", env=cache_env).out == expected
    for kept in Path(cache_env["ARCHLOG_CACHE_DIR"]).glob("*.msgpack"):  # the memo as well
        kept.write_bytes(b"\x00garbage")
    again = run("list", "--format", "json", env=cache_env)
    assert again.code == 0 and again.out == expected and again.err == ""


def test_an_unwritable_cache_place_is_no_error(run: Run, tmp_path: Path) -> None:
    _folder(tmp_path)
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    env = cli_env(ARCHLOG_CACHE_DIR=str(blocker / "cache"))
    result = run("list", "--format", "json", env=env)
    assert result.code == 0 and result.err == "" and '"id": "0003"' in result.out


def test_turned_off_it_writes_nothing(run: Run, tmp_path: Path, cache_env: dict[str, str]) -> None:
    _folder(tmp_path)
    assert run("list", env={**cache_env, "ARCHLOG_NO_CACHE": "1"}).code == 0
    assert _cache_files(cache_env) == []
    (tmp_path / ".archlog.toml").write_text("cache = false\n")
    assert run("list", env=cache_env).code == 0
    assert _cache_files(cache_env) == []


def test_removed_files_leave_the_list_and_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARCHLOG_CACHE_DIR", str(tmp_path / "cache"))
    folder = _folder(tmp_path, count=4)
    assert len(Store.open(folder).records) == 4
    (folder / "0003-decision-3.md").unlink()
    repo = Store.open(folder)
    assert [r.id for r in repo.records] == ["0001", "0002", "0004"]
    store = Store.open(folder).parse_cache
    assert store is not None and sorted(store.entries) == [
        "0001-decision-1.md",
        "0002-decision-2.md",
        "0004-decision-4.md",
    ]


@pytest.mark.parametrize("corpus", corpus_cases())
def test_cached_records_equal_freshly_read_ones(
    corpus: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every corpus, read through the cache, gives exactly what a fresh read gives."""
    copy = tmp_path / corpus
    shutil.copytree(CORPORA / corpus, copy)
    folder = copy
    monkeypatch.setenv("ARCHLOG_CACHE_DIR", str(tmp_path / "cache"))
    assert Store.open(folder).records  # fills the cache
    cached = Store.open(folder)
    restored = cached.records
    assert cached.parse_cache is not None and cached.parse_cache.entries
    monkeypatch.setenv("ARCHLOG_NO_CACHE", "1")
    uncached = Store.open(folder)
    fresh = uncached.records
    assert [cached.json_line(r) for r in restored] == [uncached.json_line(r) for r in fresh]
    assert not any(r.detailed for r in restored)  # the details were not read
    cached.detail(restored)  # read on demand, equal to a fresh parse's
    assert [r.to_json(folder=folder, full=True) for r in restored] == [
        r.to_json(folder=folder, full=True) for r in fresh
    ]
    assert restored == fresh


def test_the_fingerprint_covers_the_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    first = cache.fingerprint()
    monkeypatch.setattr(cache, "_fingerprint", None)
    monkeypatch.setattr(cache, "_PARSER_MODULES", (*cache._PARSER_MODULES, "features/*.py"))
    assert cache.fingerprint() != first


def test_only_the_records_a_dialect_is_voted_from_keep_their_traces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache keeps the traces of the newest records only; a later run votes the dialect
    from them without reading their files again."""
    monkeypatch.setenv("ARCHLOG_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "adr"
    folder.mkdir()
    for n in range(1, 31):
        (folder / f"{n:04d}-choice-{n}.md").write_text(
            f"# {n}. Choice {n}\n\nDate: 2025-01-01\n\n## Status\n\nAccepted\n"
        )
    assert all(r.trace is not None for r in Store.open(folder).records)  # parsed: traced
    store = Store.open(folder)
    records = store.records
    rows = store._memo_cache.entries["folder"][1][1] if store._memo_cache else []
    assert [row[-2] is not None for row in rows] == [False] * 5 + [True] * 25
    reads: list[str] = []
    real = store.read

    def reading(path: str | Path) -> bytes:
        reads.append(str(path))
        return real(path)

    monkeypatch.setattr(store, "read", reading)
    sample = store.sample()
    assert sample == records[-25:] and all(r.trace is not None for r in sample)
    assert reads == []  # the traces came from the cache
    assert store.convention.name  # voted from them
