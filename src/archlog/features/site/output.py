"""Writing a site's files, reusing those of the site it replaces that come out the same.

A build writes the whole site into a new folder, then puts it in place of the old one and
deletes the old (:mod:`~archlog.features.site.build`). Most files of a rebuilt site have
the very bytes they had: writing them again, then deleting the old copies, was most of
what a build of 10,000 records spent (freeing a file's blocks costs as much as writing
them). So a file whose bytes the old site's file of the same name has is a second hard link
to that file instead, and deleting the old folder then frees nothing.

Nothing is trusted of the old site: a file is linked only when it is a regular file of the
same size, and it is compared byte for byte through the new link (what the new site holds
is what was compared); anything else — another size, other bytes, a symbolic link, a file
system without hard links — is written anew. The old site is only read, so a build that
fails leaves it as it was.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path


class Output:
    """The files of a site being written into ``root``, those of ``previous`` (the site it
    replaces, or None) reused when their bytes are the same."""

    def __init__(self, root: Path, previous: Path | None = None) -> None:
        self.root = root
        self.previous = previous if previous is not None and previous.is_dir() else None
        self.linked = 0
        self.written = 0
        self._folders: set[Path] = set()

    def write_text(self, name: str, text: str) -> None:
        """Write ``text`` (UTF-8) as the file ``name`` (relative, with ``/``)."""
        self.write_bytes(name, text.encode("utf-8"))

    def write_bytes(self, name: str, data: bytes) -> None:
        """Write ``data`` as the file ``name`` (relative, with ``/``)."""
        target = self._target(name)
        if self._reuse(name, len(data), lambda found: found == data):
            return
        target.write_bytes(data)
        self.written += 1

    def reuse(self, name: str, size: int, digest: Callable[[bytes], bytes], wanted: bytes) -> bool:
        """Whether the file ``name`` could be taken from the site being replaced, whose
        file of that name has ``size`` bytes of digest ``wanted``."""
        self._target(name)
        return self._reuse(name, size, lambda found: digest(found) == wanted)

    def _target(self, name: str) -> Path:
        target = self.root / name
        folder = target.parent
        if folder not in self._folders:
            folder.mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)
        return target

    def _reuse(self, name: str, size: int, same: Callable[[bytes], bool]) -> bool:
        """Whether the file ``name`` is now a link to the old site's, of ``size`` bytes
        that are the ``same``."""
        if self.previous is None:
            return False
        old, target = self.previous / name, self.root / name
        try:
            found = os.lstat(old)
            if not stat.S_ISREG(found.st_mode) or found.st_size != size:
                return False
            os.link(old, target, follow_symlinks=False)
        except OSError:  # none there, or no hard links on this file system
            return False
        try:
            fd = os.open(target, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            try:
                ok = stat.S_ISREG(os.fstat(fd).st_mode) and same(_read(fd, size))
            finally:
                os.close(fd)
        except OSError:
            ok = False
        if not ok:
            target.unlink()
            return False
        self.linked += 1
        return True


def _read(fd: int, size: int) -> bytes:
    """Up to ``size`` bytes and one more from ``fd`` (so that a longer file differs)."""
    chunks = []
    left = size + 1
    while left > 0:
        chunk = os.read(fd, left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
