"""Edits keep every other byte, refuse bad input without writing, survive being killed, and
never lose a concurrent edit."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Run, cli_env

NYGARD = "# {n}. {title}\n\nDate: 2024-05-0{n}\n\n## Status\n\n{status}\n\n## Context\n\nWhy {n}.\n"


def _nygard(tmp_path: Path, count: int = 3, status: str = "Accepted") -> Path:
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    for n in range(1, count + 1):
        text = NYGARD.format(n=n, title=f"Decision {n}", status=status)
        (folder / f"{n:04d}-decision-{n}.md").write_text(text)
    return folder


def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_crlf_bom_and_trailing_spaces_survive(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    original = (
        "\ufeff# 1. Use CRLF  \r\n\r\nDate: 2024-01-01\t\r\n\r\n## Status\r\n\r\nProposed\r\n"
        "\r\n## Context\r\n\r\nTrailing spaces here.   \r\nNo final newline"
    )
    path = folder / "0001-use-crlf.md"
    path.write_bytes(original.encode("utf-8"))
    result = run("accept", "1")
    assert result.code == 0, result.err
    assert path.read_bytes() == original.replace("Proposed", "Accepted").encode("utf-8")


def test_front_matter_keeps_order_comments_and_quotes(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "docs" / "decisions"
    folder.mkdir(parents=True)
    original = (
        "---\n# reviewed by the platform team\ndate: 2024-01-01\n"
        "status: 'proposed' # change with archlog\ndecision-makers: [Ana]\n---\n\n"
        "# Use queues\n\n## Context and Problem Statement\n\nText.\n"
    )
    path = folder / "0001-use-queues.md"
    path.write_text(original)
    env = cli_env(ARCHLOG_TODAY="2024-01-01")
    result = run("accept", "1", env=env)
    assert result.code == 0, result.err
    assert path.read_text() == original.replace("'proposed'", "'accepted'")


@pytest.mark.parametrize(
    ("convention", "expected"),
    [
        ("nygard", "# 2. Second\n\n## Status\n\nAccepted\n\n## Context\n\nText.\n"),
        ("madr", "---\nstatus: accepted\n---\n\n# Second\n\n## Context\n\nText.\n"),
        ("madr2", "# Second\n\n* Status: accepted\n\n## Context\n\nText.\n"),
        ("header-fields", "# ADR-002: Second\n\n**Status**: Accepted\n\n## Context\n\nText.\n"),
    ],
)
def test_a_missing_status_goes_where_the_convention_puts_it(
    run: Run, tmp_path: Path, convention: str, expected: str
) -> None:
    assert run("init", "--convention", convention, "adr").code == 0
    folder = tmp_path / "adr"
    heading = (
        "# ADR-002: Second"
        if convention == "header-fields"
        else ("# 2. Second" if convention == "nygard" else "# Second")
    )
    name = "002-second.md" if convention == "header-fields" else "0002-second.md"
    path = folder / name
    path.write_text(f"{heading}\n\n## Context\n\nText.\n")
    (tmp_path / ".archlog.toml").write_text(
        f'dir = "adr"\nconvention = "{convention}"\ndate_on_status_change = false\n'
    )
    result = run("status", "2", "accepted")
    assert result.code == 0, result.err
    assert path.read_text() == expected


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["accept", "9"], "no record '9'"),
        (["status", "1", "frobnicated"], "unknown status 'frobnicated'"),
        (["supersede", "2", "--by", "2"], "cannot supersede itself"),
        (["link", "1", "frobs", "2"], "unknown relation 'frobs'"),
        (["reject", "1"], "moving it to rejected is not allowed (allowed: implemented"),
        (["status", "2", "superseded"], "name the successor"),
        (["unlink", "1", "2"], "are not linked"),
        (["renumber", "1", "2"], "number 2 belongs to 0002-decision-2.md"),
    ],
)
def test_bad_edits_are_one_line_errors_and_write_nothing(
    run: Run, tmp_path: Path, argv: list[str], message: str
) -> None:
    folder = _nygard(tmp_path)
    before = _bytes(folder)
    result = run(*argv)
    assert result.code == 2, result
    assert result.err.count("\n") == 1 and message in result.err, result.err
    assert "Traceback" not in result.err
    assert _bytes(folder) == before


def test_a_supersede_cycle_is_refused(run: Run, tmp_path: Path) -> None:
    folder = _nygard(tmp_path)
    assert run("supersede", "1", "--by", "2").code == 0
    assert run("supersede", "2", "--by", "3").code == 0
    before = _bytes(folder)
    result = run("supersede", "3", "--by", "1")
    assert result.code == 2 and "cycle" in result.err
    assert _bytes(folder) == before


def test_a_read_only_file_is_refused_before_anything_is_written(run: Run, tmp_path: Path) -> None:
    folder = _nygard(tmp_path)
    target = folder / "0002-decision-2.md"
    target.chmod(stat.S_IRUSR | stat.S_IRGRP)
    before = _bytes(folder)
    result = run("supersede", "1", "--by", "2")
    assert result.code == 2 and "read-only" in result.err and "0002-decision-2.md" in result.err
    assert result.err.count("\n") == 1
    assert _bytes(folder) == before
    assert not (folder / ".archlog-txn").exists()


@pytest.mark.parametrize("crash_after", [1, 2])
def test_killed_between_writes_leaves_whole_files_and_is_undone(
    run: Run, tmp_path: Path, crash_after: int
) -> None:
    folder = _nygard(tmp_path)
    before = _bytes(folder)
    env = cli_env(ARCHLOG_TEST_CRASH_AFTER_WRITES=str(crash_after))
    proc = subprocess.run(
        [sys.executable, "-m", "archlog", "supersede", "1", "--by", "2"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == -9, proc  # SIGKILL
    # mid-way: each file is either fully old or fully new, never truncated
    after_new = {
        "0001-decision-1.md": "Superseded by [2. Decision 2]",
        "0002-decision-2.md": "Supersedes [1.",
    }
    written = 0
    for name, old in before.items():
        now = (folder / name).read_bytes()
        if now != old:
            written += 1
            assert after_new[name] in now.decode()
            assert now.decode().endswith(f"Why {name[3]}.\n")
    assert written == crash_after
    assert (folder / ".archlog-txn").is_dir()
    mid_way = _bytes(folder)
    listed = run("list", "--format", "json")  # reading writes nothing: it only says so
    assert listed.code == 0
    assert "an interrupted edit is pending" in listed.err
    assert _bytes(folder) == mid_way and (folder / ".archlog-txn").is_dir()
    edited = run("accept", "3", "--force")  # the next edit undoes it first
    assert edited.code == 0, edited.err
    assert "an interrupted edit was undone" in edited.err
    assert not (folder / ".archlog-txn").exists()
    assert {k: v for k, v in _bytes(folder).items() if k != "0003-decision-3.md"} == {
        k: v for k, v in before.items() if k != "0003-decision-3.md"
    }
    statuses = [r["status"] for r in json.loads(run("list", "--format", "json").out)]
    assert statuses == ["accepted", "accepted", "accepted"]


def test_concurrent_edits_are_never_lost(tmp_path: Path) -> None:
    folder = _nygard(tmp_path, count=12)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "archlog", "link", "1", "relates-to", str(n)],
            cwd=tmp_path,
            env=cli_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for n in range(2, 13)
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    first = (folder / "0001-decision-1.md").read_text()
    for n in range(2, 13):
        assert f"Relates to [{n}. Decision {n}](00{n:02d}-decision-{n}.md)" in first
        assert "Relates to [1. Decision 1]" in (folder / f"00{n:02d}-decision-{n}.md").read_text()


def test_a_failed_write_restores_the_files_already_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from archlog.edit.transaction import Write, commit
    from archlog.errors import ArchlogError

    folder = _nygard(tmp_path)
    paths = sorted(folder.glob("*.md"))
    before = _bytes(folder)
    real_replace = os.replace
    calls = {"n": 0}

    def failing_replace(
        src: str | os.PathLike[str], dst: str | os.PathLike[str]
    ) -> None:  # the third file's rename fails: disk full, say
        if Path(dst) in paths:
            calls["n"] += 1
            if calls["n"] == 3:
                raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    writes = [Write(p, p.read_bytes() + b"changed\n", p.read_bytes()) for p in paths]
    with pytest.raises(ArchlogError, match="No space left on device; nothing was changed"):
        commit(folder, writes)
    assert _bytes(folder) == before
    assert not (folder / ".archlog-txn").exists()


def test_custom_relation_pairs_from_configuration(run: Run, tmp_path: Path) -> None:
    folder = _nygard(tmp_path)
    (tmp_path / ".archlog.toml").write_text('[relations]\nextends = "extended-by"\n')
    result = run("link", "2", "extends", "1")
    assert result.code == 0, result.err
    assert (
        "Extends [1. Decision 1](0001-decision-1.md)" in (folder / "0002-decision-2.md").read_text()
    )
    assert "Extended by [2. Decision 2]" in (folder / "0001-decision-1.md").read_text()
    listed = {r["number"]: r for r in json.loads(run("list", "--format", "json").out)}
    assert listed[1]["relations"] == [{"type": "extended-by", "target": 2}]
    assert listed[2]["relations"] == [{"type": "extends", "target": 1}]
    assert run("unlink", "1", "2").code == 0
    assert "Extend" not in (folder / "0001-decision-1.md").read_text()


def test_edits_inside_a_single_file_log(run: Run) -> None:
    assert run("init", "--convention", "log").code == 0
    assert run("new", "Use queues").code == 0
    assert run("accept", "2").code == 0
    result = run("new", "Use streams", "--supersedes", "2")
    assert result.code == 0, result.err
    listed = {r["number"]: r for r in json.loads(run("list", "--format", "json").out)}
    assert listed[2]["status"] == "superseded"
    assert listed[2]["relations"] == [{"type": "superseded-by", "target": 3}]
    assert listed[3]["relations"] == [{"type": "supersedes", "target": 2}]
    assert listed[3]["path"] == "DECISIONS.md#ADR-003"


def test_the_repository_looks_where_transactions_write() -> None:
    from archlog.edit import transaction
    from archlog.read import store as repository

    assert repository.TXN_DIR == transaction.TXN_DIR
