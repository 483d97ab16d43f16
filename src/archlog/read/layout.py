"""Where a folder's records are: files, sub-folders by area or year, one folder per record.

:func:`list_folder` walks an ADR folder once (a few levels deep) and returns every file that
may hold records — with the name that identifies it (a record folder's ``README.md`` is named
by its folder), its area (the sub-folder it sits in) and whether a name or place says it is
a template — without reading any. A sub-folder whose name carries an id and holds a
``README.md`` or ``index.md`` is one record (``0007-use-x/README.md``,
``2023-04-01-use-x/index.md``); any other sub-folder is an area, walked in turn. Folders
that never hold records (``templates/``, ``images/``, ``node_modules/`` …) are skipped.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from archlog.model import NameInfo
from archlog.read.names import is_non_record_name, is_template_name, parse_name

#: How deep areas may nest below the ADR folder.
MAX_DEPTH = 3
#: Sub-folders that never hold records.
SKIPPED = frozenset(
    [
        "templates",
        "template",
        "assets",
        "images",
        "img",
        "media",
        "static",
        "node_modules",
        "_site",
        "site",
        "public",
        "dist",
        "build",
        "vendor",
        "attachments",
        "diagrams",
        "resources",
    ]
)
#: The file that is a record folder's record, in the order looked for.
RECORD_FILES = ("README.md", "readme.md", "index.md", "Readme.md")


class Source(NamedTuple):
    """A file that may hold records: its ``path``, its ``key`` (its path relative to the ADR
    folder, ``/``-separated: what caches are keyed on), what its ``name`` says (a record
    folder's, for its ``README.md``), its ``area``, and its layout."""

    path: Path
    key: str
    name: NameInfo | None
    area: str | None = None
    layout: str = "file"
    template: bool = False


@dataclass
class Listing:
    """What a folder holds before any file is read."""

    sources: list[Source] = field(default_factory=list)
    #: Every name the folder itself lists (records or not): "does this link's target
    #: exist?" is answered without a ``stat`` per link.
    listed: frozenset[str] = frozenset()
    #: Template files found by name or place (``templates/template.md``, ``RFC-0000/``…).
    templates: list[Path] = field(default_factory=list)
    #: Markdown files skipped because their names are not UTF-8 (as paths, shown escaped).
    unreadable_names: list[str] = field(default_factory=list)

    @functools.cached_property
    def names_by_path(self) -> dict[Path, NameInfo | None]:
        """What each record file's name says, by path (made once: asked per detail)."""
        return {src.path: src.name for src in self.sources}


def list_folder(folder: Path) -> Listing:
    """Every candidate record file of ``folder`` (sorted, deterministic)."""
    out = Listing()
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except FileNotFoundError:
        return out
    out.listed = frozenset(e.name for e in entries)
    _walk(folder, entries, "", 0, out)
    return out


def _walk(base: Path, entries: list[os.DirEntry[str]], area: str, depth: int, out: Listing) -> None:
    prefix = f"{area}/" if area else ""
    folder = base / area if area else base
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:  # a symlink loop, say: reading it will say what is wrong
            is_dir = False
        if not is_dir and not name.lower().endswith(".md"):
            continue
        if not name.isascii() and _not_utf8(name):
            shown = os.fsencode(os.path.join(folder, name)).decode("utf-8", "backslashreplace")
            out.unreadable_names.append(shown)
            continue
        if is_dir:
            _sub_folder(base, folder, name, prefix, area, depth, out)
            continue
        stem = name[:-3]
        if is_template_name(stem):
            out.templates.append(folder / name)
            continue
        if stem.lower() in ("readme", "index") or is_non_record_name(stem):
            continue
        out.sources.append(Source(folder / name, prefix + name, parse_name(stem), area or None))


def _sub_folder(
    base: Path, folder: Path, name: str, prefix: str, area: str, depth: int, out: Listing
) -> None:
    lower = name.lower()
    if lower in SKIPPED:
        if lower in ("templates", "template"):
            out.templates.extend(_markdown(folder / name))
        return
    info = parse_name(name)
    if info is not None or is_template_name(name):
        record = _record_file(folder / name)
        if record is not None:
            if is_template_name(name):
                out.templates.append(record)
            else:
                key = f"{prefix}{name}/{record.name}"
                out.sources.append(Source(record, key, info, area or None, "folder"))
            return
    if depth + 1 >= MAX_DEPTH:
        return
    try:
        children = sorted(os.scandir(folder / name), key=lambda e: e.name)
    except OSError:
        return
    _walk(base, children, f"{prefix}{name}", depth + 1, out)


def _record_file(folder: Path) -> Path | None:
    for candidate in RECORD_FILES:
        path = folder / candidate
        if path.is_file():
            return path
    return None


def _markdown(folder: Path) -> list[Path]:
    try:
        return sorted(folder / n for n in os.listdir(folder) if n.lower().endswith(".md"))
    except OSError:
        return []


def _not_utf8(name: str) -> bool:
    """Whether a name as listed carries bytes that are not UTF-8 (kept as surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
