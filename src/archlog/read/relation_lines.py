"""Relations a section's lines state: a line that opens with a relation phrase, a label over
a list (``Related ADRs:``), a table whose column or cell names records."""

from __future__ import annotations

from archlog.conventions.vocabulary import field_of, relation_types
from archlog.model import Section
from archlog.read import relations
from archlog.read.metadata import is_table_rule
from archlog.read.preamble import Found

_BULLETS = ("- ", "* ", "+ ")
_LABEL_ENDS = (":", ":**", "：")


def relation_lines(section: Section, found: Found, *, anywhere: bool) -> None:
    """Relation lines of a section: every line of a Related section (``anywhere``);
    elsewhere, a line that opens with a relation phrase and names a record by link or id,
    and the items of a list under a relation's label."""
    body = section.body
    mentions = "adr" in body.lower()
    if not anywhere and not mentions and "[" not in body and ":" not in body:
        return  # no link, no id, no label: no line of it can state a relation
    line = section.span.start + 1
    listing: str | None = None  # "Related ADRs:" over a list: the list's relation type
    for raw in body.split("\n"):
        text = raw.strip()
        if listing is not None and text[:2] in _BULLETS:
            for target in relations.targets_in(text[2:]):
                found.relate(listing, target, text, line)
            line += 1
            continue
        listing = _list_label(text) if text.endswith(_LABEL_ENDS) else None
        if (
            listing is None
            and text
            and (anywhere or "[" in text or (mentions and "ADR" in text.upper()))
        ):
            for type_, target in relations.line_relations(text):
                if anywhere or _names_record(text):
                    found.relate(type_, target, text, line)
        line += 1


def _list_label(text: str) -> str | None:
    """The relation a label line over a list names (``Related ADRs:``, ``**Supersedes:**``)."""
    if not text.endswith(_LABEL_ENDS) or len(text) > 60:
        return None
    name = field_of(text.lstrip("*+->_ ").strip("*_:： "))  # a label with no value after it
    if name == "links":
        return "relates-to"
    return name if name in relation_types() else None


def _names_record(text: str) -> bool:
    return "](" in text or "ADR" in text.upper()


def table_relations(section: Section, found: Found) -> None:
    """Relations a table states: a column headed by a relation (``Refinement``,
    ``Superseded by``) names records in its cells, and a cell may say it (``Deprecate in
    favor of ADR-37``)."""
    line = section.span.start + 1
    columns: dict[int, str] = {}
    header = True  # the next table row is a table's first: its header
    for raw in section.body.split("\n"):
        text = raw.strip()
        if not text.startswith("|"):
            columns, header = {}, True
            line += 1
            continue
        if is_table_rule(text):
            line += 1
            continue
        first, header = header, False
        if not columns and "adr" not in text.lower() and not first:
            line += 1
            continue  # a row that names no record, in a table whose columns hold none
        cells = [c.strip() for c in text.strip("|").split("|")]
        if first:
            kinds = {i: field_of(c) for i, c in enumerate(cells)}
            columns = {i: str(k) for i, k in kinds.items() if k in relation_types()}
            if columns:
                line += 1
                continue
        for i, cell in enumerate(cells):
            if i in columns:
                for target in relations.targets_in(cell):
                    found.relate(columns[i], target, text, line)
            elif "ADR" in cell.upper():
                for type_, target in relations.inline_relations(cell):
                    found.relate(type_, target, text, line)
        line += 1
