"""Reading a folder's files: their bytes with plain system calls, their records from the
parse cache when a file's content is the one cached, else from the reader.

Each file is read once; its content key (a digest of its bytes) is what every cache is
keyed on. A file that cannot be read, or holds no record, is a warning naming it: the rest
of the folder still reads.

A repository is untrusted input (:class:`Guard`): only a regular file of a sane size is read
(a FIFO or a device in a record's place would hang or exhaust memory), and only one that
leads inside the repository — a symbolic link (git keeps them), or a sub-folder that is
one, leading outside it is not read.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from archlog.errors import ArchlogError, ReadError
from archlog.infra.fs import MAX_RECORD_BYTES, SYMLINK_ERRNOS, read_regular, resolves_inside
from archlog.model import NameInfo, Record
from archlog.read.cache import ParseCache, digest
from archlog.read.content import Content


class Parsed(NamedTuple):
    """The records of one file, the JSON line of each as the cache keeps it (None: no
    cache), and the file's content key."""

    records: list[Record]
    lines: list[str | None]
    key: bytes | None


class Guard:
    """Reads the files of one folder as untrusted input, within ``bounds`` (the repository
    the folder is in, or the folder itself when it is not in one)."""

    def __init__(self, bounds: str) -> None:
        self.bounds = bounds
        self._parents: dict[str, bool] = {}

    def read(self, path: str) -> bytes:
        """The bytes of ``path``, a regular file of a sane size inside the bounds; else
        :class:`OSError` saying why."""
        parent = os.path.dirname(path)
        inside = self._parents.get(parent)
        if inside is None:  # once per folder: a record's own name is checked below
            inside = self._parents[parent] = resolves_inside(self.bounds, parent)
        if not inside:
            raise OSError(errno.EACCES, "the ADR folder leads outside the repository; not read")
        try:
            return read_regular(path, MAX_RECORD_BYTES, follow=False)
        except OSError as exc:
            if exc.errno not in SYMLINK_ERRNOS:
                raise
        if not resolves_inside(self.bounds, path):
            raise OSError(
                errno.EACCES, "a symbolic link that leads outside the repository; not read"
            )
        return read_regular(path, MAX_RECORD_BYTES)


def load(
    items: Iterable[tuple[Path, str, NameInfo | None, str | None]],
    warnings: list[ArchlogError],
    read: Callable[[str], bytes],
    *,
    keyed: bool,
    warn: bool = True,
    keep: bool = True,
) -> Iterator[Content]:
    """Each file's bytes, read with ``read`` (and, with ``keyed``, its content key); without
    ``keep``, only the key is kept (the caches are expected to answer for the file)."""
    for path, name, info, area in items:
        try:
            data = read(str(path))
        except OSError as exc:
            if warn:
                warnings.append(ReadError(f"cannot read: {exc.strerror}", path))
            continue
        key = digest(data) if keyed else None
        yield Content(path, name, data if keep or key is None else None, key, info, area)


def parse(
    source: Iterable[Content],
    warnings: list[ArchlogError],
    store: ParseCache | None,
    *,
    warn: bool = True,
    folder_names: bool = True,
    read: Callable[[str], bytes] | None = None,
) -> Iterator[Parsed]:
    """The records of each file read (from the parse cache when its key is known). A file
    whose bytes were not kept is read again with ``read`` (its key is then that of what it
    holds now)."""
    from archlog.read.reader import decode, parse_file

    for content in source:
        path, name, data, key, info, area = content
        try:
            hit = store.lookup(path, name, key) if store is not None and key is not None else None
            if hit is not None:
                records, lines = hit
                yield Parsed(records, list(lines), key)
                continue
            if data is None:
                data, key = _again(path, read)
            text, _bom = decode(data, path)
            records = parse_file(text, path, name=info if folder_names else None)
            for record in records:
                if record.entry is None:
                    record.area = area
            kept: list[str | None] = [None] * len(records)
            if store is not None and key is not None:
                kept = list(store.store(name, key, records))
        except ArchlogError as exc:
            if warn:
                warnings.append(exc)
            continue
        yield Parsed(records, kept, key)


def handed(contents: list[Content]) -> Iterator[Content]:
    """Each of ``contents`` in turn, left in the list without its bytes: once its records
    are read, the bytes of a file are let go (10,000 files hold tens of megabytes)."""
    for i, content in enumerate(contents):
        if content.data is not None:
            path, name, _data, key, info, area = content
            contents[i] = Content(path, name, None, key, info, area)
        yield content


def _again(path: Path, read: Callable[[str], bytes] | None) -> tuple[bytes, bytes]:
    """The bytes of a file whose bytes were not kept, and their content key."""
    if read is None:
        raise ReadError("its bytes were not kept", path)
    try:
        data = read(str(path))
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror}", path) from None
    return data, digest(data)


@contextlib.contextmanager
def no_gc_pauses() -> Iterator[None]:
    """Hold the cyclic garbage collector while reading: records are made by the ten thousand
    and hold no cycles, so its passes would only rescan them again and again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()  # what was read stays: keep it out of later passes too
            gc.enable()
