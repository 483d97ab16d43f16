"""What lint is made of: rules (with their docs and examples) and findings."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from archlog.features.lint.inputs import Context
    from archlog.model import Record


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
        return {
            "rule": self.rule,
            "severity": self.severity,
            "path": shown(self.path, base),
            "line": self.line,
            "col": self.col,
            "message": self.message,
        }


def shown(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` when inside it (``/``-separated), else as it is."""
    text, prefix = str(path), str(base).rstrip(os.sep) + os.sep
    if text.startswith(prefix):  # strings: Path.relative_to per finding costs more
        return text[len(prefix) :].replace(os.sep, "/")
    return text


@dataclass
class Report:
    findings: list[Finding]
    records: int
    rules: dict[str, Rule] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @classmethod
    def combined(cls, reports: Iterable[Report]) -> Report:
        """One report of several (several folders'): their findings in order, their records
        counted together."""
        reports = list(reports)
        findings = sorted(
            (f for r in reports for f in r.findings), key=lambda f: (str(f.path), f.line, f.rule)
        )
        rules = {k: v for r in reports for k, v in r.rules.items()}
        notes = list(dict.fromkeys(n for r in reports for n in r.notes))
        return cls(findings, sum(r.records for r in reports), rules, notes)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def failed(self, strict: bool = False) -> bool:
        """Whether a finding reaches the failing severity (errors; warnings too, strict)."""
        failing = ("error", "warning") if strict else ("error",)
        return any(f.severity in failing for f in self.findings)
