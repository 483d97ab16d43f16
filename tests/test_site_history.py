"""Who and when in the site, from a real git history made here: each record's authors and
its created and last-edited days, one git call for the whole build, a shallow clone's
one-line warning instead of wrong dates, one timeline entry per event, and the title."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import cli_env, need_program
from tests.sitekit import chromium, git, write_records


def build(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "archlog", "site", "build", "--out", "public", *args],
        cwd=cwd,
        env=env or cli_env(),
        capture_output=True,
        text=True,
    )


def history(root: Path) -> dict[int, Path]:
    """Three records written by two people over three days: 1 by Ada, edited by Grace;
    2 by Grace, accepted later; 3 by Ada, never touched again."""
    git(root, "init", "-q", "-b", "main")
    paths = write_records(
        root / "doc" / "adr",
        {
            1: ("Use queues", "Accepted", "Queues."),
            2: ("Use streams", "Proposed", "Streams."),
        },
    )
    git(root, "add", "-A")
    git(root, "commit", "-qm", "first two", when="2025-02-03T09:00:00", author="Ada Byron")
    paths[1].write_text(paths[1].read_text().replace("Queues.", "Queues, measured."))
    paths[2].write_text(paths[2].read_text().replace("Proposed", "Accepted"))
    git(
        root, "commit", "-qam", "measure, accept", when="2025-03-04T09:00:00", author="Grace Hopper"
    )
    paths |= write_records(root / "doc" / "adr", {3: ("Use logs", "Accepted", "Logs.")})
    git(root, "add", "-A")
    git(root, "commit", "-qm", "third", when="2025-04-05T09:00:00", author="Ada Byron")
    return paths


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("who") / "payments-platform"
    root.mkdir()
    history(root)
    return root


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


def test_authors_and_dates_come_from_git(repo: Path, browser) -> None:  # type: ignore[no-untyped-def]
    proc = build(repo)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    page = browser.new_page()
    seen = {}
    for name in ("0001-use-queues", "0002-use-streams", "0003-use-logs"):
        page.goto((repo / "public" / "adr" / f"{name}.html").as_uri())
        seen[name] = (
            page.locator(".meta .authors").inner_text(),
            page.locator(".meta time.created").get_attribute("datetime"),
            page.locator(".meta time.edited").inner_text(),
        )
    assert seen == {
        "0001-use-queues": ("Ada Byron, Grace Hopper", "2025-02-03", "2025-03-04"),
        "0002-use-streams": ("Ada Byron, Grace Hopper", "2025-02-03", "2025-03-04"),
        "0003-use-logs": ("Ada Byron", "2025-04-05", "2025-04-05"),
    }
    page.close()


def test_the_whole_build_calls_git_once(repo: Path, tmp_path: Path) -> None:
    real = need_program("git")
    calls = tmp_path / "calls"
    shim = tmp_path / "bin" / "git"
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\necho "$@" >> "{calls}"\nexec "{real}" "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    env = cli_env(PATH=f"{shim.parent}{os.pathsep}{os.environ['PATH']}")
    proc = build(repo, env=env)
    assert proc.returncode == 0, proc.stderr
    assert len(calls.read_text().splitlines()) == 1, calls.read_text()


def test_a_shallow_clone_warns_once_and_shows_no_dates(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), str(clone))
    proc = build(clone)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stderr.splitlines()) == 1 and "shallow clone" in proc.stderr, proc.stderr
    page = (clone / "public" / "adr" / "0001-use-queues.html").read_text()
    assert "Last edited" not in page and "2025-04-05" not in page
    timeline = (clone / "public" / "timeline.html").read_text()
    assert "2025-04-05" not in timeline  # the clone's one commit is not everyone's creation


def test_the_timeline_has_one_entry_per_event(repo: Path) -> None:
    from archlog.features.site import build as build_site
    from archlog.read.store import Store

    out = repo / "public-timeline"
    build_site(Store.open(repo / "doc" / "adr", cwd=repo), out)
    text = (out / "timeline.html").read_text()
    entries = text.split('<ol class="timeline">', 1)[1].split("</ol>", 1)[0].split("<li>")[1:]
    rows = [" ".join(e.replace("</li>", "").split()) for e in entries]
    for n, title in ((1, "Use queues"), (2, "Use streams"), (3, "Use logs")):
        mine = [r for r in rows if f"{n:04d} {title}" in r]
        written = [r for r in mine if "written" in r]
        assert len(written) == 1, mine
    # 2 was written proposed (its own date), then accepted by a later commit: two events
    two = [r for r in rows if "0002 Use streams" in r]
    assert len(two) == 2
    assert "<time>2024-05-03</time>" in two[0] and "status-proposed" in two[0]
    assert "<time>2025-03-04</time>" in two[1] and "became" in two[1]
    assert len(rows) == 4


def test_the_title_is_the_repositorys_name_unless_configured(repo: Path, tmp_path: Path) -> None:
    assert build(repo).returncode == 0
    home = (repo / "public" / "index.html").read_text()
    assert '<a class="brand" href="index.html">payments-platform</a>' in home
    assert "<title>payments-platform</title>" in home
    (repo / ".archlog.toml").write_text('[site]\ntitle = "Payments decisions"\n')
    try:
        assert build(repo).returncode == 0
    finally:
        (repo / ".archlog.toml").unlink()
    home = (repo / "public" / "index.html").read_text()
    assert '<a class="brand" href="index.html">Payments decisions</a>' in home
    plain = tmp_path / "no-git" / "team-decisions"
    write_records(plain / "adr", {1: ("Use queues", "Accepted", "Why.")})
    (plain / ".archlog.toml").write_text('dir = "adr"\n')
    assert build(plain).returncode == 0
    assert "<title>team-decisions</title>" in (plain / "public" / "index.html").read_text()
