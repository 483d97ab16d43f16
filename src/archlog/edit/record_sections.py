"""The sections of a record an edit writes into: the one that holds its status, the one
named for a concept in any language, where a section's own text ends, where the record ends.

Line numbers are the :class:`~archlog.edit.text.Text`'s (1-based); a record's spans are
those of the text as it is now (callers parse the record again after each edit).
"""

from __future__ import annotations

from archlog.conventions.vocabulary import field_of, section_of
from archlog.edit.text import Text
from archlog.model import Record, Section


def status_section(record: Record) -> Section | None:
    """The section that holds the record's status, however it is headed (``## Status``,
    ``## Estado``, ``## 状态``): the one its status line is in, else one headed by a status
    label."""
    span = record.spans.get("status")
    if span is not None and record.styles.get("status") == "section":
        for section in record.sections:
            if section.span.start <= span.start <= section.span.end:
                return section
    for section in record.sections:
        if field_of(section.heading) == "status":
            return section
    return None


def section_like(record: Record, name: str) -> Section | None:
    """The record's section ``name``, or one that holds the same (``Links``, ``Enlaces``)."""
    found = record.section(name)
    if found is not None:
        return found
    concept = section_of(name)
    if concept is None:
        return None
    return next((s for s in record.sections if section_of(s.heading) == concept), None)


def section_level(record: Record) -> int:
    """The level the record's sections are headed at (a log's entry: one below its own)."""
    if record.sections:
        return min(s.level for s in record.sections)
    return 3 if record.entry else 2


def own_end(record: Record, section: Section) -> int:
    """The last line of a section's own text: before its first sub-section."""
    for other in record.sections:
        if section.span.start < other.span.start <= section.span.end:
            return other.span.start - 1
    return section.span.end


def end_of(text: Text, record: Record) -> int:
    """The record's last non-blank line."""
    end = min(record.spans["record"].end, len(text))
    while end > 1 and text.is_blank(end):
        end -= 1
    return end


def last_content_line(text: Text, start: int, end: int) -> int:
    """The last non-blank line from ``start`` to ``end`` (``start`` when all are blank)."""
    last = start
    for number in range(start, min(end, len(text)) + 1):
        if not text.is_blank(number):
            last = number
    return last


def append_section(text: Text, record: Record, heading: str, body: list[str]) -> None:
    """A new section at the end of the record, at the level of its others."""
    end = end_of(text, record)
    level = section_level(record)
    text.insert(end + 1, ["", "#" * level + " " + heading, "", *body])
