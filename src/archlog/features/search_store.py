"""The search index of a folder, and the searches made with it.

Two side caches make a search of 10,000 records cost little more than reading them:

- each record's terms, keyed on its file's content: when some files changed, only those are
  parsed in full and tokenized again, and the index is built from the terms kept;
- the folder's last search, under one key of everything the settled records are made from
  (:func:`folder_key`: every record file's name and content, the configuration, the index
  file, the template): the index, each settled record as plain values, which are in force,
  and the warnings reading gave. A search of a folder unchanged since is answered from it
  (:class:`KeptSearch`): the files are read and hashed, not parsed, and only the hits are
  made records again and their files parsed, for their snippets. The hits, their order and
  their output are those a fresh search gives.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archlog.features import search, search_words
from archlog.model import Record, Section

if TYPE_CHECKING:
    from archlog.features.listing import Filter
    from archlog.read.cache import ParseCache
    from archlog.read.store import Store

#: Extra fields whose values name people.
PEOPLE_FIELDS = ("author", "authors", "owner", "owners", "proposer", "reviewers")

#: The modules whose code decides an index (what is kept is salted with them).
_RANKING_CODE = (search.__file__, search_words.__file__)


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
    """The records of a store and their index, built (or loaded) once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.stemmer = search.Stemmer()
        fresh = not store.parsed  # then the warnings reading gives are told apart
        key = folder_key(store)
        before = len(store.warnings)
        self.records: list[Record] = store.records
        self.index = self._load(key, before if fresh else None)

    # ------------------------------------------------------------------ building

    @staticmethod
    def _salt() -> str:
        h = hashlib.sha256()
        for module in (*_RANKING_CODE, __file__):
            h.update(Path(module).read_bytes())
        h.update(search.stemmer_identity().encode())
        return h.hexdigest()[:16]

    def _load(self, key: bytes | None, before: int | None) -> search.Index:
        """The index kept under ``key``, else built (and kept, with what a search needs
        besides when the warnings reading gave are those after ``before``)."""
        memo = _memo(self.store) if key is not None else None
        refs = [_ref(r) for r in self.records]
        kept = memo.get("", key) if memo is not None and key is not None else None
        index = None
        if isinstance(kept, list) and len(kept) == 3 and kept[0] == refs:  # lists: msgpack's
            index = search.Index.unpacked(kept[1])
            if index is not None:
                self.stemmer.known = index.known_stem  # the snippets' words, mostly
            if index is not None and (kept[2] is not None or before is None):
                return index
        if index is None:
            salt = self._salt()
            index = search.Index.of(self._terms(self.store.side_cache("search", salt)))
        if memo is not None and key is not None:
            answer = self._answer(before) if before is not None else None
            memo.put("", key, [refs, index.packed(self.stemmer), answer])
            memo.save(prune=True)
        return index

    def _answer(self, before: int) -> list[Any]:
        """What :class:`KeptSearch` needs besides the index: each record (settled, as plain
        values), whether it is in force, and the warnings reading the folder gave."""
        from archlog.features.listing import in_force

        store = self.store
        folder = str(store.folder).rstrip(os.sep) + os.sep
        rows = [_freeze(record, folder) for record in self.records]
        held = {id(r) for r in in_force(self.records)}
        flags = bytes(id(r) in held for r in self.records)
        warnings = [(w.message, w.path, w.line) for w in store.warnings[before:]]
        return [rows, flags, warnings]

    def _terms(self, cache: ParseCache | None) -> list[search.Terms]:
        out: list[search.Terms | None] = []
        missing: list[int] = []
        for record in self.records:
            digest = self.store.digest(record)
            hit = (
                cache.get(_ref(record), digest)
                if cache is not None and digest is not None
                else None
            )
            terms = _unpack(hit) if hit is not None else None
            out.append(terms)
            if terms is None:
                missing.append(len(out) - 1)
        self.store.detail([self.records[i] for i in missing])  # one pass over their files
        for i in missing:
            record = self.records[i]
            terms = out[i] = search.record_terms(record_fields(record), self.stemmer)
            digest = self.store.digest(record)
            if cache is not None and digest is not None:
                cache.put(_ref(record), digest, _pack(terms))
        if cache is not None:
            cache.save(prune=True)
        return [terms for terms in out if terms is not None]

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
    kept then under :func:`folder_key`: the index, each record as plain values, which are
    in force, and the warnings reading gave. The files are read (to make the key) but not
    parsed; only the hits are made records again, and only their files parsed (their
    snippets). The same hits, in the same order, as :class:`SearchIndex` gives."""

    def __init__(self, store: Store, index: search.Index, rows: list[bytes], flags: bytes):
        self.store = store
        self.index = index
        self.stemmer = search.Stemmer(known=index.known_stem)
        self._rows = rows
        self._flags = flags
        self._made: dict[int, Record] = {}

    @classmethod
    def load(cls, store: Store) -> KeptSearch | None:
        """The kept search of ``store``'s folder as it is now (None when nothing is kept
        for it); the warnings kept are the store's again."""
        from archlog.errors import ReadError

        key = folder_key(store)
        memo = _memo(store) if key is not None else None
        kept = memo.get("", key) if memo is not None and key is not None else None
        if not (isinstance(kept, list) and len(kept) == 3 and isinstance(kept[2], list)):
            return None
        index = search.Index.unpacked(kept[1])
        try:
            rows, flags, warnings = kept[2]
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


