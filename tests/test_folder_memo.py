"""The settled folder kept whole (read/folder_memo.py) and the first read shared among worker
processes (read/parallel.py): each answers exactly as a fresh read does, and never for a
folder that changed in anything settling reads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from archlog.errors import ArchlogError
from archlog.read import loading, parallel, settle
from archlog.read.content import Content
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


def _generated(root: Path, count: int) -> Path:
    adr = root / "many"
    adr.mkdir()
    for n in range(1, count + 1):
        status = "Superseded by [1](0001-choice-1.md)" if n % 7 == 0 else "Accepted"
        (adr / f"{n:04d}-choice-{n}.md").write_text(
            RECORD.format(
                n=n,
                date=f"2024-{n % 12 + 1:02d}-1{n % 9}",
                status=status,
                body=f"Reason {n}; see ADR-{max(1, n - 1)}.",
            )
        )
    (adr / "0050-bad.md").write_bytes(b"\xff\xfe not text")
    return adr


def _run_list(adr: Path, tmp_path: Path, jobs: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ARCHLOG_NO_CACHE": "1", "ARCHLOG_JOBS": jobs}
    return subprocess.run(
        [sys.executable, "-m", "archlog", "list", "--format", "json", "--dir", str(adr)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )


def test_workers_read_what_one_process_reads(tmp_path: Path) -> None:
    """A real first read of more files than the workers start for: the same records, in
    the same order, and the same warnings, with worker processes as without."""
    adr = _generated(tmp_path, parallel.MIN_FILES + 100)
    alone, shared = _run_list(adr, tmp_path, "1"), _run_list(adr, tmp_path, "2")
    assert alone.returncode == shared.returncode == 0, shared.stderr
    assert shared.stdout == alone.stdout and shared.stderr == alone.stderr
    assert "0050-bad.md" in shared.stderr
    assert len(json.loads(shared.stdout)) == parallel.MIN_FILES + 100


def test_workers_start_only_where_it_is_safe_and_worth_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1, 2, 3}, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.delenv("ARCHLOG_JOBS", raising=False)
    assert parallel.workers(parallel.MIN_FILES - 1) == 0  # too few files to pay for them
    assert parallel.workers(100_000) == 4
    monkeypatch.setenv("ARCHLOG_JOBS", "1")
    assert parallel.workers(100_000) == 0
    monkeypatch.setenv("ARCHLOG_JOBS", "2")
    assert parallel.workers(100_000) == 2
    monkeypatch.delenv("ARCHLOG_JOBS")
    monkeypatch.setattr(threading, "active_count", lambda: 2)  # a thread: no fork
    assert parallel.workers(100_000) == 0
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(sys, "platform", "darwin")
    assert parallel.workers(100_000) == 0


def test_rows_from_workers_restore_what_was_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows a worker sends back (made here, as a worker makes them) give the records a
    direct parse gives, field by field, and the warnings too."""
    adr = _generated(tmp_path, 40)
    store = Store.open(adr)
    contents = list(store._load(store.listing.sources))

    def as_a_worker(
        misses: Sequence[Content], folder_names: bool, folder: Path
    ) -> list[list[list[Any]] | ArchlogError]:
        return parallel._parse_chunk(misses, (folder_names, folder))

    monkeypatch.setattr(parallel, "parse_all", as_a_worker)
    warned: list[ArchlogError] = []
    shared = [r for p in loading.parse(contents, warned, None, folder=adr) for r in p.records]
    monkeypatch.undo()
    alone_warned: list[ArchlogError] = []
    alone = [r for p in loading.parse(contents, alone_warned, None) for r in p.records]
    assert [str(w) for w in warned] == [str(w) for w in alone_warned] and warned
    assert [r.to_json(folder=adr) for r in shared] == [r.to_json(folder=adr) for r in alone]
