"""Writing an index's entries: a table's rows (its padding kept) and list items (their
indented lines kept), each value as written unless the record now says otherwise; and the
entries of the records the index lacks, written like their neighbours. See
:mod:`archlog.features.index_merge` for where each entry goes."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from archlog.features import index_render as fresh
from archlog.features.index_settings import COLUMNS
from archlog.model import Record
from archlog.read.index_file import link_key, record_key
from archlog.read.index_parts import Item, Row, Sub, Table
from archlog.read.status import normalise_status

if TYPE_CHECKING:
    from archlog.conventions.catalog import Convention
    from archlog.features.index_settings import IndexSettings

LAST_UPDATED = re.compile(r"^(?P<head>\*\*Last Updated\*\*:[ \t]*)(?P<day>\S.*)$")
_NUMBER = re.compile(r"\d+")
#: A label's number as written before the title (``ADR-001: ``, ``1. ``).
_NUMBER_PREFIX = re.compile(r"^(?P<prefix>\D{0,12}\d{1,9}\s{0,3}[.:)\-–—]?\s{1,3})")
_LABEL = re.compile(r"\[((?:[^\[\]\n]|\[[^\[\]\n]{0,200}\]){0,500})\]\(")


@dataclass
class Entry:
    """An entry in the index as it will be written: its record (None for a row or item
    that links elsewhere, kept as it is) and what was written for it (None for a new one)."""

    record: Record | None
    part: Row | Item | None
    group: str | None


@dataclass
class TableSlot:
    """A table of the index (its head as written) and its rows as they will be written."""

    table: Table
    group: str | None
    rows: list[Entry] = field(default_factory=list)


Slot = str | TableSlot | Entry


@dataclass
class Writer:
    """An index being written: the records, how to write them, and ``slots``, the index's
    lines in order (kept lines, tables, entries); ``level`` is its group headings' level and
    ``spaced`` whether its list items are separated by blank lines."""

    records: Sequence[Record]
    settings: IndexSettings
    conv: Convention
    base: Path
    slots: list[Slot] = field(default_factory=list)
    hints: fresh.Hints = field(default_factory=fresh.Hints)
    level: int = 3
    spaced: bool = False

    def __post_init__(self) -> None:
        self.by_target = {r.target: r for r in self.records}
        self.keyed = {record_key(r): r for r in self.records}


def entries(slots: Sequence[Slot]) -> list[Entry]:
    """Every entry of ``slots``, tables' rows included, in order."""
    out: list[Entry] = []
    for slot in slots:
        if isinstance(slot, TableSlot):
            out += slot.rows
        elif isinstance(slot, Entry):
            out.append(slot)
    return out


def write_lines(w: Writer) -> list[str]:
    """The index's lines: kept lines as they are, each entry brought up to date, and the
    *Last Updated* line (when the index has one) giving the newest record's date."""
    dates = [r.date for r in w.records if r.date and r.date[:4].isdigit()]
    out: list[str] = []
    model = next((e.part for e in entries(w.slots) if isinstance(e.part, Item)), None)
    for slot in w.slots:
        if isinstance(slot, TableSlot):
            out += _table_lines(w, slot)
        elif isinstance(slot, Entry):
            out += _item_lines(w, slot, model)
        elif dates and (m := LAST_UPDATED.match(slot)) is not None:
            out.append(
                slot if m.group("day").strip() == max(dates) else m.group("head") + max(dates)
            )
        else:
            out.append(slot)
    return out


