"""How a folder names its records, voted from their traces: the layout, the file-name
grammar (prefix, number width, separator, slug case), the log a folder keeps its entries in."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from archlog.conventions.dialect import Convention
from archlog.conventions.votes import most
from archlog.model import NameInfo, Record, Trace

#: What separates a slug's words, and a title's.
_SLUG_WORDS = re.compile(r"[-_ ]")
_TITLE_WORDS = re.compile(r"\W+")


def names_of(
    records: Sequence[Record], traces: Sequence[Trace], conv: Convention, layout: str
) -> dict[str, Any]:
    if layout == "log":
        log = next((r.path.name for r in records if r.entry), None)
        out: dict[str, Any] = {"layout": "log", "single_file": log or conv.single_file}
        entries = [t for t in traces if t.layout == "log"]
        out["title_level"] = most((t.heading_level for t in entries), 2)
        out["section_level"] = most((t.section_level for t in entries), out["title_level"] + 1)
        return out
    names = [t.name for t in traces if t.name is not None]
    out = {"layout": layout, "single_file": None}
    if layout == "folder":
        out["record_file"] = most((r.path.name for r in records), "README.md")
    numbered = [n for n in names if n.number is not None]
    dated = [n for n in names if n.date is not None]
    if numbered and len(numbered) >= len(dated):
        out["prefix"] = most((n.prefix for n in numbered), "")
        out["id_pattern"] = "{prefix}{number}" if out["prefix"] else "{number}"
        out["width"] = _width(numbered, conv.width)
        sep = most((n.separator for n in numbered if n.slug), "-")
        slugged = sum(1 for n in numbered if n.slug) * 2 >= len(numbered)
        out["file_pattern"] = (
            f"{{prefix}}{{number}}{sep}{{slug}}.md" if slugged else "{prefix}{number}.md"
        )
    elif dated:
        sample = dated[-1].date or ""
        sep = most((n.separator for n in dated), "-")
        out["file_pattern"] = ("{day}" if "-" in sample else "{date}") + f"{sep}{{slug}}.md"
    elif traces:
        out["file_pattern"] = "{slug}.md"
    titled = [(r.trace.name.slug, r.title) for r in records if r.trace and r.trace.name]
    titled = [(slug, title) for slug, title in titled if slug]
    if not names:
        titled = [(r.path.stem, r.title) for r in records]
    slugs = [slug for slug, _title in titled]
    if slugs:
        out["slug_case"] = most((_slug_case(s, t) for s, t in titled), "lower")
        out["slug_joiner"] = most((_slug_joiner(s) for s in slugs), "-")
    return out


def _width(numbered: Sequence[NameInfo], default: int) -> int:
    """The digits names pad their numbers to: shown by a leading zero; without one, none."""
    padded = [n.width for n in numbered if n.id[len(n.prefix) : len(n.prefix) + 1] == "0"]
    if padded:
        return most(padded, default)
    return 1 if numbered else default


def _slug_case(slug: str, title: str) -> str:
    """``lower``, ``keep`` (the title's capitals) or ``title`` (every word capitalised,
    where the title does not: ``Send-Invoices-By-Mail`` for "Send invoices by mail")."""
    letters = [ch for ch in slug if ch.isalpha() and ch.isascii()]
    if not any(ch.isupper() for ch in letters):
        return "lower"
    words = [w for w in _SLUG_WORDS.split(slug) if w[:1].isalpha()]
    spoken = [w for w in _TITLE_WORDS.split(title) if w[:1].isalpha()]
    capitalised = bool(words) and all(w[:1].isupper() for w in words)
    if capitalised and any(w[:1].islower() for w in spoken):
        return "title"
    return "keep"


def _slug_joiner(slug: str) -> str:
    counts = {sep: slug.count(sep) for sep in "-_ "}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else "-"
