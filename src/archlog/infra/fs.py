"""File-system side effects: bounded reads, atomic writes, exclusive creation.

Every write goes to a temporary sibling made with ``mkstemp`` (an exclusive create, never a
name another process can plant) and is renamed over the target, so a reader never sees half a
file. Every read of a file a repository holds (a record, a cache file) takes only a regular
file of a bounded size: a FIFO, a device or a huge sparse file in its place is refused, not
read. The folder lock is :mod:`archlog.infra.locks`.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
from pathlib import Path

from archlog.errors import ArchlogError

#: A record file (or a single-file decision log) larger than this is not read.
MAX_RECORD_BYTES = 8 << 20

# O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer (then refused);
# O_NOFOLLOW: the last name is not followed when it is a symbolic link (the caller decides).
_READ = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NONBLOCK", 0)
)
_READ_NOFOLLOW = _READ | getattr(os, "O_NOFOLLOW", 0)
#: What ``open`` says of a symbolic link under O_NOFOLLOW (Linux and macOS: ELOOP; BSD: EMLINK).
SYMLINK_ERRNOS = frozenset({errno.ELOOP, errno.EMLINK})


def read_regular(path: str | os.PathLike[str], limit: int, *, follow: bool = True) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes; else
    :class:`OSError` (its ``strerror`` says why). With ``follow=False`` a symbolic link is
    refused with an ``errno`` in :data:`SYMLINK_ERRNOS`."""
    fd = os.open(path, _READ if follow else _READ_NOFOLLOW)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        size = info.st_size
        if size > limit:
            raise OSError(errno.EFBIG, f"larger than {limit >> 20} MiB")
        data = os.read(fd, size + 1)  # one read: the whole file, as a folder has thousands
        if len(data) == size:
            return data
        chunks, total = [data], len(data)  # a short read, or a file that grew: read on
        while chunk := os.read(fd, 1 << 16):
            total += len(chunk)
            if total > limit:
                raise OSError(errno.EFBIG, f"larger than {limit >> 20} MiB")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def within(root: str, path: str) -> bool:
    """Whether the real path ``path`` is the real path ``root`` or under it."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def resolves_inside(root: str | os.PathLike[str], path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` leads (through every symbolic link) to ``root`` or under it."""
    return within(os.path.realpath(root), os.path.realpath(path))


def atomic_write(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary sibling and a rename (``mode``: the new
    file's permissions; default: the old file's, else 0644)."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is None:
            mode = 0o644
            with contextlib.suppress(OSError):
                mode = path.stat().st_mode & 0o7777
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ArchlogError(f"cannot write: {exc.strerror}", path) from None


def create_exclusive(path: Path, data: bytes, *, mode: int = 0o644) -> None:
    """Create ``path`` with ``data``; fail if it exists. The content appears all at once."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.link(tmp, path)  # atomic, and fails if the name is taken
    except FileExistsError:
        raise ArchlogError("already exists", path) from None
    except OSError as exc:
        raise ArchlogError(f"cannot create: {exc.strerror}", path) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def folder_key(folder: Path) -> str:
    """A name for ``folder`` among archlog's own files: a hash of its real path."""
    return hashlib.sha256(os.fsencode(os.path.realpath(folder))).hexdigest()[:32]
