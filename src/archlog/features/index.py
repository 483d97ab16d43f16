"""The README index: kept between markers, written over a hand-made one, checked in CI.

The index lives between ``<!-- archlog:index:start -->`` and ``<!-- archlog:index:end -->``.
On a README without the markers, a hand-made index (a table or list of links to the records)
is found and written over in place; otherwise the block is appended. Nothing outside the
markers changes.

An index that exists is written over, not replaced (:mod:`archlog.features.index_merge`):
each entry keeps its group, summary, link style and the values the records cannot give, the
table its padding, and the records it lacks are added. Only a new index, or one written in
another style (``--style``, ``[index] style``), is written whole from the records
(:mod:`archlog.features.index_render`), still keeping each entry's link, summary and group.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from archlog.errors import ReadError
from archlog.features.index_render import Hints, render
from archlog.features.index_settings import IndexSettings
from archlog.read.index_file import END, START, Block, find_block, index_path
from archlog.read.names import INDEX_FILE_NAMES

if TYPE_CHECKING:
    from archlog.conventions.catalog import Convention
    from archlog.edit.workspace import Workspace
    from archlog.model import Record
    from archlog.read.index_parts import Part
    from archlog.read.store import Store

__all__ = ["END", "START", "IndexSettings", "has_index", "place", "readme_of", "update"]


def readme_of(repo: Store) -> Path:
    """The file the folder's index lives in (its README unless configured otherwise)."""
    return index_path(repo.folder, repo.config)


def _read(repo: Store, path: Path) -> str | None:
    """The index file's text (None when there is none): a regular file of a sane size, inside
    the repository (a FIFO would never end; a link outside is not read)."""
    from archlog.edit.text import Text
    from archlog.read.guarded import read_inside

    data = read_inside(repo, path)
    return str(Text.decode(data, path)) if data is not None else None


def _find(text: str, path: Path, *records: Sequence[Record]) -> Block | None:
    """Where the index is in ``text``: between the markers, else a hand-made index that
    links to ``records``' files."""
    rows = [row.rstrip("\r") for row in text.split("\n")]
    names = set() if START in text else {r.path.name for part in records for r in part}
    try:
        return find_block(rows, names)
    except ValueError as exc:
        raise ReadError(str(exc), path) from None


def has_index(repo: Store) -> bool:
    """Whether the folder has an index to check: its file holds the markers or a hand-made
    index of the records."""
    text = _read(repo, readme_of(repo))
    return text is not None and _find(text, readme_of(repo), repo.records) is not None


def update(repo: Store, settings: IndexSettings | None = None) -> tuple[Path, str | None, str]:
    """The index file, its text now (None when missing) and its text with the index up to
    date."""
    conv = repo.convention
    settings = settings or IndexSettings.of(repo, conv)
    path = settings.file or readme_of(repo)
    records = repo.records
    old = _read(repo, path)
    block = _find(old, path, records) if old is not None else None
    new = _written(old or "", block, records, settings, conv, path, repo.folder)
    if old is None:
        new = f"# Architecture Decision Records\n\n{new}"
    return path, old, new


def _written(
    text: str,
    block: Block | None,
    records: Sequence[Record],
    settings: IndexSettings,
    conv: Convention,
    path: Path,
    folder: Path,
    removed: Collection[Path] = (),
) -> str:
    """``text`` with its index ``block`` written over (or a new one added)."""
    parts: list[Part] = []
    if block is not None:
        rows = [row.rstrip("\r") for row in text.split("\n")]
        current = rows[block.first : block.last + 1]
        if block.marked and current:  # the index as archlog writes it already: current
            lines = render(records, settings, conv, path.parent)
            if lines == current:
                return text
        from archlog.read.index_parts import parse_block

        parts = parse_block(current)
    from archlog.features.index_merge import hints_of, kind_of, rewrite

    kind = kind_of(parts)
    if kind is not None and not settings.style_given:
        settings.style = kind
    if kind is not None and kind == settings.style:
        lines = rewrite(parts, records, settings, conv, path.parent, folder, removed)
    else:
        lines = render(records, settings, conv, path.parent, hints_of(parts) if parts else Hints())
    return put(text, block, lines)


def _planned_records(ws: Workspace, folder: Path) -> list[Record]:
    """The records a change writes into ``folder`` (as the workspace holds them)."""
    from archlog.model import Record
    from archlog.read.names import is_non_record_name

    paths = sorted(
        path
        for path in ws.files
        if path.parent == folder
        and path.suffix.lower() == ".md"
        and path.name not in INDEX_FILE_NAMES
        and not is_non_record_name(path.stem)
    )
    return sorted((r for path in paths for r in ws.records(path)), key=Record.sort_key)


def index_new_folder(ws: Workspace, folder: Path, conv: Convention) -> None:
    """Fill the index of a folder a change makes (``convert --out``): the records planned in
    it, in the convention's index style, between the markers of the README planned there."""
    readme = folder / "README.md"
    text = ws.new_text(readme)
    if text is None:
        return
    records = _planned_records(ws, folder)
    settings = IndexSettings(style=conv.index_style, columns=tuple(conv.index_columns))
    lines = render(records, settings, conv, folder)
    ws.put(readme, put(text, _find(text, readme, records), lines))


def index_converted(ws: Workspace, repo: Store, conv: Convention) -> None:
    """Keep the index of a folder converted in place current in the same change: its entries
    follow the records to their new files (and keep what else they say)."""
    settings = IndexSettings.of(repo, conv)
    path = settings.file or readme_of(repo)
    text = ws.new_text(path) or _read(ws.repo, path)
    if text is None:
        return
    records = _planned_records(ws, repo.folder)
    block = _find(text, path, repo.records, records)
    if block is None:
        return  # no index: none is made
    new = _written(text, block, records, settings, conv, path, repo.folder, set(ws.removed))
    if new != text:
        ws.put(path, new)


def put(
    text: str, block: Block | None, lines: Sequence[str], *, start: str = START, end: str = END
) -> str:
    """``text`` with ``lines`` in place of the index ``block`` (between markers, added around a
    hand-made one), or appended between markers without one. Line endings are kept."""
    rows = text.split("\n")
    newline = "\r\n" if "\r\n" in text else "\n"
    if block is not None and block.marked:
        cr = "\r" if rows[block.first - 1].endswith("\r") else ""
        return "\n".join(rows[: block.first] + [x + cr for x in lines] + rows[block.last + 1 :])
    cr = "\r" if newline == "\r\n" else ""
    wrapped = [start, *lines, end]
    if block is not None:
        return "\n".join(rows[: block.first] + [x + cr for x in wrapped] + rows[block.last + 1 :])
    if not text:
        return newline.join(wrapped) + newline
    tail = "" if text.endswith("\n") else newline
    return text + tail + newline + newline.join(wrapped) + newline


def place(
    text: str, lines: list[str], records: Sequence[Record], *, start: str = START, end: str = END
) -> str:
    """``text`` with the block between the markers replaced by ``lines``; without markers, a
    hand-made index of ``records`` is replaced, or the block is appended."""
    rows = [row.rstrip("\r") for row in text.split("\n")]
    block = find_block(rows, {r.path.name for r in records}, start=start, end=end)
    return put(text, block, lines, start=start, end=end)
