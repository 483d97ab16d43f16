"""The index written over the one that exists: each entry brought up to date, nothing else
changed.

An entry (a table row or a list item that links to a record) keeps its group, its place,
its link as written (``./001-x.md`` or ``001-x.md``), its summary and every value the record
cannot give (a date only the index writes, a column archlog does not know). A value the record
gives replaces the entry's only when they differ (``Accepted`` for ``accepted`` is the same
value: it stays as written). A record the index lacks is added where it belongs: in its group
(the configured category or tag, else the default group), after the entries numbered before
it, written like its neighbours. An entry whose file is gone is dropped. Every other line —
headings, notes, blank lines, rows and items that link elsewhere — stays byte for byte, and a
table whose columns are padded to one width stays padded. Written again, nothing changes.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from archlog.features import index_render as fresh
from archlog.features.index_lines import (
    LAST_UPDATED,
    Entry,
    Slot,
    TableSlot,
    Writer,
    entries,
    write_lines,
)
from archlog.model import Record
from archlog.read.index_file import link_key, record_key
from archlog.read.index_parts import Heading, Item, Part, Row, Table
from archlog.read.names import is_record_name

if TYPE_CHECKING:
    from archlog.conventions.catalog import Convention
    from archlog.features.index_settings import IndexSettings

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]{0,30}:", re.IGNORECASE)


def kind_of(parts: Sequence[Part]) -> str | None:
    """The style of an index as written: ``table``, ``grouped`` (items under group
    headings), ``list``; None when it has no entry (an empty block)."""
    if any(isinstance(p, Table) for p in parts):
        return "table"
    heading = False
    for part in parts:
        if isinstance(part, Heading):
            heading = True
        elif isinstance(part, Item):
            return "grouped" if heading else "list"
    return None


def hints_of(parts: Sequence[Part]) -> fresh.Hints:
    """What an index says that the records cannot, for writing it again in another style."""
    hints = fresh.Hints()
    group = None
    links: list[str] = []
    for part in parts:
        if isinstance(part, Heading):
            group = part.name
        elif isinstance(part, (Row, Item)) and part.href:
            key = link_key(part.href)
            hints.hrefs.setdefault(key, part.href)
            links.append(part.href)
            if isinstance(part, Item):
                if group is not None:
                    hints.groups.setdefault(key, group)
                text = next((s.value for s in part.subs if s.key == "summary"), "")
                if text.strip():
                    hints.summaries.setdefault(key, text.strip())
    hints.dot_slash = _dot_slash(links)
    return hints


def _dot_slash(links: Sequence[str]) -> bool:
    return sum(h.startswith("./") for h in links) * 2 > len(links)


def rewrite(
    parts: Sequence[Part],
    records: Sequence[Record],
    settings: IndexSettings,
    conv: Convention,
    base: Path,
    folder: Path,
    removed: Collection[Path] = (),
) -> list[str]:
    """The index ``parts`` say, with every record's entry brought up to date (``base``: the
    index file's folder; ``folder``: the records'; ``removed``: files the change deletes)."""
    w = Writer(records, settings, conv, base)
    w.hints.dot_slash = _dot_slash([p.href for p in parts if isinstance(p, (Row, Item)) and p.href])
    keyed = w.keyed
    seen: set[str] = set()
    group: str | None = None
    dropped = False
    for part in parts:
        if isinstance(part, Heading):
            group, w.level = part.name, part.level
            w.slots.append(part.line)
        elif isinstance(part, Table):
            w.slots.append(TableSlot(part, group))
        elif isinstance(part, (Row, Item)):
            key = link_key(part.href) if part.href else ""
            record = keyed.get(key)  # twice listed (in two groups, say): both kept up to date
            if record is None and part.href and _gone(part.href, base, folder, removed):
                dropped = True
                continue
            if record is not None:
                seen.add(key)
            entry = Entry(record, part, group)
            table = w.slots[-1] if isinstance(part, Row) else None
            if isinstance(table, TableSlot):
                table.rows.append(entry)
            else:
                w.slots.append(entry)
        elif dropped and not part.strip() and (not w.slots or w.slots[-1] == ""):
            pass  # the blank line that followed a dropped entry
        else:
            w.slots.append(part)
        dropped = dropped and isinstance(part, str) and not part.strip()
    w.spaced = _spaced(w.slots)
    by_category = any(
        e.group not in (None, fresh.RETIRED) for e in entries(w.slots) if e.record is not None
    )
    moved: list[Entry] = []
    if settings.inactive == "group":
        moved = _take_misgrouped(w)
    new = [Entry(r, None, None) for r in records if record_key(r) not in seen]
    for entry in sorted([*moved, *new], key=lambda e: _sort_key(e.record)):
        assert entry.record is not None
        entry.group = _target_group(entry.record, settings, by_category)
        _insert(w, entry)
    return write_lines(w)


def _gone(link: str, base: Path, folder: Path, removed: Collection[Path]) -> bool:
    """Whether a relative link names a record file of ``folder`` that does not exist (a
    record deleted or renamed since), or that the change deletes."""
    path = link.split("#", 1)[0]
    if not path or _SCHEME.match(path) or path.startswith("/"):
        return False
    target = os.path.normpath(os.path.join(base, unquote(path)))
    directory, name = os.path.split(target)
    if directory != os.path.normpath(folder) or not name.lower().endswith(".md"):
        return False
    gone = not os.path.exists(target) or Path(target) in removed
    return is_record_name(name[:-3]) and gone


def _spaced(slots: Sequence[Slot]) -> bool:
    """Whether list items are separated by blank lines (as seed 001 writes them)."""
    pairs = [
        (a, b)
        for a, b in itertools.pairwise(slots)
        if isinstance(a, Entry) and (isinstance(b, Entry) or b == "")
    ]
    return bool(pairs) and sum(b == "" for _, b in pairs) * 2 >= len(pairs)


def _sort_key(record: Record | None) -> tuple[int, int, str]:
    return record.sort_key() if record is not None else (2, 0, "")


def _target_group(record: Record, settings: IndexSettings, by_category: bool) -> str | None:
    if by_category:
        return fresh.group_of(record, settings)
    if settings.inactive == "group" and record.status in fresh.INACTIVE:
        return fresh.RETIRED
    return None


def _same(a: str | None, b: str | None) -> bool:
    return (a or "").casefold() == (b or "").casefold()


def _take_misgrouped(w: Writer) -> list[Entry]:
    """With ``inactive = "group"``: the entries of inactive records outside the retired
    group, and of active ones inside it, taken out to be placed again."""
    out = []
    for slot in list(w.slots):
        rows = (
            slot.rows if isinstance(slot, TableSlot) else [slot] if isinstance(slot, Entry) else []
        )
        for entry in list(rows):
            record = entry.record
            if record is None:
                continue
            retired = record.status in fresh.INACTIVE
            if retired != _same(entry.group, fresh.RETIRED):
                out.append(entry)
                if isinstance(slot, TableSlot):
                    slot.rows.remove(entry)
                else:
                    _remove_item(w, entry)
    return out


def _remove_item(w: Writer, entry: Entry) -> None:
    at = next(i for i, s in enumerate(w.slots) if s is entry)
    del w.slots[at]
    if w.spaced and at < len(w.slots) and w.slots[at] == "" and (at == 0 or w.slots[at - 1] == ""):
        del w.slots[at]


def _insert(w: Writer, entry: Entry) -> None:
    """Put a new entry in its group, after the entries numbered before it."""
    assert entry.record is not None
    tables = [s for s in w.slots if isinstance(s, TableSlot)]
    key = _sort_key(entry.record)
    if tables:
        home = next((t for t in tables if _same(t.group, entry.group)), None)
        if home is None:
            home = TableSlot(tables[0].table, entry.group)
            _add_group(w, entry.group, [home])
        after = [
            i for i, e in enumerate(home.rows) if e.record is not None and _sort_key(e.record) < key
        ]
        firsts = [i for i, e in enumerate(home.rows) if e.record is not None]
        at = after[-1] + 1 if after else firsts[0] if firsts else len(home.rows)
        home.rows.insert(at, entry)
        return
    mates = [
        i for i, s in enumerate(w.slots) if isinstance(s, Entry) and _same(s.group, entry.group)
    ]
    if not mates:
        _add_group(w, entry.group, [entry])
        return
    before = [i for i in mates if _sort_key(_record(w.slots[i])) < key]
    if before:
        at = before[-1] + 1
        w.slots[at:at] = ["", entry] if w.spaced else [entry]
    else:
        at = mates[0]
        w.slots[at:at] = [entry, ""] if w.spaced else [entry]


def _record(slot: Slot) -> Record | None:
    return slot.record if isinstance(slot, Entry) else None


def _add_group(w: Writer, name: str | None, content: list[Slot]) -> None:
    """A group the index does not have yet, at its end (before a *Last Updated* line)."""
    at = len(w.slots)
    while at > 0 and (w.slots[at - 1] == "" or _is_last_updated(w.slots[at - 1])):
        at -= 1
    block: list[Slot] = [""] if at > 0 else []
    if name is not None:
        block += ["#" * w.level + " " + name, ""]
    block += content
    if at < len(w.slots) and w.slots[at] != "":
        block.append("")
    w.slots[at:at] = block


def _is_last_updated(slot: Slot) -> bool:
    return isinstance(slot, str) and LAST_UPDATED.match(slot) is not None
