"""The search index of a folder, and the searches made with it.

What a folder's last search kept (one side cache) makes the next one cost little more than
reading the files:

- the index, with the name and content key of each record it is of: when some files
  changed, only those are parsed in full and tokenized, and the index kept is patched with
  them (:mod:`archlog.features.search_kept`);
- the answer, under the key the settled records are kept under
  (:meth:`~archlog.read.store.Store.settled_key`: every record file's name and
  content, the configuration, the index file, the template): each settled record as plain
  values, which are in force, and the warnings reading gave. A search of a folder
  unchanged since is answered from it (:class:`KeptSearch`): the files are read and hashed,
  not parsed, and only the hits are made records again and their files parsed, for their
  snippets. The hits, their order and their output are those a fresh search gives.

The folder memo (:mod:`archlog.read.folder_memo`) keeps the settled records too, under the
same key, but only as a whole: its rows are unpacked and restored together (for 10,000
records, ten times what loading this answer costs), where the answer's are unpacked one by
one, only for the hits.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archlog.features import search
from archlog.features.search_cache import freeze_record, record_docs, search_memo
from archlog.model import Record, Section

if TYPE_CHECKING:
    from archlog.features.listing import Filter
    from archlog.features.search_kept import Kept
    from archlog.read.store import Store

#: What this process's stemmers learnt (a server's next index learns only new words).
LEARNT = search.Learnt()
#: Extra fields whose values name people.
PEOPLE_FIELDS = ("author", "authors", "owner", "owners", "proposer", "reviewers")


@dataclass
class Hit:
    """A record a search found: its score, the terms it matched and a snippet."""

    record: Record
    score: int
    terms: set[str]
    snippet: search.Snippet

    def to_json(self, folder: Path) -> dict[str, Any]:
        data = self.record.to_json(folder=folder)
        data["score"] = self.score
        data["matched"] = sorted(self.terms)
        data["snippet"] = self.snippet.text
        data["marks"] = [list(m) for m in self.snippet.marks]
        return data


def record_fields(record: Record) -> dict[str, str]:
    """The text of a record by field: title, tags (and category), people, body."""
    tags = [*record.tags, *([record.category] if record.category else [])]
    people = [*record.deciders, *record.consulted, *record.informed]
    people += [record.extra[k] for k in PEOPLE_FIELDS if record.extra.get(k)]
    body = "\n".join(f"{s.heading}\n{s.body}" for s in _content(record))
    return search.fields_of(record.title, tags, people, body)


def body_text(record: Record) -> str:
    """The record's sections as one text (what snippets are cut from)."""
    return "\n".join(s.body for s in _content(record) if s.body.strip())


def _content(record: Record) -> list[Section]:
    """The sections that say something: not the Status and Date ones (the title heading's
    own text is kept)."""
    from archlog.conventions.vocabulary import field_of

    return [s for s in record.sections if field_of(s.heading) not in ("status", "date")]


