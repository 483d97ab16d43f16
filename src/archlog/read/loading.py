"""Reading a folder's files: their bytes with plain system calls, their records from the
parse cache when a file's content is the one cached, else from the reader.

Each file is read once; its content key (a digest of its bytes) is what every cache is
keyed on. A file that cannot be read, or holds no record, is a warning naming it: the rest
of the folder still reads.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from archlog.errors import ArchlogError, ReadError
from archlog.model import NameInfo, Record
from archlog.read.cache import ParseCache, digest


class Content(NamedTuple):
    """One record file as read: its path, its key in the folder (its path relative to the
    folder), its bytes and content key (None when the caches are off), and what its name
    says."""

    path: Path
    name: str
    data: bytes
    key: bytes | None
    info: NameInfo | None = None
    area: str | None = None


class Parsed(NamedTuple):
    """The records of one file, the JSON line of each kept by the cache (None: parsed
    now), and the file's content key."""

    records: list[Record]
    lines: list[str | None]
    key: bytes | None


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)  # O_BINARY: Windows only


def read_bytes(path: str) -> bytes:
    """The whole file, read with plain system calls: a Python file object costs about as
    much to make as a small record costs to read, and a folder holds thousands of them."""
    fd = os.open(path, _READ_FLAGS)
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 16):  # to the empty read: short reads are allowed
            chunks.append(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


def load(
    items: Iterable[tuple[Path, str, NameInfo | None, str | None]],
    warnings: list[ArchlogError],
    *,
    keyed: bool,
    warn: bool = True,
) -> Iterator[Content]:
    """Each file's bytes (and, with ``keyed``, its content key)."""
    for path, name, info, area in items:
        try:
            data = read_bytes(str(path))
        except OSError as exc:
            if warn:
                warnings.append(ReadError(f"cannot read: {exc.strerror}", path))
            continue
        yield Content(path, name, data, digest(data) if keyed else None, info, area)


def parse(
    source: Iterable[Content],
    warnings: list[ArchlogError],
    store: ParseCache | None,
    *,
    warn: bool = True,
    folder_names: bool = True,
) -> Iterator[Parsed]:
    """The records of each file read (from the parse cache when its key is known)."""
    from archlog.read.reader import decode, parse_file

    for content in source:
        path, name, data, key, info, area = content
        try:
            hit = store.lookup(path, name, key) if store is not None and key is not None else None
            if hit is not None:
                records, lines = hit
                yield Parsed(records, list(lines), key)
                continue
            text, _bom = decode(data, path)
            records = parse_file(text, path, name=info if folder_names else None)
            for record in records:
                if record.entry is None:
                    record.area = area
            if store is not None and key is not None:
                store.store(name, key, records)
        except ArchlogError as exc:
            if warn:
                warnings.append(exc)
            continue
        yield Parsed(records, [None] * len(records), key)


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
