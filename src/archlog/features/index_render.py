"""An index written from the records: the three styles, and the values of one entry.

``table`` has a column per field (:data:`COLUMNS`), the number linked to the file;
``grouped`` has a ``### Group`` per category (or tag), each record with its status and a
one-line summary, and a *Last Updated* line; ``list`` is ``* [N. Title](file)``, as
adr-tools' ``generate toc``. :mod:`archlog.features.index_merge` writes over an index that
exists with the same values, so both agree on what an entry says.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from archlog.features.index_settings import COLUMNS
from archlog.model import Record
from archlog.read.index_file import record_key

if TYPE_CHECKING:
    from archlog.conventions.catalog import Convention
    from archlog.features.index_settings import IndexSettings

INACTIVE = ("superseded", "deprecated", "rejected")
RETIRED = "Superseded, deprecated and rejected"


@dataclass
class Hints:
    """What an index already written says that the records cannot (used when it is written
    again in another style): each entry's link as written, its summary and its group, by
    :func:`~archlog.read.index_file.record_key`; and whether links are written ``./NAME``."""

    hrefs: dict[str, str] = field(default_factory=dict)
    summaries: dict[str, str] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    dot_slash: bool = False


def render(
    records: Sequence[Record],
    settings: IndexSettings,
    conv: Convention,
    base: Path,
    hints: Hints | None = None,
) -> list[str]:
    """The index of ``records`` in the configured style, links relative to ``base``."""
    hints = hints or Hints()
    active = list(records)
    retired: list[Record] = []
    if settings.inactive == "group":
        active = [r for r in records if r.status not in INACTIVE]
        retired = [r for r in records if r.status in INACTIVE]
    by_target = {r.target: r for r in records}
    out: list[str] = [f"## {settings.title}", ""] if settings.title else []
    if settings.style == "table":
        out += _table(active, settings, conv, base, by_target, hints)
        if retired:
            out += ["", f"### {RETIRED}", ""]
            out += _table(retired, settings, conv, base, by_target, hints)
    elif settings.style == "list":
        out += [_list_item(r, settings, conv, base, hints) for r in active]
        if retired:
            out += ["", f"### {RETIRED}", ""]
            out += [_list_item(r, settings, conv, base, hints) for r in retired]
    else:
        out += _grouped(active, retired, settings, conv, base, hints)
    return out


# ------------------------------------------------------------------ one entry's values


def href(record: Record, base: Path, hints: Hints | None = None) -> str:
    """The link to ``record`` from the index's folder ``base`` (as the index wrote it)."""
    if hints is not None and hints.hrefs:
        given = hints.hrefs.get(record_key(record))
        if given is not None:
            return given
    # strings, not Paths: on 10,000 records a Path per record is most of the index's cost
    path, prefix = str(record.path), str(base) + os.sep
    if path.startswith(prefix) and os.sep not in path[len(prefix) :]:
        link = path[len(prefix) :]
    else:
        folder, name = os.path.split(path)
        link = _relative(folder, str(base)) + name
    if hints is not None and hints.dot_slash and not link.startswith("."):
        link = "./" + link
    return link + (f"#{record.entry.lower()}" if record.entry else "")


@functools.lru_cache(maxsize=64)
def _relative(folder: str, base: str) -> str:
    """``folder`` as seen from ``base``, ending in ``/`` ("" for the same folder)."""
    if folder == base:
        return ""
    return os.path.relpath(folder, base).replace(os.sep, "/") + "/"


def label(record: Record, conv: Convention) -> str:
    """The record as the folder's headings name it (``ADR-001: Title``, ``1. Title``,
    ``Title``); a record whose id carries a prefix of its own (``CLI-001`` in a folder that
    heads ``API-001``) by that id."""
    if record.number is None:
        return record.title or record.id
    ident = record.id.rsplit("/", 1)[-1]
    heading = conv.heading(record.number, record.title)
    prefix = ident.rstrip("0123456789-")
    if prefix and not heading.startswith(prefix):
        return f"{ident}: {record.title}"
    return heading


