"""The search index of a folder, and the searches made with it.

Each record's terms are kept in a side cache keyed on its file's content, and the whole
index under one key of every record file's name and content (:meth:`Store.contents_key`):
on a folder that has not changed, a search reads the files, loads the saved index and
ranks; it tokenizes and stems only records whose bytes are new.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archlog.features import search
from archlog.model import Record, Section

if TYPE_CHECKING:
    from archlog.features.listing import Filter
    from archlog.read.cache import ParseCache
    from archlog.read.store import Store

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
    """The records of a store and their index, built (or loaded) once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.stemmer = search.Stemmer()
        key = store.contents_key()
        self.records: list[Record] = store.records
        self.index = self._load(key)

    # ------------------------------------------------------------------ building

    @staticmethod
    def _salt() -> str:
        import snowballstemmer

        h = hashlib.sha256(Path(search.__file__).read_bytes())
        h.update(Path(__file__).read_bytes())
        h.update(str(getattr(snowballstemmer, "__version__", "")).encode())
        return h.hexdigest()[:16]

    def _load(self, key: bytes | None) -> search.Index:
        salt = self._salt()
        memo = self.store.side_cache("search-index", salt)
        refs = [_ref(r) for r in self.records]
        if memo is not None and key is not None:
            kept = memo.get("", key)  # msgpack gives lists back
            if isinstance(kept, list) and len(kept) == 2 and kept[0] == refs:
                loaded = search.Index.unpacked(kept[1])
                if loaded is not None:
                    return loaded
        index = search.Index.of(self._terms(self.store.side_cache("search", salt)))
        if memo is not None and key is not None:
            memo.put("", key, [refs, index.packed()])
            memo.save(prune=True)
        return index

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
            if isinstance(hit, (list, tuple)) and len(hit) == 3:
                out.append(search.Terms(_unpack(hit[0]), hit[1], _unpack_forms(hit[2])))
            else:
                out.append(None)
                missing.append(len(out) - 1)
        self.store.detail([self.records[i] for i in missing])  # one pass over their files
        for i in missing:
            record = self.records[i]
            terms = out[i] = search.record_terms(record_fields(record), self.stemmer)
            digest = self.store.digest(record)
            if cache is not None and digest is not None:
                packed = (_pack(terms.counts), terms.length, _pack_forms(terms.forms))
                cache.put(_ref(record), digest, packed)
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
            allowed = {id(r) for r in in_force_records(self.records)}
        chosen: list[tuple[Record, search.Match]] = []
        for match in self.index.rank(query, prefix=prefix):
            record = self.records[match.doc]
            if allowed is not None and id(record) not in allowed:
                continue
            if keep is not None and not keep(record):
                continue
            chosen.append((record, match))
            if limit is not None and len(chosen) >= limit:
                break
        self.store.detail([record for record, _match in chosen])  # one pass: their files
        return [
            Hit(record, m.score, m.terms, search.snippet(body_text(record), m.terms, self.stemmer))
            for record, m in chosen
        ]

    def order(self, query: str, *, prefix: bool = False) -> list[tuple[Record, int]]:
        """Every matching record with its score, best first (no snippets, no filters)."""
        return [(self.records[m.doc], m.score) for m in self.index.rank(query, prefix=prefix)]


def _ref(record: Record) -> str:
    return record.path.name + (f"#{record.entry}" if record.entry else "")


def _pack(counts: dict[str, int]) -> str:
    return " ".join(f"{t} {n}" for t, n in counts.items())


def _unpack(packed: str) -> dict[str, int]:
    parts = packed.split(" ")
    return {parts[i]: int(parts[i + 1]) for i in range(0, len(parts) - 1, 2)}


def _pack_forms(forms: dict[str, str]) -> str:
    return " ".join(f"{f} {t}" for f, t in forms.items())


def _unpack_forms(packed: str) -> dict[str, str]:
    parts = packed.split(" ")
    return {parts[i]: parts[i + 1] for i in range(0, len(parts) - 1, 2)}


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
