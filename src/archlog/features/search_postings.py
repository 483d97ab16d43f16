"""The search index as arrays: built from the records' terms at C speed, kept as it is, and
patched when a few records changed.

Two tables of postings, each term-major (a name's records are a slice of one array):

- terms: which records hold each term, and its weighted count in each;
- forms (word forms whose term differs from them, the vocabulary): which records use each.
  A form stays in the vocabulary while a record uses it, so the forms of a record that
  changed leave with it, exactly as a fresh build would leave them out.

A patch (:func:`patch`) takes the changed and removed records' postings out of the terms
they were in, puts the new records' in, and keeps every other slice as it is, in one copy:
what it gives holds the same postings, weights, lengths and vocabulary as a build from
scratch (in another order of terms), so it ranks the same (tests/test_search_patch.py).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain, compress, repeat
from operator import not_
from typing import Any

from archlog.features.search_words import Terms


def type_code(largest: int) -> str:
    """The smallest array type code that holds the whole numbers up to ``largest``."""
    if largest < 1 << 8:
        return "B"
    return "H" if largest < 1 << 16 else "I" if largest < 1 << 32 else "Q"


def _wider(code: str, other: str) -> str:
    return max(code, other, key="BHIQ".index)


def _consume(calls: Iterable[object]) -> None:
    deque(calls, maxlen=0)


@dataclass
class Table:
    """Names and their postings: ``docs[starts[i]:starts[i + 1]]`` are the records (in
    order) holding ``names[i]``, ``weights`` the same slice of their counts (None for the
    forms), ``tags`` one value per name (a term: whether it is its own stem; a form: its
    term)."""

    names: list[str]
    held: array[int]
    docs: array[int]
    weights: array[int] | None
    tags: list[Any]

    @property
    def starts(self) -> list[int]:
        return [0, *accumulate(self.held)]


@dataclass
class Packed:
    """An index's terms and forms, and each record's weighted length."""

    terms: Table
    forms: Table
    lengths: array[int]

    @property
    def size(self) -> int:
        return len(self.lengths)

    def to_plain(self) -> list[Any]:
        """Plain values to keep (arrays as bytes, with their type codes)."""
        out: list[Any] = []
        for table in (self.terms, self.forms):
            weights = table.weights
            out += [
                table.names,
                table.held.tobytes(),
                table.docs.typecode,
                table.docs.tobytes(),
                weights.typecode if weights is not None else "",
                weights.tobytes() if weights is not None else b"",
            ]
        selves = bytes(self.terms.tags)
        return [*out, selves, self.forms.tags, self.lengths.tobytes()]

    @classmethod
    def from_plain(cls, saved: Any) -> Packed | None:
        """What :meth:`to_plain` kept (None when ``saved`` is not that)."""
        try:
            *parts, selves, form_terms, lengths = saved
            terms = _table(parts[:6], list(bytes(selves)))
            forms = _table(parts[6:], list(form_terms))
            sizes = array("I", lengths)
        except (TypeError, ValueError):
            return None
        if terms is None or forms is None or terms.weights is None:
            return None
        return cls(terms, forms, sizes)


def _table(parts: Sequence[Any], tags: list[Any]) -> Table | None:
    names, held, doc_code, docs, weight_code, weights = parts
    table = Table(
        list(names),
        array("I", held),
        array(doc_code, docs),
        array(weight_code, weights) if weight_code else None,
        tags,
    )
    count = len(table.names)
    total = sum(table.held)
    if len(table.held) != count or len(tags) != count or len(table.docs) != total:
        return None
    if table.weights is not None and len(table.weights) != total:
        return None
    return table


# ---------------------------------------------------------------------- building


def build(documents: Sequence[Terms], stem: Callable[[str], str]) -> Packed:
    """The index of ``documents`` (record ``i``'s terms are ``documents[i]``)."""
    flat: defaultdict[str, list[int]] = defaultdict(list)
    users: defaultdict[str, list[int]] = defaultdict(list)
    term_of: dict[str, str] = {}
    to_term, to_form = flat.__getitem__, users.__getitem__
    extend, append = list.extend, list.append
    heaviest = 0
    for doc, terms in enumerate(documents):  # each posting placed by C calls alone
        counts = terms.counts
        _consume(map(extend, map(to_term, counts), zip(repeat(doc), counts.values())))
        _consume(map(append, map(to_form, terms.forms), repeat(doc)))
        term_of.update(terms.forms)
        heaviest = max(heaviest, max(counts.values(), default=0))
    lists = list(flat.values())
    docs, weights = array(type_code(len(documents))), array(type_code(heaviest))
    for flat_posting in lists:  # a list at a time: faster than any iterator
        docs.fromlist(flat_posting[0::2])
        weights.fromlist(flat_posting[1::2])
    table = Table(
        list(flat),
        array("I", [len(f) >> 1 for f in lists]),
        docs,
        weights,
        [int(stem(t) == t) for t in flat],
    )
    form_docs = array(docs.typecode)
    for users_of in users.values():
        form_docs.fromlist(users_of)
    forms = Table(
        list(users),
        array("I", map(len, users.values())),
        form_docs,
        None,
        [term_of[f] for f in users],
    )
    return Packed(table, forms, array("I", [t.length for t in documents]))


# ---------------------------------------------------------------------- patching


def patch(
    old: Packed, source: Sequence[int], added: dict[int, Terms], stem: Callable[[str], str]
) -> Packed:
    """The index of the records now, from ``old``'s: record ``j`` now is ``old``'s record
    ``source[j]`` as it was, or (``source[j] < 0``) a new or changed one, whose terms are
    ``added[j]``. ``old``'s records that ``source`` does not name are gone. The records
    kept keep their order (``source``'s values, less the negative ones, increase)."""
    remap = [-1] * old.size
    for new, was in enumerate(source):
        if was >= 0:
            remap[was] = new
    moved = any(new != i for i, new in enumerate(remap) if new >= 0)
    step = _Step(len(source), remap if moved else None, [i for i, n in enumerate(remap) if n < 0])
    new_terms: dict[str, list[tuple[int, int]]] = {}
    new_forms: dict[str, list[tuple[int, int]]] = {}
    term_of: dict[str, str] = {}
    for doc in sorted(added):
        terms = added[doc]
        for term, count in terms.counts.items():
            new_terms.setdefault(term, []).append((doc, count))
        for form in terms.forms:
            new_forms.setdefault(form, []).append((doc, 0))
        term_of.update(terms.forms)
    lengths = array("I", [old.lengths[was] if was >= 0 else 0 for was in source])
    for doc, terms in added.items():
        lengths[doc] = terms.length
    return Packed(
        step.table(old.terms, new_terms, lambda t: int(stem(t) == t)),
        step.table(old.forms, new_forms, term_of.__getitem__),
        lengths,
    )


class _Step:
    """A patch of the tables: ``size`` records now, ``remap`` (old record → new; None when
    none moved) and the old records ``gone`` (sorted)."""

    def __init__(self, size: int, remap: list[int] | None, gone: list[int]) -> None:
        self.size = size
        self.remap = remap
        self.gone = gone
        self.gone_set = set(gone)

    def table(
        self, old: Table, adds: dict[str, list[tuple[int, int]]], tag: Callable[[str], Any]
    ) -> Table:
        """``old`` patched: ``adds`` gives names the new records' ``(doc, weight)``, in
        order; ``tag`` a name new to the table its tag. Each run of names no change touches
        is copied in one piece."""
        starts = old.starts
        code = _wider(type_code(self.size), old.docs.typecode)  # (the records gone may be past it)
        docs = self._renumbered(old.docs, code)
        weights = old.weights
        if weights is not None:
            largest = max((w for pairs in adds.values() for _d, w in pairs), default=0)
            wide = _wider(weights.typecode, type_code(largest))
            weights = weights if weights.typecode == wide else array(wide, weights)
        out = Table(
            [],
            array("I"),
            array(docs.typecode),
            array(weights.typecode) if weights is not None else None,
            [],
        )
        view = memoryview(old.docs)
        untouched = 0  # the first name of the run of untouched names not yet copied
        for i, name in enumerate(old.names):
            begin, end = starts[i], starts[i + 1]
            more = adds.pop(name, None)
            if more is None and not self._holds_gone(view, begin, end):
                continue
            _copy(out, old, docs, weights, starts, untouched, i)
            untouched = i + 1
            posting = self._posting(old, weights, code, begin, end, more)
            if posting[0]:  # a name no record holds any more is left out
                _append(out, name, posting, old.tags[i])
        _copy(out, old, docs, weights, starts, untouched, len(old.names))
        for name, more in adds.items():
            new_docs = array(docs.typecode, [d for d, _w in more])
            new_weights = (
                array(weights.typecode, [w for _d, w in more]) if weights is not None else None
            )
            _append(out, name, (new_docs, new_weights), tag(name))
        return out

    def _holds_gone(self, view: memoryview, begin: int, end: int) -> bool:
        """Whether a record gone is among ``view[begin:end]`` (sorted)."""
        if not self.gone:
            return False
        if len(self.gone) > 4:  # one pass over the slice, at C speed
            return not self.gone_set.isdisjoint(view[begin:end])
        for doc in self.gone:
            at = bisect_left(view, doc, begin, end)
            if at < end and view[at] == doc:
                return True
        return False

    def _renumbered(self, docs: array[int], code: str) -> array[int]:
        """``docs`` in the new numbering (a record gone: 0, never copied), as ``code``."""
        if self.remap is None:
            return docs if docs.typecode == code else array(code, docs)
        remap = [max(new, 0) for new in self.remap]
        return array(code, map(remap.__getitem__, docs))

    def _posting(
        self,
        old: Table,
        weights: array[int] | None,
        code: str,
        begin: int,
        end: int,
        more: list[tuple[int, int]] | None,
    ) -> tuple[array[int], array[int] | None]:
        """One name's records and weights: ``old``'s, less those gone, renumbered, and
        ``more`` put in their places (each step a copy or a move at C speed), the records
        as ``code``."""
        docs = old.docs[begin:end]
        kept = weights[begin:end] if weights is not None else None
        if len(self.gone) > 4:
            keep = list(map(not_, map(self.gone_set.__contains__, docs)))
            docs = array(docs.typecode, compress(docs, keep))
            kept = array(kept.typecode, compress(kept, keep)) if kept is not None else None
        else:
            for doc in reversed(self.gone):
                at = bisect_left(docs, doc)
                if at < len(docs) and docs[at] == doc:
                    del docs[at]
                    if kept is not None:
                        del kept[at]
        if self.remap is not None:
            docs = array(code, map(self.remap.__getitem__, docs))
        elif docs.typecode != code:
            docs = array(code, docs)
        if more and len(more) > 8:
            paired = zip(docs, kept if kept is not None else repeat(0), strict=False)
            pairs = sorted(chain(paired, more))
            docs = array(code, [d for d, _w in pairs])
            kept = array(kept.typecode, [w for _d, w in pairs]) if kept is not None else None
            return docs, kept
        for doc, weight in more or ():
            at = bisect_left(docs, doc)
            docs.insert(at, doc)
            if kept is not None:
                kept.insert(at, weight)
        return docs, kept


def _copy(
    out: Table,
    old: Table,
    docs: array[int],
    weights: array[int] | None,
    starts: list[int],
    first: int,
    last: int,
) -> None:
    """``old``'s names ``first`` to ``last`` (excluded) into ``out`` as they are (``docs``
    and ``weights``: ``old``'s, renumbered and retyped)."""
    if first >= last:
        return
    begin, end = starts[first], starts[last]
    out.names += old.names[first:last]
    out.held += old.held[first:last]
    out.docs += docs[begin:end]
    if out.weights is not None and weights is not None:
        out.weights += weights[begin:end]
    out.tags += old.tags[first:last]


def _append(out: Table, name: str, posting: tuple[array[int], array[int] | None], tag: Any) -> None:
    docs, weights = posting
    out.names.append(name)
    out.held.append(len(docs))
    out.docs += docs
    if out.weights is not None and weights is not None:
        out.weights += weights
    out.tags.append(tag)
