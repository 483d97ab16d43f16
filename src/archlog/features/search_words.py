"""Text into search terms: folding, tokens, stems, and a record's weighted bag of terms —
each step as :mod:`archlog.features.search` describes it, and as the site's ``rank.js``
repeats it in the browser."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

from archlog.read.comments import without_comments

#: How many times a token of each field counts.
FIELD_WEIGHTS: dict[str, int] = {"title": 5, "tags": 3, "people": 3, "body": 1}
#: The longest word indexed (longer runs are not words).
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
CJK_CLASS = "".join(f"{chr(a)}-{chr(b)}" for a, b in _CJK_RANGES)
#: A run of letters and digits (``[^\W_]``: Python's word characters less the underscore).
RUN = re.compile(r"[^\W_]+")
_CJK_SPLIT = re.compile(f"([{CJK_CLASS}]+)")
CJK_ONLY = re.compile(f"[{CJK_CLASS}]+")


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


def run_tokens(run: str) -> Iterator[str]:
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
    for run in RUN.findall(fold(text)):
        yield from run_tokens(run)


def query_words(text: str) -> list[str]:
    """The words of a query, once each, in order: words, and for CJK text its pairs (or a
    lone character)."""
    out: list[str] = []
    for run in RUN.findall(fold(text)):
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
    """English stems from Snowball, each word form stemmed once. ``known`` may tell a form's
    stem before Snowball is asked (an index's vocabulary: :meth:`Index.known_stem`); Snowball
    is loaded when a stem is first worked out."""

    def __init__(self, known: Callable[[str], str | None] | None = None) -> None:
        self._stem: Callable[[str], str] | None = None
        self._memo: dict[str, str] = {}
        self.known = known
        #: What each run of letters and digits met gives (see :meth:`run`).
        self.runs: dict[str, str | tuple[tuple[str, str], ...]] = {}

    def __call__(self, form: str) -> str:
        stem = self._memo.get(form)
        if stem is None:
            stem = self.known(form) if self.known is not None else None
            if stem is None:
                stem = form if CJK_ONLY.fullmatch(form) else self._snowball()(form)
            self._memo[form] = stem
        return stem

    def _snowball(self) -> Callable[[str], str]:
        if self._stem is None:
            import snowballstemmer

            self._stem = snowballstemmer.stemmer("english").stemWord
        return self._stem

    def run(self, run: str) -> str | tuple[tuple[str, str], ...]:
        """What a folded run of letters and digits adds to the index: for an ASCII run, the
        term of the word it is (``""``: no word, too short or a stop word); else each of its
        tokens with its term, ``(form, term)``. Kept: a run is worked out once."""
        out: str | tuple[tuple[str, str], ...]
        if run.isascii():
            out = self(run) if 2 <= len(run) <= MAX_WORD and run not in STOP_WORDS else ""
        else:
            out = tuple((form, self(form)) for form in run_tokens(run))
        self.runs[run] = out
        return out


def stemmer_identity() -> str:
    """What decides the stems, told without loading the stemmer (for the salt of what is
    kept): the Snowball package's code for English, and PyStemmer's build, which that
    package uses instead when it is installed."""
    import hashlib
    import importlib.util
    import os

    h = hashlib.sha256()
    spec = importlib.util.find_spec("snowballstemmer")
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        for name in ("__init__.py", "basestemmer.py", "among.py", "english_stemmer.py"):
            try:
                with open(os.path.join(folder, name), "rb") as fh:
                    h.update(name.encode() + b"\0" + fh.read())
            except OSError:
                h.update(name.encode() + b"\0missing")
    c_build = importlib.util.find_spec("Stemmer")
    if c_build is not None and c_build.origin:
        try:
            info = os.stat(c_build.origin)
            h.update(f"{c_build.origin}\0{info.st_size}\0{info.st_mtime_ns}".encode())
        except OSError:
            h.update(b"Stemmer")
    return h.hexdigest()[:16]


# ---------------------------------------------------------------------- documents


class Terms(NamedTuple):
    """What one record adds to the index: each term's weighted count, the weighted length,
    and the word forms met whose term differs from them."""

    counts: dict[str, int]
    length: int
    forms: dict[str, str]


def record_terms(fields: dict[str, str], stem: Stemmer) -> Terms:
    """The terms of a record's fields (``title``, ``tags``, ``people``, ``body``)."""
    from collections import Counter

    runs: list[str] = []
    for name, text in fields.items():  # a field's runs as many times as its weight
        runs += RUN.findall(fold(text)) * FIELD_WEIGHTS[name]
    counts: dict[str, int] = {}
    forms: dict[str, str] = {}
    known = stem.runs
    # each distinct run once, with how often it occurs: the same sums as token by token,
    # and the terms in the order they are first met
    for run, seen in Counter(runs).items():
        found = known.get(run)
        if found is None:
            found = stem.run(run)
        if isinstance(found, str):  # most runs: the run is the word
            if found:
                counts[found] = counts.get(found, 0) + seen
                if found != run:
                    forms[run] = found
            continue
        for form, term in found:
            counts[term] = counts.get(term, 0) + seen
            if term != form:
                forms[form] = term
    return Terms(counts, sum(counts.values()), forms)


#: A link or image (a label with one level of brackets in it): no class repeats ``[`` or
#: ``(``, the characters that open the next try, so a run of openers is one pass.
_LINK = re.compile(
    r"!?\[((?:[^\[\]\n]|\[[^\[\]\n]{0,200}\]){0,500})\]\([^()\s]{0,2000}(?:\s[^()\n]{0,500})?\)"
)
_URL = re.compile(r"<?https?://[^\s>)\]]{1,2000}>?")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,500}>")


def plain(markdown: str) -> str:
    """Markdown's words without its link targets, addresses, comments and HTML tags."""
    text = markdown  # each pattern only where what it needs is (scanning costs)
    if "<!--" in text:
        text = without_comments(text, " ")
    if "](" in text:
        text = _LINK.sub(lambda m: m.group(1), text)
    if "://" in text:
        text = _URL.sub(" ", text)
    return _TAG.sub(" ", text) if "<" in text else text


def fields_of(title: str, tags: Sequence[str], people: Sequence[str], body: str) -> dict[str, str]:
    """A record's text by field, as :func:`record_terms` wants it."""
    return {"title": title, "tags": " ".join(tags), "people": " ".join(people), "body": plain(body)}
