"""A record's summary: one line saying what was decided, for an index entry.

The record's ``summary`` field, else the first full sentence of its Decision (or Decision
Outcome) section: a sentence of prose — never template text (``TBD``, ``[Describe …]``), a
list item, a table, or a sentence that ends in a colon ("We will use the following stack:",
which announces a list): those are passed over for the next paragraph. The parse cache keeps
it with the record (:mod:`archlog.read.cache`), so an index needs no record's sections.
"""

from __future__ import annotations

import re

from archlog.model import Record
from archlog.read.placeholders import is_placeholder, may_hold_placeholder, without_comments

_LIST_START = re.compile(r"^(?:[-*+>]|\d{1,9}[.)])(?:\s|$)")
_WORD = re.compile(r"\w{2,}")
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(`*_\[])")
_MARKUP = re.compile(r"\[([^\[\]\n]{0,500})\]\([^()\n]{0,500}\)|[*_`]{1,3}")


def summary(record: Record, limit: int = 200) -> str:
    """One line for the index: the record's ``summary`` field, else the first full sentence
    of its Decision (or Decision Outcome) — never template text, a list, or a sentence that
    ends in a colon (``We will use the following stack:``); "" when there is none."""
    kept = record.__dict__.get("_summary")  # the parse cache's: nearly always there
    if isinstance(kept, str):
        return kept
    given = record.extra.get("summary")
    if given and _fits(_one_line(given, limit)):
        return _one_line(given, limit)
    for name in ("Decision", "Decision Outcome", "Summary"):
        section = record.section(name)
        if section is None:
            continue
        for para in _PARAGRAPHS.split(section.body):
            prose = _prose(para)
            if not prose:
                continue
            first = _one_line(_SENTENCE_END.split(prose, maxsplit=1)[0], limit)
            if _fits(first):
                return first
    return ""


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
    """Whether ``text`` reads as a sentence: words (two at least), not a list item, not
    ending in a colon, not template text."""
    if text.endswith(":") or _LIST_START.match(text) or len(_WORD.findall(text, 0, 200)) < 2:
        return False
    return not _template(text)


def _template(text: str) -> bool:
    return may_hold_placeholder(text) and is_placeholder(text)


def _one_line(text: str, limit: int) -> str:
    if "<!--" in text:
        text = without_comments(text)
    plain = (
        _MARKUP.sub(_link_text, text)
        if ("[" in text or "*" in text or "_" in text or "`" in text)
        else text
    )
    plain = " ".join(plain.replace("|", "\\|").split())
    return plain if len(plain) <= limit else plain[: limit - 1].rstrip() + "…"


def _link_text(m: re.Match[str]) -> str:
    return m.group(1) or ""
