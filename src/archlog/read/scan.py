"""Scan Markdown text into the blocks archlog needs, with line numbers, in one pass.

Only what metadata extraction needs is found: the YAML front matter, ATX headings, fenced
code blocks and HTML comment blocks (so that ``# comment`` lines inside code or comments are
never taken for headings). The scan runs a single compiled regular expression over the text,
so its cost is close to that of reading the file; Markdown rendering is left to the commands
that show records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from archlog.errors import ReadError

# One alternation, matched at line starts only: a fence opener/closer, an ATX heading, or an
# HTML comment opener. Everything else is body text and costs nothing here.
# Matched on "\n" + text: the literal newline prefix lets the engine skip ahead quickly.
_LINE = re.compile(
    r"\n(?:"
    r"(?P<fence>[ ]{0,3}(?P<fch>`{3,}|~{3,})(?P<info>[^\n]*))"
    r"|(?P<hashes>[ ]{0,3}#{1,6})(?P<htext>(?:[ \t][^\n]*)?)"
    r"|(?P<comment>[ ]{0,3}<!--[^\n]*)"
    r")\r?(?=\n|\Z)",
)
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


def decode(data: bytes, path: Path) -> tuple[str, bool]:
    """UTF-8 text of a file (BOM removed) and whether it had a BOM; ReadError if not UTF-8."""
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        return data[3 if bom else 0 :].decode("utf-8"), bom
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReadError("not valid UTF-8 text", path, line) from None


class Heading(NamedTuple):
    level: int
    text: str
    line: int  # 1-based
    start: int  # offset of the heading line
    end: int  # offset just past the heading line's newline


@dataclass
class Scan:
    """What :func:`scan` found. Offsets index into the text that was scanned."""

    text: str
    headings: list[Heading] = field(default_factory=list)
    front_matter: str | None = None
    #: Lines of the front matter block, delimiters included (1-based, inclusive).
    front_matter_lines: tuple[int, int] | None = None
    #: Offset just past the front matter (0 when there is none).
    body_start: int = 0
    #: (start offset, end offset) of every fenced code block and HTML comment block.
    opaque: list[tuple[int, int]] = field(default_factory=list)

    def line_of(self, offset: int) -> int:
        """1-based line number of ``offset`` (a cheap count; callers use it sparingly)."""
        return self.text.count("\n", 0, offset) + 1


def scan(text: str) -> Scan:
    """Scan ``text`` (already decoded, BOM removed) into front matter, headings and fences."""
    result = Scan(text)
    pos = _front_matter(text, result)
    line = result.front_matter_lines[1] + 1 if result.front_matter_lines else 1
    last = pos
    fence: tuple[str, int, int] | None = None  # (char, length, start offset)
    comment_until = -1
    shifted = "\n" + text  # offsets in ``shifted`` are one past those in ``text``
    headings, opaque, count = result.headings, result.opaque, text.count
    for m in _LINE.finditer(shifted, pos):
        start = m.start()  # the newline before the line: the line starts at start in text
        if start < comment_until:
            continue
        line += count("\n", last, start)
        last = start
        opener, fch, info, hashes, htext, comment = m.groups()
        if fence is not None:
            if fch and fch[0] == fence[0] and len(fch) >= fence[1] and not info.strip():
                opaque.append((fence[2], m.end() - 1))
                fence = None
            continue
        if opener is not None:
            if fch[0] == "`" and "`" in info:
                continue  # not a fence opener: inline code at line start
            fence = (fch[0], len(fch), start)
            continue
        if comment is not None:
            close = text.find("-->", start)
            comment_until = len(text) if close == -1 else close + 3
            opaque.append((start, comment_until))
            continue
        htext = htext.strip()
        if htext.endswith("#"):
            htext = without_closing_hashes(htext)
        nl = text.find("\n", m.end() - 1)
        end = len(text) if nl == -1 else nl + 1
        headings.append(Heading(len(hashes.lstrip(" ")), htext, line, start, end))
    if fence is not None:  # an unclosed fence runs to the end of the document (CommonMark)
        result.opaque.append((fence[2], len(text)))
    return result


def _front_matter(text: str, result: Scan) -> int:
    """Note the front matter that opens ``text``, if any, in ``result``; where the body
    starts."""
    if not (text.startswith("---") and text[3:4] in ("\n", "\r", " ", "\t")):
        return 0
    first_nl = text.find("\n")
    if first_nl == -1 or text[:first_nl].strip() != "---":
        return 0
    end = _FRONT_MATTER_END.search(text, first_nl + 1)
    if end is None:
        return 0
    result.front_matter = text[first_nl + 1 : end.start()]
    result.front_matter_lines = (1, text.count("\n", 0, end.start()) + 1)
    nl = text.find("\n", end.end())
    result.body_start = len(text) if nl == -1 else nl + 1
    return result.body_start


def without_closing_hashes(htext: str) -> str:
    """A heading's text without its closing sequence (``## Title ##`` → ``Title``): the
    trailing ``#``'s when the text is only them or a space or tab stands before them. String
    methods, not a regex: ``(?:^|[ \t]+)#+[ \t]*$`` retried every run of spaces against the
    rest of the line, quadratic on a long heading of spaces."""
    body = htext.rstrip(" \t")
    if not body.endswith("#"):
        return htext
    before = body.rstrip("#")
    if not before:
        return ""
    if before[-1] in " \t":
        return before.rstrip(" \t")
    return htext
