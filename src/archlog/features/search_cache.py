"""What a search keeps between runs: the key of a folder's files as they are, the side cache
it is kept in (salted with the code that makes it), and records and their terms as plain
values."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archlog.features import search, search_words
from archlog.model import Record

if TYPE_CHECKING:
    from archlog.read.cache import ParseCache
    from archlog.read.store import Store

#: The modules whose code decides an index (what is kept is salted with them).
RANKING_CODE = (search.__file__, search_words.__file__)
#: The module that makes what a search keeps (not imported here: it imports this one).
_STORE_CODE = Path(__file__).with_name("search_store.py")


def folder_key(store: Store) -> bytes | None:
    """One key for all the folder's settled records are made from: every record file's name
    and content, the configuration, the index (a record may take its date there) and the
    template (its title tells templates from records). None when the caches are off or a
    file could not be read."""
    import json

    files = store.contents_key()
    if files is None:
        return None
    h = hashlib.sha256(files)
    config = [store.config.values, str(store.config.root)]
    h.update(json.dumps(config, sort_keys=True, default=str).encode())
    if store.log_file is None:
        from archlog.read.index_file import index_digest

        h.update(index_digest(store.folder, store.config))
    template = store.template_path()
    if template is not None:
        try:
            data = store.read(template)
        except OSError:
            data = b"\0unreadable"
        h.update(b"\0template\0" + data)
    return h.digest()[:16]


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


def record_ref(record: Record) -> str:
    return record.path.name + (f"#{record.entry}" if record.entry else "")


def pack_terms(terms: search.Terms) -> list[Any]:
    """A record's terms as plain values, unpacked at C speed (:func:`_unpack`): the terms
    joined by spaces (a term holds none) and their counts as an array; the forms joined by
    spaces, and each one's term as its place among the terms."""
    from array import array

    names = list(terms.counts)
    place = {name: i for i, name in enumerate(names)}
    counts = array(search.type_code(max(terms.counts.values(), default=0)), terms.counts.values())
    targets = array(search.type_code(len(names)), [place[t] for t in terms.forms.values()])
    return [
        " ".join(names),
        counts.typecode,
        counts.tobytes(),
        terms.length,
        " ".join(terms.forms),
        targets.typecode,
        targets.tobytes(),
    ]


def unpack_terms(kept: Any) -> search.Terms | None:
    """The terms :func:`_pack` kept (None when ``kept`` is not what it writes)."""
    from array import array

    if not (isinstance(kept, list) and len(kept) == 7):
        return None
    words, count_code, counts, length, forms, target_code, targets = kept
    try:
        names = words.split(" ") if words else []
        tfs = array(count_code, counts)
        sources = forms.split(" ") if forms else []
        stems = [names[i] for i in array(target_code, targets)]
        if len(names) != len(tfs) or len(sources) != len(stems) or not isinstance(length, int):
            return None
    except (TypeError, ValueError, AttributeError, IndexError):
        return None
    counted = dict(zip(names, tfs, strict=True))
    return search.Terms(counted, length, dict(zip(sources, stems, strict=True)))


def freeze_record(record: Record, folder: str) -> bytes:
    """A settled record as plain values (msgpack bytes): the parse cache's row of it, but no
    trace and no JSON line (a hit needs neither), whether numbers restart in its area, and
    its path from the folder."""
    import msgpack

    from archlog.read.cache_rows import bare_row

    row = bare_row(record)
    path = str(record.path)
    where = path[len(folder) :].replace(os.sep, "/") if path.startswith(folder) else path
    packed: bytes = msgpack.packb([row, record.scoped, where])
    return packed
