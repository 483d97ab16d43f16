"""Git, the one place archlog calls it: what the folder's history knows.

Two readings, each one ``git`` call for the whole folder: :func:`history` (which file names
were added when, and which were deleted — cheap, for numbering and dates) and
:func:`read_patches` (every patch with its author and date, for the git lint rules and the
site's timeline, authors and dates)."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

#: A ``.git`` file's pointer to the repository's folder (a worktree, a submodule).
_GITDIR = re.compile(r"gitdir:[ \t]*([^\n]+)")


def run_git(args: list[str], cwd: Path) -> str | None:
    """Output of ``git ARGS`` in ``cwd``; ``None`` when git or a repository is missing."""
    if shutil.which("git") is None:
        return None
    try:
        proc = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except OSError:
        return None
    return proc.stdout if proc.returncode == 0 else None


@dataclass(frozen=True)
class NameHistory:
    """What one ``git log`` says about a folder: when each file name was first added, and
    the names it has ever deleted."""

    added: dict[str, float]
    deleted: tuple[str, ...]


@functools.lru_cache(maxsize=8)
def history(folder: Path) -> NameHistory:
    """The folder's history from a single ``git log`` call (cached for the process)."""
    out = run_git(
        ["log", "--all", "--no-renames", "--name-status", "--format=@%ct", "--", "."], folder
    )
    added: dict[str, float] = {}
    deleted: list[str] = []
    when = 0.0
    for line in (out or "").splitlines():
        if line.startswith("@"):
            when = float(line[1:] or 0)
            continue
        status, _, name = line.partition("\t")
        if not name:
            continue
        base = name.rsplit("/", 1)[-1]
        if status == "A":
            added[base] = min(when, added.get(base, when))  # the log runs newest first
        elif status == "D":
            deleted.append(base)
    return NameHistory(added, tuple(deleted))


def names_ever_in(folder: Path) -> list[str]:
    """File names that the folder's git history has ever had, deleted ones included."""
    return list(history(folder.resolve()).deleted)


def added_times(folder: Path) -> dict[str, float]:
    """When git first saw each file name of the folder (commit time, seconds)."""
    return dict(history(folder.resolve()).added)


@dataclass
class PatchHistory:
    """Per file name: when and by whom git first saw it, and its patches in order."""

    added: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: file name → [(commit, its changed lines)], oldest first
    patches: dict[str, list[tuple[str, list[str]]]] = field(default_factory=dict)
    dates: dict[str, str] = field(default_factory=dict)  # commit → its date
    authors: dict[str, str] = field(default_factory=dict)  # commit → its author's name
    shallow: bool = False


def read_patches(folder: Path, *, pending: bool = True) -> PatchHistory | None:
    """Every patch of the folder's files, from one ``git log -p`` (and, with ``pending``,
    ``git diff HEAD`` for what is not committed yet); None outside a git repository."""
    out = run_git(
        [
            "log",
            "-p",
            "--reverse",
            "--no-renames",
            "--no-color",
            "-U0",
            "--format=@%H%x09%cs%x09%an",
            "--",
            ".",
        ],
        folder,
    )
    if out is None:
        return None
    history = PatchHistory(shallow=is_shallow(folder))
    _parse_log(out, history, record_adds=True)
    changes = pending and run_git(
        ["diff", "HEAD", "--no-renames", "--no-color", "-U0", "--", "."], folder
    )
    if changes:
        _parse_log("@WORKTREE\t\t\n" + changes, history, record_adds=False)
    return history


def _parse_log(out: str, history: PatchHistory, *, record_adds: bool) -> None:
    commit, day, author, name = "", "", "", ""
    for line in out.split("\n"):
        if line.startswith("@") and "\t" in line:
            commit, day, author = [*line[1:].split("\t"), "", ""][:3]
            history.dates[commit] = day
            history.authors[commit] = author
            name = ""
        elif line.startswith("diff --git "):
            name = line.rsplit("/", 1)[-1]
            history.patches.setdefault(name, []).append((commit, []))
        elif line.startswith("new file mode") and record_adds and name:
            history.added.setdefault(name, (day, author))
        elif name and line[:1] in "+-" and not line.startswith(("+++", "---")):
            history.patches[name][-1][1].append(line)


def repository_root(folder: Path) -> Path | None:
    """The working tree that holds ``folder`` (the nearest folder with a ``.git``), without
    git; None outside one."""
    for place in (folder, *folder.resolve().parents):
        if (place / ".git").exists():
            return place
    return None


def is_shallow(folder: Path) -> bool:
    """Whether the repository is a shallow clone (its ``shallow`` file), without git."""
    place = repository_root(folder)
    if place is None:
        return False
    dot_git = place / ".git"
    if dot_git.is_dir():
        return (dot_git / "shallow").exists()
    m = _GITDIR.match(dot_git.read_text(encoding="utf-8", errors="replace"))
    if m:
        git_dir = (place / m.group(1).strip()).resolve()
        common = git_dir.parent.parent if git_dir.parent.name == "worktrees" else git_dir
        return (git_dir / "shallow").exists() or (common / "shallow").exists()
    return False
