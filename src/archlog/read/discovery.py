"""Where a store's records are, when no ``--dir`` says: the configuration nearest to the
working folder, the usual ADR folders, a folder of records, or a decision log under a usual
name (``DECISIONS.md``, ``decision-log.md``, ``ADR.md`` …) up to the repository's root."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from archlog.errors import ArchlogError
from archlog.infra import config as config_mod
from archlog.infra.fs import read_regular
from archlog.read.names import LOG_STEMS, parse_name


def configuration(start: Path | None = None) -> config_mod.Config:
    """The configuration nearest to ``start``, checked whole (the convention included)."""
    return config_mod.discover(start, validate=convention_problems)


def convention_problems(values: dict[str, object]) -> list[str]:
    """A configured convention archlog does not know, or a repository convention
    (``[conventions.NAME]``) that is not one (a configuration check)."""
    from archlog.conventions.catalog import CONVENTIONS, problems_of

    own = values.get("conventions")
    tables = own if isinstance(own, dict) else {}
    problems = []
    for name, table in tables.items():
        if name in CONVENTIONS:
            problems.append(f"convention {name!r} is built in: give yours another name")
        problems += problems_of(name, table)
    name = values.get("convention")
    names = [*CONVENTIONS, *tables]
    if isinstance(name, str) and name not in names:
        problems.append(f"unknown convention {name!r} (known: {', '.join(names)})")
    return problems


#: Where a decision log is looked for, in each folder from the working one up to the root.
_LOG_PLACES = ("", "docs", "doc")


def usual_log(root: Path, start: Path) -> Path | None:
    """A decision log under a usual name (``DECISIONS.md``, ``decision-log.md``, ``ADR.md``
    …) in the working folder, a parent up to ``root``, or their ``docs``/``doc`` folder:
    one that holds entries (an ``architecture.md`` of prose is no log)."""
    from archlog.read.reader import decode, parse_file

    here, stop = start.resolve(), root.resolve()
    for folder in (here, *here.parents):
        for place in _LOG_PLACES:
            try:
                names = sorted(os.listdir(folder / place))
            except OSError:
                continue
            for name in names:
                path = folder / place / name
                if not name.lower().endswith(".md") or name[:-3].lower() not in LOG_STEMS:
                    continue
                try:
                    text, _bom = decode(read_regular(path, _LOG_LIMIT, follow=False), path)
                    if any(r.entry for r in parse_file(text, path)):
                        return path
                except (OSError, ArchlogError):
                    continue
        if folder == stop:
            break
    return None


#: A file larger than this is not looked at for a decision log.
_LOG_LIMIT = 8 << 20


def has_records(folder: Path) -> bool:
    try:
        names: Sequence[str] = os.listdir(folder)
    except OSError:
        return False
    for name in names:
        stem = name[:-3]
        if not name.lower().endswith(".md"):
            continue
        if parse_name(stem) is not None or stem.lower() in LOG_STEMS:
            return True
    return False
