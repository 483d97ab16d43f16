"""Relations between records: the phrases that state them and the references they name.

Relations are written in many ways — a link line in a Status section
(``Superseded by [3. X](0003-x.md)``, adr-tools' misspelt ``Superceded by``), a phrase inside
a status text (``accepted; supersedes ADR-0045``), a ``Supersedes: ADR-0003`` line, a
sentence before the first heading (``This document supersedes [ADR: X](/adrs/x)``), a
front-matter key. This module finds the phrase (the vocabulary's), maps it to a relation
type, and reads every reference that follows it: a number (``ADR-12``, a link to
``0012-x.md``), or an id where records have no plain number (``API-002``, a date-named or
unnumbered file's stem). The store resolves references to records.

Phrases of scripts written without spaces (``取代：ADR-0003``, ``被 ADR-0005 取代``) are read
by :mod:`~archlog.read.unspaced`, only on lines that are not all ASCII. Lines are read left
to right without backtracking patterns; each is looked at for at most :data:`LINE_LIMIT`
characters.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from archlog.conventions.vocabulary import GAP, relation_phrases
from archlog.conventions.vocabulary import custom_type as custom_type
from archlog.read import unspaced
from archlog.read.headings import year_sequence
from archlog.read.names import ID_WORDS, parse_name

LINE_LIMIT = 2000
_SPACES = re.compile(r"\s+")
_MENTION = re.compile(
    r"(?<![\w/-])([A-Za-z]{1,12}(?:[-_][A-Za-z]{1,12}){0,2})([-\s_#]{0,2})(\d{1,9})"
    r"(?:-(\d{1,3})\b)?(?![\d])"
)
_BARE = re.compile(r"[\s:*_\-–—]{0,8}(?:#|no\.?\s{0,3}|number\s{1,3})?(\d{1,6})\b", re.IGNORECASE)
_NUMBERED_TEXT = re.compile(r"\s{0,4}(\d{1,6})[.:)]?(?:\s|$)")
#: Words a relation sentence may open with before its phrase ("This ADR supersedes …").
_LEAD_IN = (
    *(
        f"this {noun}{also} "
        for noun in ("adr", "decision", "record", "document")
        for also in (" also", "")
    ),
    "this is an ",
    "this is a ",
    "it ",
)


#: What separates the parts of an id's prefix (``ADR-PAY``).
_ID_PARTS = re.compile(r"[-_]")


def phrase_type(phrase: str) -> str | None:
    """The relation type a phrase states (``Superseded by`` → ``superseded-by``)."""
    return relation_phrases().get(_SPACES.sub(" ", phrase.strip().casefold()))


def targets_in(text: str) -> list[int | str]:
    """Every record reference in ``text``: Markdown links to records, ``ADR-12``-style
    mentions (a number) or other ids (``API-002``), or a bare number right at the start
    (``Supersedes: 3``)."""
    text = text[:LINE_LIMIT]
    found: list[int | str] = []
    consumed: list[tuple[int, int]] = []
    for start, end, label, href in links(text):
        consumed.append((start, end))
        target = _link_target(label, href)
        if target is not None and target not in found:
            found.append(target)
    for m in _MENTION.finditer(text):
        if any(a <= m.start() < b for a, b in consumed):
            continue
        target = _mention_target(m)
        if target is not None and target not in found:
            found.append(target)
    if not found:
        bare = _BARE.match(text)
        if bare:
            found.append(int(bare.group(1)))
    return found


def links(text: str) -> Iterator[tuple[int, int, str, str]]:
    """``(start, end, label, href)`` of each Markdown link ``[label](href)`` in ``text``,
    found left to right."""
    pos = 0
    while True:
        open_ = text.find("[", pos)
        if open_ < 0:
            return
        close = text.find("](", open_ + 1)
        if close < 0:
            return
        if "[" in text[open_ + 1 : close]:  # a nested "[": start again from it
            pos = text.index("[", open_ + 1)
            continue
        end = text.find(")", close + 2)
        if end < 0:
            return
        inner = text[close + 2 : end].strip()
        href = inner.split(None, 1)[0] if inner else ""
        yield open_, end + 1, text[open_ + 1 : close], href
        pos = end + 1


def _mention_target(m: re.Match[str]) -> int | str | None:
    """What a mention names: a number (``ADR-12``), or an id the store resolves — capitals
    before the number (``API-002``, ``D-3``, ``ADR-PAY-001``), and the year and number of
    an id numbered within its year (``DEC-2024-01``)."""
    word, sep, digits, sub = m.group(1), m.group(2), m.group(3), m.group(4)
    yearly = sub is not None and year_sequence(f"{digits}-{sub}") is not None
    tail = f"-{sub}" if yearly else ""
    if word.lower() in ID_WORDS:
        return f"{word}{sep}{digits}{tail}" if yearly else int(digits)
    parts = _ID_PARTS.split(word)
    if word.isupper() and sep in ("-", "_") and all(len(p) <= 6 for p in parts):
        return f"{word}{sep}{digits}{tail}"  # an id such as API-002: the store resolves it
    return None


def _link_target(text: str, href: str) -> int | str | None:
    href = href.split("#", 1)[0].split("?", 1)[0]
    if "://" in href or href.startswith("mailto:"):
        mention = _MENTION.search(text)
        return _mention_target(mention) if mention else None
    parts = [p for p in href.replace("\\", "/").split("/") if p and p not in (".", "..")]
    if not parts:
        return None
    name = parts[-1]
    stem = name[:-3] if name.lower().endswith(".md") else name
    if stem.lower() in ("readme", "index") and len(parts) > 1:
        stem = parts[-2]  # a record folder: NNNN-slug/README.md
    elif "." in stem and not name.lower().endswith(".md"):
        stem = ""  # an image or other file, not a record
    if stem:
        info = parse_name(stem)
        if info is not None:
            if info.number is None:
                return info.id
            if not info.prefix or info.prefix.rstrip("-_ ").lower() in ID_WORDS:
                return info.number
            return info.id
        if len(parts) > 1 or not name.lower().endswith(".md"):
            return stem  # a page of a site (/adrs/x) or a file without a number
        return stem
    mention = _MENTION.search(text) or _NUMBERED_TEXT.match(text)
    if mention is None:
        return None
    return _mention_target(mention) if mention.re is _MENTION else int(mention.group(1))


@functools.cache
def _first_words(*, leads: bool = True) -> frozenset[str]:
    """The words a relation phrase (or, with ``leads``, a lead-in) starts with, folded: a
    line that starts with none of them states no relation, and is looked at no further."""
    words = {p.split()[0] for p in _spaced()}
    if leads:
        words.update(lead.split()[0] for lead in _LEAD_IN)
    return frozenset(w.strip("*_:,.;") for w in words)


_FIRST_WORD = re.compile(r"[^\s*_:,.;]{1,40}")


@functools.cache
def _openers() -> tuple[frozenset[str], frozenset[str], dict[str, tuple[int, ...]]]:
    """The words a relation phrase or a lead-in starts with, those a phrase starts with, and
    for each word a phrase starts with, how many words such phrases have (the most first)."""
    sizes: dict[str, set[int]] = {}
    for phrase in _spaced():
        words = phrase.split()
        if words:
            sizes.setdefault(words[0], set()).add(len(words))
    by_first = {word: tuple(sorted(n, reverse=True)) for word, n in sizes.items()}
    return _first_words(), _first_words(leads=False), by_first


@functools.cache
def _spaced() -> tuple[str, ...]:
    """The relation phrases made of words between spaces (the others: :mod:`unspaced`)."""
    return tuple(p for p in relation_phrases() if p.split() and not unspaced.unspaced(p))


#: The words a lead-in starts with ("this", "it"): no relation phrase does.
_LEAD_WORDS = frozenset(lead.split()[0].strip("*_:,.;") for lead in _LEAD_IN)


def _anchored_phrase(line: str) -> tuple[str, int, int, int, int] | None:
    """The relation type a line *starts* with (after bullets, quote marks, emphasis, emoji
    and an ``This ADR …`` lead-in), where the phrase starts and ends, and where the
    references it states start and end (after it, or inside it: ``被 ADR-0005 取代``)."""
    pos, stop = 0, min(len(line), 48)
    while pos < stop and not (line[pos].isalpha() or line[pos] == "["):
        pos += 1
    first = _FIRST_WORD.match(line, pos)
    first_word = first.group(0).casefold() if first is not None else ""
    openers, phrase_openers, by_first = _openers()
    if first_word not in openers:  # the words of no spaced phrase: maybe an unspaced one
        return None if line.isascii() else unspaced.phrase_at(line, pos, _only_references)
    low = line[pos : pos + 80].casefold()
    if first_word in _LEAD_WORDS and low.startswith(_LEAD_IN):
        lead = next(lead for lead in _LEAD_IN if low.startswith(lead))
        pos += len(lead)
        low = low[len(lead) :]
        after = _FIRST_WORD.match(low)
        if after is None or after.group(0) not in phrase_openers:
            return None
    elif first_word not in phrase_openers:
        return None  # a lead-in's word ("this", "it") with no lead-in after it
    found = _phrase_at(line, pos, low, by_first)
    return None if found is None else (*found, found[2], len(line))


def _phrase_at(
    line: str, pos: int, low: str, by_first: dict[str, tuple[int, ...]]
) -> tuple[str, int, int] | None:
    """The longest relation phrase ``low`` (``line`` folded from ``pos``) opens with, and
    where it starts and ends in ``line``. Only phrases of as many words as those that open with its
    first word are tried (a phrase is single-spaced: it equals the words it is made of)."""
    words = low.split(None, 1)
    if not words:
        return None
    sizes = by_first.get(words[0].strip("*_:,.;"), ())
    if not sizes:
        return None
    words = [w.strip("*_:,.;") for w in low.split(None, sizes[0])[: sizes[0]]]
    phrases = relation_phrases()
    for size in sizes:
        if size <= len(words):
            type_ = phrases.get(" ".join(words[:size]))
            if type_ is not None:
                return type_, pos, _end_of_words(line, pos, size)
    return None


def _end_of_words(line: str, pos: int, count: int) -> int:
    i = pos
    for _ in range(count):
        while i < len(line) and line[i].isspace():
            i += 1
        while i < len(line) and not line[i].isspace():
            i += 1
    return i


def line_relations(line: str, *, allow_custom: bool = False) -> list[tuple[str, int | str]]:
    """Relations stated by a line that *starts* with a relation phrase (Status, Related and
    preamble lines).

    With ``allow_custom``, any ``Words [N. Title](file.md)`` line is a relation whose type is
    named after its words (adr-tools' ``-l "Extends:Extended by"`` links).
    """
    line = line[:LINE_LIMIT]
    anchored = _anchored_phrase(line)
    if anchored is not None:
        type_, _start, _end, refs, refs_end = anchored
        return [(type_, target) for target in targets_in(line[refs:refs_end])]
    if allow_custom:
        custom = _custom_words(line)
        if custom is not None:
            words, at = custom
            named = custom_type(words)
            return [(named, target) for target in targets_in(line[at:])]
    return []


def opening_phrase(line: str) -> tuple[str, str] | None:
    """The relation type a line starts with and its phrase as written there (``Remplacé
    par`` of ``* Remplacé par [3. X](0003-x.md)``; ``取代：``, with the colon an unspaced
    phrase carries; ``被…取代`` of ``被 ADR-5 取代``): how a folder words its relations."""
    anchored = _anchored_phrase(line[:LINE_LIMIT])
    if anchored is None:
        return None
    type_, start, end, refs, refs_end = anchored
    if refs < end:  # the references inside the phrase
        return type_, f"{line[start:refs].strip(' *_')}{GAP}{line[refs_end:end].strip(' *_')}"
    written = line[start:end]
    return type_, written.strip(" *_" if unspaced.unspaced(written) else " *_:,.;")


#: What may stand between the references a phrase holds (``被 ADR-3、ADR-4 取代``).
_BETWEEN = frozenset(",，、;；/&*_`")


def _only_references(text: str) -> bool:
    """Whether ``text`` names records and nothing else (links, ids, what separates them)."""
    named = [False] * len(text)
    for a, b in [s[:2] for s in links(text)] + [m.span() for m in _MENTION.finditer(text)]:
        named[a:b] = [True] * (b - a)
    rest = (ch for ch, n in zip(text, named, strict=True) if not n)
    return bool(targets_in(text)) and all(ch.isspace() or ch in _BETWEEN for ch in rest)


def _custom_words(line: str) -> tuple[str, int] | None:
    """``Extended by [4. Title](0004-title.md)``: the words before a link to a record file."""
    pos = 0
    while pos < len(line) and line[pos] in " \t*+-":
        pos += 1
    bracket = line.find("[", pos, pos + 48)
    if bracket <= pos:
        return None
    words = line[pos:bracket].strip().rstrip(":").strip()
    if not words or not all(ch.isalpha() or ch == " " for ch in words) or not words[0].isalpha():
        return None
    for _start, _end, _label, href in links(line[bracket : bracket + 600]):
        if href.split("#", 1)[0].lower().endswith(".md"):
            return words, bracket
        return None
    return None


def inline_relations(text: str) -> tuple[tuple[str, int | str], ...]:
    """Relations stated anywhere inside a status text (``accepted; supersedes ADR-0045``)."""
    return _inline_relations(text[:LINE_LIMIT])


@functools.lru_cache(maxsize=4096)
def _inline_relations(text: str) -> tuple[tuple[str, int | str], ...]:
    """:func:`inline_relations` of a text (the same few statuses recur across a folder)."""
    low = text.casefold()
    hits: list[tuple[int, int, str]] = []
    for phrase, type_ in _longest_first():
        start = 0
        while (at := low.find(phrase, start)) >= 0:
            end = at + len(phrase)
            boundary_before = at == 0 or not (low[at - 1].isalnum() or low[at - 1] == "-")
            boundary_after = end == len(low) or not low[end].isalnum()
            if boundary_before and boundary_after and not any(a <= at < b for a, b, _ in hits):
                hits.append((at, end, type_))
            start = end
    hits.sort()
    out: list[tuple[str, int | str]] = []
    for i, (_a, end, type_) in enumerate(hits):
        stop = hits[i + 1][0] if i + 1 < len(hits) else len(text)
        out.extend((type_, target) for target in targets_in(text[end:stop]))
    if not out and not text.isascii():  # a status that opens with one (已被 ADR-36 取代)
        out = line_relations(text)
    return tuple(out)


@functools.cache
def _longest_first() -> tuple[tuple[str, str], ...]:
    """Every relation phrase with its type, the longest first (but those holding their
    references: they are never found whole)."""
    found = [(p, type_) for p, type_ in relation_phrases().items() if GAP not in p]
    return tuple(sorted(found, key=lambda kv: -len(kv[0])))
