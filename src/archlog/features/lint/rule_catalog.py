"""Every lint rule, in id order. Ids are stable: a rule may be retired, never renumbered."""

from __future__ import annotations

from archlog.features.lint.findings import Rule
from archlog.features.lint.guideline_catalog import GUIDELINES
from archlog.features.lint.structure_catalog import STRUCTURE

RULES: tuple[Rule, ...] = (*STRUCTURE, *GUIDELINES)

BY_ID = {rule.id: rule for rule in RULES}
