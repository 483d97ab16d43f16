"""Fields a record's sections state: a Status section (a word, a dated line, a dated
history), a Date section, a ``## Date: 2025-03-20`` heading — and the relations their lines
and tables state (:mod:`~archlog.read.relation_lines`).
"""

from __future__ import annotations

from archlog.model import FieldTrace, Section
from archlog.read import relations
from archlog.read.heading_words import heading_words
from archlog.read.metadata import parse_meta_line, unwrap
from archlog.read.preamble import Found
from archlog.read.relation_lines import relation_lines, table_relations
from archlog.read.status import is_status_choice, normalise_status


def section_fields(sections: list[Section], found: Found) -> None:
    """Fields stated by sections: a Status section (a word, a dated line, a dated history),
    a Date section, a ``## Date: 2025-03-20`` heading, and relation lines of Related
    sections and of any paragraph that opens with a relation phrase."""
    for section in sections:
        heading = section.heading
        words = heading_words(heading)
        name = words.field
        if name is None and (":" in heading or "：" in heading):
            inline = parse_meta_line(heading)
            if inline is not None and inline.field in ("status", "date") and inline.value:
                found.put(inline.field, inline.value, section.span.start, "heading", inline.key)
                continue
        if name == "status":
            _status_section(section, found)
        elif name == "date" and "date" not in found.values:
            line, value = _first_value(section)
            if value:
                found.put("date", value, line, "section", heading)
        elif name == "updated":
            _line, value = _first_value(section)
            if value:
                found.extra.setdefault("updated", value)
        related = name not in (None, "status", "date") or words.concept == "links"
        relation_lines(section, found, anywhere=related)
        if "|" in section.body:
            table_relations(section, found)


def _first_value(section: Section) -> tuple[int, str]:
    line = section.span.start + 1
    for raw in section.body.split("\n"):
        text = raw.strip()
        if text.startswith("#"):
            break
        if text and not text.startswith("<!--"):
            return line, unwrap(_debullet(text))
        line += 1
    return line, ""


def _debullet(text: str) -> str:
    if text[:2] in ("* ", "- ", "+ "):
        return text[2:].strip()
    return text


def _status_section(section: Section, found: Found) -> None:
    line = section.span.start + 1
    history: list[tuple[int, str]] = []
    first: tuple[int, str] | None = None
    choice = False
    for raw in section.body.split("\n"):
        text = raw.strip()
        if text.startswith("#"):
            break  # a sub-heading: the status paragraph is over
        if text and not text.startswith("<!--"):
            value = unwrap(_debullet(text))
            meta = parse_meta_line(value) if ":" in value else None
            if meta is not None and meta.field == "status":
                value = meta.value
            if is_status_choice(value):
                choice = True
            elif _dated(value):
                history.append((line, value))
            elif (first is None and not history and normalise_status(value) != "unknown") or (
                first is None and not history and not choice
            ):
                first = (line, value)
            for type_, target in relations.line_relations(text, allow_custom=True):
                found.relate(type_, target, text, line)
        line += 1
    if history:
        at, value = history[-1]
        found.status_form = "history" if len(history) > 1 else "dated"
        found.status_day = history[0][1][:10]  # when it was first given a status
        found.put("status", value, at, "section", section.heading)
    elif first is not None:
        found.put("status", first[1], first[0], "section", section.heading)
    elif choice:
        found.status_choice = True
        found.problems.append((section.span.start, "the status is still the template's choice"))
        found.traces.append(FieldTrace("status", "section", section.heading, section.span.start))


def _dated(value: str) -> bool:
    """``2020-03-25 accepted``: a date, then a status word."""
    if len(value) < 12 or not value[:4].isdigit() or value[4] not in "-/.":
        return False
    rest = value[10:].strip() if value[7] in "-/." else ""
    return bool(rest) and normalise_status(rest) != "unknown"
