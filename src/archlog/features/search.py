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
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from archlog.read.comments import without_comments

#: How many times a token of each field counts.
FIELD_WEIGHTS: dict[str, int] = {"title": 5, "tags": 3, "people": 3, "body": 1}
K1 = 1.2
B = 0.75
#: Scores are integers: BM25 times this, rounded.
SCALE = 1000
MAX_WORD = 40

#: English words too common to help (left out of the index and of queries alike).
_STOP_TEXT = """a an and are as at be been but by can could did do does for from had has have
he her his i if in into is it its may might must no not of on or our shall she should so
such than that the their them then there these they this those to was we were what when
where which who whom why will with would you your"""
STOP_WORDS: frozenset[str] = frozenset(_STOP_TEXT.split())

_CJK_RANGES = (
    (0x3040, 0x30FF),
    (0x31F0, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2FFFF),
)
_CJK_CLASS = "".join(f"{chr(a)}-{chr(b)}" for a, b in _CJK_RANGES)
#: A run of letters and digits (``[^\W_]``: Python's word characters less the underscore).
_RUN = re.compile(r"[^\W_]+")
_CJK_SPLIT = re.compile(f"([{_CJK_CLASS}]+)")
_CJK_ONLY = re.compile(f"[{_CJK_CLASS}]+")


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return any(a <= cp <= b for a, b in _CJK_RANGES)


class _FoldTable(dict[int, str]):
    """``str.translate`` table that folds each code point the first time it is met."""

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        if _is_cjk(ch):
            out = ch
        else:
            plain = "".join(
                c for c in unicodedata.normalize("NFKD", ch) if unicodedata.category(c) != "Mn"
            )
            out = plain.lower().replace("ß", "ss").replace("ς", "σ")
        self[cp] = out
        return out


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower-cased, accents and compatibility forms folded (see the module's step 1)."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD)


def _run_tokens(run: str) -> Iterator[str]:
    """The tokens of one run of letters and digits, already folded."""
    if run.isascii():
        if 2 <= len(run) <= MAX_WORD and run not in STOP_WORDS:
            yield run
        return
    for i, piece in enumerate(_CJK_SPLIT.split(run)):
        if not piece:
            continue
        if i % 2:  # a CJK run: its characters and its pairs
            yield from piece
            for j in range(len(piece) - 1):
                yield piece[j : j + 2]
        elif 2 <= len(piece) <= MAX_WORD and piece not in STOP_WORDS:
            yield piece


def tokens(text: str) -> Iterator[str]:
    """The folded tokens of ``text``, in order (see the module's step 2)."""
    for run in _RUN.findall(fold(text)):
        yield from _run_tokens(run)


def query_words(text: str) -> list[str]:
    """The words of a query, once each, in order: words, and for CJK text its pairs (or a
    lone character)."""
    out: list[str] = []
    for run in _RUN.findall(fold(text)):
        for i, piece in enumerate(_CJK_SPLIT.split(run) if not run.isascii() else [run]):
            if not piece:
                continue
            if i % 2:
                grams = [piece[j : j + 2] for j in range(len(piece) - 1)] or [piece]
            elif 2 <= len(piece) <= MAX_WORD and piece not in STOP_WORDS:
                grams = [piece]
            else:
                grams = []
            out.extend(g for g in grams if g not in out)
    return out


class Stemmer:
    """English stems from Snowball, each word form stemmed once."""

    def __init__(self) -> None:
        import snowballstemmer

        self._stem: Callable[[str], str] = snowballstemmer.stemmer("english").stemWord
        self._memo: dict[str, str] = {}

    def __call__(self, form: str) -> str:
        stem = self._memo.get(form)
        if stem is None:
            stem = form if _CJK_ONLY.fullmatch(form) else self._stem(form)
            self._memo[form] = stem
        return stem


# ---------------------------------------------------------------------- documents


class Terms(NamedTuple):
    """What one record adds to the index: each term's weighted count, the weighted length,
    and the word forms met whose term differs from them."""

    counts: dict[str, int]
    length: int
    forms: dict[str, str]


def record_terms(fields: dict[str, str], stem: Stemmer) -> Terms:
    """The terms of a record's fields (``title``, ``tags``, ``people``, ``body``)."""
    counts: dict[str, int] = {}
    forms: dict[str, str] = {}
    length = 0
    for name, text in fields.items():
        weight = FIELD_WEIGHTS[name]
        for form in tokens(text):
            term = stem(form)
            if term != form:
                forms[form] = term
            counts[term] = counts.get(term, 0) + weight
            length += weight
    return Terms(counts, length, forms)


#: A link or image (a label with one level of brackets in it): no class repeats ``[`` or
#: ``(``, the characters that open the next try, so a run of openers is one pass.
_LINK = re.compile(
    r"!?\[((?:[^\[\]\n]|\[[^\[\]\n]{0,200}\]){0,500})\]\([^()\s]{0,2000}(?:\s[^()\n]{0,500})?\)"
)
_URL = re.compile(r"<?https?://[^\s>)\]]{1,2000}>?")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,500}>")


