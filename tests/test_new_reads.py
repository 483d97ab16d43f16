"""What ``new`` reads of a folder: its names, the newest records and the template — never
every record where its numbers need only the names; and what it checks before the lock."""

from __future__ import annotations

import time
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from archlog.api import Repository
from tests.conftest import Run, cli_env
from tests.parses import parsed_files

RECORD = "# {n}. Decision {n}\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n"


def _folder(root: Path, count: int, area: str | None = None) -> Path:
    folder = root / "doc" / "adr"
    where = folder / area if area else folder
    where.mkdir(parents=True)
    for n in range(1, count + 1):
        (where / f"{n:04d}-decision-{n}.md").write_text(RECORD.format(n=n))
    return folder


def _parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files parsed from here on, the parse cache off."""
    monkeypatch.setenv("ARCHLOG_NO_CACHE", "1")
    return parsed_files(monkeypatch)


def test_new_reads_only_the_newest_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path, 60)
    parsed = _parsed(monkeypatch)
    made = Repository.open(folder).new("Next one").apply().value
    assert made.name == "0061-next-one.md"
    newest = {f"{n:04d}-decision-{n}.md" for n in range(36, 61)}
    assert set(parsed) - {made.name} == newest  # the 25 the dialect is voted from, once each
    assert len(parsed) - parsed.count(made.name) == 25


def test_new_in_an_area_reads_the_folder_where_numbering_needs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path, 3, area="api")
    for n in range(1, 4):
        (folder / "web").mkdir(exist_ok=True)
        (folder / "web" / f"{n:04d}-web-{n}.md").write_text(RECORD.format(n=n))
    parsed = _parsed(monkeypatch)
    made = Repository.open(folder).new("Next api", area="api").apply().value
    assert made == folder / "api" / "0004-next-api.md"  # numbers restart per area
    assert "0001-web-1.md" in parsed  # whether they do is the folder's to say


def test_a_template_found_by_its_name_renders_before_the_lock(run: Run, tmp_path: Path) -> None:
    from archlog.infra.locks import folder_lock

    folder = _folder(tmp_path, 2)
    (folder / "adr-template.md").write_text("# {{ title }}\n\n{% include 'x' %}\n")
    with folder_lock(folder):  # another edit holds the folder: the template fails anyway
        start = time.perf_counter()
        result = run("new", "Third", env=cli_env(ARCHLOG_LOCK_TIMEOUT="3"))
        assert time.perf_counter() - start < 2.5
    assert result.code == 2 and "may not use {% include %}" in result.err
    assert "adr-template.md" in result.err


def test_an_unknown_status_fails_before_the_lock(run: Run, tmp_path: Path) -> None:
    from archlog.infra.locks import folder_lock

    folder = _folder(tmp_path, 2)
    with folder_lock(folder):
        start = time.perf_counter()
        result = run("new", "Third", "--status", "pondered", env=cli_env(ARCHLOG_LOCK_TIMEOUT="3"))
        assert time.perf_counter() - start < 2.5
    assert result.code == 2 and "unknown status 'pondered'" in result.err
    assert sorted(p.name for p in folder.iterdir()) == ["0001-decision-1.md", "0002-decision-2.md"]


def _listings(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders walked from here on (each call of the listing's walk)."""
    from archlog.read import layout, store

    walked: list[Path] = []
    real = layout.list_folder

    def counting(folder: Path) -> layout.Listing:
        walked.append(folder)
        return real(folder)

    monkeypatch.setattr(store, "list_folder", counting)
    return walked


def test_new_lists_the_folder_once_when_nothing_changed_under_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path, 30)
    walked = _listings(monkeypatch)
    made = Repository.open(folder).new("Next one").apply().value
    assert made.name == "0031-next-one.md"
    assert walked == [folder]  # the listing made before the lock stood for the one under it


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("add", "0032-next-one.md"),  # another process's record: its number is taken
        # no git history here to say 30 was used: with the old listing it would be 31
        ("remove-newest", "0030-next-one.md"),
        ("add-in-area", "0031-next-one.md"),
    ],
)
def test_a_listing_made_before_the_lock_is_made_again_when_the_folder_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str, expected: str
) -> None:
    """Between the first listing and the lock, another process changes the folder: the
    listing under the lock is made again and sees the change."""
    from archlog.infra import locks

    folder = _folder(tmp_path, 30)
    (folder / "api").mkdir()
    walked = _listings(monkeypatch)
    real = locks.folder_lock  # looked up by the change when it is applied

    def meanwhile(path: Path) -> AbstractContextManager[None]:
        if change == "add":
            (folder / "0031-someone-else.md").write_text(RECORD.format(n=31))
        elif change == "remove-newest":
            (folder / "0030-decision-30.md").unlink()
        else:
            (folder / "api" / "0001-an-area-record.md").write_text(RECORD.format(n=1))
        return real(path)

    monkeypatch.setattr(locks, "folder_lock", meanwhile)
    made = Repository.open(folder).new("Next one").apply().value
    assert made.name == expected
    assert walked == [folder, folder]
