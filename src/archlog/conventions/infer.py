"""A folder's dialect, voted from how its newest records are written.

Each record's :class:`~archlog.model.Trace` says how it writes its name, title heading,
metadata (place, label, order), status words, sections and front matter. :func:`infer`
takes the most common answer to each question over the newest records (the folder's
template, when it has one, votes too) and yields one :class:`Convention`: the same kind of
description as a built-in one, so every writer renders from it alike. The nearest built-in
convention lends what a folder's files cannot show (its lifecycle, its index style, how it
links records) and its template, when that template writes records the way the folder does.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from archlog.conventions import vocabulary
from archlog.conventions.catalog import CONVENTIONS, DEFAULT_CONVENTION
from archlog.conventions.dialect import Convention
from archlog.conventions.infer_body import (
    front_matter_of,
    front_order_of,
    phrases_of,
    sections_of,
)
from archlog.conventions.infer_names import names_of
from archlog.conventions.votes import most
from archlog.model import FieldTrace, Record, Trace

#: Places a metadata field has under the title (as opposed to front matter and sections).
LINE_PLACES = frozenset({"bold", "bold-inside", "plain", "bullets", "table"})
#: (heading shape, status place) → the built-in nearest to it; the first match wins.
_FAMILIES: tuple[tuple[str | None, str | None, str], ...] = (
    (None, "front-matter", "madr"),
    (None, "bullets", "madr2"),
    (None, "bold-inside", "detailed"),
    (None, "bold", "header-fields"),
    ("numbered", None, "nygard"),
    ("plain", "section", "nygard"),
    ("adr", "section", "index-table"),
)


def infer(
    records: Sequence[Record], *, template: Record | None = None, base: Convention | None = None
) -> Convention:
    """The dialect of the folder whose newest records are ``records``; ``base`` names a
    configured convention to start from (its structure is kept; names follow the folder)."""
    traces = [r.trace for r in records if r.trace is not None]
    weighted = [*traces, *([template.trace] * 2 if template and template.trace else [])]
    if not traces:
        return base or CONVENTIONS[DEFAULT_CONVENTION]
    layout = most((t.layout for t in traces), "file")
    if base is not None:
        return base.with_overrides(**names_of(records, traces, base, layout), **phrases_of(traces))
    changes: dict[str, Any] = {}
    family = _family(weighted)
    conv = CONVENTIONS[family]
    changes.update(names_of(records, traces, conv, layout))
    changes.update(_heading(weighted, layout))
    changes.update(_fields(weighted, conv))
    changes.update(_statuses(records, traces, conv))
    changes.update(sections_of(weighted, conv))
    changes.update(phrases_of(traces))
    changes["front_matter"] = front_matter_of(records)
    changes["front_order"] = front_order_of(traces)
    gaps = [t.front_gap for t in traces if t.front_gap is not None]
    if gaps:
        changes["front_gap"] = sum(gaps) * 2 >= len(gaps)
    if layout == "log":  # an entry's sections sit below its heading
        level = changes.get("title_level", conv.title_level)
        changes["section_level"] = max(changes.get("section_level", 0), level + 1)
    changes["name"] = family
    changes["description"] = f"inferred from {len(traces)} records, nearest built-in: {family}"
    inferred = conv.with_overrides(**changes)
    if not _template_fits(conv, inferred):
        inferred = inferred.with_overrides(template=None, folder_template=None)
    return inferred


# ------------------------------------------------------------------ the nearest built-in


def _shape(pattern: str | None) -> str:
    if pattern is None or "{number}" not in pattern:
        return "plain"
    head = pattern.split("{number}", 1)[0]
    return "adr" if head.strip() else "numbered"


def _family(traces: Sequence[Trace]) -> str:
    if any(t.layout == "log" for t in traces):
        return "log"
    if any(t.name is not None and t.name.sub is not None for t in traces):
        return "sub-numbered"
    shape = most((_shape(t.heading) for t in traces), "plain")
    status = most((f.place for t in traces for f in t.fields if f.name == "status"), None)
    dated = [f.place for t in traces for f in t.fields if f.name == "date"]
    if "section" in dated and shape == "adr":
        return "index-table"
    if shape == "adr" and status == "section" and not dated:
        return "sub-numbered"  # seed 004: ADR-NNN headings, a Status section, no dates
    for want_shape, want_status, name in _FAMILIES:
        if want_shape in (None, shape) and want_status in (None, status):
            return name
    return DEFAULT_CONVENTION


# ------------------------------------------------------------------ the title


def _heading(traces: Sequence[Trace], layout: str) -> dict[str, Any]:
    headed = [t for t in traces if t.heading is not None]
    out: dict[str, Any] = {}
    if len(headed) * 2 >= len(traces) and headed:
        pattern = most((t.heading for t in headed if t.heading), "{title}")
        out["title_pattern"] = pattern
        widths = [t.heading_width for t in headed if t.heading_width]
        out["heading_width"] = most(widths, 0)
        if layout != "log":
            out["title_level"] = most((t.heading_level for t in headed), 1)
        out["title_key"] = None
    else:
        keyed = [t for t in traces if t.title_key]
        if keyed:
            out["title_key"] = most((t.title_key for t in keyed if t.title_key), "title")
            out["title_form"] = most((t.title_form for t in keyed if t.title_form), "{title}")
            out["title_pattern"] = "{title}"
            out["heading_width"] = most((t.heading_width for t in keyed if t.heading_width), 0)
    return out


# ------------------------------------------------------------------ metadata


def _fields(  # noqa: C901 (one vote per kind of field, read top to bottom)
    traces: Sequence[Trace], conv: Convention
) -> dict[str, Any]:
    by_name: dict[str, list[FieldTrace]] = {}
    for trace in traces:
        for f in trace.fields:
            by_name.setdefault(f.name, []).append(f)
    out: dict[str, Any] = {}
    labels = dict(conv.labels)
    for name, seen in by_name.items():
        labels[name] = most((f.label for f in seen if f.label), labels.get(name, name))
    out["labels"] = labels
    status = by_name.get("status")
    if status:
        out["status_style"] = _style(most((f.place for f in status), conv.status_style))
    elif traces:
        out["status_style"] = "none"  # the folder's records state none (a site's pages)
    dates = by_name.get("date")
    if dates and len(dates) * 3 >= len(traces):
        out["date_style"] = _style(most((f.place for f in dates), conv.date_style))
    elif not dates:
        out["date_style"] = "none"
    order: dict[str, list[int]] = {}
    for trace in traces:
        lined = [f for f in trace.fields if f.place in LINE_PLACES]
        for position, f in enumerate(lined):
            order.setdefault(f.name, []).append(position)
        keyed = [f for f in trace.fields if f.place == "front-matter"]
        for position, f in enumerate(keyed, 100):  # front-matter keys after the lines
            order.setdefault(f.name, []).append(position)
    half = max(1, len(traces) // 3)
    kept = [n for n, positions in order.items() if len(positions) >= half]
    out["meta_fields"] = tuple(sorted(kept, key=lambda n: sum(order[n]) / len(order[n])))
    with_lines = [t for t in traces if any(f.place in LINE_PLACES for f in t.fields)]
    first = sum(1 for t in with_lines if t.meta_first)
    out["meta_first"] = bool(with_lines) and first * 2 > len(with_lines)
    tabled = [t for t in traces if t.table_head is not None]
    if tabled and "table" in (out.get("status_style"), out.get("date_style")):
        newest_first = tabled[::-1]  # a table's spacing: as the newest records write it
        head = most((t.table_head or "" for t in newest_first), conv.meta_table_head)
        out["meta_table_head"] = head
        out["meta_table_rule"] = most((t.table_rule for t in newest_first), conv.meta_table_rule)
    bulleted = [f for t in traces for f in t.fields if f.mark]
    if bulleted:
        out["meta_bullet"] = most((f.mark for f in bulleted), "*")
        out["meta_emphasis"] = most((f.emphasis for f in bulleted), "")
    spaced = [f for t in traces for f in t.fields if f.place in ("plain", "bullets")]
    if spaced:  # `Date : x` (French typography), `状态：x`: as the lines write it
        out["meta_sep"] = most((f.sep or ": " for f in spaced), ": ")
    return out


def _style(place: str) -> str:
    return "section" if place in ("heading", "admonition") else place


def _statuses(
    records: Sequence[Record], traces: Sequence[Trace], conv: Convention
) -> dict[str, Any]:
    words: dict[str, Counter[str]] = {}
    for record in records:
        text = _LEADING_DATE.sub("", record.status_text.strip())
        plain_word = len(text.split()) <= 3 and not any(ch.isdigit() for ch in text)
        if text and record.status != "unknown" and plain_word and " by" not in text.lower():
            words.setdefault(record.status, Counter())[text] += 1
    spelled = {status: counter.most_common(1)[0][0] for status, counter in words.items()}
    out: dict[str, Any] = {"status_words": spelled}
    cases = Counter(_case(text) for text in spelled.values())
    if cases:
        out["status_case"] = cases.most_common(1)[0][0]
    out["statuses"] = tuple(s for s in vocabulary.STATUSES if s in conv.statuses or s in spelled)
    forms = [t.status_form for t in traces if t.status_form != "word"]
    out["status_form"] = most(forms, "word") if len(forms) * 2 >= len(traces) else "word"
    return out


_LEADING_DATE = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ \t:,-]*")


def _case(text: str) -> str:
    word = next((w for w in text.split() if w[:1].isalpha()), "")
    if word.isupper() and len(word) > 1:
        return "upper"
    if word[:1].islower():
        return "lower"
    return "title"


# ------------------------------------------------------------------ the template


def _template_fits(base: Convention, inferred: Convention) -> bool:
    """Whether the nearest built-in's template writes records as the folder does: the same
    heading, status and date places and labels, and the same sections."""
    if base.template is None:
        return False
    same = (
        all(base.heading(n, "T") == inferred.heading(n, "T") for n in (7, 123))
        and base.status_style == inferred.status_style
        and base.date_style == inferred.date_style
        and all(base.label(f) == inferred.label(f) for f in ("status", "date"))
    )
    if not same:
        return False
    return [vocabulary.fold(s) for s in base.sections] == [
        vocabulary.fold(s) for s in inferred.sections
    ]
