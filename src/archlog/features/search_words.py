"""Text into search terms: folding, tokens, stems, and a record's weighted bag of terms —
each step as :mod:`archlog.features.search` describes it, and as the site's ``rank.js``
repeats it in the browser."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
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


def _unstemmed(form: str) -> bool:
    """Whether Snowball leaves ``form`` as it is without being asked: CJK text (no English
    stem), and ASCII digits (every rule of the English stemmer is about letters)."""
    return (form.isascii() and form.isdigit()) or CJK_ONLY.fullmatch(form) is not None


#: What :attr:`Stemmer.terms` gives a run that holds several tokens (a term never holds it).
SEVERAL = "\0"


class Learnt:
    """What stemmers learn, shareable between them: each form's stem, and what each run of
    letters and digits adds to an index (all of it decided by the text and Snowball alone)."""

    def __init__(self) -> None:
        self.stems: dict[str, str] = {}
        #: Each run met → its term (``""``: no word; :data:`SEVERAL`: see :attr:`several`).
        self.terms: dict[str, str] = {}
        #: The runs of several tokens (CJK text, mixed scripts) → each ``(form, term)``.
        self.several: dict[str, tuple[tuple[str, str], ...]] = {}
        #: The runs of one token whose term differs from them (the vocabulary's forms).
        self.forms: dict[str, str] = {}
        self.snowball: Callable[[str], str] | None = None


class Stemmer:
    """English stems from Snowball, each word form stemmed once. ``known`` may tell a form's
    stem before Snowball is asked (an index's vocabulary: :meth:`Index.known_stem`); Snowball
    is loaded when a stem is first worked out.

    It also keeps what each run of letters and digits met adds to an index (see
    :meth:`learn`): 10,000 records share a small vocabulary, so a record's runs are looked
    up, at C speed, rather than worked out again. Stemmers given the same ``learnt`` share
    all of it (a server searching the same folder again learns only its new words)."""

    def __init__(
        self, known: Callable[[str], str | None] | None = None, learnt: Learnt | None = None
    ) -> None:
        self.learnt = learnt if learnt is not None else Learnt()
        self._memo = self.learnt.stems
        self.known = known
        self.terms = self.learnt.terms
        self.several = self.learnt.several
        self.forms = self.learnt.forms

    def __call__(self, form: str) -> str:
        stem = self._memo.get(form)
        if stem is None:
            stem = self.known(form) if self.known is not None else None
            if stem is None:
                stem = form if _unstemmed(form) else self._snowball()(form)
            self._memo[form] = stem
        return stem

    def _snowball(self) -> Callable[[str], str]:
        if self.learnt.snowball is None:
            import snowballstemmer

            self.learnt.snowball = snowballstemmer.stemmer("english").stemWord
        return self.learnt.snowball

    def learn(self, runs: Iterable[str]) -> None:
        """Work out what each folded run adds to an index, into :attr:`terms` (and
        :attr:`several`, :attr:`forms`)."""
        for run in runs:
            if run.isascii():
                words: Sequence[str] = (
                    (run,) if 2 <= len(run) <= MAX_WORD and run not in STOP_WORDS else ()
                )
            else:
                words = tuple(run_tokens(run))
            if len(words) > 1 or (words and words[0] != run):
                self.terms[run] = SEVERAL
                self.several[run] = tuple((form, self(form)) for form in words)
                continue
            term = self(run) if words else ""
            self.terms[run] = term
            if term and term != run:
                self.forms[run] = term


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


#: ASCII text as its runs, by ``bytes.translate``: letters lower-cased, digits kept, every
#: other byte a space (then ``split``: the runs ``RUN`` finds in the folded text, at C speed).
_ASCII_RUNS = bytes(
    (c | 0x20 if chr(c).isalpha() else c) if c < 128 and chr(c).isalnum() else 32
    for c in range(256)
)


def runs_of(text: str) -> list[str]:
    """The folded runs of letters and digits of ``text``, in order (``RUN`` over
    :func:`fold`)."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_RUNS).decode("ascii").split()
    return RUN.findall(fold(text))


def record_terms(fields: dict[str, str], stem: Stemmer) -> Terms:
    """The terms of a record's fields (``title``, ``tags``, ``people``, ``body``)."""
    from collections import Counter

    runs: list[str] = []
    for name, text in fields.items():  # a field's runs as many times as its weight
        runs += runs_of(text) * FIELD_WEIGHTS[name]
    distinct = set(runs)
    known = stem.terms
    fresh = distinct.difference(known)  # (a set less a dict: only the set is walked)
    if fresh:
        stem.learn(sorted(fresh))
    counts = Counter(map(known.__getitem__, runs))  # every run's term, counted at C speed
    counts.pop("", None)
    forms = {run: stem.forms[run] for run in sorted(stem.forms.keys() & distinct)}
    if counts.pop(SEVERAL, 0):
        several = stem.several
        for run, seen in Counter(filter(several.__contains__, runs)).items():
            for form, term in several[run]:
                counts[term] += seen
                if term != form:
                    forms[form] = term
    return Terms(counts, sum(counts.values()), forms)


#: A link or image (a label with one level of brackets in it), from its ``[`` (an image's
#: ``!`` is taken with it: :func:`_led_sub`): no class repeats ``[`` or ``(``, the
#: characters that open the next try, so a run of openers is one pass.
_LINK = re.compile(
    r"\[((?:[^\[\]\n]|\[[^\[\]\n]{0,200}\]){0,500})\]\([^()\s]{0,2000}(?:\s[^()\n]{0,500})?\)"
)
#: A bare URL, from its scheme (a ``<`` before it is taken with it).
_URL = re.compile(r"https?://[^\s>)\]]{1,2000}>?")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,500}>")


def _led_sub(pattern: re.Pattern[str], lead: str, text: str, *, label: bool) -> str:
    """``text`` with each match of ``pattern`` replaced by its first group (``label``) or a
    space, a ``lead`` character just before a match taken with it: ``!?\\[…`` and
    ``<?https?…`` as one pattern would, but a pattern that starts with a literal is looked
    for at C speed, where an optional first character has the engine try every position."""
    out: list[str] = []
    at = 0
    for found in pattern.finditer(text):
        start = found.start()
        if start > at and text[start - 1] == lead:
            start -= 1
        out += (text[at:start], found.group(1) if label else " ")
        at = found.end()
    out.append(text[at:])
    return "".join(out)


def plain(markdown: str) -> str:
    """Markdown's words without its link targets, addresses, comments and HTML tags."""
    text = markdown  # each pattern only where what it needs is (scanning costs)
    if "<!--" in text:
        text = without_comments(text, " ")
    if "](" in text:
        text = _led_sub(_LINK, "!", text, label=True)
    if "://" in text:
        text = _led_sub(_URL, "<", text, label=False)
    return _TAG.sub(" ", text) if "<" in text else text


def fields_of(title: str, tags: Sequence[str], people: Sequence[str], body: str) -> dict[str, str]:
    """A record's text by field, as :func:`record_terms` wants it."""
    return {"title": title, "tags": " ".join(tags), "people": " ".join(people), "body": plain(body)}
