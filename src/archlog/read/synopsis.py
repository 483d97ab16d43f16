"""A record summed up in one line: for indexes, the site and the digest for agents.

The record's ``summary`` field, else the first full sentence of its decision (a section
whose heading means *decision* in any language the vocabulary knows: ``Decision``,
``Decision Outcome``, ``Entscheidung``, ``Décision``…): a sentence of prose — never template
text (``TBD``, ``[Describe …]``), a list item, a table, code, a quote, or a sentence that
ends in a colon ("We will use the following stack:", which announces a list): those are
passed over for the next paragraph. The reader computes it once and the parse cache keeps
it with the record, so an index needs no record's sections.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from archlog.model import Section
from archlog.read.heading_words import heading_words
from archlog.read.placeholders import is_placeholder, may_hold_placeholder, without_comments

_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(`*_\[])")
_LIST_START = re.compile(r"^(?:[-*+>]|\d{1,9}[.)])(?:\s|$)")
_WORD = re.compile(r"\w{2,}")
_MARKUP = re.compile(r"\[([^\[\]\n]{0,500})\]\([^()\n]{0,500}\)|[*_`]{1,3}")
_CONCEPT = "decision"


def synopsis_of(sections: list[Section], extra: dict[str, str], *, limit: int = 200) -> str:
    """The one line a record is summed up by ("" when it has none)."""
    given = extra.get("summary")
    if given:
        line = one_line(given, limit)
        if _fits(line):
            return line
    for section in sections:
        if heading_words(section.heading).concept != _CONCEPT:
            continue
        for para in _paragraphs(section.body):
            prose = _prose(para)
            if not prose:
                continue
            first = one_line(_SENTENCE_END.split(prose, maxsplit=1)[0], limit)
            if _fits(first):
                return first
    return ""


def _paragraphs(body: str) -> Iterator[str]:
    """``_PARAGRAPHS.split(body)``, one paragraph at a time (the first that fits is enough)."""
    at = 0
    for gap in _PARAGRAPHS.finditer(body):
        yield body[at : gap.start()]
        at = gap.end()
    yield body[at:]


def one_line(text: str, limit: int) -> str:
    """``text`` as one line of plain words: links to their text, emphasis and comments gone,
    ``|`` escaped (it may go into a table cell)."""
    text = text[:20_000]
    if "<!--" in text:
        text = without_comments(text)
    if "[" in text or "*" in text or "_" in text or "`" in text:
        text = _MARKUP.sub(lambda m: m.group(1) or "", text)
    plain = " ".join(text.replace("|", "\\|").split())
    return plain if len(plain) <= limit else plain[: limit - 1].rstrip() + "…"


def _prose(paragraph: str) -> str:
    """The paragraph's lines of prose: up to a heading, a table, code, a quote, markup or a
    list item (``We chose these:`` over the list that follows it)."""
    out = []
    for line in paragraph.strip().split("\n"):
        text = line.strip()
        if not text or text.startswith(("#", "|", "```", "~~~", ">", "<")):
            break
        if _LIST_START.match(text):
            break
        out.append(text)
    return " ".join(out)


def _fits(text: str) -> bool:
    """Whether ``text`` reads as a sentence: two words at least, not a list item, not
    ending in a colon, not template text."""
    if text.endswith(":") or _LIST_START.match(text):
        return False
    word = _WORD.search(text, 0, 200)
    if word is None or _WORD.search(text, word.end(), 200) is None:
        return False  # fewer than two words
    return not (may_hold_placeholder(text) and is_placeholder(text))
