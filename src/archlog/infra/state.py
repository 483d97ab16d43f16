"""archlog's own folders, outside every repository: per-user state and the cache.

- **State** (``platformdirs.user_state_dir``, e.g. ``~/.local/state/archlog``;
  ``ARCHLOG_STATE_DIR`` moves it): the journals of edits in progress, the folder locks, the
  key that signs cache files. Made private (0700) and refused when another user owns it or can
  write to it: what is in it decides what archlog writes.
- **Cache** (``platformdirs.user_cache_dir``, e.g. ``~/.cache/archlog``; ``ARCHLOG_CACHE_DIR``
  moves it): parse results and what is derived from them. A cache folder another user can
  write to is not used (one warning; archlog then works without a cache).

On Windows, ownership and permission bits are not checked (they do not carry the same meaning
there); see docs/security.md.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from archlog.errors import ArchlogError

_CHECKS = os.name != "nt"


def state_dir() -> Path:
    """The per-user state folder (not created here)."""
    explicit = os.environ.get("ARCHLOG_STATE_DIR")
    if explicit:
        return Path(explicit)
    import platformdirs

    return Path(platformdirs.user_state_dir("archlog", appauthor=False))


def cache_dir() -> Path:
    """The per-user cache folder (not created here)."""
    explicit = os.environ.get("ARCHLOG_CACHE_DIR")
    if explicit:
        return Path(explicit)
    import platformdirs

    return Path(platformdirs.user_cache_dir("archlog", appauthor=False))


def unsafe(path: Path) -> str | None:
    """Why the existing folder ``path`` cannot be trusted with archlog's own files (another
    user owns it, or others may write to it), else None."""
    try:
        info = os.stat(path)
    except OSError as exc:
        return f"cannot use the folder: {exc.strerror}"
    if not stat.S_ISDIR(info.st_mode):
        return "is not a folder"
    if not _CHECKS:
        return None
    if info.st_uid != os.geteuid():
        return "belongs to another user"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "others may write to it"
    return None


def ensure_private(path: Path) -> str | None:
    """Make ``path`` (mode 0700, parents as needed) unless it exists; why it cannot be used,
    else None."""
    try:
        path.mkdir(mode=0o700, parents=True)
    except FileExistsError:
        pass
    except OSError as exc:
        return f"cannot create the folder: {exc.strerror}"
    return unsafe(path)


def private_state_dir(*parts: str) -> Path:
    """A folder under the state folder, made private; an error when it cannot be trusted."""
    path = state_dir().joinpath(*parts)
    problem = ensure_private(path)
    if problem is not None:
        raise ArchlogError(
            f"archlog's state folder {problem}; set ARCHLOG_STATE_DIR to a private folder", path
        )
    return path


_KEY_FILE = "cache-key"


def secret_key() -> bytes | None:
    """This user's key for signing cache files (made on first use), or None when the state
    folder cannot be used."""
    from archlog.infra.fs import create_exclusive, read_regular

    try:
        folder = private_state_dir()
    except ArchlogError:
        return None
    path = folder / _KEY_FILE
    for _attempt in range(2):
        try:
            key = read_regular(path, 4096, follow=False)
        except FileNotFoundError:
            # made by another process meanwhile (or not writable): read it again
            with contextlib.suppress(ArchlogError):
                create_exclusive(path, os.urandom(32), mode=0o600)
            continue
        except OSError:
            return None
        return key if len(key) >= 32 else None
    return None
