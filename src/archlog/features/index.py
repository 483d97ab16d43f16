"""The README index: rendered from the records, kept between markers, checked in CI.

Three styles (the convention's, or ``[tool.archlog.index] style``):

- ``table`` — columns from ``number`` (linked to the file), ``title``, ``status``, ``date``,
  ``deciders``, ``tags``, ``superseded_by`` (seeds 000 and 004);
- ``grouped`` — by category (else first tag), each record with its status and a one-line
  summary, and a *Last Updated* line (seed 001);
- ``list`` — ``* [N. Title](file)``, as adr-tools' ``generate toc``.

The index lives between ``<!-- archlog:index:start -->`` and ``<!-- archlog:index:end -->``.
On a README without the markers, a hand-made index (a table or list of links to the records)
is found and replaced in place; otherwise the block is appended. Nothing outside the markers
changes. Superseded, deprecated and rejected records can be struck through or moved to their
own group (``inactive = "strike"`` / ``"group"``).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archlog.conventions.catalog import Convention
from archlog.errors import ConfigError
from archlog.model import Record
from archlog.read.names import INDEX_FILE_NAMES

if TYPE_CHECKING:
    from archlog.read.store import Store

START = "<!-- archlog:index:start -->"
END = "<!-- archlog:index:end -->"
STYLES = ("table", "grouped", "list")
COLUMNS = {
    "number": "Number", "title": "Title", "status": "Status", "date": "Date",
    "deciders": "Decision Makers", "tags": "Tags", "superseded_by": "Superseded by",
}  # fmt: skip
INACTIVE = ("superseded", "deprecated", "rejected")

_LINK = re.compile(r"\]\((?P<href>[^)\s#]+)")
_HEADING = re.compile(r"^(#{1,6})\s")


@dataclass
class IndexSettings:
    style: str = "table"
    columns: tuple[str, ...] = ("number", "title", "status", "date")
    file: Path | None = None
    inactive: str = "keep"  # keep | strike | group
    group_by: str = "category"  # category | tag
    title: str | None = None  # a heading written above the index, inside the markers

    @classmethod
    def of(cls, repo: Store, conv: Convention) -> IndexSettings:
        raw: dict[str, Any] = dict(repo.config.values.get("index") or {})
        unknown = set(raw) - {"style", "columns", "file", "inactive", "group_by", "title"}
        if unknown:
            raise ConfigError(f"unknown index setting(s): {', '.join(sorted(unknown))}",
                              repo.config.source)  # fmt: skip
        where = repo.config.source
        for key in ("style", "inactive", "group_by", "title"):
            if key in raw and not isinstance(raw[key], str):
                raise ConfigError(f"index.{key} must be text, not {raw[key]!r}", where)
        columns = raw.get("columns", [])
        if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
            raise ConfigError(
                f"index.columns must be a list of column names, not {columns!r}", where
            )
        settings = cls(style=conv.index_style, columns=tuple(conv.index_columns))
        if "style" in raw:
            settings.style = str(raw["style"])
        if "columns" in raw:
            settings.columns = tuple(str(c).replace("-", "_") for c in raw["columns"])
        if raw.get("file"):
            settings.file = repo.config.inside("index.file", raw["file"])
        settings.inactive = str(raw.get("inactive", settings.inactive))
        settings.group_by = str(raw.get("group_by", settings.group_by))
        settings.title = raw.get("title")
        settings.check(repo)
        return settings

    def check(self, repo: Store) -> None:
        where = repo.config.source
        if self.style not in STYLES:
            raise ConfigError(
                f"index style {self.style!r} is not one of {', '.join(STYLES)}", where
            )
        bad = [c for c in self.columns if c not in COLUMNS]
        if bad:
            raise ConfigError(f"unknown index column(s) {', '.join(bad)}; known: "
                              f"{', '.join(COLUMNS)}", where)  # fmt: skip
        if self.inactive not in ("keep", "strike", "group"):
            raise ConfigError("index inactive must be keep, strike or group", where)


@dataclass
class Index:
    """The index of one folder: where it goes and what it says."""

    path: Path
    lines: list[str]
    records: list[Record] = field(default_factory=list)


def build(repo: Store, settings: IndexSettings | None = None) -> Index:
    conv = repo.convention
    settings = settings or IndexSettings.of(repo, conv)
    path = settings.file or readme_of(repo)
    records = repo.records
    lines = render(records, settings, conv, base=path.parent)
    return Index(path, lines, records)


def readme_of(repo: Store) -> Path:
    folder = repo.folder
    for name in INDEX_FILE_NAMES:
        if (folder / name).is_file():
            return folder / name
    return folder / "README.md"


# ------------------------------------------------------------------ rendering


def render(records: Sequence[Record], settings: IndexSettings, conv: Convention,
           base: Path) -> list[str]:  # fmt: skip
    active = list(records)
    retired: list[Record] = []
    if settings.inactive == "group":
        active = [r for r in records if r.status not in INACTIVE]
        retired = [r for r in records if r.status in INACTIVE]
    by_target = {r.target: r for r in records}
    out: list[str] = [f"## {settings.title}", ""] if settings.title else []
    if settings.style == "table":
        out += _table(active, settings, conv, base, by_target)
        if retired:
            out += ["", "### Superseded, deprecated and rejected", ""]
            out += _table(retired, settings, conv, base, by_target)
    elif settings.style == "list":
        out += _list(active, settings, conv, base)
        if retired:
            out += ["", "### Superseded, deprecated and rejected", ""]
            out += _list(retired, settings, conv, base)
    else:
        out += _grouped(active, retired, settings, conv, base)
    return out


def _href(record: Record, base: Path) -> str:
    # strings, not Paths: on 10,000 records a Path per record is most of the index's cost
    path, prefix = str(record.path), str(base) + os.sep
    if path.startswith(prefix) and os.sep not in path[len(prefix) :]:
        href = path[len(prefix) :]
    else:
        folder, name = os.path.split(path)
        href = _relative(folder, str(base)) + name
    return href + (f"#{record.entry.lower()}" if record.entry else "")


@functools.lru_cache(maxsize=64)
def _relative(folder: str, base: str) -> str:
    """``folder`` as seen from ``base``, ending in ``/`` ("" for the same folder)."""
    if folder == base:
        return ""
    return os.path.relpath(folder, base).replace(os.sep, "/") + "/"


def _label(record: Record, conv: Convention) -> str:
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


def _status(record: Record, conv: Convention) -> str:
    return conv.status_word(record.status) if record.status != "unknown" else ""


def _struck(text: str, record: Record, settings: IndexSettings) -> str:
    if settings.inactive == "strike" and record.status in INACTIVE and text:
        return f"~~{text}~~"
    return text


def _date_cell(record: Record) -> str:
    """A record's date for the index: ISO, or a partial date as the record writes it
    (``2025-09-*``)."""
    if record.date and len(record.date) < 10 and record.date_text:
        return _cell(record.date_text)
    return record.date or ""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(records: Sequence[Record], settings: IndexSettings, conv: Convention, base: Path,
           by_target: dict[int | str, Record]) -> list[str]:  # fmt: skip
    header = "| " + " | ".join(COLUMNS[c] for c in settings.columns) + " |"
    rule = "|" + "|".join("---" for _ in settings.columns) + "|"
    rows = [header, rule]
    for record in records:
        cells = []
        for column in settings.columns:
            if column == "number":
                value = f"[{record.id}]({_href(record, base)})"
            elif column == "title":
                value = _struck(_cell(record.title), record, settings)
            elif column == "status":
                value = _status(record, conv)
            elif column == "date":
                value = _date_cell(record)
            elif column == "deciders":
                value = _cell(", ".join(record.deciders))
            elif column == "tags":
                value = _cell(", ".join(record.tags))
            else:
                value = ", ".join(
                    f"[{other.id}]({_href(other, base)})"
                    for t in record.relation_targets("superseded-by")
                    if (other := by_target.get(t)) is not None
                )
            cells.append(value)
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def _list(records: Sequence[Record], settings: IndexSettings, conv: Convention,
          base: Path) -> list[str]:  # fmt: skip
    return [f"* [{_struck(_label(r, conv), r, settings)}]({_href(r, base)})" for r in records]


def _grouped(active: Sequence[Record], retired: Sequence[Record], settings: IndexSettings,
             conv: Convention, base: Path) -> list[str]:  # fmt: skip
    groups: dict[str, list[Record]] = {}
    for record in active:
        groups.setdefault(_group_of(record, settings), []).append(record)
    if retired:
        groups["Superseded, deprecated and rejected"] = list(retired)
    out: list[str] = []
    for name, members in groups.items():
        out += [f"### {name}", ""]
        for record in members:
            out.append(f"- [{_struck(_label(record, conv), record, settings)}]"
                       f"({_href(record, base)})")  # fmt: skip
            status = _status(record, conv)
            if status:
                out.append(f"  - **Status**: {status}")
            summary = record.summary()
            if summary:
                out.append(f"  - **Summary**: {summary}")
            out.append("")
    dates = [r.date for r in [*active, *retired] if r.date and r.date[:4].isdigit()]
    if dates:
        out.append(f"**Last Updated**: {max(dates)}")
    elif out and out[-1] == "":
        out.pop()
    return out


def _group_of(record: Record, settings: IndexSettings) -> str:
    if settings.group_by == "tag":
        return record.tags[0] if record.tags else (record.category or "Other")
    return record.category or (record.tags[0] if record.tags else "Other")


# ------------------------------------------------------------------ placing it


def place(text: str, lines: list[str], records: Sequence[Record], *,
          start: str = START, end: str = END) -> str:  # fmt: skip
    """``text`` with the block between the markers replaced by ``lines``; without markers, a
    hand-made index of ``records`` is replaced, or the block is appended."""
    newline = "\r\n" if "\r\n" in text else "\n"
    block = [start, *lines, end]
    rows = text.split("\n")
    begin = next((i for i, r in enumerate(rows) if r.strip() == start), None)
    if begin is not None:
        stop = next((i for i in range(begin + 1, len(rows)) if rows[i].strip() == end), None)
        if stop is None:
            raise ValueError(f"{start} has no matching {end}")
        cr = "\r" if rows[begin].endswith("\r") else ""
        new_rows = rows[:begin] + [b + cr for b in block] + rows[stop + 1 :]
        return "\n".join(new_rows)
    found = find_hand_made(rows, records)
    cr = "\r" if newline == "\r\n" else ""
    if found is not None:
        a, b = found
        return "\n".join(rows[:a] + [x + cr for x in block] + rows[b + 1 :])
    if not text:
        return newline.join(block) + newline
    tail = "" if text.endswith("\n") else newline
    return text + tail + newline + newline.join(block) + newline


def find_hand_made(rows: list[str], records: Sequence[Record]) -> tuple[int, int] | None:
    """Lines ``a..b`` (0-based, inclusive) of a hand-made index: the run of table rows or
    list items that link to the records, with its header row and group headings."""
    names = {r.path.name for r in records}

    def links(row: str) -> bool:
        return any(Path(m.group("href")).name in names for m in _LINK.finditer(row))

    hits = [i for i, row in enumerate(rows) if links(row)]
    if not hits:
        return None
    best: tuple[int, int] | None = None
    best_count = 0
    i = 0
    while i < len(hits):
        a = b = hits[i]
        count = 1
        j = i + 1
        while j < len(hits) and _bridgeable(rows, b + 1, hits[j]):
            b = hits[j]
            count += 1
            j += 1
        if count > best_count:
            best, best_count = (a, b), count
        i = j
    assert best is not None
    a, b = best
    if rows[a].lstrip().startswith("|"):  # take the header row and rule of the table
        while a > 0 and rows[a - 1].lstrip().startswith("|"):
            a -= 1
        while b + 1 < len(rows) and rows[b + 1].lstrip().startswith("|"):
            b += 1
    else:
        while b + 1 < len(rows) and rows[b + 1].startswith((" ", "\t")) and rows[b + 1].strip():
            b += 1  # the last item's continuation lines (status, summary)
        if a >= 2 and _is_group_heading(rows[a - 2]) and not rows[a - 1].strip():
            a -= 2  # the first group's heading
        elif a >= 1 and _is_group_heading(rows[a - 1]):
            a -= 1
    return a, b


def _bridgeable(rows: list[str], start: int, stop: int) -> bool:
    """Whether the lines between two index lines belong to the index too."""
    for row in rows[start:stop]:
        stripped = row.strip()
        if not stripped or row.startswith((" ", "\t")) or stripped.startswith("|"):
            continue
        if _is_group_heading(row) or stripped[:2] in ("- ", "* ", "+ "):
            continue
        return False
    return True


def _is_group_heading(row: str) -> bool:
    m = _HEADING.match(row)
    return m is not None and len(m.group(1)) >= 3


def update(repo: Store, settings: IndexSettings | None = None) -> tuple[Path, str | None, str]:
    """The index file, its text now (None when missing) and its text with a fresh index."""
    from archlog.edit.text import Text
    from archlog.errors import ReadError
    from archlog.read.guarded import read_inside

    index = build(repo, settings)
    data = read_inside(repo, index.path)
    old = str(Text.decode(data, index.path)) if data is not None else None
    try:
        new = place(old or "", index.lines, index.records)
    except ValueError as exc:
        raise ReadError(str(exc), index.path) from None
    if old is None:
        new = f"# Architecture Decision Records\n\n{new}"
    return index.path, old, new
