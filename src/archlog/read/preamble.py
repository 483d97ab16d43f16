"""What a record's lines state: metadata under the title (lines, a table, an admonition),
front-matter keys, and the Status, Date and Related sections — collected into a
:class:`Found`, with how each field was written (its :class:`~archlog.model.FieldTrace`).

Nothing inside a code fence or an HTML comment is taken for metadata (the scan marks them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from archlog.conventions.vocabulary import field_of, relation_types, section_of
from archlog.model import FieldTrace, Relation, Section, Span
from archlog.read import relations
from archlog.read.metadata import (
    MetaLine,
    is_table_rule,
    norm_key,
    parse_meta_line,
    parse_table_row,
    plain,
    unwrap,
)
from archlog.read.status import is_status_choice, normalise_status

#: Fields whose value is a list of names, or of words.
LIST_FIELDS = frozenset({"deciders", "consulted", "informed", "authors", "tags"})
#: Fields the reader keeps (others named by the vocabulary go to ``extra`` by label).
KEPT_FIELDS = frozenset({"status", "date", "category", *LIST_FIELDS})
_ADMONITION_STATUS = ("note", "info", "warning", "caution", "danger", "tip", "important")


@dataclass
class Found:
    """Metadata collected for one record before it becomes a :class:`Record`."""

    #: field → (value, line, place): the first place a field is stated wins.
    values: dict[str, tuple[Any, int, str]] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)
    rels: list[Relation] = field(default_factory=list)
    traces: list[FieldTrace] = field(default_factory=list)
    #: How the status is written: ``word``, ``dated`` or ``history``.
    status_form: str = "word"
    #: The status offers a choice of several (a template's).
    status_choice: bool = False
    #: A metadata table's header row as written (``""``: its first row is a field's) and
    #: its rule (``|---|---|``); None: no table.
    table_head: str | None = None
    table_rule: str = ""
    #: Problems met: (line, message).
    problems: list[tuple[int | None, str]] = field(default_factory=list)

    def put(
        self,
        name: str,
        value: Any,
        line: int,
        place: str,
        label: str,
        mark: str = "",
        emphasis: str = "",
    ) -> None:
        if name in self.values:
            return
        self.values[name] = (value, line, place)
        self.traces.append(FieldTrace(name, place, label, line, mark, emphasis))

    def relate(self, type_: str, target: int | str, text: str, line: int | None) -> None:
        if any(r.type == type_ and r.target == target for r in self.rels):
            return
        span = Span(line, line) if line else None
        self.rels.append(Relation(type_, target, text.strip()[:500], span))

    def line_field(self, meta: MetaLine, line: int, raw: str) -> None:
        """A metadata line (or table row): its field, a relation, or an extra value."""
        name = meta.field
        if name is None or name in ("title", "number", "id"):
            if name is None and meta.value:
                self.extra.setdefault(norm_key(meta.key), meta.value)
            return
        if name == "links" or name in relation_types():
            type_ = "relates-to" if name == "links" else name
            for target in relations.targets_in(meta.value):
                self.relate(type_, target, raw, line)
            return
        if name == "updated":
            self.extra.setdefault("updated", meta.value)
            return
        self.put(name, meta.value, line, meta.style, meta.key, meta.mark, meta.emphasis)


# ------------------------------------------------------------------ under the title


def preamble(
    lines: list[str], first_line: int, opaque: list[tuple[int, int]], found: Found
) -> None:
    """Read the lines between the title and the first section (``first_line`` is the line
    number of ``lines[0]``; ``opaque`` the line ranges of fences and comments)."""
    in_table = False
    in_admonition: str | None = None
    above: tuple[str, bool] | None = None  # the row above: its text, whether a field's
    for offset, raw in enumerate(lines):
        number = first_line + offset
        if any(a <= number <= b for a, b in opaque):
            continue
        text = raw.strip()
        if not text:
            in_table = False
            continue
        if text.startswith(":::"):
            in_admonition = _admonition(text, number, found) if in_admonition is None else None
            continue
        if in_admonition is not None:
            for type_, target in relations.line_relations(text):
                found.relate(type_, target, text, number)
            continue
        if text.startswith("|"):
            if is_table_rule(text):
                in_table = True
                if found.table_head is None and above is not None:
                    found.table_head = "" if above[1] else above[0]
                    found.table_rule = text
                continue
            row = parse_table_row(raw)
            is_field = row is not None and row.field is not None
            if row is not None and (is_field or in_table):
                found.line_field(row, number, raw)
            above = (text, is_field)
            continue
        above = None
        if ":" in text or "：" in text:
            meta = parse_meta_line(raw)
            if meta is not None:
                if meta.field is None and not meta.value:
                    continue
                found.line_field(meta, number, raw)
                continue
        for type_, target in relations.line_relations(text):
            found.relate(type_, target, text, number)


def _admonition(text: str, line: int, found: Found) -> str:
    """``:::note Superseded`` opens an admonition; a status word as its title is the
    record's status."""
    words = text.strip(":").split(None, 1)
    kind = words[0].lower() if words else ""
    title = words[1] if len(words) > 1 else ""
    if kind in _ADMONITION_STATUS and title and normalise_status(title) != "unknown":
        found.put("status", title, line, "admonition", kind)
    return kind or "note"


