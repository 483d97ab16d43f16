"""Files a repository holds besides its records (its README index, its own template), read
as untrusted input: only a regular file of a sane size (a FIFO or a device in its place
would hang or exhaust memory), and only one that leads inside the repository (a symbolic
link to a file outside it is neither read nor written back)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from archlog.errors import ReadError

if TYPE_CHECKING:
    from archlog.read.store import Store


def read_inside(store: Store, path: Path) -> bytes | None:
    """The bytes of ``path`` (None when it does not exist); a ReadError naming it when it
    leads outside the repository or is not a regular file of a sane size."""
    from archlog.infra.fs import MAX_RECORD_BYTES, read_regular

    if not path.exists() and not path.is_symlink():
        return None
    if not store.contains(path):
        raise ReadError("leads outside the repository; not read", path)
    try:
        return read_regular(path, MAX_RECORD_BYTES)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror}", path) from None
