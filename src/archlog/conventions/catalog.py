"""The built-in conventions, as data: ``builtin.toml`` beside this module, one table each.

``archlog conventions`` lists them; ``init --convention NAME`` and the ``convention``
setting name them. A convention is one :class:`~archlog.conventions.dialect.Convention`
(plus its template), and nothing else needs to change to add one: a repository describes
its own in its configuration (``[conventions.NAME]`` tables, the same settings as
``builtin.toml``; :func:`configured`), and a program may :func:`register` one.
"""

from __future__ import annotations

import sys
from dataclasses import MISSING, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archlog.conventions.dialect import LIFECYCLE, Convention
from archlog.errors import UsageError

if TYPE_CHECKING:
    from archlog.infra.config import Config

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

__all__ = [
    "CONVENTIONS",
    "DEFAULT_CONVENTION",
    "Convention",
    "configured",
    "get_convention",
    "problems_of",
    "register",
]

_DATA = Path(__file__).with_name("builtin.toml")
_TUPLES = {f.name for f in fields(Convention) if str(f.type).startswith("tuple")}
DEFAULT_CONVENTION = "nygard"


def from_data(name: str, data: dict[str, Any]) -> Convention:
    """A convention from a table of settings (the keys of :class:`Convention`)."""
    problems = problems_of(name, data)
    if problems:
        raise UsageError("; ".join(problems))
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


def problems_of(name: str, data: object) -> list[str]:
    """What is wrong with a table of settings for convention ``name``: settings
    :class:`Convention` has not, values of the wrong kind."""
    if not isinstance(data, dict):
        return [f"convention {name!r} must be a table of settings"]
    known = {f.name: f for f in fields(Convention)}
    unknown = sorted(set(data) - (set(known) - {"name"}))
    problems = [f"convention {name!r}: unknown setting(s) {', '.join(unknown)}"] if unknown else []
    for key, value in data.items():
        f = known.get(key)
        if f is None:
            continue
        if f.name == "description" and isinstance(value, str):
            continue
        default = f.default_factory() if f.default_factory is not MISSING else f.default
        want = (list, tuple) if isinstance(default, tuple) else type(default)
        if default is None:
            want = str
        if not isinstance(value, want) or (want is int and isinstance(value, bool)):
            kind = _KINDS.get(want, "a list")
            problems.append(f"convention {name!r}: {key} must be {kind}, not {value!r}")
    if "description" not in data:
        problems.append(f"convention {name!r}: a description is needed")
    return problems


_KINDS: dict[object, str] = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
    dict: "a table",
}


def configured(cfg: Config) -> dict[str, Convention]:
    """The conventions a repository's configuration describes (``[conventions.NAME]``),
    their templates found relative to the configuration file (inside the repository)."""
    tables = cfg.values.get("conventions") or {}
    out: dict[str, Convention] = {}
    for name, table in tables.items():
        settings = dict(table)
        for key in ("template", "folder_template"):
            value = settings.get(key)
            if isinstance(value, str) and not (_TEMPLATES_DIR / value).is_file():
                settings[key] = str(cfg.inside(f"conventions.{name}.{key}", value))
        out[name] = from_data(name, settings)
    return out


_TEMPLATES_DIR = Path(__file__).with_name("templates")


def _load() -> dict[str, Convention]:
    with _DATA.open("rb") as fh:
        data = tomllib.load(fh)
    return {name: from_data(name, table) for name, table in data.items()}


CONVENTIONS: dict[str, Convention] = _load()


def register(convention: Convention) -> None:
    """Add a convention (its template, if it names one, is looked for among the built-in
    templates or as a path)."""
    CONVENTIONS[convention.name] = convention


def known(cfg: Config | None = None) -> dict[str, Convention]:
    """Every convention by name: the built-in (and registered) ones, then those the
    configuration ``cfg`` describes."""
    return {**CONVENTIONS, **(configured(cfg) if cfg is not None else {})}


def get_convention(name: str, cfg: Config | None = None) -> Convention:
    """The convention called ``name``: built in, registered, or described by ``cfg``."""
    found = known(cfg)
    try:
        return found[name]
    except KeyError:
        names = ", ".join(found)
        raise UsageError(f"unknown convention {name!r}; known conventions: {names}") from None
