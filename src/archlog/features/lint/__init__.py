"""``archlog lint``: structure, the seeds' guidelines and team checks, for CI and pre-commit.

Rules are described in ``rules.toml`` (ids ``ADR001``…, loaded by
:mod:`archlog.features.lint.rule_catalog`), each with a
default severity that ``[tool.archlog.lint]`` can change, and a per-file
``<!-- archlog: disable=ADR012 -->`` comment can silence. :func:`run` returns a :class:`Report`;
:mod:`archlog.features.lint.reports` writes it as text, JSON, GitHub annotations or SARIF;
:mod:`archlog.features.lint.fixes` repairs what is safe to repair.
"""

from __future__ import annotations

from archlog.features.lint.findings import Finding, Report, Rule
from archlog.features.lint.lint_config import Settings
from archlog.features.lint.runner import run

__all__ = ["Finding", "Report", "Rule", "Settings", "run"]
