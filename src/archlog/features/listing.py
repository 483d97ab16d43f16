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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from archlog.errors import UsageError
from archlog.model import Record
from archlog.read.status import normalise_status

_ISO_PREFIX = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")
CSV_FIELDS = ("number", "id", "title", "status", "status_text", "date", "path", "relations",
              "deciders", "consulted", "informed", "tags", "category")  # fmt: skip


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


def to_json(records: Sequence[Record], folder: Path, *, full: bool = False) -> str:
    """A JSON array, one record per line (the C encoder: indentation would use the slow one)."""
    if not records:
        return "[]\n"
    if full:
        rows = (
            json.dumps(r.to_json(folder=folder, full=True), ensure_ascii=False) for r in records
        )
    else:
        rows = (r.json_line(folder) for r in records)
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


def to_table(records: Sequence[Record]) -> str:
    """Aligned plain-text columns: ID, STATUS, DATE, TITLE."""
    rows = [("ID", "STATUS", "DATE", "TITLE")]
    rows += [(r.id, r.status, r.date or "-", r.title) for r in records]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3]
        for row in rows
    ]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ across folders

#: The records of each folder of a monorepo: its name (as configured), its path, its records.
FolderRecords = tuple[str, Path, Sequence[Record]]


def folders_json(parts: Sequence[FolderRecords]) -> str:
    """:func:`to_json` across folders: each object starts with its ``folder``; ``path``
    stays relative to that folder."""
    rows = []
    for name, folder, records in parts:
        head = '{"folder": ' + json.dumps(name, ensure_ascii=False) + ", "
        rows += [head + r.json_line(folder)[1:] for r in records]
    return "[\n" + ",\n".join(rows) + "\n]\n" if rows else "[]\n"


def folders_csv(parts: Sequence[FolderRecords]) -> str:
    """:func:`to_csv` across folders: a ``folder`` column first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("folder", *CSV_FIELDS))
    for name, folder, records in parts:
        writer.writerows([name, *_csv_row(record, folder)] for record in records)
    return out.getvalue()


def folders_table(parts: Sequence[FolderRecords]) -> str:
    """:func:`to_table` across folders: a FOLDER column first."""
    rows = [("FOLDER", "ID", "STATUS", "DATE", "TITLE")]
    rows += [
        (name, r.id, r.status, r.date or "-", r.title)
        for name, _, records in parts
        for r in records
    ]
    if len(rows) == 1:
        return ""
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4]
        for row in rows
    ]
    return "\n".join(lines) + "\n"
