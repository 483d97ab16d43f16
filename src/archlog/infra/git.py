"""Git, called once per command at most: what the folder's history knows."""

from __future__ import annotations

import functools
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path


def run_git(args: list[str], cwd: Path) -> str | None:
    """Output of ``git ARGS`` in ``cwd``; ``None`` when git or a repository is missing."""
    if shutil.which("git") is None:
        return None
    try:
        proc = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
            errors="replace", check=False,
        )  # fmt: skip
    except OSError:
        return None
    return proc.stdout if proc.returncode == 0 else None


@dataclass(frozen=True)
class History:
    """What one ``git log`` says about a folder: when each file name was first added, and
    the names it has ever deleted."""

    added: dict[str, float]
    deleted: tuple[str, ...]


@functools.lru_cache(maxsize=8)
def history(folder: Path) -> History:
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
    return History(added, tuple(deleted))


def names_ever_in(folder: Path) -> list[str]:
    """File names that the folder's git history has ever had, deleted ones included."""
    return list(history(folder.resolve()).deleted)


def added_times(folder: Path) -> dict[str, float]:
    """When git first saw each file name of the folder (commit time, seconds)."""
    return dict(history(folder.resolve()).added)
