"""Single-file decision logs: which headings of a file are its entries.

An entry is a ``##`` or ``###`` heading that opens with an id — ``ADR-001``,
``ADR-PAY-001``, ``D-3``, ``DEC-2024-01``, and in a file named like a log (``DECISIONS.md``,
``decision-log.md`` …) a bare number too — then its title, maybe with a date
(``### ADR-7: Title (2025-12-09)``). A heading without a number (``### REJECTED: …``) is not
a decision, nor is a template's (``## ADR-NNN: Title``, or any heading inside a fence).
"""

from __future__ import annotations

from typing import NamedTuple

from archlog.read.headings import TitleParts, parse_title
from archlog.read.scan import Heading, Scan


class Entry(NamedTuple):
    """One entry of a log: its heading, what the heading says, and where its text ends."""

    heading: Heading
    parts: TitleParts
    end: int  # offset just past the entry's text


def log_entries(s: Scan, *, named_as_log: bool) -> list[Entry]:
    """The entries of a decision log (none for a file that is not one)."""
    candidates: dict[int, list[tuple[Heading, TitleParts]]] = {2: [], 3: []}
    for h in s.headings:
        if h.level in candidates:
            parts = parse_title(h.text, any_prefix=True)
            if parts.number is None or parts.placeholder or not parts.title.strip():
                continue
            if not parts.prefix and not named_as_log:
                continue  # "## 1. Overview": a numbered section of an ordinary record
            candidates[h.level].append((h, parts))
    level = max(candidates, key=lambda lv: (len(candidates[lv]), -lv))
    chosen = candidates[level]
    if not chosen:
        return []
    h1 = next((h for h in s.headings if h.level == 1), None)
    if h1 is not None and parse_title(h1.text).number is not None:
        return []  # an ordinary numbered record that happens to quote an entry heading
    out = []
    for h, parts in chosen:
        end = len(s.text)
        for other in s.headings:
            if other.start > h.start and other.level <= level:
                end = other.start
                break
        out.append(Entry(h, parts, end))
    return out
