"""What a record's lines state under its title (metadata lines, a table, an admonition) and
in its front matter's keys — collected into a :class:`Found`, with how each field was written
(its :class:`~archlog.model.FieldTrace`). The sections' fields are read by
:mod:`~archlog.read.section_fields`.

Nothing inside a code fence or an HTML comment is taken for metadata (the scan marks them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from archlog.conventions.vocabulary import field_of, relation_types
from archlog.model import FieldTrace, Relation, Span
from archlog.read import relations
from archlog.read.front_relations import front_matter_relations
from archlog.read.metadata import (
    MetaLine,
    is_table_rule,
    norm_key,
    parse_meta_line,
    parse_table_row,
    plain,
)
from archlog.read.status import normalise_status

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
    #: The day of a dated status line (the first of a history): the record's date when no
    #: field states one.
    status_day: str | None = None
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
        sep: str = "",
    ) -> None:
        if name in self.values:
            return
        self.values[name] = (value, line, place)
        self.traces.append(FieldTrace(name, place, label, line, mark, emphasis, sep))

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
        self.put(name, meta.value, line, meta.style, meta.key, meta.mark, meta.emphasis, meta.sep)


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
        if opaque and any(a <= number <= b for a, b in opaque):
            continue
        text = raw.strip()
        if not text:
            in_table = False
        elif text.startswith(":::"):
            in_admonition = _admonition(text, number, found) if in_admonition is None else None
        elif in_admonition is not None:
            for type_, target in relations.line_relations(text):
                found.relate(type_, target, text, number)
        elif text.startswith("|"):
            in_table, above = _table_line(text, raw, number, in_table, above, found)
        else:
            above = None
            _line(text, raw, number, found)


def _table_line(
    text: str,
    raw: str,
    number: int,
    in_table: bool,
    above: tuple[str, bool] | None,
    found: Found,
) -> tuple[bool, tuple[str, bool] | None]:
    """A line of a table under the title: a field's row (or any row, once the header's
    rule is past), or the rule. Whether a table's rows are read now, and the row above the
    next line."""
    if is_table_rule(text):
        if found.table_head is None and above is not None:
            found.table_head = "" if above[1] else above[0]
            found.table_rule = text
        return True, above
    row = parse_table_row(raw)
    is_field = row is not None and row.field is not None
    if row is not None and (is_field or in_table):
        found.line_field(row, number, raw)
    return in_table, (text, is_field)


def _line(text: str, raw: str, number: int, found: Found) -> None:
    """A line under the title outside a table: a metadata line, else maybe a relation."""
    if ":" in text or "：" in text:
        meta = parse_meta_line(raw)
        if meta is not None:
            if meta.field is not None or meta.value:
                found.line_field(meta, number, raw)
            return
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
            for type_, target in front_matter_relations(name, value):
                found.relate(type_, target, f"{label}: {plain(value)}", None)
            continue
        if name == "updated":
            found.extra.setdefault("updated", plain(value))
            continue
        found.put(name, value, line, "front-matter", label)
