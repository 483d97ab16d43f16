"""The index's settings: ``[tool.archlog.index]`` (see docs/index.md)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archlog.errors import ConfigError

if TYPE_CHECKING:
    from archlog.conventions.catalog import Convention
    from archlog.read.store import Store

COLUMNS = {
    "number": "Number",
    "title": "Title",
    "status": "Status",
    "date": "Date",
    "deciders": "Decision Makers",
    "tags": "Tags",
    "superseded_by": "Superseded by",
}
STYLES = ("table", "grouped", "list")
_KEYS = {"style", "columns", "file", "inactive", "group_by", "title", "default_group", "required"}


@dataclass
class IndexSettings:
    style: str = "table"
    columns: tuple[str, ...] = ("number", "title", "status", "date")
    file: Path | None = None
    inactive: str = "keep"  # keep | strike | group
    group_by: str = "category"  # category | tag
    title: str | None = None  # a heading written above the index, inside the markers
    #: The group of a record with neither category nor tag (grouped style).
    default_group: str = "Other"
    #: Whether ``index --check`` fails when there is no index at all.
    required: bool = False
    #: Whether the style and the columns were asked for (configuration, ``--style``), not
    #: the convention's defaults: an index written otherwise is then written again.
    style_given: bool = False
    columns_given: bool = False

    @classmethod
    def of(cls, repo: Store, conv: Convention) -> IndexSettings:
        raw: dict[str, Any] = dict(repo.config.values.get("index") or {})
        unknown = set(raw) - _KEYS
        if unknown:
            raise ConfigError(
                f"unknown index setting(s): {', '.join(sorted(unknown))}", repo.config.source
            )
        where = repo.config.source
        for key in ("style", "inactive", "group_by", "title", "default_group"):
            if key in raw and not isinstance(raw[key], str):
                raise ConfigError(f"index.{key} must be text, not {raw[key]!r}", where)
        columns = raw.get("columns", [])
        if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
            raise ConfigError(
                f"index.columns must be a list of column names, not {columns!r}", where
            )
        settings = cls(style=conv.index_style, columns=tuple(conv.index_columns))
        if "style" in raw:
            settings.style, settings.style_given = str(raw["style"]), True
        if "columns" in raw:
            settings.columns = tuple(str(c).replace("-", "_") for c in raw["columns"])
            settings.columns_given = True
        if raw.get("file"):
            settings.file = repo.config.inside("index.file", raw["file"])
        settings.inactive = str(raw.get("inactive", settings.inactive))
        settings.group_by = str(raw.get("group_by", settings.group_by))
        settings.title = raw.get("title")
        settings.default_group = str(raw.get("default_group", settings.default_group))
        settings.required = raw.get("required", False)
        settings.check(repo)
        return settings

    def check(self, repo: Store) -> None:
        where = repo.config.source
        if self.style not in STYLES:
            raise ConfigError(
                f"index style {self.style!r} is not one of {', '.join(STYLES)}", where
            )
        bad = [c for c in self.columns if c not in COLUMNS]
        if bad:
            raise ConfigError(
                f"unknown index column(s) {', '.join(bad)}; known: {', '.join(COLUMNS)}", where
            )
        if self.inactive not in ("keep", "strike", "group"):
            raise ConfigError("index inactive must be keep, strike or group", where)
        if not isinstance(self.required, bool):
            raise ConfigError("index required must be true or false", where)
        if not self.default_group.strip():
            raise ConfigError("index default_group must name a group", where)
