"""The index a folder's last search kept, brought up to date with its records as they are.

What is kept names the records the index is of: each one's name in the folder and its
file's content key (:func:`archlog.features.search_cache.record_docs`). When they are the
records now, the index kept is the index; when some changed, were added or are gone, it is
patched (:func:`archlog.features.search_postings.patch`): only those records are parsed and
tokenized, and the rest of the index is copied as it is. It is built from scratch when
nothing is kept, when the records kept changed order (a renumbering) or when more than half
of them changed: then a patch saves little.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Any, NamedTuple

from archlog.features import search
from archlog.features.search_cache import DIGEST
from archlog.features.search_postings import Packed, patch

if TYPE_CHECKING:
    from archlog.read.cache import ParseCache


class Kept(NamedTuple):
    """What the last search kept: the key of the settled folder it was of (``b""`` when it
    kept no answer), which records its index is of, the index, and the answer."""

    key: bytes
    names: str
    digests: bytes
    data: Packed
    answer: list[Any] | None


def read_kept(memo: ParseCache) -> Kept | None:
    """What ``memo`` keeps, whatever folder it was of (None when nothing, or not what
    :func:`keep` writes)."""
    entry = memo.entries.get("")
    try:
        key, (names, digests, saved, answer) = entry  # type: ignore[misc]
    except (TypeError, ValueError):
        return None
    if not (isinstance(key, bytes) and isinstance(names, str) and isinstance(digests, bytes)):
        return None
    data = Packed.from_plain(saved)
    if data is None or len(digests) != DIGEST * data.size:
        return None
    return Kept(key, names, digests, data, answer if isinstance(answer, list) else None)


def keep(
    memo: ParseCache, key: bytes, docs: tuple[str, bytes], index: search.Index, answer: Any
) -> None:
    """Keep ``index`` (of the records ``docs``) and ``answer`` under ``key``."""
    memo.put("", key, [*docs, index.packed(), answer])
    memo.save(prune=True)


def current_index(
    kept: Kept | None,
    docs: tuple[str, bytes],
    terms_of: Callable[[Sequence[int]], list[search.Terms]],
    stem: search.Stemmer,
) -> tuple[search.Index, list[int] | None]:
    """The index of the records ``docs`` names (``terms_of`` gives the terms of the records
    at the places it is given), and for each record the one of the index kept it is, as
    it was (-1: a new or changed one; None: nothing kept could be used)."""
    if kept is not None:
        if (kept.names, kept.digests) == docs:
            return search.Index(kept.data), list(range(kept.data.size))
        source = _sources(kept, docs)
        if source is not None:
            missing = [new for new, was in enumerate(source) if was < 0]
            if len(missing) <= len(source) // 2:
                added = dict(zip(missing, terms_of(missing), strict=True))
                return search.Index(patch(kept.data, source, added, stem)), source
    size = len(docs[1]) // DIGEST
    return search.Index.of(terms_of(range(size)), stem), None


def _split(names: str, digests: bytes) -> list[tuple[str, bytes]] | None:
    """Each record's name and content key (None when they do not pair up)."""
    size = len(digests) // DIGEST
    listed = names.split("\0") if size else []
    if len(listed) != size:
        return None
    keys = [digests[i : i + DIGEST] for i in range(0, len(digests), DIGEST)]
    return list(zip(listed, keys, strict=True))


def _sources(kept: Kept, docs: tuple[str, bytes]) -> list[int] | None:
    """For each record now, the record of the index kept it is (its name and content the
    same), or -1; None when the kept records are not all told apart or changed order."""
    old, now = _split(kept.names, kept.digests), _split(*docs)
    if old is None or now is None:
        return None
    place = {doc: i for i, doc in enumerate(old)}
    if len(place) != kept.data.size:
        return None
    source = [place.get(doc, -1) for doc in now]
    order = [was for was in source if was >= 0]
    if any(later <= earlier for earlier, later in pairwise(order)):
        return None
    return source
