"""Templates for new records: package data, or the repository's own, in a bounded sandbox.

A repository template may use adr-tools' placeholders (``NUMBER``, ``TITLE``, ``DATE``,
``STATUS``) or Jinja (``{{ title }}``…); Jinja renders in a sandbox with hard limits on
steps, time and sizes (:mod:`archlog.conventions.sandbox`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

_ADR_TOOLS = re.compile(r"\b(NUMBER|TITLE|DATE|STATUS)\b")


_TEMPLATES = Path(__file__).resolve().parent / "templates"


def builtin_template(name: str) -> str:
    """A convention's template, shipped in the package (read from beside this module:
    ``importlib.resources`` would cost every ``new`` a few milliseconds of imports)."""
    return (_TEMPLATES / name).read_text(encoding="utf-8")


def yaml_value(value: object) -> str:
    """``value`` as a YAML scalar (or a flow list) that reads back as the same value: a
    string YAML would take for something else (``yes``, ``3.11``, ``Null``,
    ``O'Brien: lead``) is quoted; nothing is split."""
    import yaml

    if isinstance(value, (list, tuple)):
        items = [str(v) for v in value]
        dumped = yaml.safe_dump(items, default_flow_style=True, allow_unicode=True, width=1 << 30)
    else:
        dumped = yaml.safe_dump(str(value), allow_unicode=True, width=1 << 30)
    text = dumped.strip()
    if text.endswith("\n..."):
        text = text[: -len("\n...")]
    return text.removesuffix("...").rstrip()


def is_jinja(source: str) -> bool:
    """Whether a template is Jinja (rendered in the sandbox, under its limits)."""
    return "{{" in source or "{%" in source


_last: tuple[str, str] | None = None


def render(source: str, context: dict[str, Any], origin: Path | str = "template") -> str:
    """Render ``source`` with ``context``; adr-tools placeholders when it has no Jinja.

    The last result is kept: a rendering done before the folder lock is taken (see
    :func:`archlog.ops.create.check_new`) is not done again under it for the same values."""
    global _last
    if not is_jinja(source):
        values = {
            "NUMBER": str(context["number"]),
            "TITLE": context["title"],
            "DATE": context["date"],
            "STATUS": context["status"],
        }
        return _ADR_TOOLS.sub(lambda m: values[m.group(1)], source)
    key = json.dumps([source, str(origin), context], sort_keys=True, default=str)
    if _last is not None and _last[0] == key:
        return _last[1]
    from archlog.conventions.sandbox import render_jinja

    text = render_jinja(source, context, origin, filters={"yaml": yaml_value})
    _last = (key, text)
    return text