# ------------------------------------------------------------------ front matter


def front_matter(data: dict[Any, Any], found: Found) -> None:
    """The fields a front matter's keys state (``status``, ``decision-makers``, ``tags``,
    relation keys, ``links`` …); other scalar keys go to ``extra``."""
    line = 2
    for key, value in data.items():
        label = plain(key)
        name = field_of(label)
        if name is None or name in ("title", "number", "id"):
            if name is None and value is not None and not isinstance(value, (dict, list)):
                found.extra[norm_key(label)] = plain(value)
            continue
        if name == "links" or name in relation_types():
            for type_, target in relations.front_matter_relations(name, value):
                found.relate(type_, target, f"{label}: {plain(value)}", None)
            continue
        if name == "updated":
            found.extra.setdefault("updated", plain(value))
            continue
        found.put(name, value, line, "front-matter", label)


# ------------------------------------------------------------------ sections


def section_fields(sections: list[Section], found: Found) -> None:
    """Fields stated by sections: a Status section (a word, a dated line, a dated history),
    a Date section, a ``## Date: 2025-03-20`` heading, and relation lines of Related
    sections and of any paragraph that opens with a relation phrase."""
    for section in sections:
        heading = section.heading
        name = field_of(heading)
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
        related = section_of(heading) == "links" or name not in (None, "status", "date")
        _relation_lines(section, found, anywhere=related)
        if "|" in section.body:
            _table_relations(section, found)


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


def _relation_lines(section: Section, found: Found, *, anywhere: bool) -> None:
    """Relation lines of a section: every line of a Related section; elsewhere, a line
    that opens with a relation phrase and names a record by link or id."""
    body = section.body
    mentions = "adr" in body.lower()
    if not anywhere and not mentions and "[" not in body and ":" not in body:
        return  # no link, no id, no label: no line of it can state a relation
    line = section.span.start + 1
    listing: str | None = None  # "Related ADRs:" over a list: the list's relation type
    for raw in body.split("\n"):
        text = raw.strip()
        if listing is not None and text[:2] in ("- ", "* ", "+ "):
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


_LABEL_ENDS = (":", ":**", "：")


def _list_label(text: str) -> str | None:
    """The relation a label line over a list names (``Related ADRs:``, ``**Supersedes:**``)."""
    if not text.endswith((":", ":**", "：")) or len(text) > 60:
        return None
    name = field_of(text.lstrip("*+->_ ").strip("*_:： "))  # a label with no value after it
    if name == "links":
        return "relates-to"
    return name if name in relation_types() else None


def _table_relations(section: Section, found: Found) -> None:
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


def _names_record(text: str) -> bool:
    return "](" in text or "ADR" in text.upper()
