"""The text of a new folder's first record, "Record architecture decisions"."""

from __future__ import annotations

import re

FIRST_TITLE = "Record architecture decisions"

_CONTEXT = (
    "We need to record the architectural decisions made on this project, with the reasons "
    "for them, so that people joining later can understand them and revisit them knowingly."
)
_FIRST_BODY = {
    "context": _CONTEXT,
    "context and problem statement": _CONTEXT,
    "decision": "We will use Architecture Decision Records, kept in this repository and "
    "managed with archlog.",
    "considered options": "* Architecture Decision Records in the repository, managed with "
    "archlog\n* Decisions written down in a wiki\n* No written record of decisions",
    "decision outcome": "Chosen option: Architecture Decision Records in the repository, "
    "because they are reviewed and versioned with the code they explain.",
    "consequences": "Decisions and their reasons are reviewed like code and kept next to it. "
    "The cost: writing a record takes time, and records must be kept up to date when "
    "decisions change.",
    "alternatives considered": "A wiki page, which drifts away from the code it explains; no "
    "written record at all, which loses the reasons when people leave.",
    "rationale": "Records next to the code are found, reviewed and versioned with it.",
    "decision rationale": "Records next to the code are found, reviewed and versioned with it.",
}
#: A section the table above has no heading for is filled as the one that holds the same.
_CONCEPT_KEY = {
    "context": "context",
    "decision": "decision",
    "consequences": "consequences",
    "alternatives": "alternatives considered",
    "rationale": "rationale",
}
#: A log entry's heading (``ADR-3 …``).
_LOG_ENTRY = re.compile(r"ADR[-\s_]?\d")


def fill_first_record(text: str, *, blank_after_heading: bool = True) -> str:
    """The first record's text with real content: its main sections filled, the template's
    other sections (placeholders nobody will answer) left out; Status and Date sections
    kept. A log's entries put no blank line after a section heading."""
    from archlog.conventions.vocabulary import field_of, section_of
    from archlog.read.metadata import is_placeholder_line

    lines = text.rstrip("\n").split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        m = _heading(lines[i])
        if m is None:
            if not is_placeholder_line(lines[i]):  # "**Context:** [Link to ticket]"
                out.append(lines[i])
            i += 1
            continue
        level, name = m
        key = " ".join(name.casefold().split())
        if field_of(key) in ("status", "date") or _LOG_ENTRY.match(name):
            out.append(lines[i])  # a field section, or a log entry's heading: kept
            i += 1
            continue
        concept = _CONCEPT_KEY.get(section_of(key) or "", "")
        filled = _FIRST_BODY.get(key) or _FIRST_BODY.get(concept)
        heading_line = lines[i]
        i += 1
        while i < len(lines) and lines[i].strip() != "---":  # skip the template's text
            sub = _heading(lines[i])  # (and, for a section left out, its sub-sections)
            if sub is not None and (filled is not None or sub[0] <= level):
                break
            i += 1
        if filled is not None:
            blank = [""] if blank_after_heading else []
            out.extend([heading_line, *blank, filled, ""])
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def _heading(line: str) -> tuple[int, str] | None:
    """A section heading's level (2 to 6) and its text without closing hashes; None for
    another line. String methods: a lazy ``(.*?)\\s*#*\\s*$`` is quadratic on spaces."""
    level = len(line) - len(line.lstrip("#"))
    if not 2 <= level <= 6 or not line[level : level + 1].isspace():
        return None
    return level, line[level:].strip().rstrip("#").rstrip()
