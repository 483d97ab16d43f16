"""Lint's git checks on real repositories: the parallel-branch collision (--against), an
accepted record edited afterwards, dates from git, a shallow clone; and the pre-commit hooks
through the real pre-commit tool."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, Run, cli_env, need, need_program
from tests.needs import PRE_COMMIT
from tests.test_renumber import git

RECORD = "# {n}. {title}\n\nDate: 2024-01-10\n\n## Status\n\n{status}\n\n## Context\n\n{context}\n\n## Decision\n\nWe will.\n\n## Consequences\n\nHarder to test.\n"


def write(
    folder: Path, n: int, title: str, status: str = "Accepted", context: str = "Why."
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{n:04d}-{title.lower().replace(' ', '-')}.md"
    path.write_text(RECORD.format(n=n, title=title, status=status, context=context))
    return path


def findings(run: Run, cwd: Path, *args: str) -> list[dict[str, Any]]:
    result = run("lint", "--format", "json", *args, cwd=cwd)
    assert result.code in (0, 1), result.err
    found: list[dict[str, Any]] = json.loads(result.out)["findings"]
    return found


def test_against_catches_the_number_both_branches_take(run: Run, tmp_path: Path) -> None:
    need_program("git")
    folder = tmp_path / "doc" / "adr"
    git(tmp_path, "init", "-q", "-b", "main")
    write(folder, 1, "Use queues")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "base")
    git(tmp_path, "checkout", "-qb", "feature")
    write(folder, 2, "Use streams")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "streams", when="2026-01-02T10:00:00")
    git(tmp_path, "checkout", "-q", "main")
    write(folder, 2, "Use logs")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "logs", when="2026-01-03T10:00:00")
    git(tmp_path, "checkout", "-q", "feature")
    found = [f for f in findings(run, tmp_path, "--against", "main") if f["rule"] == "ADR026"]
    assert len(found) == 1, found
    assert found[0]["path"] == "doc/adr/0002-use-streams.md" and found[0]["severity"] == "error"
    assert "main also added number 2 (0002-use-logs.md)" in found[0]["message"]
    assert "`archlog renumber 2 3 --apply`" in found[0]["message"]
    assert run("lint", "--against", "main").code == 1
    # the advice works: after it, the branch no longer collides
    assert run("renumber", "2", "3", "--apply").code == 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "renumbered", when="2026-01-04T10:00:00")
    assert not [f for f in findings(run, tmp_path, "--against", "main") if f["rule"] == "ADR026"]


def test_accepted_records_edited_afterwards(run: Run, tmp_path: Path) -> None:
    need_program("git")
    folder = tmp_path / "doc" / "adr"
    git(tmp_path, "init", "-q", "-b", "main")
    first = write(folder, 1, "Use queues", status="Proposed")
    second = write(folder, 2, "Use streams", status="Proposed")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "proposed", when="2026-01-01T10:00:00")
    for path in (first, second):
        path.write_text(path.read_text().replace("Proposed", "Accepted"))
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "accepted", when="2026-01-02T10:00:00")
    # record 1: its context rewritten after acceptance; record 2: only a relation line added
    first.write_text(first.read_text().replace("Why.", "A different reason."))
    second.write_text(
        second.read_text().replace(
            "Accepted\n", "Accepted\n\nAmends [1. Use queues](0001-use-queues.md)\n"
        )
    )
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "edits", when="2026-01-03T10:00:00")
    found = [f for f in findings(run, tmp_path, "--git") if f["rule"] == "ADR027"]
    assert [f["path"] for f in found] == ["doc/adr/0001-use-queues.md"], found
    assert "edited after it was accepted in" in found[0]["message"]
    # an uncommitted edit counts too
    second.write_text(second.read_text().replace("We will.", "We will, mostly."))
    found = [f for f in findings(run, tmp_path, "--git") if f["rule"] == "ADR027"]
    assert sorted(f["path"] for f in found) == [
        "doc/adr/0001-use-queues.md",
        "doc/adr/0002-use-streams.md",
    ]
    assert "uncommitted changes" in found[1]["message"]
    # without --git, no git checks run
    assert not [f for f in findings(run, tmp_path) if f["rule"] == "ADR027"]


def test_dates_from_git_and_the_shallow_clone_warning(run: Run, tmp_path: Path) -> None:
    need_program("git")
    origin = tmp_path / "origin"
    folder = origin / "doc" / "adr"
    git(origin.parent, "init", "-q", "-b", "main", str(origin))
    path = write(folder, 1, "Use queues")
    path.write_text(path.read_text().replace("Date: 2024-01-10\n\n", ""))
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "one", when="2025-03-04T10:00:00")
    write(folder, 2, "Use streams")
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "two", when="2025-03-05T10:00:00")
    found = [f for f in findings(run, origin, "--git") if f["rule"] == "ADR004"]
    assert found and "git first saw it on 2025-03-04, from t" in found[0]["message"]
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", origin.as_uri(), str(clone)],
        check=True,
        capture_output=True,
    )
    result = run("lint", "--git", cwd=clone)
    assert "shallow clone" in result.err
    assert "shallow clone" not in run("lint", "--git", cwd=origin).err


@pytest.fixture(scope="module")
def pre_commit() -> str:
    need("pre-commit")
    return str(PRE_COMMIT)


def test_pre_commit_hooks_block_a_bad_record_and_pass_a_good_one(
    pre_commit: str, tmp_path: Path
) -> None:
    need_program("git")
    if not (ROOT / ".git").exists():
        pytest.skip("pre-commit try-repo needs archlog's own git repository")
    repo = tmp_path / "project"
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    folder = repo / "doc" / "adr"
    write(folder, 1, "Use queues")
    (folder / "README.md").write_text(
        "# ADRs\n\n<!-- archlog:index:start -->\n* [1. Use queues](0001-use-queues.md)\n"
        "<!-- archlog:index:end -->\n"
    )
    env = cli_env(PRE_COMMIT_HOME=str(tmp_path.parent / "pre-commit-home"))
    # the archlog-context hook checks the digest kept in AGENTS.md: keep one
    subprocess.run(
        [sys.executable, "-m", "archlog", "context", "--write", "AGENTS.md"],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
    )

    def try_hooks() -> subprocess.CompletedProcess[str]:
        git(repo, "add", "-A")
        return subprocess.run(
            [pre_commit, "try-repo", str(ROOT), "--all-files"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    good = try_hooks()
    assert good.returncode == 0, good.stdout + good.stderr
    assert "archlog lint" in good.stdout and "Passed" in good.stdout
    (folder / "0002-use-streams.md").write_text("# 2. Use streams\n\nDate: yesterday-ish\n")
    bad = try_hooks()
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "ADR005" in bad.stdout and "Failed" in bad.stdout
    assert "the index is stale" in bad.stdout