def _table_lines(w: Writer, slot: TableSlot) -> list[str]:
    table = slot.table
    columns = _columns(w.settings, table)
    same = [src for _, _, src in columns] == list(range(len(table.header)))
    link_col = _link_column(slot, columns)
    rows: list[tuple[Entry, list[str], bool]] = []
    for entry in slot.rows:
        cells = [
            _cell(w, entry, key, src, i == link_col) for i, (_, key, src) in enumerate(columns)
        ]
        old = entry.part.cells if isinstance(entry.part, Row) else None
        rows.append((entry, cells, same and old is not None and cells == old[: len(cells)]))
    heads = [head for head, _, _ in columns]
    if table.widths is None:
        out = (
            [table.header_line, table.rule_line]
            if same
            else [_compact(heads), _rule(table, columns, None)]
        )
        for entry, cells, kept in rows:
            out.append(entry.part.line if kept and isinstance(entry.part, Row) else _compact(cells))
        return out
    widths = [
        max(
            [len(heads[i]), 3, *(len(c[i]) for _, c, _ in rows)]
            + ([table.widths[src]] if src is not None and src < len(table.widths) else [])
        )
        for i, (_, _, src) in enumerate(columns)
    ]
    unchanged = same and widths == table.widths
    aligns = [
        table.aligns[src] if src is not None and src < len(table.aligns) else ""
        for _, _, src in columns
    ]
    out = (
        [table.header_line, table.rule_line]
        if unchanged
        else [_padded(heads, widths, aligns), _rule(table, columns, widths)]
    )
    for entry, cells, kept in rows:
        if unchanged and kept and isinstance(entry.part, Row):
            out.append(entry.part.line)
        else:
            out.append(_padded(cells, widths, aligns))
    return out


_Column = tuple[str, str | None, int | None]


def _columns(settings: IndexSettings, table: Table) -> list[_Column]:
    """The table's columns as written next: (header, column, index in the table as it is)."""
    if not settings.columns_given:
        return [(h, k, i) for i, (h, k) in enumerate(zip(table.header, table.columns, strict=True))]
    out: list[_Column] = []
    for column in settings.columns:
        src = table.columns.index(column) if column in table.columns else None
        out.append((table.header[src] if src is not None else COLUMNS[column], column, src))
    return out


def _link_column(slot: TableSlot, columns: list[_Column]) -> int:
    """Where a new row's link goes: where the table's rows have theirs, else the number."""
    where = Counter(
        e.part.link_column for e in slot.rows if isinstance(e.part, Row) and e.part.href
    )
    srcs = [src for _, _, src in columns]
    if where:
        common = where.most_common(1)[0][0]
        if common in srcs:
            return srcs.index(common)
    keys = [key for _, key, _ in columns]
    return (
        keys.index("number") if "number" in keys else keys.index("title") if "title" in keys else 0
    )


def _cell(w: Writer, entry: Entry, key: str | None, src: int | None, link: bool) -> str:
    """One cell: the entry's as written unless the record now says otherwise."""
    row = entry.part if isinstance(entry.part, Row) else None
    old = row.cells[src] if row is not None and src is not None and src < len(row.cells) else None
    record = entry.record
    if record is None or key is None:
        return old or ""
    value = _value(w, key, record)
    if old is not None and row is not None and src == row.link_column:
        m = _LABEL.search(old)
        if m is None:
            return old
        if not value or _equivalent(key, m.group(1), value, record, w.settings):
            return old
        return old[: m.start(1)] + value + old[m.end(1) :]
    if old is not None and (not value or _equivalent(key, old, value, record, w.settings)):
        return old
    if link and value and row is None:
        return f"[{value}]({fresh.href(record, w.base, w.hints)})"
    return value


def _value(w: Writer, key: str, record: Record) -> str:
    if key == "number":
        return record.id
    return fresh.column_value(key, record, w.settings, w.conv, w.base, w.by_target, w.hints)


def _plain(text: str) -> str:
    return " ".join(text.replace("\\|", "|").replace("~~", "").replace("**", "").split()).casefold()


def _equivalent(key: str, old: str, new: str, record: Record, settings: IndexSettings) -> bool:
    """Whether a value as written says what the record says (in its own words)."""
    struck = old.strip().startswith("~~") != new.startswith("~~")
    if struck and settings.inactive != "keep" and key in ("title", "label"):  # as configured
        return False
    if key == "number":
        digits = _NUMBER.findall(old)
        return old.strip() == record.id or (
            record.number is not None and len(digits) == 1 and int(digits[0]) == record.number
        )
    if key == "status":
        return normalise_status(old.replace("~~", "")) == record.status
    if key == "label":
        return _plain(old).endswith(_plain(record.title))
    if key in ("deciders", "tags"):
        return {_plain(x) for x in old.split(",")} == {_plain(x) for x in new.split(",")}
    if key == "superseded_by":
        return _numbers(old) == _numbers(new)
    return _plain(old) == _plain(new)


