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
from archlog.read.names import NON_RECORD_STEMS, is_template_name, parse_name
from archlog.read.settle import not_numbers

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
    #: The names each folder looked into held: the listing is still the folder's as long
    #: as these are (:func:`still_current`).
    seen: dict[str, frozenset[str]] = field(default_factory=dict)

    @functools.cached_property
    def names_by_path(self) -> dict[Path, NameInfo | None]:
        """What each record file's name says, by path (made once: asked per detail)."""
        return {src.path: src.name for src in self.sources}

    @functools.cached_property
    def demoted(self) -> set[str]:
        """The keys of the files whose name's number is not a record number (see
        :func:`archlog.read.settle.not_numbers`), from their names alone."""
        return not_numbers([(s.key, s.area, s.name) for s in self.sources])


def still_current(listing: Listing) -> bool:
    """Whether every folder ``listing`` looked into holds the same names as then: a listing
    made before a lock was taken then stands for one made under it (a file added, removed
    or renamed meanwhile is always seen)."""
    if not listing.seen:
        return False
    for folder, names in listing.seen.items():
        try:
            if frozenset(os.listdir(folder)) != names:
                return False
        except OSError:
            return False
    return True


def list_folder(folder: Path) -> Listing:
    """Every candidate record file of ``folder`` (sorted, deterministic)."""
    out = Listing()
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except FileNotFoundError:
        return out
    out.listed = out.seen[str(folder)] = frozenset(e.name for e in entries)
    _walk(folder, entries, "", 0, out)
    return out


def _walk(base: Path, entries: list[os.DirEntry[str]], area: str, depth: int, out: Listing) -> None:
    prefix = f"{area}/" if area else ""
    folder = base / area if area else base
    sources, in_area = out.sources, area or None
    for entry in entries:
        name = entry.name
        if name[:1] == ".":
            continue
        is_dir = _is_dir(entry)
        if not is_dir and name[-3:].lower() != ".md":
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
        elif stem.lower() not in NON_RECORD_STEMS:  # a readme, an index, a log of changes …
            sources.append(Source(folder / name, prefix + name, parse_name(stem), in_area))


def _sub_folder(
    base: Path, folder: Path, name: str, prefix: str, area: str, depth: int, out: Listing
) -> None:
    lower = name.lower()
    if lower in SKIPPED:
        if lower in ("templates", "template"):
            out.templates.extend(_markdown(folder / name, out))
        return
    info = parse_name(name)
    if info is not None or is_template_name(name):
        record = _record_file(folder / name, out)
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
    out.seen[str(folder / name)] = frozenset(e.name for e in children)
    _walk(base, children, f"{prefix}{name}", depth + 1, out)


def _record_file(folder: Path, out: Listing) -> Path | None:
    """A record folder's record file, if it has one (what the folder holds is noted, so
    that a record file added, removed or renamed there is seen)."""
    try:
        names = out.seen[str(folder)] = frozenset(os.listdir(folder))
    except OSError:
        return None
    folded = {name.lower() for name in names}
    for candidate in RECORD_FILES:
        if candidate.lower() in folded:
            path = folder / candidate
            if path.is_file():  # a file, through a symbolic link too
                return path
    return None


def _markdown(folder: Path, out: Listing) -> list[Path]:
    try:
        names = out.seen[str(folder)] = frozenset(os.listdir(folder))
    except OSError:
        return []
    return sorted(folder / n for n in names if n.lower().endswith(".md"))


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a symlink loop, say: reading it will say what is wrong
        return False


def _not_utf8(name: str) -> bool:
    """Whether a name as listed carries bytes that are not UTF-8 (kept as surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
