"""A new record read back before it is written, as the reader will read it.

Its front matter must hold what was asked for: a status, date, person or tag given on the
command line, and the title, read back as the same string (or list of strings) —
:mod:`archlog.edit.readback` raises otherwise, before any file is touched. Then the record
as a whole is read: a person or tag that the reader does not find in it (the template has no
place for it, or it reads back as something else) is a warning naming the option and the
file. Never a substring test: a tag that is a word of the title is not thereby written.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archlog.conventions.vocabulary import field_of
from archlog.edit import readback
from archlog.errors import ArchlogError, UsageError

if TYPE_CHECKING:
    from archlog.model import Record
    from archlog.read.store import Store

#: The command-line option of each list field.
OPTIONS = {"deciders": "deciders", "consulted": "consulted", "informed": "informed", "tags": "tag"}


def read_back(
    store: Store, text: str, path: Path, context: dict[str, Any], given: Sequence[str]
) -> None:
    """Check ``text``, the new record at ``path`` made with ``context``: an error when its
    front matter reads back otherwise than meant, a warning per option not read back.
    ``given``: the fields the command line set (``status``, ``date``)."""
    data = readback.front_matter(text, path)
    if data:
        readback.check_front_matter(text, path, meant(data, context, given))
        _check_title(data, path, str(context["title"]))
    record = _read(text, path)
    for name, option in OPTIONS.items():
        values = [str(v) for v in context.get(name, ())]
        if not values:
            continue
        read = list(getattr(record, name)) if record is not None else []
        missing = [v for v in values if v not in read]
        if not missing:
            continue
        shown = ", ".join(repr(v) for v in missing)
        if read:
            message = (
                f"--{option} {shown} does not read back from the record as written (it "
                f"reads {', '.join(repr(v) for v in read)}); written as the template places it"
            )
        else:
            message = f"the template has no place for --{option}; not written: " + ", ".join(
                missing
            )
        store.warnings.append(UsageError(message, path))


def meant(
    data: dict[str, object], context: dict[str, Any], given: Sequence[str]
) -> dict[str, str | list[str]]:
    """What each front-matter key of ``data`` should read back as, for the keys the new
    record's values went into: a list where the key holds a list, else the values joined."""
    out: dict[str, str | list[str]] = {}
    for key, got in data.items():
        name = field_of(key)
        if name in ("status", "date") and name in given and context.get(name):
            out[key] = str(context[name])
        elif name in OPTIONS and context.get(name):
            values = [str(v) for v in context[name]]
            out[key] = values if isinstance(got, list) else ", ".join(values)
    return out


def _check_title(data: dict[str, object], path: Path, title: str) -> None:
    for key, got in data.items():
        if field_of(key) == "title" and not (isinstance(got, str) and title in got):
            raise ArchlogError(
                f"front-matter key {key!r} would read back as {got!r}, not the title; not written",
                path,
            )


def _read(text: str, path: Path) -> Record | None:
    from archlog.read.reader import parse_file

    try:
        records = parse_file(text, path)
    except ArchlogError:
        return None
    return records[-1] if records else None
