"""Selecting records and writing the list formats (table, JSON, CSV).

The JSON shape is the public contract documented in docs/formats.md: a list of objects with
``number``, ``id``, ``title``, ``status``, ``status_text``, ``date``, ``path``, ``relations``,
``deciders``, ``consulted``, ``informed``, ``tags`` and ``category``.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from archlog.errors import UsageError
from archlog.model import Record
from archlog.read.status import normalise_status

_ISO_PREFIX = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")
CSV_FIELDS = (
    "number",
    "id",
    "title",
    "status",
    "status_text",
    "date",
    "path",
    "relations",
    "deciders",
    "consulted",
    "informed",
    "tags",
    "category",
)


@dataclass
class Filter:
    """Which records to keep. Empty criteria keep everything."""

    statuses: Sequence[str] = field(default_factory=tuple)
    tags: Sequence[str] = field(default_factory=tuple)
    since: str | None = None
    until: str | None = None

    def __post_init__(self) -> None:
        wanted = []
        for status in self.statuses:
            norm = normalise_status(status)
            if norm == "unknown" and status.strip().casefold() != "unknown":
                raise UsageError(f"unknown status {status!r}")
            wanted.append(norm)
        self.statuses = tuple(wanted)
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not is_date_prefix(value):
                raise UsageError(
                    f"--{name} wants a real date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}"
                )

    def __call__(self, record: Record) -> bool:
        if self.statuses and record.status not in self.statuses:
            return False
        if self.tags:
            have = {t.casefold() for t in record.tags}
            if record.category:
                have.add(record.category.casefold())
            if not any(t.casefold() in have for t in self.tags):
                return False
        if self.since or self.until:
            m = _ISO_PREFIX.match(record.date or "")
            if not m:
                return False
            day = m.group(0)
            if self.since and day[: len(self.since)] < self.since:
                return False
            if self.until and day[: len(self.until)] > self.until:
                return False
        return True


def is_date_prefix(text: str) -> bool:
    """Whether ``text`` is a real day ``YYYY-MM-DD``, a real month ``YYYY-MM`` or a year."""
    if not _ISO_PREFIX.fullmatch(text):
        return False
    try:
        datetime.date.fromisoformat((text + "-01-01")[:10])
    except ValueError:
        return False
    return True


def select(records: Iterable[Record], flt: Filter) -> list[Record]:
    return [r for r in records if flt(r)]


#: The statuses of a decision that holds.
IN_FORCE_STATUSES = ("accepted", "implemented")
#: A record in one of these replaces nothing yet.
_NOT_YET = frozenset({"draft", "proposed", "pending", "rejected"})


def in_force(records: Sequence[Record]) -> list[Record]:
    """The decisions in force: accepted or implemented, and superseded by no record (by
    their own relations or by another record's ``supersedes``)."""
    replaced = {
        t for r in records if r.status not in _NOT_YET for t in r.relation_targets("supersedes")
    }
    return [
        r
        for r in records
        if r.status in IN_FORCE_STATUSES
        and r.target not in replaced
        and not r.relation_targets("superseded-by")
    ]


def to_json(
    records: Sequence[Record],
    folder: Path,
    *,
    full: bool = False,
    lines: Callable[[Record], str] | None = None,
) -> str:
    """A JSON array, one record per line (the C encoder: indentation would use the slow one);
    ``lines`` gives a record's line as kept (the store's), when it has one."""
    if not records:
        return "[]\n"
    if full:
        rows: Iterable[str] = (
            json.dumps(r.to_json(folder=folder, full=True), ensure_ascii=False) for r in records
        )
    elif lines is not None:
        rows = (lines(r) for r in records)
    else:
        rows = (json.dumps(r.to_json(folder=folder), ensure_ascii=False) for r in records)
    return "[\n" + ",\n".join(rows) + "\n]\n"


def to_csv(records: Sequence[Record], folder: Path) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    writer.writerows(_csv_row(record, folder) for record in records)
    return out.getvalue()


def _csv_row(record: Record, folder: Path) -> list[object]:
    data = record.to_json(folder=folder)
    data["relations"] = "; ".join(f"{r['type']} {r['target']}" for r in data["relations"])
    for name in ("deciders", "consulted", "informed", "tags"):
        data[name] = "; ".join(data[name])
    return ["" if data[k] is None else data[k] for k in CSV_FIELDS]


def to_table(records: Sequence[Record], width: int | None = None) -> str:
    """Records as ID, STATUS, DATE, TITLE: on a terminal ``width`` columns wide, aligned
    columns that fit it (the title, then the id, cut short with ``…``); without a width
    (piped), one tab-separated line per record, no header, nothing cut."""
    rows = [(r.id, r.status, r.date or "-", r.title) for r in records]
    if width is None:
        return "".join("\t".join(row) + "\n" for row in rows)
    return "".join(line + "\n" for line in fit([("ID", "STATUS", "DATE", "TITLE"), *rows], width))


def fit(
    rows: Sequence[Sequence[str]], width: int, *, shrink: Sequence[int] = (-1, 0), least: int = 8
) -> list[str]:
    """Rows as aligned columns two spaces apart, no wider than ``width`` terminal cells:
    the columns of ``shrink`` (by index, in that order) are cut short with ``…`` as far as
    ``least`` cells each; the last column is not padded."""
    count = len(rows[0]) if rows else 0
    widths = [max(cells(row[i]) for row in rows) for i in range(count)]
    over = sum(widths) + 2 * (count - 1) - width
    for col in shrink:
        if over <= 0:
            break
        take = min(over, max(0, widths[col] - least))
        widths[col] -= take
        over -= take
    lines = []
    for row in rows:
        out = []
        for i, cell in enumerate(row):
            cut = clip(cell, widths[i])
            last = i == count - 1
            out.append(cut if last else cut + " " * (widths[i] - cells(cut)))
        lines.append("  ".join(out).rstrip())
    return lines


def cells(text: str) -> int:
    """How many terminal cells ``text`` takes (wide East Asian characters take two)."""
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells, ending in ``…`` when cut."""
    if cells(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        size = cells(ch)
        if used + size > width - 1:
            break
        out.append(ch)
        used += size
    return "".join(out) + "…"


# ------------------------------------------------------------------ across folders

#: The records of each folder of a monorepo: its name (as configured), its path, its records.
FolderRecords = tuple[str, Path, Sequence[Record]]


def folders_json(parts: Sequence[FolderRecords]) -> str:
    """:func:`to_json` across folders: each object starts with its ``folder``; ``path``
    stays relative to that folder."""
    rows = []
    for name, folder, records in parts:
        head = '{"folder": ' + json.dumps(name, ensure_ascii=False) + ", "
        rows += [
            head + json.dumps(r.to_json(folder=folder), ensure_ascii=False)[1:] for r in records
        ]
    return "[\n" + ",\n".join(rows) + "\n]\n" if rows else "[]\n"


def folders_csv(parts: Sequence[FolderRecords]) -> str:
    """:func:`to_csv` across folders: a ``folder`` column first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("folder", *CSV_FIELDS))
    for name, folder, records in parts:
        writer.writerows([name, *_csv_row(record, folder)] for record in records)
    return out.getvalue()


def folders_table(parts: Sequence[FolderRecords], width: int | None = None) -> str:
    """:func:`to_table` across folders: a FOLDER column first."""
    rows = [(name, r.id, r.status, r.date or "-", r.title) for name, _, rs in parts for r in rs]
    if width is None:
        return "".join("\t".join(row) + "\n" for row in rows)
    if not rows:
        return ""
    head = ("FOLDER", "ID", "STATUS", "DATE", "TITLE")
    return "".join(line + "\n" for line in fit([head, *rows], width, shrink=(-1, 1, 0)))
