"""What lint is made of: rules (with their docs and examples), findings, and settings."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archlog.errors import ConfigError

if TYPE_CHECKING:
    from archlog.features.lint.inputs import Context
    from archlog.model import Record

SEVERITIES = ("error", "warning", "info")

#: A record rule yields (line, message); a folder rule yields (record or path, line, message).
RecordCheck = Callable[["Context", "Record"], Iterable[tuple[int, str]]]
FolderCheck = Callable[["Context"], Iterable[tuple["Record | Path", int, str]]]


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: str
    summary: str
    #: One paragraph: what the rule checks and why.
    doc: str
    #: Example folders (file name → content) that fail and pass the rule; the tests run them
    #: and docs/lint.md shows them.
    bad: dict[str, str]
    good: dict[str, str]
    record_check: RecordCheck | None = None
    folder_check: FolderCheck | None = None
    fixable: bool = False
    #: Needs git (run with --git or --against).
    git: bool = False
    #: Depends on the record's own text only (and the settings): its findings are cached
    #: with the file's content; rules that look at other records or files are not.
    pure: bool = True


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    path: Path
    line: int
    message: str
    col: int = 1

    def to_json(self, base: Path) -> dict[str, Any]:
        return {"rule": self.rule, "severity": self.severity, "path": shown(self.path, base),
                "line": self.line, "col": self.col, "message": self.message}  # fmt: skip


def shown(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` when inside it (``/``-separated), else as it is."""
    text, prefix = str(path), str(base).rstrip(os.sep) + os.sep
    if text.startswith(prefix):  # strings: Path.relative_to per finding costs more
        return text[len(prefix) :].replace(os.sep, "/")
    return text


@dataclass
class Settings:
    """``[tool.archlog.lint]``: severities, disabled rules and options."""

    severity: dict[str, str] = field(default_factory=dict)
    disable: set[str] = field(default_factory=set)
    reading_minutes: float = 10.0
    words_per_minute: int = 200
    proposed_max_days: int = 60

    @classmethod
    def of(cls, raw: dict[str, Any], rules: dict[str, Rule], source: Path | None) -> Settings:
        known = {"severity", "disable", "reading_minutes", "words_per_minute",
                 "proposed_max_days"}  # fmt: skip
        problems = [f"unknown lint setting {k!r}" for k in raw if k not in known]
        by_name = {r.name: r.id for r in rules.values()}

        def rule_id(key: str) -> str | None:
            key = str(key)
            if key.upper() in rules:
                return key.upper()
            if key in by_name:
                return by_name[key]
            problems.append(f"unknown lint rule {key!r}")
            return None

        settings = cls()
        for key, value in (raw.get("severity") or {}).items():
            rid = rule_id(key)
            if str(value) not in (*SEVERITIES, "off"):
                problems.append(f"severity of {key} must be error, warning, info or off")
            elif rid:
                settings.severity[rid] = str(value)
        for key in raw.get("disable") or []:
            rid = rule_id(key)
            if rid:
                settings.disable.add(rid)
        for name in ("reading_minutes", "words_per_minute", "proposed_max_days"):
            if name in raw:
                value = raw[name]
                if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
                    problems.append(f"{name} must be a positive number")
                else:
                    setattr(settings, name, type(getattr(settings, name))(value))
        if problems:
            raise ConfigError("; ".join(problems), source)
        return settings

    def severity_of(self, rule: Rule) -> str | None:
        if rule.id in self.disable:
            return None
        level = self.severity.get(rule.id, rule.severity)
        return None if level == "off" else level
