"""The settled folder kept whole (read/folder_memo.py): it answers exactly as a fresh read
does, and never for a folder that changed in anything settling reads."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from archlog.read import settle
from archlog.read.store import Store
from tests.conftest import Result, cli_env

RECORD = "# {n}. Choice {n}\n\nDate: {date}\n\n## Status\n\n{status}\n\n## Context\n\n{body}\n"


def _folder(root: Path) -> Path:
    """Records in two areas whose numbers restart (settling makes their ids), one that
    supersedes another, and one dated only by the folder's index."""
    adr = root / "adr"
    for area in ("web", "data"):
        (adr / area).mkdir(parents=True)
        for n in (1, 2):
            (adr / area / f"000{n}-choice-{n}.md").write_text(
                RECORD.format(n=n, date=f"2025-02-0{n}", status="Accepted", body=f"Why {area} {n}.")
            )
    (adr / "web" / "0003-choice-3.md").write_text(
        "# 3. Choice 3\n\n## Status\n\nAccepted\n\nSupersedes [2](0002-choice-2.md)\n"
    )
    (adr / "README.md").write_text(
        "# Decisions\n\n| Number | Title | Date |\n|---|---|---|\n"
        "| 3 | [Choice 3](web/0003-choice-3.md) | 2025-03-09 |\n"
    )
    return adr


def _list(run: Callable[..., Result], root: Path, **env: str) -> tuple[str, str]:
    result = run(
        "list",
        "--format",
        "json",
        "--dir",
        "adr",
        cwd=root,
        env=cli_env(ARCHLOG_CACHE_DIR=str(root / "cache"), **env),
    )
    assert result.code == 0, result.err
    return result.out, result.err


def _agree(run: Callable[..., Result], root: Path) -> list[dict[str, object]]:
    """Listed three times with the caches (the later runs answer from the memo) and once
    without: the same records and warnings each time."""
    fresh = _list(run, root, ARCHLOG_NO_CACHE="1")
    assert [_list(run, root) for _ in range(3)] == [fresh] * 3
    records: list[dict[str, object]] = json.loads(fresh[0])
    return records


def _settles(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the folder is settled from here on."""
    calls: list[int] = []
    real = settle.settle

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("archlog.read.store.settle", counting)
    return calls


def test_an_unchanged_folder_is_not_settled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARCHLOG_CACHE_DIR", str(tmp_path / "cache"))
    adr = _folder(tmp_path)
    first = [Store.open(adr).json_line(r) for r in Store.open(adr).records]
    calls = _settles(monkeypatch)
    store = Store.open(adr)
    again = [store.json_line(r) for r in store.records]
    assert calls == [] and again == first
    assert store.numbering == "area"
    third = next(r for r in store.records if r.area == "web" and r.number == 3)
    assert third.date == "2025-03-09"  # the index's date, kept with the settled record
    (adr / "data" / "0002-choice-2.md").write_text(
        RECORD.format(n=2, date="2025-04-01", status="Rejected", body="No.")
    )
    assert [r.status for r in Store.open(adr).records if r.area == "data"][-1] == "rejected"
    assert calls == [1]


def test_every_input_of_settling_is_seen(tmp_path: Path, run: Callable[..., Result]) -> None:
    root = tmp_path
    adr = _folder(root)
    records = _agree(run, root)
    assert [r["id"] for r in records][:4] == ["data/0001", "data/0002", "web/0001", "web/0002"]
    assert "web/0002" in json.dumps(records[4])  # a relation target settled by the folder
    (adr / "README.md").write_text((adr / "README.md").read_text().replace("03-09", "03-10"))
    assert "2025-03-10" in json.dumps(_agree(run, root))  # the index's bytes are in the key
    (adr / "web" / "0004-choice-4.md").write_text(
        RECORD.format(n=4, date="2025-05-01", status="Proposed", body="Four.")
    )
    assert len(_agree(run, root)) == 6
    (adr / "web" / "0004-choice-4.md").rename(adr / "data" / "0004-choice-4.md")
    moved = _agree(run, root)  # same bytes, another area: another record
    assert any(r["area"] == "data" and r["number"] == 4 for r in moved)
    (root / ".archlog.toml").write_text('[index]\nfile = "adr/INDEX.md"\n')
    assert "2025-03-10" not in json.dumps(_agree(run, root))  # the configuration too


def test_a_folder_that_warned_is_read_again(tmp_path: Path, run: Callable[..., Result]) -> None:
    root = tmp_path
    adr = _folder(root)
    (adr / "web" / "0005-broken.md").write_bytes(b"# 5. Broken \xff\xfe title\x00\n")
    outs = [_list(run, root) for _ in range(3)]
    assert outs[0] == outs[1] == outs[2]
    assert "0005-broken.md" in outs[2][1]  # said on every run, not only the first


def test_once_kept_the_files_bytes_are_not_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the settled folder kept, reading holds each file's content key, not its bytes;
    a file whose records are not in the parse cache is read again, as it is then, and no
    memo is kept under the keys it no longer has."""
    monkeypatch.setenv("ARCHLOG_CACHE_DIR", str(tmp_path / "cache"))
    adr = _folder(tmp_path)
    cold = Store.open(adr)
    assert all(c.data is not None for c in cold.contents())  # nothing kept yet: bytes held
    first = [cold.json_line(r) for r in cold.records]
    store = Store.open(adr)
    assert all(c.data is None for c in store.contents())
    assert [store.json_line(r) for r in store.records] == first
    changed = adr / "data" / "0002-choice-2.md"
    changed.write_text(RECORD.format(n=2, date="2025-04-01", status="Rejected", body="No."))
    racing = Store.open(adr)
    assert all(c.data is None for c in racing.contents())  # keys taken: the bytes let go
    changed.write_text(RECORD.format(n=2, date="2025-04-02", status="Deprecated", body="Old."))
    assert [r.status for r in racing.records if r.area == "data"][-1] == "deprecated"
    calls = _settles(monkeypatch)
    again = Store.open(adr)
    assert [r.status for r in again.records if r.area == "data"][-1] == "deprecated"
    assert calls == [1]  # no memo was kept for the keys read before the change
    later = Store.open(adr)
    assert [later.json_line(r) for r in later.records] == [
        again.json_line(r) for r in again.records
    ]
    assert calls == [1]
