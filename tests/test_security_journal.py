"""A journal is only ever this machine's for this folder; locks and temporary files cannot
be planted; a cache folder others can write to is not used."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.conftest import Run, cli_env

RECORD = (
    "# {n}. Decision {n}\n\nDate: 2024-05-0{n}\n\n## Status\n\nAccepted\n\n## Context\n\nWhy {n}.\n"
)


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "A",
            "GIT_AUTHOR_EMAIL": "a@example.invalid",
            "GIT_COMMITTER_NAME": "A",
            "GIT_COMMITTER_EMAIL": "a@example.invalid",
        },
    )


def _folder(root: Path, count: int = 3) -> Path:
    folder = root / "doc" / "adr"
    folder.mkdir(parents=True)
    for n in range(1, count + 1):
        (folder / f"{n:04d}-decision-{n}.md").write_text(RECORD.format(n=n))
    return folder


def test_a_journal_committed_to_a_repository_is_never_acted_on(run: Run, tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    folder = _folder(origin)
    outside = tmp_path / "outside"
    outside.mkdir()
    victim, doomed, taken = outside / "victim.txt", outside / "doomed.txt", outside / "taken.md"
    for path in (victim, doomed, taken):
        path.write_text(f"{path.name} as the user wrote it\n")
    txn = folder / ".archlog-txn"
    txn.mkdir()
    (txn / "new-0").write_text("overwritten by the repository\n")
    (txn / "old-2").write_text("# 9. Planted\n")
    forged = [  # the journal of an earlier archlog: absolute paths, acted on by every command
        {"path": str(victim), "new": "new-0", "old": None},
        {"path": str(doomed), "new": None, "old": None},
        {"path": str(folder / "0009-planted.md"), "new": None, "old": "old-2"},
        {"path": str(taken), "new": "new-0", "old": None},
    ]
    (txn / "journal.json").write_text(json.dumps({"entries": forged}))
    (txn / "owner").write_text("0" * 32)
    _git("init", "-q", cwd=origin)
    _git("add", "-A", cwd=origin)
    _git("commit", "-qm", "records", cwd=origin)
    clone = tmp_path / "clone"
    _git("clone", "-q", str(origin), str(clone), cwd=tmp_path)
    before = {p: p.read_bytes() for p in outside.iterdir()}

    listed = run("list", "--format", "json", cwd=clone)
    assert listed.code == 0, listed.err
    assert [r["number"] for r in json.loads(listed.out)] == [1, 2, 3]
    assert listed.err.count("\n") == 1 and "no edit on this machine left" in listed.err
    accepted = run("status", "1", "proposed", "--force", cwd=clone)  # one file: no staging
    assert accepted.code == 0, accepted.err
    superseded = run("supersede", "2", "--by", "3", cwd=clone)  # several: refused, named
    assert superseded.code == 2 and superseded.err.count("\n") == 1
    assert ".archlog-txn" in superseded.err and "nothing was written" in superseded.err
    assert {p: p.read_bytes() for p in outside.iterdir()} == before
    assert (clone / "doc" / "adr" / ".archlog-txn" / "journal.json").is_file()  # not removed
    assert not (clone / "doc" / "adr" / "0009-planted.md").exists()


def test_a_journal_naming_a_file_outside_its_folder_is_refused(run: Run, tmp_path: Path) -> None:
    from archlog.infra import journal

    folder = _folder(tmp_path / "repo")
    victim = tmp_path / "victim.txt"
    victim.write_text("mine\n")
    staged = folder / journal.TXN_DIR
    staged.mkdir()
    (staged / journal.OWNER).write_text("a" * 32)
    (staged / "old-0").write_text("planted\n")
    entry = journal.Entry("../../../victim.txt", None, "old-0")
    base = Path(os.path.realpath(folder))
    journal.save(folder, journal.Journal(base, "a" * 32, "replace", [entry]))
    result = run("accept", "1", "--force", cwd=tmp_path / "repo")
    assert result.code == 2 and "the edit journal is damaged" in result.err
    assert "outside" in result.err and result.err.count("\n") == 1
    assert victim.read_text() == "mine\n"
    assert (staged / "old-0").read_text() == "planted\n"  # nothing moved
    journal.discard(folder)


def test_init_keeps_the_staging_folder_out_of_git(run: Run, tmp_path: Path) -> None:
    _git("init", "-q", cwd=tmp_path)
    assert run("init").code == 0
    assert (tmp_path / "doc" / "adr" / ".gitignore").read_text() == ".archlog-txn/\n"
    probe = subprocess.run(
        ["git", "check-ignore", "-q", "doc/adr/.archlog-txn/journal.json"], cwd=tmp_path
    )
    assert probe.returncode == 0


def test_init_leaves_an_existing_folder_and_its_ignore_file_alone(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    (folder / ".gitignore").write_text("*.bak\n")
    assert run("init").code == 0
    assert (folder / ".gitignore").read_text() == "*.bak\n"


def test_the_lock_is_private_and_cannot_be_planted(run: Run, tmp_path: Path) -> None:
    from archlog.infra import locks

    folder = _folder(tmp_path)
    old_place = Path(tempfile.gettempdir()) / (
        "archlog-" + hashlib.sha1(str(folder.resolve()).encode()).hexdigest()[:16] + ".lock"
    )
    target = tmp_path / "made-by-a-planted-link"
    if old_place.is_symlink() or old_place.exists():
        old_place.unlink()
    old_place.symlink_to(target)  # another user's trap at the old, predictable name
    try:
        result = run("accept", "1", "--force")
        assert result.code == 0, result.err
        assert not target.exists()
    finally:
        old_place.unlink()
    lock = locks.lock_path(folder)
    assert lock.parent == Path(os.environ["ARCHLOG_STATE_DIR"]) / "locks"
    assert stat.S_IMODE(lock.parent.stat().st_mode) == 0o700


def test_the_cache_writes_through_no_planted_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from archlog.read.store import Store

    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    monkeypatch.setenv("ARCHLOG_CACHE_DIR", str(cache))
    folder = _folder(tmp_path)
    store = Store.open(folder)
    assert store.parse_cache is not None
    victim = tmp_path / "victim.txt"
    victim.write_text("mine\n")
    planted = store.parse_cache.file.with_name(f".{store.parse_cache.file.name}.{os.getpid()}.tmp")
    planted.symlink_to(victim)  # the name the cache's temporary file used to have
    assert len(store.records) == 3  # parsed, and the cache saved
    assert victim.read_text() == "mine\n"
    assert store.parse_cache.file.is_file() and not store.parse_cache.file.is_symlink()


def test_a_cache_folder_others_can_write_to_is_not_used(run: Run, tmp_path: Path) -> None:
    _folder(tmp_path)
    shared = tmp_path / "shared-cache"
    shared.mkdir()
    shared.chmod(0o777)
    result = run("list", "--format", "json", env=cli_env(ARCHLOG_CACHE_DIR=str(shared)))
    assert result.code == 0 and len(json.loads(result.out)) == 3
    assert result.err.count("\n") == 1
    assert "the cache folder others may write to it; working without a cache" in result.err
    assert list(shared.iterdir()) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="making a folder another user owns needs root")
def test_a_cache_folder_of_another_user_is_not_used(run: Run, tmp_path: Path) -> None:
    _folder(tmp_path)
    theirs = tmp_path / "their-cache"
    theirs.mkdir(mode=0o700)
    os.chown(theirs, 12345, 12345)
    result = run("list", env=cli_env(ARCHLOG_CACHE_DIR=str(theirs)))
    assert result.code == 0 and "belongs to another user" in result.err
    assert list(theirs.iterdir()) == []
