"""A large ADR folder for the tests that measure speed: deterministic, stdlib only.

Nygard records (``NNNN-slug.md``) of a few hundred words each, with lists, a table, a code
block, links to earlier records, and about one record in ten superseded by a later one —
enough of what real folders hold that reading, linting and indexing do their usual work.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

_SUBJECTS = (
    "the order service",
    "the billing jobs",
    "the search index",
    "the audit trail",
    "the mobile API",
    "the nightly export",
    "the identity store",
    "the event bus",
)
_CHOICES = (
    "queues",
    "streams",
    "a relational database",
    "a document store",
    "gRPC",
    "plain HTTP",
    "a monorepo",
    "feature flags",
    "blue-green releases",
    "a cache",
)
_WORDS = (
    "latency",
    "cost",
    "ownership",
    "failure",
    "migration",
    "capacity",
    "review",
    "coupling",
    "budget",
    "tooling",
    "support",
    "rollback",
    "load",
    "schema",
)


def _sentence(rng: random.Random) -> str:
    words = rng.sample(_WORDS, 6)
    return f"We weigh {words[0]} against {words[1]}, and {words[2]} matters more than {words[3]} for {words[4]} and {words[5]}."


def _slug(title: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in title.lower()).split())


def _link(m: int, titles: list[str], names: list[str]) -> str:
    return f"[{m}. {titles[m - 1]}]({names[m - 1]})"


def generate(folder: Path, count: int, seed: int = 7) -> Path:
    """Write ``count`` records into ``folder`` (created); the same arguments, the same bytes."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    titles = [
        f"Use {rng.choice(_CHOICES)} for {rng.choice(_SUBJECTS)} ({n})" for n in range(1, count + 1)
    ]
    names = [f"{n:04d}-{_slug(t)}.md" for n, t in enumerate(titles, 1)]
    superseded_by: dict[int, int] = {}
    for n in range(2, count + 1):
        if rng.random() < 0.1:
            old = rng.randrange(1, n)
            if old not in superseded_by:
                superseded_by[old] = n
    supersedes = {new: old for old, new in superseded_by.items()}
    day = date(2019, 1, 1)
    for n, (title, name) in enumerate(zip(titles, names, strict=True), 1):
        day += timedelta(days=rng.randrange(0, 3))
        status = ["Accepted"]
        if n in superseded_by:
            status = [f"Superseded by {_link(superseded_by[n], titles, names)}"]
        if n in supersedes:
            status.append(f"Supersedes {_link(supersedes[n], titles, names)}")
        context = " ".join(_sentence(rng) for _ in range(rng.randrange(4, 9)))
        earlier = (
            f"See {_link(rng.randrange(1, n), titles, names)} for the earlier choice.\n\n"
            if n > 1
            else ""
        )
        options = "\n".join(f"* {rng.choice(_CHOICES)}: {_sentence(rng)}" for _ in range(3))
        rows = "\n".join(
            f"| {w} | {rng.randrange(1, 9)} | {rng.randrange(1, 9)} |"
            for w in rng.sample(_WORDS, 4)
        )
        text = (
            f"# {n}. {title}\n\nDate: {day.isoformat()}\n\n## Status\n\n"
            + "\n\n".join(status)
            + f"\n\n## Context\n\n{context}\n\n{earlier}Options we looked at:\n\n{options}\n\n"
            f"| concern | now | after |\n|---|---|---|\n{rows}\n\n## Decision\n\n"
            f'{_sentence(rng)}\n\n```toml\n[service]\nname = "{_slug(title)[:20]}"\n'
            f"replicas = {rng.randrange(1, 6)}\n```\n\n## Consequences\n\n"
            + "\n".join(f"1. {_sentence(rng)}" for _ in range(3))
            + "\n"
        )
        (folder / name).write_text(text, encoding="utf-8")
    return folder
