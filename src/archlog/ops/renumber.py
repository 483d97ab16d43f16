"""Renumbering: give a record another number, and every reference to it with it.

A renumbered record's file is renamed (prefix, width and slug kept) and its own heading
follows. In every Markdown file of the folder — records, README, index — references follow
too: links to the file (``(0007-x.md)``, a reference definition, a front-matter path), the
number in such a link's label (``[7. Title]``, ``[007]``), mentions such as ``ADR-0007`` /
``ADR 7`` (the padding kept as written), and numbers under relation keys in front matter.

When two records share a number (two branches both added ADR 0007), a bare ``ADR-0007``
elsewhere cannot be told apart; links by file name can. Then only links and the record's
own text are rewritten, and each file with such an ambiguous mention is reported.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from archlog.conventions.vocabulary import field_of, relation_types
from archlog.edit.lines import front_matter_key
from archlog.errors import UsageError
from archlog.model import Record
from archlog.read.names import is_non_record_name, parse_name

if TYPE_CHECKING:
    from archlog.edit.workspace import Workspace
    from archlog.read.store import Store

#: The first run of digits of a file name (its number).
_DIGITS = re.compile(r"\d+")


@dataclass
class Move:
    record: Record
    old: int
    new: int
    new_path: Path


@dataclass
class Plan:
    moves: list[Move] = field(default_factory=list)
    ambiguous: dict[Path, list[int]] = field(default_factory=dict)  # file → numbers it names


def renumber(  # noqa: C901 (the steps of one renumbering, in order)
    ws: Workspace, moves: Sequence[tuple[Record, int]], *, duplicated: set[int] | None = None
) -> Plan:
    """Apply ``(record, new number)`` moves to the workspace."""
    plan = Plan()
    duplicated = duplicated or set()
    ws.repo.detail(record for record, _number in moves)
    for record, number in moves:
        if record.number is None:
            raise UsageError(f"{record.id} has no number to change")
        plan.moves.append(Move(record, record.number, number, _new_path(record, number)))
    files = _markdown_files(ws.repo.folder)
    renamed = {m.record.path: m for m in plan.moves if not m.record.entry}
    for path in files:
        text = ws.text(path)
        for index in range(1, len(text) + 1):
            line = text.get(index)
            new_line = line
            for move in plan.moves:
                own = path == move.record.path and _owns(move.record, index)
                new_line = _rewrite_links(new_line, move)
                if own and index == _title_line(move.record):
                    new_line = _rewrite_heading(new_line, move)
                if not _in_scope(path, move.record, ws.repo.folder):
                    continue  # another area's ADR 7 is another record
                if move.old not in duplicated or own:
                    new_line = _rewrite_mentions(new_line, move)
                elif _MENTION_ANY.search(new_line) and _mentions(new_line, move.old):
                    plan.ambiguous.setdefault(path, []).append(move.old)
            if new_line != line:
                text.set(index, new_line)
        _rewrite_front_matter_numbers(ws, path, plan, renamed, duplicated)
    for move in plan.moves:
        if not move.record.entry and move.new_path != move.record.path:
            ws.rename(move.record.path, move.new_path)
    return plan


def duplicate_moves(repo: Store) -> tuple[list[tuple[Record, int]], set[int]]:
    """For each number several records share, every record but the first (by when git first
    saw its file, else its date, else the file's time) gets the next free number."""
    from archlog.infra.git import added_times

    records = repo.records
    groups: dict[tuple[str, int, str], list[Record]] = {}
    for record in records:
        if record.number is not None:
            key = (record.number_scope, record.number, _sub(record) or "")
            groups.setdefault(key, []).append(record)
    added = added_times(repo.folder)
    free: dict[str, int] = {}  # where numbers restart per area, each area's next free one
    moves: list[tuple[Record, int]] = []
    duplicated: set[int] = set()
    for (scope, number, _), group in sorted(groups.items()):
        if len(group) < 2:
            continue
        if scope not in free:
            free[scope] = max(repo.used_numbers(scope or None), default=0) + 1
        duplicated.add(number)
        group.sort(key=lambda r: _age(r, added))
        for record in group[1:]:
            moves.append((record, free[scope]))
            free[scope] += 1
    return moves, duplicated


def _in_scope(path: Path, record: Record, folder: Path) -> bool:
    """Whether a bare mention of ``record``'s number in ``path`` may name it: anywhere, unless
    numbers restart per area (then only in its area)."""
    if not record.number_scope:
        return True
    return path.is_relative_to(folder / record.number_scope)


def _age(record: Record, added: dict[str, float]) -> tuple[float, str, float, str]:
    git_time = added.get(record.path.name, float("inf"))
    try:
        mtime = record.path.stat().st_mtime
    except OSError:
        mtime = float("inf")
    return (git_time, record.date or "9999", mtime, record.path.name)


def _sub(record: Record) -> str | None:
    info = parse_name(record.path.stem) if not record.entry else None
    return str(info.sub) if info is not None and info.sub is not None else None


def _new_path(record: Record, number: int) -> Path:
    if record.entry:
        return record.path
    info = parse_name(record.path.stem)
    if info is None or info.number is None:
        raise UsageError(f"{record.path.name} has no number in its name")
    stem = record.path.stem
    m = _DIGITS.search(stem)
    assert m is not None
    digits = str(number).zfill(len(m.group(0)))
    return record.path.with_name(stem[: m.start()] + digits + stem[m.end() :] + record.path.suffix)


def _markdown_files(folder: Path) -> list[Path]:
    out = []
    for name in sorted(os.listdir(folder)):
        if name.lower().endswith(".md") and not name.startswith("."):
            stem = name[:-3]
            if "template" in stem.lower() and not is_non_record_name(stem.replace("template", "")):
                continue
            out.append(folder / name)
    return out


def _owns(record: Record, line: int) -> bool:
    span = record.spans.get("record")
    if record.entry and span is not None:
        return span.start <= line <= span.end
    return True


def _title_line(record: Record) -> int | None:
    span = record.spans.get("title")
    return span.start if span else None


def _rewrite_heading(line: str, move: Move) -> str:
    return heading_number(move.old).sub(
        lambda m: m.group(1) + _pad(m.group(2) + str(move.old), move.new), line, count=1
    )


_MENTION_ANY = re.compile(r"\bADR[-\s_#]*\d", re.IGNORECASE)


# The patterns made for one move (its old number, its file's name), each built once.


@functools.lru_cache(maxsize=64)
def heading_number(number: int) -> re.Pattern[str]:
    """A heading's number ``number`` (``## 0007. …``)."""
    return re.compile(r"^(#+[ \t]*)(0*)" + str(number) + r"(?=[.:)\s-])")


@functools.lru_cache(maxsize=64)
def mention_pattern(number: int) -> re.Pattern[str]:
    """A mention of record ``number`` in prose (``ADR-0007``, ``adr 7``)."""
    return re.compile(r"(?<![\w-])(ADR[-\s_#]*)(0*" + str(number) + r")(?![\d])", re.IGNORECASE)


@functools.lru_cache(maxsize=64)
def number_pattern(number: int) -> re.Pattern[str]:
    """``number`` as a whole number (in a link's label)."""
    return re.compile(r"(?<!\d)(0*" + str(number) + r")(?!\d)")


@functools.lru_cache(maxsize=64)
def value_number(number: int) -> re.Pattern[str]:
    """``number`` as a whole value in a front-matter line (not part of a version or a name)."""
    return re.compile(r"(?<![\w.-])(0*" + str(number) + r")(?![\w.-])")


@functools.lru_cache(maxsize=64)
def link_to(name: str) -> re.Pattern[str]:
    """A Markdown link to the file ``name`` (a label with one level of brackets in it, no
    class repeating ``[`` or ``(``: a line of openers is one pass)."""
    label = r"(?P<label>(?:[^\[\]\n]|\[[^\[\]\n]{0,200}\]){0,1000})"
    return re.compile(r"\[" + label + r"\]\((?P<href>[^()\s]{0,2000}?" + re.escape(name) + r")")


@functools.lru_cache(maxsize=64)
def name_word(name: str) -> re.Pattern[str]:
    """The file name ``name`` as a whole word."""
    return re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])")