class SearchIndex:
    """The records of a store and their index, built (or loaded, or patched) once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.stemmer = search.Stemmer(learnt=LEARNT)
        fresh = not store.parsed  # then the warnings reading gives are told apart
        key = store.settled_key() if fresh else None
        before = len(store.warnings)
        self.records: list[Record] = store.records
        self.index = self._load(key, before if fresh else None)

    # ------------------------------------------------------------------ building

    def _load(self, key: bytes | None, before: int | None) -> search.Index:
        """The index of the records: the one kept, patched when some records changed (see
        :mod:`archlog.features.search_kept`), else built; kept again when it changed, with
        what a search needs besides (:meth:`_answer`) when the warnings reading gave are
        those after ``before`` and the settled folder has a ``key``."""
        from archlog.features.search_kept import current_index, keep, read_kept

        memo = search_memo(self.store)
        docs = record_docs(self.store, self.records) if memo is not None else None
        if memo is None or docs is None:
            return search.Index.of(self._terms(range(len(self.records))), self.stemmer)
        kept = read_kept(memo)
        index, source = current_index(kept, docs, self._terms, self.stemmer)
        if source is None:
            _forget_terms_kept(self.store)
        self.stemmer.known = index.known_stem  # the snippets' words, mostly
        same = kept is not None and (kept.names, kept.digests) == docs
        if before is not None and key is not None:
            if not same or kept is None or kept.key != key or kept.answer is None:
                answer = self._answer(before, kept, source)
                keep(memo, key, docs, index, answer)
        elif not same:
            keep(memo, b"", docs, index, None)
        return index

    def _answer(self, before: int, kept: Kept | None, source: list[int] | None) -> list[Any]:
        """What :class:`KeptSearch` needs besides the index: each record (settled, as plain
        values), whether it is in force, the warnings reading the folder gave, and which
        records are as their file alone says (and whether their numbers restart in their
        area). A record that is, and was so in the answer ``kept`` (its file the same:
        ``source``), keeps its row from there."""
        from archlog.features.listing import in_force

        store = self.store
        folder = str(store.folder).rstrip(os.sep) + os.sep
        old_rows, old_marks = _rows_of(kept, source)
        rows: list[bytes] = []
        marks = bytearray()
        for place, record in enumerate(self.records):
            mark = store.as_parsed(record) | record.scoped << 1
            was = source[place] if source is not None and old_marks else -1
            if was >= 0 and mark & 1 and old_marks[was] == mark:
                rows.append(old_rows[was])
            else:
                rows.append(freeze_record(record, folder))
            marks.append(mark)
        held = {id(r) for r in in_force(self.records)}
        flags = bytes(id(r) in held for r in self.records)
        warnings = [(w.message, w.path, w.line) for w in store.warnings[before:]]
        return [rows, flags, warnings, bytes(marks)]

    def _terms(self, places: Sequence[int]) -> list[search.Terms]:
        """The terms of the records at ``places`` (their files parsed in one pass)."""
        chosen = [self.records[i] for i in places]
        self.store.detail(chosen)
        return [search.record_terms(record_fields(r), self.stemmer) for r in chosen]

    # ------------------------------------------------------------------ searching

    def search(
        self,
        query: str,
        *,
        keep: Filter | None = None,
        in_force: bool = False,
        limit: int | None = None,
        prefix: bool = False,
    ) -> list[Hit]:
        """The records matching ``query`` (and the filters), best first, each with a
        snippet; at most ``limit``."""
        from archlog.features.listing import in_force as in_force_records

        allowed: set[int] | None = None
        if in_force:
            held = {id(r) for r in in_force_records(self.records)}
            allowed = {i for i, r in enumerate(self.records) if id(r) in held}
        return _hits(
            self.store,
            self.index,
            self.stemmer,
            self.records.__getitem__,
            query,
            keep=keep,
            allowed=allowed,
            limit=limit,
            prefix=prefix,
        )

    def order(self, query: str, *, prefix: bool = False) -> list[tuple[Record, int]]:
        """Every matching record with its score, best first (no snippets, no filters)."""
        return [(self.records[m.doc], m.score) for m in self.index.rank(query, prefix=prefix)]


class KeptSearch:
    """A search of a folder unchanged since it was last searched, answered from what was
    kept then under :meth:`~archlog.read.store.Store.settled_key`: the index, each
    record as plain values, which are in force, and the warnings reading gave. The files
    are read (to make the key) but not parsed; only the hits are made records again, and
    only their files parsed (their snippets). The same hits, in the same order, as
    :class:`SearchIndex` gives."""

    def __init__(self, store: Store, index: search.Index, rows: list[bytes], flags: bytes):
        self.store = store
        self.index = index
        self.stemmer = search.Stemmer(known=index.known_stem, learnt=LEARNT)
        self._rows = rows
        self._flags = flags
        self._made: dict[int, Record] = {}

    @classmethod
    def load(cls, store: Store) -> KeptSearch | None:
        """The kept search of ``store``'s folder as it is now (None when nothing is kept
        for it); the warnings kept are the store's again."""
        from archlog.errors import ReadError

        key = store.settled_key()
        memo = search_memo(store) if key is not None else None
        kept = memo.get("", key) if memo is not None and key is not None else None
        if not (isinstance(kept, list) and len(kept) == 4 and isinstance(kept[3], list)):
            return None
        index = search.Index.unpacked(kept[2])
        try:
            rows, flags, warnings, _marks = kept[3]
            good = index is not None and len(rows) == len(flags) == index.size
            found = [ReadError(message, path, line) for message, path, line in warnings]
        except (TypeError, ValueError):
            return None
        if not good or index is None:
            return None
        store.warnings += found
        return cls(store, index, rows, bytes(flags))

    def record(self, doc: int) -> Record:
        """The index's record ``doc``, made from what was kept (once)."""
        made = self._made.get(doc)
        if made is None:
            import msgpack

            from archlog.read.cache_rows import restore_row

            row, scoped, path = msgpack.unpackb(self._rows[doc], raw=False, use_list=True)
            made = self._made[doc] = restore_row(row, self.store.folder / path)
            made.scoped = bool(scoped)
        return made

    def search(
        self,
        query: str,
        *,
        keep: Filter | None = None,
        in_force: bool = False,
        limit: int | None = None,
        prefix: bool = False,
    ) -> list[Hit]:
        """As :meth:`SearchIndex.search`."""
        allowed = {i for i, held in enumerate(self._flags) if held} if in_force else None
        return _hits(
            self.store,
            self.index,
            self.stemmer,
            self.record,
            query,
            keep=keep,
            allowed=allowed,
            limit=limit,
            prefix=prefix,
        )


