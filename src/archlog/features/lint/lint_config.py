"""``[tool.archlog.lint]``: severities, disabled rules and the guidelines' limits."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from archlog.errors import ConfigError


class Rule(Protocol):
    """What the settings need of a rule: its id, name and default severity."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def severity(self) -> str: ...


SEVERITIES = ("error", "warning", "info")


@dataclass
class Settings:
    """``[tool.archlog.lint]``: severities, disabled rules and options."""

    severity: dict[str, str] = field(default_factory=dict)
    disable: set[str] = field(default_factory=set)
    reading_minutes: float = 10.0
    words_per_minute: int = 200
    proposed_max_days: int = 60

    @classmethod
    def of(cls, raw: dict[str, Any], rules: Mapping[str, Rule], source: Path | None) -> Settings:
        known = {"severity", "disable", "reading_minutes", "words_per_minute", "proposed_max_days"}
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
        severity = raw.get("severity") or {}
        disable = raw.get("disable") or []
        if not isinstance(severity, dict):
            problems.append(f"lint.severity must be a table of rule = level, not {severity!r}")
            severity = {}
        if not isinstance(disable, list) or not all(isinstance(d, str) for d in disable):
            problems.append(f"lint.disable must be a list of rule ids or names, not {disable!r}")
            disable = []
        for key, value in severity.items():
            rid = rule_id(key)
            if str(value) not in (*SEVERITIES, "off"):
                problems.append(f"severity of {key} must be error, warning, info or off")
            elif rid:
                settings.severity[rid] = str(value)
        for key in disable:
            rid = rule_id(key)
            if rid:
                settings.disable.add(rid)
        problems += settings._take_limits(raw)
        if problems:
            raise ConfigError("; ".join(problems), source)
        return settings

    def _take_limits(self, raw: dict[str, Any]) -> list[str]:
        """Take the guidelines' limits ``raw`` gives; what is wrong with them."""
        problems = []
        for name in ("reading_minutes", "words_per_minute", "proposed_max_days"):
            if name in raw:
                value = raw[name]
                if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
                    problems.append(f"{name} must be a positive number")
                else:
                    setattr(self, name, type(getattr(self, name))(value))
        return problems

    def severity_of(self, rule: Rule) -> str | None:
        if rule.id in self.disable:
            return None
        level = self.severity.get(rule.id, rule.severity)
        return None if level == "off" else level
