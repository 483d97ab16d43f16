"""Lint reports as text (grouped by file), JSON, GitHub workflow annotations and SARIF 2.1.0."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from archlog.features.lint.findings import Report, shown
from archlog.version import __version__

#: ANSI colours of the severities (bold red, yellow, cyan) for a terminal.
_COLOURS = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m"}
_RESET = "\x1b[0m"


def summary(report: Report) -> dict[str, int]:
    return {
        "errors": report.count("error"),
        "warnings": report.count("warning"),
        "infos": report.count("info"),
        "records": report.records,
        "files": len({str(f.path) for f in report.findings}),
    }


def text(report: Report, base: Path, colour: bool = False) -> str:
    """One line per finding, grouped by file, and a summary line; ``colour`` paints the
    severities for a terminal."""

    def paint(word: str, severity: str) -> str:
        return f"{_COLOURS[severity]}{word}{_RESET}" if colour else word

    out: list[str] = []
    current: str | None = None  # the file's path as text: cheaper to compare than a Path
    where = ""
    for f in report.findings:
        name = str(f.path)
        if name != current:  # sorted by path: shown once per file
            if current is not None:
                out.append("")
            current, where = name, shown(f.path, base)
        out.append(
            f"{where}:{f.line}:{f.col}: {f.rule} {paint(f.severity, f.severity)} {f.message}"
        )
    s = summary(report)
    if out:
        out.append("")
    out.append(
        f"{s['errors']} errors, {s['warnings']} warnings, {s['infos']} infos "
        f"in {s['files']} files ({s['records']} records checked)"
    )
    return "\n".join(out) + "\n"


def as_json(report: Report, base: Path) -> str:
    data = {"findings": [f.to_json(base) for f in report.findings], "summary": summary(report)}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(report: Report, base: Path) -> str:
    """``::error file=…,line=…,col=…,title=…::message`` per finding (info → notice)."""
    lines = []
    for f in report.findings:
        level = {"error": "error", "warning": "warning", "info": "notice"}[f.severity]
        rule = report.rules.get(f.rule)
        title = f"{f.rule} {rule.name}" if rule else f.rule
        props = (
            f"file={_escape_property(shown(f.path, base))},line={f.line},col={f.col},"
            f"title={_escape_property(title)}"
        )
        lines.append(f"::{level} {props}::{_escape_data(f.message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def sarif(report: Report, base: Path) -> str:
    rules = sorted(report.rules.values(), key=lambda r: r.id)
    index = {r.id: i for i, r in enumerate(rules)}
    level = {"error": "error", "warning": "warning", "info": "note"}
    results: list[dict[str, Any]] = []
    for f in report.findings:
        results.append(
            {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": level[f.severity],
                "message": {"text": f.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {
                                "uri": shown(f.path, base),
                                "uriBaseId": "SRCROOT",
                            },
                            "region": {"startLine": f.line, "startColumn": f.col},
                        }
                    }
                ],
            }
        )
    driver = {
        "name": "archlog",
        "version": __version__,
        "informationUri": "https://pypi.org/project/archlog/",
        "rules": [
            {
                "id": r.id,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.doc},
                "defaultConfiguration": {"level": level[r.severity]},
            }
            for r in rules
        ],
    }
    data = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "originalUriBaseIds": {"SRCROOT": {"uri": base.resolve().as_uri() + "/"}},
                "results": results,
            }
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
