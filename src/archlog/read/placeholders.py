"""Template text left in a record: what lint's ADR016 reports and an index summary skips.

A placeholder is the template speaking, not the author. Two kinds:

- template markup, wherever it stands: ``[Short Title …]``, ``{{ title }}``, ``{title}``,
  ``[Describe …]``, ``[Link to …]``, ``{describe …}``, ``[YYYY-MM-DD]`` …;
- a placeholder word (``TODO``, ``TBD``, ``TBC``, ``FIXME``, ``YYYY-MM-DD``) that is a whole
  line (``TODO``, ``- TBD``, ``**TODO**``) or a whole field value (``Deciders: TBD``,
  ``**Date**: YYYY-MM-DD``, ``status: TODO``).

A word in prose is the author's ("the vendor is TBD until March"), and so is anything in a
link (``[list](MASTER-TODO.md)``), a code span, a code block or an HTML comment.
"""

from __future__ import annotations

import re

_MARKUP = re.compile(
    r"\[Short Title[^\[\]\n]{0,200}\]|\{\{[^{}\n]{0,200}\}\}|\{(?:title|date|status|number)\}|"
    r"\[(?:YYYY-MM-DD|(?:Link to|List|State the|Describe) [^\[\]\n]{0,200})\]|"
    r"\{(?:describe|list|short|title of|option \d|driver \d|e\.g\.)[^{}\n]{0,200}\}",
    re.IGNORECASE,
)
#: What is never template text: links and images (their text and target), autolinks and
#: code spans. (Each class excludes its own opening character: linear on any input.)
_NOT_TEXT = re.compile(
    r"!?\[[^\[\]\n]{0,500}\]\([^()\n]{0,500}\)|<[a-z][a-z0-9+.-]{0,30}:[^<>\s]{0,500}>|`[^`\n]{0,500}`",
    re.IGNORECASE,
)
_WORDS = frozenset({"todo", "tbd", "tbc", "fixme", "yyyy-mm-dd"})
#: A line's decoration around its text: list markers, heading hashes, quotes, emphasis.
_LEAD = re.compile(r"^(?:\s{0,40}(?:[-*+>]|#{1,6}|\d{1,9}[.)])\s+)*")
_FIELD = re.compile(r"^(?P<key>[A-Za-z][\w /()-]{0,60}?)\s{0,10}:\s{0,10}(?P<value>\S.*)$")
_TRIM = " \t*_~\"'`[](){}<>.,;:!?…"


#: What every placeholder holds, lowercased: a text without any holds none (one pass over a
#: record in C, so that records without one, nearly all, are not looked at line by line).
_HINTS = (
    "{",
    "[short title",
    "[yyyy-mm-dd",
    "[link to",
    "[list",
    "[state the",
    "[describe",
    "todo",
    "tbd",
    "tbc",
    "fixme",
    "yyyy-mm-dd",
)


def may_hold_placeholder(text: str) -> bool:
    """False when ``text`` certainly holds no placeholder (a quick test before the lines)."""
    low = text.lower()
    return any(hint in low for hint in _HINTS)


def placeholder_in(line: str) -> str | None:
    """The placeholder ``line`` holds (see the module's docstring), or None."""
    text = without_comments(line) if "<!--" in line else line
    if "[" in text or "`" in text or "<" in text:
        text = _NOT_TEXT.sub(" ", text)
    m = _MARKUP.search(text)
    if m:
        return m.group(0)
    bare = _LEAD.sub("", text).strip()
    if not bare:
        return None
    if _is_word(bare):
        return bare.strip(_TRIM)
    plain = bare.replace("**", "").replace("__", "")
    field = _FIELD.match(plain)
    if field and _is_word(field.group("value")):
        return field.group("value").strip(_TRIM)
    return None


def is_placeholder(text: str) -> bool:
    """Whether any line of ``text`` is template text rather than the author's."""
    return any(placeholder_in(line) is not None for line in text.split("\n"))


def _is_word(text: str) -> bool:
    return text.strip(_TRIM).casefold() in _WORDS


def without_comments(line: str) -> str:
    """``line`` without its HTML comments (an unclosed one runs to the end of the line)."""
    out, at = [], 0
    while (start := line.find("<!--", at)) != -1:
        out.append(line[at:start])
        stop = line.find("-->", start + 4)
        if stop == -1:
            return " ".join(out)
        at = stop + 3
    out.append(line[at:])
    return " ".join(out)