def date_cell(record: Record) -> str:
    """A record's date for the index: ISO, or a partial date as the record writes it
    (``2025-09-*``)."""
    if record.date and len(record.date) < 10 and record.date_text:
        return cell(record.date_text)
    return record.date or ""


def status_word(record: Record, conv: Convention) -> str:
    return conv.status_word(record.status) if record.status != "unknown" else ""


def struck(text: str, record: Record, settings: IndexSettings) -> str:
    if settings.inactive == "strike" and record.status in INACTIVE and text:
        return f"~~{text}~~"
    return text


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def column_value(
    column: str,
    record: Record,
    settings: IndexSettings,
    conv: Convention,
    base: Path,
    by_target: dict[int | str, Record],
    hints: Hints | None,
) -> str:
    """What the index's ``column`` says of ``record`` ("" when the record says nothing)."""
    if column == "number":
        return f"[{record.id}]({href(record, base, hints)})"
    if column == "title":
        return struck(cell(record.title), record, settings)
    if column == "status":
        return status_word(record, conv)
    if column == "date":
        return date_cell(record)
    if column == "deciders":
        return cell(", ".join(record.deciders))
    if column == "tags":
        return cell(", ".join(record.tags))
    return ", ".join(
        f"[{other.id}]({href(other, base, hints)})"
        for t in record.relation_targets("superseded-by")
        if (other := by_target.get(t)) is not None
    )


def group_of(record: Record, settings: IndexSettings) -> str:
    """The group a record goes in: its category or first tag (``group_by`` says which comes
    first), else the configured default group."""
    if settings.inactive == "group" and record.status in INACTIVE:
        return RETIRED
    if settings.group_by == "tag":
        return record.tags[0] if record.tags else (record.category or settings.default_group)
    return record.category or (record.tags[0] if record.tags else settings.default_group)


# ------------------------------------------------------------------ the styles


def _table(
    records: Sequence[Record],
    settings: IndexSettings,
    conv: Convention,
    base: Path,
    by_target: dict[int | str, Record],
    hints: Hints,
) -> list[str]:
    header = "| " + " | ".join(COLUMNS[c] for c in settings.columns) + " |"
    rule = "|" + "|".join("---" for _ in settings.columns) + "|"
    rows = [header, rule]
    for record in records:
        cells = [
            column_value(c, record, settings, conv, base, by_target, hints)
            for c in settings.columns
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def _list_item(
    record: Record, settings: IndexSettings, conv: Convention, base: Path, hints: Hints
) -> str:
    return f"* [{struck(label(record, conv), record, settings)}]({href(record, base, hints)})"


def _grouped(
    active: Sequence[Record],
    retired: Sequence[Record],
    settings: IndexSettings,
    conv: Convention,
    base: Path,
    hints: Hints,
) -> list[str]:
    groups: dict[str, list[Record]] = {}
    for record in active:
        name = (hints.groups and hints.groups.get(record_key(record))) or group_of(record, settings)
        groups.setdefault(name, []).append(record)
    if retired:
        groups[RETIRED] = list(retired)
    out: list[str] = []
    for name, members in groups.items():
        out += [f"### {name}", ""]
        for record in members:
            out.append(
                f"- [{struck(label(record, conv), record, settings)}]({href(record, base, hints)})"
            )
            status = status_word(record, conv)
            if status:
                out.append(f"  - **Status**: {status}")
            text = (hints.summaries and hints.summaries.get(record_key(record))) or record.summary()
            if text:
                out.append(f"  - **Summary**: {text}")
            out.append("")
    dates = [r.date for r in [*active, *retired] if r.date and r.date[:4].isdigit()]
    if dates:
        out.append(f"**Last Updated**: {max(dates)}")
    elif out and out[-1] == "":
        out.pop()
    return out
