"""A record summed up in one line: for indexes, the site and the digest for agents."""

from __future__ import annotations

import re

from archlog.conventions.vocabulary import section_of
from archlog.model import Section

_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(`*_\[])")
_MARKUP = re.compile(r"\[([^\]\n]{0,500})\]\([^)\n]{0,500}\)|[*_`]{1,3}|<!--.{0,2000}?-->")
_CONCEPTS_SUMMARISED = ("decision", "context")


def synopsis_of(sections: list[Section], extra: dict[str, str], *, limit: int = 200) -> str:
    """The one line a record is summed up by: its ``summary`` field, else the first full
    sentence of its decision — never a line that only introduces a list (ending in a
    colon), a table, a code block or a comment."""
    given = extra.get("summary")
    if given:
        return one_line(given, limit)
    for concept in _CONCEPTS_SUMMARISED[:1]:
        for section in sections:
            if section_of(section.heading) != concept:
                continue
            for para in _PARAGRAPHS.split(section.body):
                text = one_line(para, 10_000)
                if not text or text.startswith(("#", "|", "```", "~~~", "<", ">")):
                    continue
                if text.endswith(":") or (
                    text.startswith(("[", "{")) and text.endswith(("]", "}"))
                ):
                    continue  # "We will use the following:" or a template's "[describe …]"
                first = _SENTENCE_END.split(text, maxsplit=1)[0]
                return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"
    return ""


def one_line(text: str, limit: int) -> str:
    """``text`` as one line of plain words: links to their text, emphasis and comments gone,
    ``|`` escaped (it may go into a table cell)."""
    plain = _MARKUP.sub(lambda m: m.group(1) or "", text[:20_000])
    plain = " ".join(plain.replace("|", "\\|").split())
    return plain if len(plain) <= limit else plain[: limit - 1].rstrip() + "…"