def _numbers(text: str) -> set[int]:
    """The numbers a cell names: in its links' labels when it has links, else anywhere."""
    labels = _LABEL.findall(text)
    return {int(d) for part in (labels or [text]) for d in _NUMBER.findall(part)}


def _compact(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _padded(cells: Sequence[str], widths: Sequence[int], aligns: Sequence[str]) -> str:
    out = []
    for text, width, align in zip(cells, widths, aligns, strict=True):
        out.append(
            text.rjust(width)
            if align == "right"
            else text.center(width)
            if align == "center"
            else text.ljust(width)
        )
    return "| " + " | ".join(out) + " |"


def _rule(
    table: Table,
    columns: Sequence[_Column],
    widths: Sequence[int] | None,
) -> str:
    cells = []
    for i, (_, _, src) in enumerate(columns):
        align = table.aligns[src] if src is not None and src < len(table.aligns) else ""
        n = 3 if widths is None else widths[i] + (0 if table.spaced_rule else 2)
        dashes = "-" * n
        if align in ("left", "center"):
            dashes = ":" + dashes[1:]
        if align in ("right", "center"):
            dashes = dashes[:-1] + ":"
        cells.append(f" {dashes} " if table.spaced_rule and widths is not None else dashes)
    return "|" + "|".join(cells) + "|"


def _item_lines(w: Writer, entry: Entry, model: Item | None) -> list[str]:
    record, item = entry.record, entry.part
    if record is None:
        assert isinstance(item, Item)
        return [item.line, *(s.line for s in item.subs)]
    if isinstance(item, Item):
        wanted = fresh.struck(fresh.label(record, w.conv), record, w.settings)
        if item.label == wanted or _equivalent("label", item.label, wanted, record, w.settings):
            lines = [item.line]
        else:
            text = _relabel(item.label, record, w)
            lines = [f"{item.marker}{item.lead}[{text}]({item.href}){item.rest}"]
        return lines + [_sub_line(w, s, record) for s in item.subs]
    return _new_item(w, record, model)


def _relabel(old: str, record: Record, w: Writer) -> str:
    """A label written like ``old`` (``ADR-001: …``, ``1. …``) for the record's title now."""
    plain = old.replace("~~", "")
    m = _NUMBER_PREFIX.match(plain)
    text = (m.group("prefix") + record.title) if m else fresh.label(record, w.conv)
    return fresh.struck(text, record, w.settings)


def _sub_line(w: Writer, sub: Sub, record: Record) -> str:
    if sub.key == "status":
        word = fresh.status_word(record, w.conv)
        if word and not _equivalent("status", sub.value, word, record, w.settings):
            return sub.head + word
    elif sub.key == "date" and record.date and sub.value.strip() != record.date:
        return sub.head + record.date
    return sub.line


def _new_item(w: Writer, record: Record, model: Item | None) -> list[str]:
    """An item for a record the index lacks, written like the index's first item."""
    link = fresh.href(record, w.base, w.hints)
    if model is None:
        return [f"* [{fresh.struck(fresh.label(record, w.conv), record, w.settings)}]({link})"]
    text = _label_like(model, record, w)
    lines = [f"{model.marker}[{text}]({link})"]
    for sub in model.subs:
        value = ""
        if sub.key == "status":
            value = fresh.status_word(record, w.conv)
        elif sub.key == "summary":
            value = record.summary()
        elif sub.key == "date":
            value = fresh.date_cell(record)
        if value:
            lines.append(sub.head + value)
    return lines


def _label_like(model: Item, record: Record, w: Writer) -> str:
    """The record's label in the model item's form: its number written as the model writes
    its own (``ADR-007: …`` after ``ADR-001: …``, ``7. …`` after ``1. …``)."""
    mate = w.keyed.get(link_key(model.href))
    plain = model.label.replace("~~", "")
    if mate is None or record.number is None or not _plain(plain).endswith(_plain(mate.title)):
        return fresh.struck(fresh.label(record, w.conv), record, w.settings)
    prefix = plain[: len(plain) - len(mate.title)]
    digits = _NUMBER.search(prefix)
    if digits is None:
        return fresh.struck(fresh.label(record, w.conv), record, w.settings)
    number = str(record.number).zfill(len(digits.group(0)))
    text = prefix[: digits.start()] + number + prefix[digits.end() :] + record.title
    return fresh.struck(text, record, w.settings)
