"""The folder lock: edits of one folder are serialised by a lock (``filelock``).

It is kept in archlog's private state folder (:mod:`archlog.infra.state`), keyed by the
folder's real path, so nothing is created beside the user's files for it and no other user
can hold or plant it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from archlog.errors import ArchlogError
from archlog.infra.fs import folder_key
from archlog.infra.state import private_state_dir

LOCK_TIMEOUT = float(os.environ.get("ARCHLOG_LOCK_TIMEOUT", "30"))


def lock_path(folder: Path) -> Path:
    """Where the edit lock of ``folder`` lives: in archlog's private state folder."""
    return private_state_dir("locks") / f"{folder_key(folder)}.lock"


@contextlib.contextmanager
def folder_lock(folder: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the folder's edit lock; wait up to ``timeout`` seconds, then fail clearly."""
    from filelock import FileLock, Timeout

    limit = LOCK_TIMEOUT if timeout is None else timeout
    path = lock_path(folder)
    lock = FileLock(path, mode=0o600)
    try:
        lock.acquire(timeout=limit, poll_interval=0.01)
    except Timeout:
        raise ArchlogError(
            f"another archlog process is editing this folder (waited {limit:g} s; lock {path})",
            folder,
        ) from None
    except OSError as exc:
        raise ArchlogError(f"cannot take the edit lock {path}: {exc.strerror}", folder) from None
    try:
        yield
    finally:
        lock.release()
