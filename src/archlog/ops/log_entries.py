"""Single-file decision logs: where a new entry goes, and the header of a new log."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archlog.model import Record

#: Thematic breaks a log may put between its entries.
_RULES = frozenset({"---", "***", "___", "* * *", "- - -"})


def with_entry(text: str, entry: str, path: Path) -> str:
    """A decision log's text with ``entry`` added after its last entry — before whatever
    follows that at the entries' level or above (a trailing template entry, a
    ``## Template`` section), else at the end — set apart by a rule where the log sets its
    entries apart so. Line endings are kept; everything else stays byte for byte."""
    from archlog.read.reader import parse_file

    crlf = "\r\n" in text
    records = parse_file(text, path) if text.strip() else []
    entries = [r for r in records if r.entry]
    lines = text.split("\n")
    end = len(text)
    if entries:
        last = entries[-1].spans["record"]
        level = _level(lines[last.start - 1])
        for i in range(last.end, len(lines)):
            if 0 < _level(lines[i]) <= level:
                end = sum(len(line) + 1 for line in lines[:i])
                break
    ruled = _ruled(lines, entries)
    head, tail = text[:end], text[end:]
    body = entry.strip("\n") + "\n"
    before = head.rstrip()
    gap = "\n\n---\n\n" if ruled else "\n\n"
    if tail:  # the rule that set the tail apart moves below the new entry
        rule_before_tail = before.endswith(tuple(_RULES))
        if rule_before_tail:
            before = before[:-3].rstrip()
        after = "\n---\n\n" if rule_before_tail else "\n"
        new = before + gap + body + after + tail
    else:
        new = before + gap + body
    if crlf:
        new = new.replace("\r\n", "\n").replace("\n", "\r\n")
    return new


def _level(line: str) -> int:
    """The level of a Markdown heading line (0: not a heading)."""
    hashes = len(line) - len(line.lstrip("#"))
    return hashes if 0 < hashes <= 6 and line[hashes : hashes + 1] in (" ", "\t") else 0


def _ruled(lines: list[str], entries: list[Record]) -> bool:
    """Whether the log sets its entries apart with a rule (``---``): one between two
    entries, or, with one entry, right before or after it; a log with none yet does (as
    archlog starts one)."""
    if not entries:
        return True
    spans = [e.spans["record"] for e in entries]
    if len(spans) == 1:
        after = [line.strip() for line in lines[spans[0].end :] if line.strip()]
        before = [line.strip() for line in lines[: spans[0].start - 1] if line.strip()]
        return bool(after and after[0] in _RULES) or bool(before and before[-1] in _RULES)
    return any(
        line.strip() in _RULES
        for a, b in itertools.pairwise(spans)
        for line in lines[a.end : b.start - 1]
    )


def log_header() -> str:
    """The opening of a new decision log file."""
    return (
        "# Architecture Decision Records\n\n"
        "Every decision of this project is an entry of this file. Add one with\n"
        '`archlog new "Title"`; entries are never removed, only superseded.\n'
    )
