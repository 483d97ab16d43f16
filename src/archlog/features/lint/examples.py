"""The examples of the rule catalogue: small records and folders that fail or pass a rule
(run by the tests, shown in docs/lint.md)."""

from __future__ import annotations

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
) -> tuple[str, str]:
    """An adr-tools record for the examples: (file name, text)."""
    text = body if body is not None else _BODY
    date_line = f"Date: {day}\n\n" if day else ""
    status_block = f"## Status\n\n{status}\n{extra}\n" if status is not None else ""
    path = f"doc/adr/{n:04d}-{slugify(title)}.md"
    return path, f"# {n}. {title}\n\n{date_line}{status_block}{text}"


def folder(*records: tuple[str, str], **more: str) -> dict[str, str]:
    """A folder for the examples: its files by path."""
    return {**dict(records), **more}


FM_BAD = "---\nstatus: [accepted\n---\n\n# Use queues\n\n## Context and Problem Statement\n\nX\n"
FM_GOOD = (
    "---\nstatus: accepted\ndate: 2024-01-10\n---\n\n# Use queues\n\n"
    "## Context and Problem Statement\n\nX\n\n## Considered Options\n\n* Queues\n\n"
    "## Decision Outcome\n\nQueues, but retries get harder.\n"
)
LONG = (
    "## Context\n\n"
    + ("word " * 2100)
    + "\n\n## Decision\n\nWe will.\n\n## Consequences\n\nHarder.\n"
)
DETAILED = (
    "# ADR-0001: Use queues\n\n**Date:** 2024-01-10\n**Status:** Accepted\n\n"
    "## Decision\n\n{decision}\n\n## Context\n\nX\n\n"
    "## Alternatives Considered\n\n| Approach | Verdict |\n|---|---|\n| Polling | Rejected |\n\n"
    "## Consequences\n\nRetries get harder.\n"
)
CFG_DETAILED = 'dir = "doc/adr"\nconvention = "detailed"\n'
INDEX_EMPTY = "# ADRs\n\n<!-- archlog:index:start -->\n<!-- archlog:index:end -->\n"
INDEX_CURRENT = (
    "# ADRs\n\n<!-- archlog:index:start -->\n"
    "* [1. Use queues](0001-use-queues.md)\n<!-- archlog:index:end -->\n"
)
