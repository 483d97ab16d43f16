"""What a search keeps between runs: the key of a folder's files as they are, the side cache
it is kept in (salted with the code that makes it), which records an index is of, and
records as plain values."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from archlog.features import search, search_postings, search_words
from archlog.model import Record

if TYPE_CHECKING:
    from archlog.read.cache import ParseCache
    from archlog.read.store import Store

#: The modules whose code decides an index (what is kept is salted with them).
RANKING_CODE = (search.__file__, search_words.__file__, search_postings.__file__)
#: The module that makes what a search keeps (not imported here: it imports this one).
_STORE_CODE = Path(__file__).with_name("search_store.py")


def search_memo(store: Store) -> ParseCache | None:
    """The side cache of a folder's last search. Its entries are the reader's (their stamp
    holds the reader's fingerprint: :func:`archlog.read.cache.fingerprint`), salted with
    the code that makes the rest — this module, the ranking's, in force (the listing's)
    — and the stemmer's."""
    global _SALT
    if _SALT is None:
        from archlog.features import listing

        h = hashlib.sha256()
        for module in (*RANKING_CODE, _STORE_CODE, __file__, listing.__file__):
            h.update(Path(module).read_bytes())
        h.update(search.stemmer_identity().encode())
        _SALT = h.hexdigest()[:16]
    return store.side_cache("search-index", _SALT)


_SALT: str | None = None


def record_docs(store: Store, records: Sequence[Record]) -> tuple[str, bytes] | None:
    """What an index is kept for: each record's name (its file's path from the folder,
    ``#ENTRY`` for a log's entry; ``\\0`` between them) and its file's content key (16
    bytes each); None when the caches are off."""
    digests = [store.digest(record) for record in records]
    if any(d is None or len(d) != DIGEST for d in digests):
        return None
    folder = str(store.folder).rstrip(os.sep) + os.sep
    names = [_from(str(r.path), folder) + (f"#{r.entry}" if r.entry else "") for r in records]
    return "\0".join(names), b"".join(cast("list[bytes]", digests))


def _from(path: str, folder: str) -> str:
    """``path`` from ``folder`` (which ends with a separator), ``/``-separated."""
    inside = path[len(folder) :] if path.startswith(folder) else path
    return inside.replace(os.sep, "/") if os.sep != "/" else inside


#: The size of a file's content key (:func:`archlog.read.cache.digest`).
DIGEST = 16


def freeze_record(record: Record, folder: str) -> bytes:
    """A settled record as plain values (msgpack bytes): the parse cache's row of it, but no
    trace and no JSON line (a hit needs neither), whether numbers restart in its area, and
    its path from the folder."""
    import msgpack

    from archlog.read.cache_rows import bare_row

    row = bare_row(record)
    packed: bytes = msgpack.packb([row, record.scoped, _from(str(record.path), folder)])
    return packed
