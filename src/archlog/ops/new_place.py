"""Where a new record goes and the number it takes: its area (a folder kept by year takes
a record by its date), the dialect that area writes, and one past the highest number used
in its scope.

What is asked of the folder here is what its names say (the listing, the numbers its files
and git history have used) and the newest records; every record is read only where the
answer needs them — numbers restarting per area, a log, ids numbered within their year.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from archlog.errors import UsageError
from archlog.infra.clock import today
from archlog.read.headings import year_sequence

if TYPE_CHECKING:
    from archlog.conventions.catalog import Convention
    from archlog.read.store import Store


def area_of(store: Store, area: str | None, date: str | None) -> str | None:
    """The area a new record goes in: the one asked for; else, in a folder that keeps its
    records by year (``2023/``, ``2024/``), its date's year."""
    if area is not None:
        return area
    areas = store.areas()
    if not areas or not all(_is_year(name) for name in areas):
        return None
    if any(s.area is None for s in store.listing.sources):
        return None
    return (date or today())[:4]


def _is_year(name: str) -> bool:
    return len(name) == 4 and name.isdigit() and name[:2] in ("19", "20")


def in_area(store: Store, conv: Convention, area: str | None) -> Convention:
    """The dialect as an area writes records (its names: ``api/API-001-…``,
    ``cli/CLI-002-…``; its headings, fields and sections where it has records enough)."""
    if area is None:
        areas = store.areas()
        if areas and not any(s.area is None for s in store.listing.sources):
            raise UsageError(
                f"this folder keeps records by area ({', '.join(areas)}): choose one with --area"
            )
        return conv
    if conv is store.convention:
        conv = store.convention_in(area)
    names = [n for n in store.names(area) if n.number is not None]
    if not names:
        return conv
    prefix = Counter(n.prefix for n in names).most_common(1)[0][0]
    padded = [n.width for n in names if n.id[len(n.prefix) : len(n.prefix) + 1] == "0"]
    width = Counter(padded).most_common(1)[0][0] if padded else 1
    return conv.with_overrides(prefix=prefix, width=width)


def next_number(store: Store, conv: Convention, area: str | None, day: str) -> int | None:
    """The new record's number: one past the highest its scope has used (the area's, where
    numbers restart per area; the year's, for ids like ``DEC-2026-01``; the prefix's, in a
    log numbered per prefix); None where the folder's names and titles carry none."""
    # numbering (which reads every record) matters only for a record asked for in an area
    scope = area if area and store.numbering == "area" else None
    number: int | None = max(store.used_numbers(scope), default=0) + 1
    if "{year}" in conv.title_pattern:  # DEC-2026-01: numbered within the record's year
        number = _next_in_year(store, day[:4])
    elif store.is_log and store.numbering == "area":  # ADR-PAY-003: numbered per prefix
        prefix = conv.title_pattern.split("{number}", 1)[0]
        mine = [r.number for r in store.records if r.number and r.number_scope == prefix]
        number = max(mine, default=0) + 1
    if "{number}" not in conv.file_pattern and conv.layout != "log":
        number = None if "{number}" not in conv.title_pattern else number
    return number


def _next_in_year(store: Store, year: str) -> int:
    """One past the highest number the ids of ``year`` have (``DEC-2024-02`` → 3)."""
    highest = 0
    for record in store.records:
        tail = record.id.rsplit("-", 2)[-2:]
        found = year_sequence("-".join(tail)) if len(tail) == 2 else None
        if found is not None and str(found[0]) == year:
            highest = max(highest, found[1])
    return highest + 1
