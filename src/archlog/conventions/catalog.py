"""The built-in conventions, as data: ``builtin.toml`` beside this module, one table each.

``archlog conventions`` lists them; ``init --convention NAME`` and the ``convention``
setting name them. A convention is one :class:`~archlog.conventions.dialect.Convention`
(plus its template): :func:`register` adds one, and nothing else needs to change.
"""

from __future__ import annotations

import sys
from dataclasses import fields
from pathlib import Path
from typing import Any

from archlog.conventions.dialect import LIFECYCLE, Convention
from archlog.errors import UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

__all__ = ["CONVENTIONS", "DEFAULT_CONVENTION", "Convention", "get_convention", "register"]

_DATA = Path(__file__).with_name("builtin.toml")
_TUPLES = {f.name for f in fields(Convention) if str(f.type).startswith("tuple")}
DEFAULT_CONVENTION = "nygard"


def from_data(name: str, data: dict[str, Any]) -> Convention:
    """A convention from a table of settings (the keys of :class:`Convention`)."""
    known = {f.name for f in fields(Convention)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise UsageError(f"convention {name!r}: unknown setting(s) {', '.join(unknown)}")
    values: dict[str, Any] = {
        k: tuple(v) if k in _TUPLES and isinstance(v, list) else v for k, v in data.items()
    }
    if "front_matter" in values:
        values["front_matter"] = tuple(tuple(pair) for pair in values["front_matter"])
    lifecycle = data.get("lifecycle")
    values["lifecycle"] = (
        {k: tuple(v) for k, v in lifecycle.items()}
        if isinstance(lifecycle, dict)
        else dict(LIFECYCLE)
    )
    return Convention(name=name, **values)


def _load() -> dict[str, Convention]:
    with _DATA.open("rb") as fh:
        data = tomllib.load(fh)
    return {name: from_data(name, table) for name, table in data.items()}


CONVENTIONS: dict[str, Convention] = _load()


def register(convention: Convention) -> None:
    """Add a convention (its template, if it names one, is looked for among the built-in
    templates or as a path)."""
    CONVENTIONS[convention.name] = convention


def get_convention(name: str) -> Convention:
    """The built-in (or registered) convention called ``name``."""
    try:
        return CONVENTIONS[name]
    except KeyError:
        known = ", ".join(CONVENTIONS)
        raise UsageError(f"unknown convention {name!r}; known conventions: {known}") from None
