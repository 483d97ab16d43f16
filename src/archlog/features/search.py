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
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import compress
from typing import Any

from archlog.features.search_postings import Packed, build
from archlog.features.search_snippets import Snippet as Snippet
from archlog.features.search_snippets import mark as mark
from archlog.features.search_snippets import snippet as snippet
from archlog.features.search_words import CJK_ONLY
from archlog.features.search_words import FIELD_WEIGHTS as FIELD_WEIGHTS
from archlog.features.search_words import MAX_WORD as MAX_WORD
from archlog.features.search_words import STOP_WORDS as STOP_WORDS
from archlog.features.search_words import Learnt as Learnt
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


@dataclass
class Match:
    """A record the query found: its position in the index, score and the terms matched."""

    doc: int
    score: int
    terms: set[str] = field(default_factory=set)


class Index:
    """The terms of a set of records: postings (term → ``[doc, weighted count, …]``), each
    record's weighted length, and the vocabulary (word form → term, where they differ).

    The postings stay packed (:class:`~archlog.features.search_postings.Packed`: arrays for
    all terms, a term naming its slice) and a term's are unpacked when a query first needs
    them: making the index from its kept form costs next to nothing, whatever the
    vocabulary."""

    def __init__(self, data: Packed) -> None:
        #: The packed index (what is kept, and what a patch starts from).
        self.data = data
        terms = data.terms
        self.postings: dict[str, list[int] | int] = dict(
            zip(terms.names, range(len(terms.names)), strict=True)
        )
        self.lengths = data.lengths
        self.forms: dict[str, str] = dict(zip(data.forms.names, data.forms.tags, strict=True))
        self._norms: list[float] | None = None
        self._starts = terms.starts
        self._selves: frozenset[str] | None = None

    @classmethod
    def of(cls, documents: Sequence[Terms], stem: Stemmer) -> Index:
        """The index of ``documents`` (record ``i``'s terms are ``documents[i]``)."""
        return cls(build(documents, stem))

    @classmethod
    def unpacked(cls, saved: Any) -> Index | None:
        """The index :meth:`packed` gave (None when ``saved`` is not what it gives)."""
        data = Packed.from_plain(saved)
        return cls(data) if data is not None else None

    def packed(self) -> list[Any]:
        """The index as plain values to keep."""
        return self.data.to_plain()

    def known_stem(self, form: str) -> str | None:
        """The stem of ``form`` as the index knows it: a form of its vocabulary, or a term
        that is its own stem; None when it cannot tell (the stemmer is asked then)."""
        term = self.forms.get(form)
        if term is not None:
            return term
        if self._selves is None:  # made once, at C speed, when first asked
            terms = self.data.terms
            self._selves = frozenset(compress(terms.names, terms.tags))
        return form if form in self._selves else None

    def posting(self, term: str) -> list[int]:
        """``[doc, weighted count, …]`` of ``term`` (empty when no record holds it)."""
        flat = self.postings.get(term)
        if flat is None:
            return []
        if isinstance(flat, int):
            table = self.data.terms
            assert table.weights is not None
            begin, end = self._starts[flat], self._starts[flat + 1]
            out = [0] * (2 * (end - begin))
            out[0::2] = table.docs[begin:end].tolist()
            out[1::2] = table.weights[begin:end].tolist()
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
