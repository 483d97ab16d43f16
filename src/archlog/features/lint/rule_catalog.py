"""Every lint rule, in id order, as ``rules.toml`` describes it (one table a rule: its name,
severity, docs, examples and check). Ids are stable: a rule may be retired, never
renumbered."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from archlog.features.lint import guideline_rules, structure_rules
from archlog.features.lint.examples import folder
from archlog.features.lint.findings import Rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

_DATA = Path(__file__).with_name("rules.toml")

#: The modules of checks imported with the catalogue; another's (git's rules, and git) is
#: imported when one of its rules runs.
_AT_HAND = {"structure_rules": structure_rules, "guideline_rules": guideline_rules}


class _Deferred:
    """A check whose module is imported the first time it runs."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name

    def __call__(self, *args: Any) -> Any:
        check = getattr(importlib.import_module(f"archlog.features.lint.{self.module}"), self.name)
        return check(*args)


def _check(spec: str) -> Callable[..., Any]:
    module, name = spec.split(".")
    if module in _AT_HAND:
        check: Callable[..., Any] = getattr(_AT_HAND[module], name)
        return check
    return _Deferred(module, name)


def _rules() -> tuple[Rule, ...]:
    with _DATA.open("rb") as fh:
        table = tomllib.load(fh)
    out = []
    for rule_id, fields in table.items():
        for key in ("record_check", "folder_check"):
            if key in fields:
                fields[key] = _check(fields[key])
        fields["bad"] = folder(fields.get("bad", []))
        fields["good"] = folder(fields.get("good", []))
        out.append(Rule(rule_id, **fields))
    return tuple(out)


RULES: tuple[Rule, ...] = _rules()

BY_ID = {rule.id: rule for rule in RULES}
