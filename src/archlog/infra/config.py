"""Configuration: a typed schema, discovery by walking up, every problem reported at once.

Sources, nearest first while walking up from the working directory: ``.archlog.toml``
(top-level keys), ``pyproject.toml`` (``[tool.archlog]``), adr-tools' ``.adr-dir``. Without
any, the usual ADR folders are looked for. Option docs here feed docs/configuration.md.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archlog.errors import ConfigError
from archlog.infra.fs import resolves_inside

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]


@dataclass(frozen=True)
class Option:
    name: str
    type: type | tuple[type, ...]
    default: Any
    doc: str


OPTIONS: tuple[Option, ...] = (
    Option(
        "dir",
        str,
        None,
        "The ADR folder, or the path of a single-file decision log, "
        "relative to the configuration file.",
    ),
    Option(
        "convention",
        str,
        None,
        "Convention for new records and edits (see "
        "`archlog conventions`); inferred from the folder when unset.",
    ),
    Option(
        "template",
        str,
        None,
        "Template file for new records, relative to the "
        "configuration file; default: `templates/template.md` in the ADR folder if present.",
    ),
    Option(
        "default_status", str, None, "Status of a new record; default: the convention's (proposed)."
    ),
    Option(
        "date_on_status_change",
        bool,
        None,
        "Whether a status change updates the date (default: the convention's; true for MADR).",
    ),
    Option(
        "width",
        int,
        None,
        "Digits in a new record's number (default: the convention's, or what the folder uses).",
    ),
    Option(
        "conventions",
        dict,
        {},
        "The repository's own conventions: a table each "
        "(`[conventions.NAME]`), of the settings `archlog conventions --format json` shows; "
        "`template` is a path relative to the configuration file. See docs/conventions.md.",
    ),
    Option("relations", dict, {}, 'Custom relation pairs, e.g. `extends = "extended-by"`.'),
    Option("index", dict, {}, "Index settings (`style`, `columns`, `file`); see docs/index.md."),
    Option("lint", dict, {}, "Lint settings (`disable`, `severity`, options)."),
    Option("site", dict, {}, "Static site settings."),
    Option(
        "folders",
        list,
        [],
        "Several ADR folders (a monorepo): paths relative to the "
        "configuration file, inside the repository; see *Monorepos* below.",
    ),
    Option(
        "cache",
        bool,
        True,
        "Keep a content-keyed parse cache under the user's cache "
        "directory (`ARCHLOG_CACHE_DIR`; `ARCHLOG_NO_CACHE=1` also turns it off).",
    ),
)
_BY_NAME = {opt.name: opt for opt in OPTIONS}

#: Folders looked for (in this order) when no configuration names one.
USUAL_FOLDERS = (
    "doc/adr",
    "docs/adr",
    "docs/adrs",
    "doc/adrs",
    "docs/decisions",
    "doc/decisions",
    "docs/architecture/decisions",
    "doc/architecture/decisions",
    "docs/architecture/adr",
    "architecture-decision-record",
    "architecture-decision-records",
    "docs/ADR",
    "adr",
    "adrs",
    "decisions",
    "docs/design/adr",
    "documentation/adr",
)


@dataclass
class Config:
    """Settings in force, and where they came from (``source`` is None for defaults)."""

    values: dict[str, Any] = field(default_factory=dict)
    source: Path | None = None
    root: Path = field(default_factory=Path.cwd)

    def get(self, name: str) -> Any:
        return self.values.get(name, _BY_NAME[name].default)

    def path(self, name: str) -> Path | None:
        """The path option ``name`` names (checked as :meth:`inside`), or None when unset."""
        value = self.values.get(name)
        return self.inside(name, value) if value else None

    def inside(self, key: str, value: object) -> Path:
        """``value``, a path taken from the configuration under ``key``, relative to the
        repository root. A repository is untrusted input: a path that leads outside the root
        (``..``, an absolute path, a symbolic link) is a ConfigError naming the key."""
        if not isinstance(value, str) or not value.strip() or "\0" in value:
            raise ConfigError(f"{key} must be a path (text), not {value!r}", self.source)
        path = self.root / value
        if not resolves_inside(self.root, path):
            raise ConfigError(
                f"{key} = {value!r} leads outside the repository ({self.root}); paths in the "
                "configuration must stay inside it",
                self.source,
            )
        return path


#: A check of values that other layers know about (the convention names): the problems.
Validator = Callable[[dict[str, Any]], list[str]]


def _check(values: dict[str, Any], source: Path, validate: Validator | None) -> dict[str, Any]:
    problems = []
    for key, value in values.items():
        opt = _BY_NAME.get(key)
        if opt is None:
            problems.append(f"unknown option {key!r}")
        elif not isinstance(value, opt.type) or (opt.type is int and isinstance(value, bool)):
            want = opt.type.__name__ if isinstance(opt.type, type) else "value"
            problems.append(f"option {key!r} must be a {want}, not {type(value).__name__}")
    if validate is not None:
        problems += validate(values)
    if problems:
        raise ConfigError("; ".join(problems), source)
    return values


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            data: dict[str, Any] = tomllib.load(fh)
            return data
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", path) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path) from None


def load_file(path: Path, validate: Validator | None = None) -> Config:
    """Load one configuration file (any of the three kinds)."""
    if path.name == ".adr-dir":
        try:
            text = path.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read: {exc}", path) from None
        if not text:
            raise ConfigError("empty; it should hold the ADR folder's path", path)
        return Config({"dir": text}, path, path.parent)
    data = _load_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("archlog", {})
        if not isinstance(data, dict):
            raise ConfigError("[tool.archlog] must be a table", path)
    return Config(_check(data, path, validate), path, path.parent)


def discover(start: Path | None = None, validate: Validator | None = None) -> Config:
    """The configuration nearest to ``start`` (default: the working directory); every
    problem of it reported at once (``validate`` adds the problems it finds)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / ".archlog.toml"
        if own.is_file():
            return load_file(own, validate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            cfg = load_file(pyproject, validate)
            if cfg.values:
                return cfg
        adr_dir = folder / ".adr-dir"
        if adr_dir.is_file():
            return load_file(adr_dir)
        if (folder / ".git").exists():
            return Config({}, None, folder)
    return Config({}, None, here)


def find_usual_folder(root: Path, start: Path) -> Path | None:
    """The first usual ADR folder under ``start`` or its parents, up to ``root``."""
    here = start.resolve()
    stop = root.resolve()
    for folder in (here, *here.parents):
        for rel in USUAL_FOLDERS:
            candidate = folder / rel
            if candidate.is_dir():
                return candidate
        if folder == stop:
            break
    return None
