"""Infer a folder's convention from its records: naming, width, title and metadata style.

The closest named convention is chosen by the styles its records use, then adjusted to what
the folder actually does (number width, file prefix, date-named files, heading style, the
case of status words), so that new records look like their neighbours.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from archlog.conventions.catalog import CONVENTIONS, DEFAULT_CONVENTION, Convention
from archlog.model import NameInfo, Record

# (title style, status style) → convention name; the first match wins.
_FAMILIES: tuple[tuple[str | None, str | None, str], ...] = (
    (None, "front-matter", "madr"),
    (None, "bullets", "madr2"),
    (None, "bold-inside", "detailed"),
    (None, "bold", "header-fields"),
    ("numbered", None, "nygard"),
    ("plain", "section", "nygard"),
    ("adr", "section", "index-table"),
)


def _most(counter: Counter[str], default: str | None = None) -> str | None:
    return counter.most_common(1)[0][0] if counter else default


def infer(
    records: Sequence[Record], names: Sequence[NameInfo], base: str | None = None
) -> Convention:
    """The convention that fits the folder; ``base`` names one to start from (configured)."""
    if any(r.entry for r in records):
        conv = CONVENTIONS["log"]
        return conv.with_overrides(single_file=records[0].path.name) if records else conv
    title_styles = Counter(r.styles.get("title", "plain") for r in records)
    status_styles = Counter(r.styles["status"] for r in records if "status" in r.styles)
    title_style, status_style = _most(title_styles), _most(status_styles)
    if base is None:
        base = DEFAULT_CONVENTION
        if any(n.sub is not None for n in names):
            base = "sub-numbered"
        elif any(r.styles.get("date") == "section" for r in records) and title_style == "adr":
            base = "index-table"
        elif (
            title_style == "adr" and status_style == "section" and not any(r.date for r in records)
        ):
            base = "sub-numbered"  # seed 004: ADR-NNN headings, a Status section, no dates
        else:
            for want_title, want_status, name in _FAMILIES:
                if (want_title in (None, title_style)) and (want_status in (None, status_style)):
                    base = name
                    break
    conv = CONVENTIONS[base]
    if not records and not names:
        return conv
    changes: dict[str, object] = {}
    numbered = [n for n in names if n.number is not None]
    if numbered:
        changes["width"] = int(_most(Counter(str(n.width) for n in numbered)) or conv.width)
        prefix = _most(Counter(n.prefix for n in numbered)) or ""
        if prefix:
            changes["prefix"] = prefix + "-"
    elif names and all(n.date for n in names):
        changes["file_pattern"] = "{date}-{slug}.md"
    if title_style == "numbered":
        changes["title_pattern"] = "{number}. {title}"
    elif title_style == "adr":
        changes["title_pattern"] = "ADR-{id}: {title}"
    elif title_style == "plain" and records:
        changes["title_pattern"] = "{title}"
    if status_style and status_style != conv.status_style:
        changes["status_style"] = status_style
    cases = Counter(_case(r.status_text) for r in records if r.status_text)
    if cases:
        changes["status_case"] = _most(cases) or conv.status_case
    return conv.with_overrides(**changes)


def _case(text: str) -> str:
    word = next((w for w in text.split() if w[:1].isalpha()), "")
    if word.isupper() and len(word) > 1:
        return "upper"
    if word[:1].islower():
        return "lower"
    return "title"