def _mentions(line: str, number: int) -> bool:
    return bool(mention_pattern(number).search(line))


def _rewrite_mentions(line: str, move: Move) -> str:
    return mention_pattern(move.old).sub(lambda m: m.group(1) + _pad(m.group(2), move.new), line)


def _rewrite_links(line: str, move: Move) -> str:
    if move.record.entry:
        return line
    old_name = move.record.path.name
    if old_name not in line:
        return line
    new_name = move.new_path.name

    def relabel(m: re.Match[str]) -> str:
        text = number_pattern(move.old).sub(
            lambda n: _pad(n.group(1), move.new), m.group("label"), count=1
        )
        return f"[{text}]({m.group('href')}"

    line = link_to(old_name).sub(relabel, line)
    return name_word(old_name).sub(new_name, line)


def _rewrite_front_matter_numbers(
    ws: Workspace, path: Path, plan: Plan, renamed: dict[Path, Move], duplicated: set[int]
) -> None:
    text = ws.text(path)
    if len(text) < 2 or text.get(1).strip() != "---":
        return
    for index in range(2, len(text) + 1):
        line = text.get(index)
        if line.strip() in ("---", "..."):
            return
        m = front_matter_key(line)
        if m is None:
            continue
        key = field_of(m.key)
        mine = renamed.get(path)
        relational = key is not None and (key == "links" or key in relation_types())
        if not relational and not (mine and key in ("number", "id")):
            continue
        after = line.index(":") + 1
        rest = line[after:]
        for move in plan.moves:
            if move.old in duplicated and move is not mine:
                continue
            rest = value_number(move.old).sub(_padded(move.new), rest)
        text.set(index, line[:after] + rest)


def _padded(number: int) -> Callable[[re.Match[str]], str]:
    """A replacement that writes ``number`` with the padding the matched number had."""
    return lambda m: _pad(m.group(1), number)


def _pad(written: str, number: int) -> str:
    """``number`` with the zero padding ``written`` had (``0007`` → ``0012``; ``7`` → ``12``)."""
    return str(number).zfill(len(written)) if written.startswith("0") else str(number)


def check_target(repo: Store, record: Record, number: int, *, force: bool) -> None:
    """Refuse a number another record has, or (unless ``force``) one the folder once used."""
    if number < 1:
        raise UsageError("a record number is 1 or more")
    if record.number == number:
        raise UsageError(f"{record.id} already has number {number}")
    taken = [r for r in repo.records if r.number == number]
    if taken:
        raise UsageError(f"number {number} belongs to {taken[0].ref}")
    if number in repo.used_numbers() and not force:
        raise UsageError(
            f"number {number} was used before (git history); numbers are never "
            "reused — --force takes it anyway"
        )


def rename(ws: Workspace, record: Record, new_path: Path) -> None:
    """Give ``record`` another file name, its number kept; links to it follow."""
    number = record.number or 0
    move = Move(record, number, number, new_path)
    for path in _markdown_files(ws.repo.folder):
        text = ws.text(path)
        for index in range(1, len(text) + 1):
            line = text.get(index)
            new_line = _rewrite_links(line, move)
            if new_line != line:
                text.set(index, new_line)
    ws.rename(record.path, new_path)
