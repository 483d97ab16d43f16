"""How a record is written — its :class:`~archlog.model.Trace` — from what the reader found
in it: what a folder's dialect is voted from (:mod:`archlog.conventions.infer`)."""

from __future__ import annotations

import functools
from typing import Any

from archlog.conventions.word_languages import language_of
from archlog.model import NameInfo, Record, Trace
from archlog.read.headings import TitleParts, heading_width, parse_title
from archlog.read.metadata import plain
from archlog.read.preamble import Found
from archlog.read.relations import opening_phrase
from archlog.read.scan import Heading

#: Front-matter keys whose value is the record's title.
TITLE_KEYS = ("title", "name")

_LINE_PLACES = frozenset({"bold", "bold-inside", "plain", "bullets", "table"})


def trace_of(
    record: Record,
    found: Found,
    layout: str,
    info: NameInfo | None,
    title_h: Heading | None,
    parts: TitleParts | None,
    fm: dict[Any, Any],
) -> Trace:
    """How ``record`` writes its title, fields and sections (``found`` in its text, the
    title heading ``title_h`` taken apart into ``parts``, its front matter ``fm``)."""
    fields_as_headings = {f.line for f in found.traces if f.place == "heading"}  # ## Date: x
    top = min((x.level for x in record.sections), default=2)
    sections = [
        s for s in record.sections if s.level == top and s.span.start not in fields_as_headings
    ]
    headings = tuple(s.heading for s in sections)
    language = _language(headings, record.status_text)
    title_key = title_form = None
    width = heading_width(parts.number if parts else None)
    if title_h is None:
        for key in TITLE_KEYS:
            if fm.get(key) is not None:
                keyed = parse_title(plain(fm[key]))
                title_key, title_form = key, keyed.pattern
                width = heading_width(keyed.number)  # ADR013: the width the title pads to
                break
    pairs = tuple((plain(k), plain(v)) for k, v in fm.items() if not isinstance(v, (dict, list)))
    return Trace(
        layout=layout,
        name=info,
        heading=parts.pattern if parts is not None else None,
        heading_width=width,
        heading_level=title_h.level if title_h else 1,
        title_key=title_key,
        title_form=title_form,
        fields=tuple(found.traces),
        status_form=found.status_form,
        table_head=found.table_head,
        front_gap=_front_gap(record, title_h),
        meta_first=title_h is not None
        and any(f.line < title_h.line for f in found.traces if f.place in _LINE_PLACES),
        table_rule=found.table_rule,
        sections=headings,
        section_level=sections[0].level if sections else 2,
        language=language,
        front_matter=pairs,
        phrases=_phrases(record),
    )


def _phrases(record: Record) -> tuple[tuple[str, str], ...]:
    """The relation phrases of the record's relation lines, as written, each type once."""
    out: dict[str, str] = {}
    for relation in record.relations:
        if relation.span is None or relation.type in out:
            continue  # front matter states no phrase
        opening = opening_phrase(relation.text)
        if opening is not None and opening[0] == relation.type:
            out[relation.type] = opening[1]
    return tuple(out.items())


@functools.lru_cache(maxsize=1024)
def _language(headings: tuple[str, ...], status: str) -> str | None:
    """:func:`language_of` the headings and the status (a folder's records repeat the same
    few: one template, a few status words)."""
    return language_of(headings, status)


def _front_gap(record: Record, title_h: Heading | None) -> bool | None:
    front = record.spans.get("front_matter")
    if front is None or title_h is None or title_h.line <= front.end:
        return None
    return title_h.line > front.end + 1
