"""File-system side effects: atomic writes, exclusive creation, the folder lock.

Every write goes to a temporary sibling that is renamed over the target, so a reader never
sees half a file. Edits of one folder are serialised by an advisory lock held in the system's
temporary folder (keyed by the folder's real path), so no file of the user's is created for it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from archlog.errors import ArchlogError

LOCK_TIMEOUT = float(os.environ.get("ARCHLOG_LOCK_TIMEOUT", "30"))


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary sibling and a rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ArchlogError(f"cannot write: {exc.strerror}", path) from None


def create_exclusive(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data``; fail if it exists. The content appears all at once."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.link(tmp, path)  # atomic, and fails if the name is taken
    except FileExistsError:
        raise ArchlogError("already exists", path) from None
    except OSError as exc:
        raise ArchlogError(f"cannot create: {exc.strerror}", path) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _lock_path(folder: Path) -> Path:
    key = hashlib.sha1(str(folder.resolve()).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"archlog-{key}.lock"


@contextlib.contextmanager
def folder_lock(folder: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the folder's edit lock; wait up to ``timeout`` seconds, then fail clearly."""
    import fcntl

    limit = LOCK_TIMEOUT if timeout is None else timeout
    path = _lock_path(folder)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        deadline = time.monotonic() + limit
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise ArchlogError(
                        f"another archlog process is editing this folder (waited {limit:g} s; "
                        f"lock {path})",
                        folder,
                    ) from None
                time.sleep(0.01)
        yield
    finally:
        os.close(fd)  # closing releases the lock
