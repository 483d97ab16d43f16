"""The examples of the rule catalogue as files: small folders that fail or pass a rule (run
by the tests, shown in docs/lint.md), described in ``rules.toml`` and made here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from archlog.read.names import slugify

_BODY = (
    "## Context\n\nWhy.\n\n## Decision\n\nWe will do it.\n\n## Consequences\n\n"
    "Easier to change; harder to test.\n"
)


def ny(
    n: int,
    title: str,
    status: str | None = "Accepted",
    *,
    day: str = "2024-01-10",
    body: str | None = None,
    extra: str = "",
    words: int = 0,
) -> tuple[str, str]:
    """An adr-tools record for the examples: (file name, text). ``words``: a Context of
    that many words (a record too long to read) in place of ``body``."""
    if words:
        body = f"## Context\n\n{'word ' * words}\n\n## Decision\n\nWe will.\n\n"
        body += "## Consequences\n\nHarder.\n"
    text = body if body is not None else _BODY
    date_line = f"Date: {day}\n\n" if day else ""
    status_block = f"## Status\n\n{status}\n{extra}\n" if status is not None else ""
    path = f"doc/adr/{n:04d}-{slugify(title)}.md"
    return path, f"# {n}. {title}\n\n{date_line}{status_block}{text}"


def folder(files: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """An example folder (its files by path) from its description in ``rules.toml``: each
    file a record (``n``, ``title`` and what :func:`ny` takes; ``path`` to name it
    otherwise) or a ``path`` and its ``text``."""
    out: dict[str, str] = {}
    for entry in files:
        if "text" in entry:
            out[entry["path"]] = entry["text"]
            continue
        options = {k: v for k, v in entry.items() if k not in ("n", "title", "path", "status")}
        status = entry.get("status", "Accepted")
        path, text = ny(entry["n"], entry["title"], status or None, **options)
        out[entry.get("path", path)] = text
    return out