def _memo(store: Store) -> ParseCache | None:
    """The side cache of a folder's last search. Its entries are the reader's (their stamp
    holds the reader's fingerprint: :func:`archlog.read.cache.fingerprint`), salted with
    the code that makes the rest — this module, the ranking's, in force (the listing's)
    — and the stemmer's."""
    global _SALT
    if _SALT is None:
        from archlog.features import listing

        h = hashlib.sha256()
        for module in (*_RANKING_CODE, __file__, listing.__file__):
            h.update(Path(module).read_bytes())
        h.update(search.stemmer_identity().encode())
        _SALT = h.hexdigest()[:16]
    return store.side_cache("search-index", _SALT)


_SALT: str | None = None


def _ref(record: Record) -> str:
    return record.path.name + (f"#{record.entry}" if record.entry else "")


def _pack(terms: search.Terms) -> list[Any]:
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


def _unpack(kept: Any) -> search.Terms | None:
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


def _freeze(record: Record, folder: str) -> bytes:
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


def open_index(store: Store) -> SearchIndex:
    """The search index of ``store``'s records (loaded when nothing changed)."""
    return SearchIndex(store)


def render_json(hits: Sequence[Hit], folder: Path) -> str:
    """Hits as a JSON array, one per line."""
    import json

    if not hits:
        return "[]\n"
    return (
        "[\n"
        + ",\n".join(json.dumps(h.to_json(folder), ensure_ascii=False) for h in hits)
        + "\n]\n"
    )


def render_text(hits: Sequence[Hit], *, width: int | None, colour: bool) -> str:
    """Hits for a terminal ``width`` cells wide (a fitted row, the snippet under it), or,
    without a width, one tab-separated line each: id, status, date, title, snippet."""
    from archlog.features.listing import clip, fit

    if width is None:
        return "".join(
            "\t".join(
                (
                    h.record.id,
                    h.record.status,
                    h.record.date or "-",
                    h.record.title,
                    search.mark(h.snippet),
                )
            )
            + "\n"
            for h in hits
        )
    rows = [(h.record.id, h.record.status, h.record.date or "-", h.record.title) for h in hits]
    bold, plain_ = ("\x1b[1m", "\x1b[0m") if colour else ("**", "**")
    out = []
    for line, hit in zip(fit(rows, width), hits, strict=True):
        out.append(line)
        snip = hit.snippet
        room = max(20, width - 4)
        text = clip(snip.text, room)
        end = len(text) if text == snip.text else len(text) - 1
        kept = search.Snippet(text, [(s, e) for s, e in snip.marks if e <= end])
        out.append("    " + search.mark(kept, bold, plain_))
    return "".join(line + "\n" for line in out)
