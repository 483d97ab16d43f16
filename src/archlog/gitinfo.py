"""Git, called once per command at most: what the folder's history knows."""

from __future__ import annotations

import shutil
import subprocess
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


def names_ever_in(folder: Path) -> list[str]:
    """File names that the folder's git history has ever had, deleted ones included."""
    out = run_git(
        ["log", "--all", "--no-renames", "--diff-filter=D", "--name-only", "--format=", "--",
         "."],
        folder,
    )  # fmt: skip
    if not out:
        return []
    return [line.rsplit("/", 1)[-1] for line in out.splitlines() if line.strip()]
