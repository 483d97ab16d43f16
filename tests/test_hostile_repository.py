"""A cloned repository can reach nothing outside it.

The repository carries a forged edit journal naming files outside it, configuration paths
that lead outside it, and a record, an asset and an index that are symbolic links to files
outside it. After a real ``git clone``, every command runs in the clone; then no file outside
the clone has changed, appeared or disappeared, and nothing from outside was published."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tests.conftest import Run, cli_env, need_program

SECRET = "HOSTILE-TEST-SECRET"
RECORD = (
    "# {n}. Decision {n}\n\nDate: 2024-05-0{n}\n\n## Status\n\nAccepted\n\n## Context\n\nWhy {n}.\n"
)
CONFIG = """\
dir = "doc/adr"

[index]
file = "../sibling/dotfiles/bashrc"

[site]
out = "../sibling"
"""


def _git(*args: str, cwd: Path) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "A",
        "GIT_AUTHOR_EMAIL": "a@example.invalid",
        "GIT_COMMITTER_NAME": "A",
        "GIT_COMMITTER_EMAIL": "a@example.invalid",
    }
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def _snapshot(root: Path, skip: set[Path]) -> dict[str, tuple[str, bytes]]:
    """Every entry under ``root`` (but ``skip``): its kind and content (a link: its target)."""
    out: dict[str, tuple[str, bytes]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = [d for d in dirnames if here / d not in skip]
        for name in dirnames + filenames:
            path = here / name
            rel = str(path.relative_to(root))
            if path.is_symlink():
                out[rel] = ("link", os.readlink(path).encode())
            elif path.is_dir():
                out[rel] = ("dir", b"")
            else:
                out[rel] = ("file", path.read_bytes())
    return out


def _sibling(tmp_path: Path) -> Path:
    """The user's own files beside the repository."""
    sibling = tmp_path / "sibling"
    (sibling / "dotfiles").mkdir(parents=True)
    (sibling / "dotfiles" / "bashrc").write_text("export PATH=/usr/bin\n")
    (sibling / "notes.md").write_text(f"# 7. {SECRET}\n\n## Status\n\nAccepted\n")
    (sibling / "secret.js").write_text(f"/* {SECRET} */\n")
    (sibling / "victim.txt").write_text("the user's file\n")
    (sibling / "doomed.txt").write_text("the user's other file\n")
    return sibling


def _hostile_origin(tmp_path: Path, sibling: Path) -> Path:
    origin = tmp_path / "origin"
    folder = origin / "doc" / "adr"
    folder.mkdir(parents=True)
    for n in (1, 2, 3):
        (folder / f"{n:04d}-decision-{n}.md").write_text(RECORD.format(n=n))
    (origin / ".archlog.toml").write_text(CONFIG)
    (folder / "0007-notes.md").symlink_to(Path("../../../sibling/notes.md"))
    (folder / "README.md").symlink_to(Path("../../../sibling/dotfiles/bashrc"))
    dist = origin / "node_modules" / "mermaid" / "dist"
    dist.mkdir(parents=True)
    (dist / "mermaid.min.js").symlink_to(Path("../../../../sibling/secret.js"))
    txn = folder / ".archlog-txn"
    txn.mkdir()
    (txn / "new-0").write_text(f"{SECRET} planted by the repository\n")
    entries = [
        {"path": str(sibling / "victim.txt"), "new": "new-0", "old": None},
        {"path": str(sibling / "doomed.txt"), "new": None, "old": None},
        {"path": str(sibling / "dotfiles" / "bashrc"), "new": "new-0", "old": None},
        {"path": str(sibling / "appeared.txt"), "new": "new-0", "old": None},
    ]
    (txn / "journal.json").write_text(json.dumps({"entries": entries}))
    (txn / "owner").write_text("f" * 32)
    (txn / "journal-state.json").write_text(
        json.dumps(
            {
                "version": 1,
                "base": str(sibling),
                "token": "f" * 32,
                "phase": "replace",
                "entries": [["victim.txt", "new-0", None]],
            }
        )
    )
    _git("init", "-q", cwd=origin)
    _git("add", "-A", cwd=origin)
    _git("commit", "-qm", "a hostile repository", cwd=origin)
    return origin


def test_a_hostile_clone_reaches_nothing_outside_it(run: Run, tmp_path: Path) -> None:
    need_program("git")
    sibling = _sibling(tmp_path)
    origin = _hostile_origin(tmp_path, sibling)
    clone = tmp_path / "clone"
    _git("clone", "-q", str(origin), str(clone), cwd=tmp_path)
    own = tmp_path / "archlog-own"  # archlog's own state and cache: expected to change
    env = cli_env(ARCHLOG_STATE_DIR=str(own / "state"), ARCHLOG_CACHE_DIR=str(own / "cache"))
    before = _snapshot(tmp_path, skip={clone, own})
    imported = tmp_path / "clone" / "import.json"
    imported.write_text(json.dumps({"version": "1.0.0", "adrs": [{"title": "Imported"}]}))
    commands = [
        ["list"],
        ["list", "--format", "json"],
        ["show", "1"],
        ["graph"],
        ["export"],
        ["lint"],
        ["index", "--check"],
        ["new", "Hostile check"],
        ["accept", "2", "--force"],
        ["supersede", "1", "--by", "2"],
        ["link", "1", "relates-to", "3"],
        ["unlink", "1", "3"],
        ["renumber", "3", "30"],
        ["index"],
        ["lint", "--fix"],
        ["import", "import.json"],
        ["convert", "--to", "madr", "--out", "converted"],
        ["site", "build"],
        ["site", "build", "--out", "public"],
        ["graph", "--readme"],
    ]
    for argv in commands:
        result = run(*argv, cwd=clone, env=env)
        assert result.code in (0, 1, 2), (argv, result)
        assert "Traceback" not in result.err, (argv, result.err)
        assert SECRET not in result.out, argv
    assert _snapshot(tmp_path, skip={clone, own}) == before
    published = _snapshot(clone / "public", skip=set())
    assert "index.html" in published and "assets/mermaid.min.js" in published
    assert not any(SECRET.encode() in data for _kind, data in published.values())
    assert (clone / "doc" / "adr" / ".archlog-txn" / "journal.json").is_file()  # never acted on