def plain(markdown: str) -> str:
    """Markdown's words without its link targets, addresses, comments and HTML tags."""
    text = without_comments(markdown, " ")
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _URL.sub(" ", text)
    return _TAG.sub(" ", text)


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

    Postings may be kept packed (``array('i')`` bytes, as the index is saved): each is
    unpacked when a query first needs it."""

    def __init__(
        self,
        postings: dict[str, list[int] | bytes] | None = None,
        lengths: list[int] | None = None,
        forms: dict[str, str] | None = None,
    ) -> None:
        self.postings: dict[str, list[int] | bytes] = postings if postings is not None else {}
        self.lengths: list[int] = lengths if lengths is not None else []
        self.forms: dict[str, str] = forms if forms is not None else {}
        self._norms: list[float] | None = None

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

    def packed(self) -> tuple[dict[str, bytes], bytes, dict[str, str]]:
        """The index as plain values to save: postings and lengths as ``array('i')`` bytes."""
        from array import array

        flat = {
            t: p if isinstance(p, bytes) else array("i", p).tobytes()
            for t, p in self.postings.items()
        }
        return flat, array("i", self.lengths).tobytes(), self.forms

    @classmethod
    def unpacked(cls, postings: dict[str, bytes], lengths: bytes, forms: dict[str, str]) -> Index:
        """The index :meth:`packed` saved."""
        from array import array

        return cls(dict(postings), array("i", lengths).tolist(), forms)

    def posting(self, term: str) -> list[int]:
        """``[doc, weighted count, …]`` of ``term`` (empty when no record holds it)."""
        flat = self.postings.get(term)
        if flat is None:
            return []
        if isinstance(flat, bytes):
            from array import array

            flat = self.postings[term] = array("i", flat).tolist()
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
        if found or _CJK_ONLY.fullmatch(word):
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


# ---------------------------------------------------------------------- snippets


class Snippet(NamedTuple):
    """A line of a record's text around what matched; ``marks`` are ``(start, end)``
    offsets of the matched words in ``text``."""

    text: str
    marks: list[tuple[int, int]]


def snippet(text: str, matched: set[str], stem: Stemmer, *, width: int = 160) -> Snippet:
    """The window of ``text`` (about ``width`` characters) holding the most matched terms."""
    flat = " ".join(plain(text).split())
    spans = _merge(list(_matched_spans(flat, matched, stem)))
    if not spans:
        return Snippet(_cut(flat, 0, width)[0], [])
    best, best_start = -1, 0
    for i, (start, _end, _term) in enumerate(spans):
        distinct = {term for s, _e, term in spans[i:] if s < start + width}
        if len(distinct) > best:
            best, best_start = len(distinct), start
    begin = max(0, best_start - width // 4)
    if begin:
        space = flat.rfind(" ", 0, begin + 1)
        begin = space + 1 if space >= 0 else begin
    text_out, offset = _cut(flat, begin, width)
    limit = begin + len(text_out) - offset
    marks = [
        (s - begin + offset, e - begin + offset) for s, e, _t in spans if s >= begin and e <= limit
    ]
    return Snippet(text_out, marks)


_PIECES = re.compile(f"[{_CJK_CLASS}]+|[^{_CJK_CLASS}]+")


def _matched_spans(flat: str, matched: set[str], stem: Stemmer) -> Iterator[tuple[int, int, str]]:
    """``(start, end, term)`` of each matched word of ``flat`` (for CJK text: of each
    matched character or pair). Only words that begin as a matched term does (a stem
    begins its words) are stemmed to check."""
    heads = tuple({t[:3] for t in matched if not _CJK_ONLY.fullmatch(t)})
    folded = fold(flat)
    same = len(folded) == len(flat)  # offsets in the folded text are offsets in the text
    for run in _RUN.finditer(folded if same else flat):
        text = run.group(0)
        if text.isascii() and (not heads or not text.lower().startswith(heads)):
            continue
        for piece in _PIECES.finditer(text):
            at, word = run.start() + piece.start(), piece.group(0)
            if _CJK_ONLY.fullmatch(word):
                for j in range(len(word)):
                    for gram in dict.fromkeys((word[j : j + 2], word[j])):
                        if gram in matched:
                            yield (at + j, at + j + len(gram), gram)
                            break
                continue
            for token in _run_tokens(word if same else fold(word)):
                term = stem(token)
                if term in matched:
                    yield (at, at + len(word), term)
                    break


def _merge(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping spans (CJK pairs side by side) joined into one."""
    out: list[tuple[int, int, str]] = []
    for start, end, term in spans:
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]), out[-1][2])
        else:
            out.append((start, end, term))
    return out


def _cut(flat: str, begin: int, width: int) -> tuple[str, int]:
    """``flat[begin:begin + width]`` cut at a space, with ``…`` where text was left out, and
    how far the kept text moved right (the leading ``…``)."""
    end = begin + width
    piece = flat[begin:end]
    if end < len(flat):
        space = piece.rfind(" ")
        piece = (piece[:space] if space > width // 2 else piece) + "…"
    return ("…" + piece, 1) if begin else (piece, 0)


def mark(snip: Snippet, before: str = "**", after: str = "**") -> str:
    """The snippet's text with each matched word between ``before`` and ``after``."""
    out, at = [], 0
    for start, end in snip.marks:
        out += [snip.text[at:start], before, snip.text[start:end], after]
        at = end
    out.append(snip.text[at:])
    return "".join(out)


def fields_of(title: str, tags: Sequence[str], people: Sequence[str], body: str) -> dict[str, str]:
    """A record's text by field, as :func:`record_terms` wants it."""
    return {"title": title, "tags": " ".join(tags), "people": " ".join(people), "body": plain(body)}
