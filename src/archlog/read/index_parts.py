"""An index block read into parts: group headings, tables (header, rule, rows) and list
items (with their indented ``**Status**:``-style lines), each keeping the line it came from,
so that an entry can be written back unchanged when nothing in it changed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

LINK = re.compile(
    r"\[(?P<label>(?:[^\[\]\n]|\[[^\[\]\n]{0,200}\]){0,1000})\]"
    r"\((?P<href>[^()\s]{1,1000})(?:\s[^()\n]{0,300})?\)"
)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(\S.*)$")
_ITEM = re.compile(r"^(?P<prefix>[ \t]{0,12}(?:[-*+]|\d{1,9}[.)])[ \t]{1,8})(?P<body>\S.*)$")
_SUB = re.compile(
    r"^(?P<head>[ \t]{1,16}(?:[-*+][ \t]{1,8})?(?:\*\*|__)?(?P<key>[A-Za-z][\w /-]{0,40}?)"
    r"(?:\*\*|__)?[ \t]{0,4}:[ \t]{0,4}(?:\*\*|__)?[ \t]{0,4})(?P<value>.*)$"
)
_RULE_CELL = re.compile(r"^\s*:?-+:?\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")

#: Header words of each column archlog knows (casefolded), for tables written by hand.
HEADER_KEYS: dict[str, frozenset[str]] = {
    "number": frozenset(
        {"number", "no", "no.", "#", "nr", "id", "adr", "adr #", "adr number", "record", "n°"}
    ),
    "title": frozenset({"title", "name", "decision", "adr title", "record title"}),
    "status": frozenset({"status", "state"}),
    "date": frozenset({"date", "decision date", "decided", "decided on", "dated", "date decided"}),
    "deciders": frozenset({"decision makers", "decision-makers", "deciders", "decided by"}),
    "tags": frozenset({"tags", "tag", "labels"}),
    "superseded_by": frozenset({"superseded by", "superseded-by"}),
}
_SUB_KEYS = {"status": "status", "summary": "summary", "date": "date"}


@dataclass
class Table:
    """A table of the index: its header and rule as written, and how its columns look."""

    header_line: str
    rule_line: str
    header: list[str]
    #: The column each header cell names (:data:`HEADER_KEYS`), None for another one.
    columns: list[str | None]
    #: Each column's alignment as its rule cell writes it: ``left``, ``right``, ``center``, "".
    aligns: list[str]
    #: The columns' widths when every line of the table is padded to the same ones.
    widths: list[int] | None
    #: Whether the rule's cells have spaces around the dashes (``| --- |``).
    spaced_rule: bool


@dataclass
class Row:
    """A table row: its cells (stripped) and its first link (``href`` "" and
    ``link_column`` -1 for a row without one)."""

    line: str
    table: Table
    cells: list[str]
    href: str
    link_column: int


@dataclass
class Sub:
    """An indented line under a list item; ``key`` is status, summary or date when the line
    is ``**Status**: …``-like, else None."""

    line: str
    key: str | None
    head: str = ""
    value: str = ""


@dataclass
class Item:
    """A list item that links somewhere, with its indented lines: ``marker`` (indentation,
    bullet and spaces), ``lead`` (what comes before the link: ``~~``, ``**``), the link's
    ``label`` and ``href``, and the ``rest`` of the line."""

    line: str
    marker: str
    lead: str
    label: str
    href: str
    rest: str
    subs: list[Sub] = field(default_factory=list)


@dataclass
class Heading:
    line: str
    level: int
    name: str


#: A part of an index block: a line kept as it is (str), a group heading, a table's head,
#: a linked row, or a linked item.
Part = str | Heading | Table | Row | Item


def parse_block(rows: Sequence[str]) -> list[Part]:
    """The index's lines as parts, in order (line endings already removed)."""
    parts: list[Part] = []
    i, n = 0, len(rows)
    while i < n:
        row = rows[i]
        stripped = row.strip()
        if stripped.startswith("|") and i + 1 < n and _is_rule(rows[i + 1]):
            j = i + 2
            while j < n and rows[j].strip().startswith("|"):
                j += 1
            table = _table(rows[i], rows[i + 1], rows[i + 2 : j])
            parts.append(table)
            parts += [_row(line, table) for line in rows[i + 2 : j]]
            i = j
            continue
        heading = _HEADING.match(row)
        if heading is not None and len(heading.group(1)) >= 3:
            name = heading.group(2).rstrip().rstrip("#").rstrip()  # closing hashes: no regex
            parts.append(Heading(row, len(heading.group(1)), name))
        elif (item := _item(row)) is not None:
            while i + 1 < n and rows[i + 1].startswith((" ", "\t")) and rows[i + 1].strip():
                if _ITEM.match(rows[i + 1]) and _item(rows[i + 1]) is not None:
                    break  # a nested item that links to a record is an entry of its own
                i += 1
                item.subs.append(_sub(rows[i]))
            parts.append(item)
        else:
            parts.append(row)
        i += 1
    return parts