def _forget_terms_kept(store: Store) -> None:
    """Remove the side cache of each record's terms that earlier versions kept (25 MB for
    10,000 records): the index kept is patched instead."""
    import contextlib

    legacy = store.side_cache("search", "")
    if legacy is not None:
        with contextlib.suppress(OSError):
            legacy.file.unlink()


def _rows_of(kept: Kept | None, source: list[int] | None) -> tuple[list[bytes], bytes]:
    """The rows of the answer ``kept`` and what each record was (see
    :meth:`SearchIndex._answer`); none when it has no answer for the records ``source``
    names."""
    answer = kept.answer if kept is not None and source is not None else None
    if answer is None or len(answer) != 4:
        return [], b""
    rows, _flags, _warnings, marks = answer
    size = kept.data.size if kept is not None else 0
    ok = isinstance(rows, list) and isinstance(marks, bytes) and len(rows) == len(marks) == size
    return (rows, marks) if ok else ([], b"")


def _hits(
    store: Store,
    index: search.Index,
    stemmer: search.Stemmer,
    record_of: Callable[[int], Record],
    query: str,
    *,
    keep: Filter | None,
    allowed: set[int] | None,
    limit: int | None,
    prefix: bool,
) -> list[Hit]:
    """The ranked records that pass the filters (``allowed``: the records in force), at
    most ``limit``, each with a snippet."""
    chosen: list[tuple[Record, search.Match]] = []
    for match in index.rank(query, prefix=prefix):
        if allowed is not None and match.doc not in allowed:
            continue
        record = record_of(match.doc)
        if keep is not None and not keep(record):
            continue
        chosen.append((record, match))
        if limit is not None and len(chosen) >= limit:
            break
    store.detail([record for record, _match in chosen])  # one pass: their files
    return [
        Hit(record, m.score, m.terms, search.snippet(body_text(record), m.terms, stemmer))
        for record, m in chosen
    ]


def open_index(store: Store) -> SearchIndex:
    """The search index of ``store``'s records (loaded when nothing changed)."""
    return SearchIndex(store)
