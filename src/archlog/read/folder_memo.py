"""The settled records of a whole folder, kept under the content of everything they came from.

The parse cache keeps each file's records as the file alone says they are; the store then
*settles* them (ids, numbers and relation targets that depend on the other files, dates that
only the folder's index writes). With every file unchanged, settling gives the same result
again: this memo keeps that result, so that reading an unchanged folder of 10,000 records is
the cost of reading its files and restoring the rows, not of settling them again.

The memo's key is a digest of every input of settling: each file's path, area and content key,
the template's and the index's bytes, the log file. A memo written by other code, or one whose
key or signature does not match, is not used (see :class:`archlog.read.cache.ParseCache`).
Folders whose reading warned (a file that could not be decoded) are not kept: their warnings
must be said again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from archlog.errors import ArchlogError, ReadError
from archlog.model import Record
from archlog.read.settle import Settled
from archlog.read.store_part import StorePart

if TYPE_CHECKING:
    from archlog.read.cache import ParseCache
    from archlog.read.content import Content

#: The memo's one entry in its side cache.
_NAME = "folder"


class Memo(NamedTuple):
    """A folder's settled records, with what the store keeps beside them."""

    records: list[Record]
    #: The JSON line of each record, as settled.
    lines: list[str]
    #: The content key of each record's file (index dates included).
    digests: list[bytes | None]
    #: Records whose settled form differs from their file's alone (see ``Store.as_parsed``).
    changed: list[bool]
    numbering: str
    #: Records whose numbers restart in their area (relations name them by id).
    scoped: list[bool]


def key(contents: Sequence[Content], extra: Iterable[bytes]) -> bytes | None:
    """The digest of every input of settling; None when a file has no content key."""
    h = hashlib.sha256()
    for content in contents:
        if content.key is None:
            return None
        h.update(f"{content.path}\0{content.name}\0{content.area or ''}\0".encode())
        h.update(content.key)
    for part in extra:
        h.update(b"\1")
        h.update(hashlib.sha256(part).digest())
    return h.digest()[:16]


def load(cache: ParseCache, memo_key: bytes, contents: Sequence[Content]) -> Memo | None:
    """The memo kept under ``memo_key`` for the files read (``contents``), else None."""
    value = cache.get(_NAME, memo_key)
    if not isinstance(value, list) or len(value) != 6:
        return None
    sources, rows, digests, changed, numbering, scoped = value
    try:
        paths = [contents[i].path for i in sources]  # the key holds the files: same order
        records = cache.restore(rows, paths)
    except (TypeError, IndexError):
        return None
    if records is None or not (len(records) == len(digests) == len(changed) == len(scoped)):
        return None
    for record, in_area in zip(records, scoped, strict=True):
        record.scoped = bool(in_area)
    lines = [str(row[-1]) for row in rows]
    flags = [bool(c) for c in changed]
    return Memo(records, lines, list(digests), flags, str(numbering), [r.scoped for r in records])


def save(
    cache: ParseCache,
    memo_key: bytes,
    contents: Sequence[Content],
    memo: Memo,
    parsed: ParseCache | None = None,
) -> None:
    """Keep ``memo`` under ``memo_key`` (replacing what was kept); each record is kept with
    the place of its file among ``contents``. A record settling left as its file says it
    is keeps the row ``parsed`` (the parse cache) holds of it: the same row, not made again."""
    place = {content.path: i for i, content in enumerate(contents)}
    sources = [place.get(record.path) for record in memo.records]
    if None in sources:
        return  # a record from a file not read here (cannot be): nothing kept
    rows: list[list[Any]] = []
    for record, line, changed in zip(memo.records, memo.lines, memo.changed, strict=True):
        row = parsed.row_of(record) if parsed is not None and not changed else None
        rows.append(row if row is not None else cache.rows([record], [line])[0])
    kept = [sources, rows, memo.digests, memo.changed, memo.numbering, memo.scoped]
    cache.put(_NAME, memo_key, kept)
    cache.save(prune=True)


def packed(value: Any) -> bytes:
    """Bytes of a plain value for :func:`key`'s ``extra`` parts."""
    return repr(value).encode()


class FolderMemo(StorePart):
    """The store's side of the memo: the key of its folder, and records restored from it."""

    @cached_property
    def _memo_cache(self) -> ParseCache | None:
        """Where the settled folder is kept (see :mod:`archlog.read.folder_memo`)."""
        return self.side_cache("settled", salt="")

    def _memo_key(self, contents: Sequence[Content]) -> bytes | None:
        """The key of settling ``contents``: the files, with the template, the index and the
        configuration that settling reads too; None when nothing is kept."""
        from archlog.read.index_file import index_path

        if self._memo_cache is None:
            return None
        template = self.template_path()
        try:
            index = index_path(self.folder, self.config) if self.log_file is None else None
        except ArchlogError:
            return None  # a configured index that cannot be: said where it is read
        extra = [
            packed(self.config.values),
            self._bytes_or_empty(template),
            self._bytes_or_empty(index if index is not None and self.contains(index) else None),
        ]
        return key(contents, extra)

    def _bytes_or_empty(self, path: Path | None) -> bytes:
        if path is None:
            return b""
        try:
            return self.read(path)
        except OSError:
            return b"\0unreadable"

    def _from_memo(self, memo: Memo) -> list[Record]:
        records = memo.records
        changed: set[int] = set()
        for record, line, digest, was_changed in zip(
            records, memo.lines, memo.digests, memo.changed, strict=True
        ):
            self._lines[id(record)] = line
            if digest is not None:
                self._digests[record.path] = digest
            if was_changed:
                changed.add(id(record))
            for line_no, message in record.problems:
                self.warnings.append(ReadError(message, record.path, line_no))
        self._settled = Settled(records, numbering=memo.numbering, changed=changed)
        return records

    def _keep_memo(
        self, memo_key: bytes, contents: Sequence[Content], records: list[Record]
    ) -> None:
        cache = self._memo_cache
        assert cache is not None
        changed = self._settled.changed if self._settled is not None else set()
        memo = Memo(
            records,
            [self.json_line(r) for r in records],
            [self._digests.get(r.path) for r in records],
            [id(r) in changed for r in records],
            self._settled.numbering if self._settled is not None else "global",
            [r.scoped for r in records],
        )
        save(cache, memo_key, contents, memo, self.parse_cache)