def _is_rule(line: str) -> bool:
    cells = _cells(line)
    return bool(cells) and all(_RULE_CELL.match(c) for c in cells)


def _cells(line: str) -> list[str]:
    """A table line's cells, unstripped (the outer pipes dropped; ``\\|`` is no pipe)."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return _CELL_SPLIT.split(text)


def _table(header: str, rule: str, body: Sequence[str]) -> Table:
    names = [c.strip() for c in _cells(header)]
    rule_cells = _cells(rule)
    aligns = []
    for cell in rule_cells:
        c = cell.strip()
        left, right = c.startswith(":"), c.endswith(":")
        aligns.append("center" if left and right else "right" if right else "left" if left else "")
    return Table(
        header,
        rule,
        names,
        [column_key(h) for h in names],
        aligns,
        _widths(header, rule_cells, body),
        all(c.startswith(" ") for c in rule_cells),
    )


def _widths(header: str, rule_cells: Sequence[str], body: Sequence[str]) -> list[int] | None:
    """The columns' widths when the table pads its cells to them: the header and the rule
    as wide as each other, and most rows as wide too (a row someone made longer by hand
    does not make a padded table a compact one); None for a compact table."""
    head = _cells(header)
    widths = [len(c) for c in head]
    if [len(c) for c in rule_cells] != widths or not all(c.startswith(" ") for c in head):
        return None
    rows = [[len(c) for c in _cells(line)] for line in body]
    padded = any(len(c) > len(c.strip()) + 2 for c in head)
    matching = sum(r == widths for r in rows)
    if rows and (matching * 2 < len(rows) or not (padded or matching == len(rows))):
        return None
    return [w - 2 for w in widths]


def column_key(header: str) -> str | None:
    """The column a header cell names (``Decision Makers`` → ``deciders``), or None."""
    text = " ".join(header.replace("*", "").replace("_", " ").split()).casefold()
    return next((key for key, words in HEADER_KEYS.items() if text in words), None)


def _row(line: str, table: Table) -> Row:
    cells = [c.strip() for c in _cells(line)]
    for i, cell in enumerate(cells):
        m = LINK.search(cell)
        if m is not None:
            return Row(line, table, cells, m.group("href"), i)
    return Row(line, table, cells, "", -1)


def _item(row: str) -> Item | None:
    m = _ITEM.match(row)
    if m is None:
        return None
    body = m.group("body")
    link = LINK.search(body)
    if link is None or link.start() > 4:  # a link at the item's start (after ~~ or **)
        return None
    return Item(
        row,
        m.group("prefix"),
        body[: link.start()],
        link.group("label"),
        link.group("href"),
        body[link.end() :],
    )


def _sub(line: str) -> Sub:
    m = _SUB.match(line)
    if m is None:
        return Sub(line, None)
    key = _SUB_KEYS.get(m.group("key").strip().casefold())
    return Sub(line, key, m.group("head"), m.group("value")) if key else Sub(line, None)


def is_group_heading(row: str) -> bool:
    """Whether ``row`` is a heading of level 3 or more: a group of the index."""
    m = _HEADING.match(row)
    return m is not None and len(m.group(1)) >= 3
