"""The README index as written: where it is, what its entries say, and the dates it holds.

An index is the block between ``<!-- archlog:index:start -->`` and
``<!-- archlog:index:end -->``, or, in a README without them, a hand-made one: the longest
run of table rows or list items that link to the records (with the table's header and the
first group's heading). :func:`parse_block` reads it into parts — group headings, tables
(header, rule, rows) and list items (with their indented ``**Status**:``-style lines) — that
:mod:`archlog.features.index_merge` writes back with each entry brought up to date and
nothing else changed.

The index is also a source of facts: a date written only there (a table of records that
state none) is the record's date. :func:`index_dates` gives it to the records that have
none of their own (called by the store once the records are read).
"""

from __future__ import annotations

import datetime
import hashlib
import re
import stat
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from archlog.infra.config import Config
from archlog.model import Record
from archlog.read.names import INDEX_FILE_NAMES

if TYPE_CHECKING:
    from archlog.read.index_parts import Part

START = "<!-- archlog:index:start -->"
END = "<!-- archlog:index:end -->"

_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-(?:\d{2}|\*|xx|XX))?)?$")


# ------------------------------------------------------------------ where it is


def index_path(folder: Path, config: Config) -> Path:
    """The file the folder's index lives in: ``[index] file`` (relative to the
    configuration), else the folder's README (``README.md``, ``index.md``, …)."""
    configured = (config.values.get("index") or {}).get("file")
    if configured:
        return config.inside("index.file", configured)
    for name in INDEX_FILE_NAMES:
        if (folder / name).is_file():
            return folder / name
    return folder / "README.md"


@dataclass(frozen=True)
class Block:
    """Lines ``first..last`` (0-based, inclusive; empty when ``last < first``) of the text
    hold the index; ``marked``: between archlog's markers (``first - 1`` and ``last + 1``)."""

    first: int
    last: int
    marked: bool


def find_block(
    rows: Sequence[str], names: Collection[str], *, start: str = START, end: str = END
) -> Block | None:
    """Where the index is in ``rows`` (the text's lines): between the markers, else the
    hand-made index of the files ``names``; None without either. ``ValueError`` when the
    start marker has no end marker."""
    begin = next((i for i, r in enumerate(rows) if r.strip() == start), None)
    if begin is not None:
        stop = next((i for i in range(begin + 1, len(rows)) if rows[i].strip() == end), None)
        if stop is None:
            raise ValueError(f"{start} has no matching {end}")
        return Block(begin + 1, stop - 1, True)
    found = _hand_made(rows, names) if names else None
    return Block(found[0], found[1], False) if found is not None else None


def _hand_made(rows: Sequence[str], names: Collection[str]) -> tuple[int, int] | None:
    """Lines of the longest run of table rows or list items that link to ``names``."""
    from archlog.read.index_parts import is_group_heading  # with its regexes: when needed

    hits = [i for i, row in enumerate(rows) if "](" in row and _links_to(row, names)]
    if not hits:
        return None
    best, best_count, i = (hits[0], hits[0]), 0, 0
    while i < len(hits):
        a = b = hits[i]
        count, j = 1, i + 1
        while j < len(hits) and _bridgeable(rows, b + 1, hits[j]):
            b, count, j = hits[j], count + 1, j + 1
        if count > best_count:
            best, best_count = (a, b), count
        i = j
    a, b = best
    if rows[a].lstrip().startswith("|"):  # the table's header row and rule
        while a > 0 and rows[a - 1].lstrip().startswith("|"):
            a -= 1
        while b + 1 < len(rows) and rows[b + 1].lstrip().startswith("|"):
            b += 1
    else:
        while b + 1 < len(rows) and rows[b + 1].startswith((" ", "\t")) and rows[b + 1].strip():
            b += 1  # the last item's continuation lines (status, summary)
        if a >= 2 and is_group_heading(rows[a - 2]) and not rows[a - 1].strip():
            a -= 2  # the first group's heading
        elif a >= 1 and is_group_heading(rows[a - 1]):
            a -= 1
    return a, b


def _links_to(row: str, names: Collection[str]) -> bool:
    from archlog.read.index_parts import LINK

    return any(link_key(m.group("href")).split("#", 1)[0] in names for m in LINK.finditer(row))


def _bridgeable(rows: Sequence[str], start: int, stop: int) -> bool:
    """Whether the lines between two index lines belong to the index too."""
    from archlog.read.index_parts import is_group_heading

    for row in rows[start:stop]:
        stripped = row.strip()
        if not stripped or row.startswith((" ", "\t")) or stripped.startswith("|"):
            continue
        if is_group_heading(row) or stripped[:2] in ("- ", "* ", "+ "):
            continue
        return False
    return True


