"""Ranked full-text search: the one ranking behind ``archlog search``, the MCP server's
``search`` tool and the static site's search box (``features/site/static/rank.js`` runs the
very same ranking in the browser, from the data :mod:`archlog.features.search_shards`
writes at build time).

Text becomes terms in three steps, each of which the browser repeats exactly:

1. **Folding**, one code point at a time: CJK characters stay as they are; any other is
   decomposed (NFKD), stripped of its combining marks (category Mn), lower-cased, and
   ``ß`` becomes ``ss`` and ``ς`` becomes ``σ`` — so ``Décision`` and ``DECISION`` are
   one word.
2. **Tokens**: runs of letters and digits. A run of CJK characters gives its characters
   and its overlapping pairs (``数据库`` → ``数``, ``据``, ``库``, ``数据``, ``据库``), so
   Chinese and Japanese text is found without a dictionary. Other runs are words of 2 to 40
   characters, English stop words left out.
3. **Terms**: a word's English stem (Snowball, from ``snowballstemmer``); a CJK token is
   its own term. The index keeps every word form it met with its stem (the *vocabulary*).

Ranking is BM25 over one weighted bag of terms per record: a word of the title counts
:data:`FIELD_WEIGHTS` ``["title"]`` times, a tag or a person three times, the body once. A
term's score in a record is an integer (BM25 × 1000, rounded) so that adding them up gives
the same total in Python and in JavaScript; a record's score is the sum over the query's
words of the best score among the terms each word stands for; ties keep the records' order.

A query word stands for terms through the vocabulary, never through the stemmer, so the
browser needs no stemmer: a word the records use stands for its stem; a term typed as it is
stands for itself; any other word stands for the terms of the words it begins (``postgre``
→ ``postgresql``), or else for the longest term that begins it and is at least half as
long (``deciding`` → ``decid``). With ``prefix`` (search as you type) the last word also
stands for the words it begins. CJK query text stands for its pairs (a single character for
itself).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from archlog.features.search_snippets import Snippet as Snippet
from archlog.features.search_snippets import mark as mark
from archlog.features.search_snippets import snippet as snippet
from archlog.features.search_words import CJK_ONLY
from archlog.features.search_words import FIELD_WEIGHTS as FIELD_WEIGHTS
from archlog.features.search_words import MAX_WORD as MAX_WORD
from archlog.features.search_words import STOP_WORDS as STOP_WORDS
from archlog.features.search_words import Stemmer as Stemmer
from archlog.features.search_words import Terms as Terms
from archlog.features.search_words import fields_of as fields_of
from archlog.features.search_words import fold as fold
from archlog.features.search_words import plain as plain
from archlog.features.search_words import query_words as query_words
from archlog.features.search_words import record_terms as record_terms
from archlog.features.search_words import stemmer_identity as stemmer_identity
from archlog.features.search_words import tokens as tokens

K1 = 1.2
B = 0.75
#: Scores are integers: BM25 times this, rounded.
SCALE = 1000

# ---------------------------------------------------------------------- scoring


def idf(df: int, docs: int) -> float:
    """How rare a term held by ``df`` of ``docs`` records is (BM25's, never negative)."""
    return math.log(1 + (docs - df + 0.5) / (df + 0.5))


def length_norm(length: int, avg_length: float) -> float:
    """BM25's length normalisation of a record ``length`` long."""
    return K1 * (1 - B + B * length / avg_length) if avg_length else K1


def bm25(tf: int, norm: float, rarity: float) -> int:
    """A term's score in one record, as the integer both rankings add up: ``tf`` its
    weighted count there, ``norm`` the record's :func:`length_norm`, ``rarity`` its
    :func:`idf`."""
    return round(SCALE * rarity * tf * (K1 + 1) / (tf + norm))


def type_code(largest: int) -> str:
    """The smallest array type code that holds the whole numbers up to ``largest``."""
    return "H" if largest < 1 << 16 else "I" if largest < 1 << 32 else "Q"


@dataclass
class Match:
    """A record the query found: its position in the index, score and the terms matched."""

    doc: int
    score: int
    terms: set[str] = field(default_factory=set)


class Index:
    """The terms of a set of records: postings (term → ``[doc, weighted count, …]``), each
    record's weighted length, and the vocabulary (word form → term, where they differ).

    An index loaded from its saved form (:meth:`packed`) keeps its postings packed — two
    arrays for all terms, a term naming its slot — and unpacks a term's when a query first
    needs it: loading costs next to nothing, whatever the vocabulary."""

    def __init__(
        self,
        postings: dict[str, list[int] | int] | None = None,
        lengths: list[int] | None = None,
        forms: dict[str, str] | None = None,
    ) -> None:
        self.postings: dict[str, list[int] | int] = postings if postings is not None else {}
        self.lengths: list[int] = lengths if lengths is not None else []
        self.forms: dict[str, str] = forms if forms is not None else {}
        self._norms: list[float] | None = None
        self._slots: tuple[list[int], memoryview, memoryview] | None = None
        #: The saved terms, and which of them are their own stem (see :meth:`known_stem`).
        self._selves: tuple[list[str], bytes] | frozenset[str] | None = None

    @classmethod
    def of(cls, documents: Iterable[Terms]) -> Index:
        index = cls()
        postings: dict[str, list[int]] = {}
        for doc, terms in enumerate(documents):
            index.lengths.append(terms.length)
            index.forms.update(terms.forms)
            for term, tf in terms.counts.items():
                flat = postings.get(term)
                if flat is None:
                    postings[term] = [doc, tf]
                else:
                    flat += (doc, tf)
        index.postings.update(postings)
        return index

    def packed(self, stem: Stemmer) -> list[Any]:
        """The index as plain values to save: the terms, how many records hold each, every
        posting's record and weighted count (two arrays, term after term), the lengths, the
        vocabulary, and which terms are their own stem."""
        from array import array

        terms = list(self.postings)
        selves = bytes(stem(t) == t for t in terms)
        flats = [self.posting(t) for t in terms]
        docs = array(type_code(self.size), [d for flat in flats for d in flat[0::2]])
        counts = [c for flat in flats for c in flat[1::2]]
        tfs = array(type_code(max(counts, default=0)), counts)
        held = array("I", [len(flat) // 2 for flat in flats])
        return [
            terms,
            held.tobytes(),
            docs.typecode,
            docs.tobytes(),
            tfs.typecode,
            tfs.tobytes(),
            array("I", self.lengths).tobytes(),
            self.forms,
            selves,
        ]

    @classmethod
    def unpacked(cls, saved: Sequence[Any]) -> Index | None:
        """The index :meth:`packed` saved (None when ``saved`` is not what it writes)."""
        from array import array
        from itertools import accumulate

        try:
            terms, held, doc_code, docs, tf_code, tfs, lengths, forms, selves = saved
            counts = array("I", held)
            size = len(terms)
            if len(counts) != size or len(selves) != size or not isinstance(forms, dict):
                return None
            doc_view = memoryview(docs).cast(doc_code)
            tf_view = memoryview(tfs).cast(tf_code)
            if len(doc_view) != len(tf_view) or len(doc_view) != sum(counts):
                return None
            slots = cast("dict[str, list[int] | int]", dict(zip(terms, range(size), strict=True)))
            index = cls(slots, array("I", lengths).tolist(), forms)
        except (TypeError, ValueError):
            return None
        index._slots = ([0, *accumulate(counts)], doc_view, tf_view)
        index._selves = (terms, bytes(selves))
        return index

    def known_stem(self, form: str) -> str | None:
        """The stem of ``form`` as the index knows it: a form of its vocabulary, or a saved
        term that is its own stem; None when it cannot tell (the stemmer is asked then)."""
        term = self.forms.get(form)
        if term is not None:
            return term
        selves = self._selves
        if isinstance(selves, tuple):  # made once, at C speed, when first asked
            from itertools import compress

            selves = self._selves = frozenset(compress(*selves))
        return form if selves is not None and form in selves else None

    def posting(self, term: str) -> list[int]:
        """``[doc, weighted count, …]`` of ``term`` (empty when no record holds it)."""
        flat = self.postings.get(term)
        if flat is None:
            return []
        if isinstance(flat, int):
            assert self._slots is not None
            starts, docs, tfs = self._slots
            begin, end = starts[flat], starts[flat + 1]
            out = [0] * (2 * (end - begin))
            out[0::2] = docs[begin:end].tolist()
            out[1::2] = tfs[begin:end].tolist()
            flat = self.postings[term] = out
        return flat

    @property
    def size(self) -> int:
        return len(self.lengths)

    @property
    def norms(self) -> list[float]:
        """Each record's :func:`length_norm`."""
        if self._norms is None:
            avg = sum(self.lengths) / len(self.lengths) if self.lengths else 0.0
            self._norms = [length_norm(n, avg) for n in self.lengths]
        return self._norms

    def scores(self, term: str) -> dict[int, int]:
        """The score of ``term`` in each record holding it."""
        flat = self.posting(term)
        if not flat:
            return {}
        norms, rarity = self.norms, idf(len(flat) // 2, self.size)
        return {flat[i]: bm25(flat[i + 1], norms[flat[i]], rarity) for i in range(0, len(flat), 2)}

    def resolve(self, word: str, *, prefix: bool = False) -> set[str]:
        """The terms a query word stands for (see the module's last paragraph)."""
        found: set[str] = set()
        if word in self.forms:
            found.add(self.forms[word])
        elif word in self.postings:
            found.add(word)
        if found and not prefix:
            return found
        found.update(self._begun_by(word))
        if found or CJK_ONLY.fullmatch(word):
            return found
        for end in range(len(word) - 1, max(3, (len(word) + 1) // 2) - 1, -1):
            if word[:end] in self.postings:
                return {word[:end]}
        return found

    def _begun_by(self, word: str) -> set[str]:
        forms = self.forms
        out = {forms[f] for f in forms if f.startswith(word)}
        out.update(t for t in self.postings if t.startswith(word))
        return out

    def rank(self, query: str, *, prefix: bool = False) -> list[Match]:
        """The records matching any word of ``query``, best first (ties in index order)."""
        words = query_words(query)
        found: dict[int, Match] = {}
        for i, word in enumerate(words):
            best: dict[int, tuple[int, str]] = {}
            for term in sorted(self.resolve(word, prefix=prefix and i == len(words) - 1)):
                for doc, score in self.scores(term).items():
                    if doc not in best or score > best[doc][0]:
                        best[doc] = (score, term)
            for doc, (score, term) in best.items():
                hit = found.get(doc)
                if hit is None:
                    hit = found[doc] = Match(doc, 0)
                hit.score += score
                hit.terms.add(term)
        return sorted(found.values(), key=lambda m: (-m.score, m.doc))