def link_key(href: str) -> str:
    """What a link names: the file's name (``%20`` decoded), and ``#anchor`` lowercased."""
    path, _, anchor = href.partition("#")
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    if "%" in name:
        from urllib.parse import unquote

        name = unquote(name)
    return f"{name}#{anchor.lower()}" if anchor else name


def record_key(record: Record) -> str:
    """How an index links to ``record``: its file's name (and ``#anchor`` for a log entry)."""
    return f"{record.path.name}#{record.entry.lower()}" if record.entry else record.path.name


# ------------------------------------------------------------------ the dates it holds


def dates_in(parts: Sequence[Part]) -> dict[str, str]:
    """Each linked file's date as the index writes it (a table's date column, an item's
    ``**Date**:`` line), when it is a date: ``2024-09-22``, ``2024-09``, ``2025-09-*``."""
    from archlog.read.index_parts import Item, Row

    out: dict[str, str] = {}
    for part in parts:
        if not isinstance(part, (Row, Item)) or not part.href:
            continue
        value = None
        if isinstance(part, Row):
            column = next((i for i, c in enumerate(part.table.columns) if c == "date"), None)
            if column is not None and column < len(part.cells):
                value = part.cells[column]
        else:
            value = next((s.value for s in part.subs if s.key == "date"), None)
        if value is not None:
            day = as_date(value)
            if day is not None:
                out.setdefault(link_key(part.href), day)
    return out


def as_date(text: str) -> str | None:
    """``text`` (emphasis and strike-through removed) when it is a date or a partial one."""
    value = text.strip()
    for mark in ("~~", "**", "__", "*", "_"):  # emphasis around it, not a partial date's *
        if len(value) > 2 * len(mark) and value.startswith(mark) and value.endswith(mark):
            value = value[len(mark) : -len(mark)].strip()
    if not _DATE.match(value):
        return None
    if len(value) >= 7 and value[5:7].isdigit():
        try:
            datetime.date.fromisoformat(
                value if len(value) == 10 and value[8:].isdigit() else value[:7] + "-01"
            )
        except ValueError:
            return None
    return value


def index_dates(folder: Path, config: Config, records: Sequence[Record]) -> list[Record]:
    """Give each record that states no date of its own the date its folder's index writes
    for it; the records so dated (a cache keeps such a record's date only with the index's
    content in its key)."""
    missing = [r for r in records if r.date is None and not r.entry]
    if not missing:
        return []
    raw = _index_bytes(index_path(folder, config))
    if raw is None:
        return []
    text = raw.decode("utf-8-sig", errors="replace")
    rows = [row.rstrip("\r") for row in text.split("\n")]
    try:
        block = find_block(rows, {r.path.name for r in records})
    except ValueError:
        return []
    if block is None or block.last < block.first:
        return []
    lines = rows[block.first : block.last + 1]
    if not _may_hold_dates(lines):
        return []  # (parsing a list of 10,000 titles for nothing would cost `list` its speed)
    from archlog.read.index_parts import parse_block

    dates = dates_in(parse_block(lines))
    dated = []
    from archlog.read.dates import read_date

    for record in missing:
        written = dates.get(record.path.name)
        if written is None:
            continue
        day = read_date(written).iso
        if day is not None:  # ISO, full or partial (2025-09-* is 2025-09)
            record.date = day
            record.date_text = record.date_text or written
            dated.append(record)
    return dated


def _may_hold_dates(lines: Sequence[str]) -> bool:
    """Whether index lines can hold a date: a table row, or an indented ``Date:`` line,
    saying "date" (a quick look before the lines are parsed)."""
    if "date" not in "\n".join(lines).casefold():
        return False
    for line in lines:
        low = line.casefold()
        if "date" in low and (line.lstrip().startswith("|") or line[:1] in " \t"):
            return True
    return False


def index_digest(folder: Path, config: Config) -> bytes:
    """A digest of the index file's bytes (of nothing when there is none): for results kept
    under a key that the index's dates may change."""
    data = _index_bytes(index_path(folder, config))
    return hashlib.sha256(b"\0missing" if data is None else data).digest()[:16]


#: An index file larger than this is not read for dates (nor a FIFO, a device, …).
_MAX_INDEX_BYTES = 32 << 20


def _index_bytes(path: Path) -> bytes | None:
    """The index file's bytes, when it is a regular file of a sane size (else None)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_INDEX_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None
