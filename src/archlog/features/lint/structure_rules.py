"""The structure rules: what makes a record readable by every tool (a title, a status, a
date, numbers, names, relations, links, the index, the template filled in).

Each check takes the lint context and a record (or the context alone, for a folder check)
and yields ``(line, message)`` (or ``(record or file, line, message)``); the catalogue
(``rules.toml``, loaded by :mod:`archlog.features.lint.rule_catalog`) gives each its id,
severity and examples."""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path

from archlog.conventions.vocabulary import STATUSES, field_of, fold, inverses, section_of
from archlog.errors import ArchlogError, UsageError
from archlog.features.lint.inputs import Context
from archlog.model import Record
from archlog.read import dates as fields
from archlog.read.comments import without_comments
from archlog.read.names import parse_name, slugify, sub_number

_SECTION_NAMES = frozenset(
    {
        "status",
        "date",
        "context",
        "decision",
        "consequences",
        "context and problem statement",
        "decision outcome",
    }
)


def check_title(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    if not record.title.strip():
        first = record.sections[0] if record.sections else None
        if first is not None and first.level == 1:
            yield (
                first.span.start,
                (
                    f"no title: the first heading, {first.heading!r}, names a section, not the "
                    "decision"
                ),
            )
        else:
            yield 1, "no title: neither a title heading nor a front-matter title"
    elif "title" not in record.spans and ctx.conv.title_key is None:
        yield 1, "no title heading (the title is only in the front matter)"
    elif record.title.strip().casefold() in _SECTION_NAMES:
        yield (
            record.spans["title"].start,
            (f"no title heading: the first heading is the {record.title!r} section"),
        )


def check_status_missing(_ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    if not record.status_text.strip():
        yield title_line(record), "no status"


def check_status_vocabulary(_ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    if record.status_text.strip() and record.status == "unknown":
        known = ", ".join(s for s in STATUSES if s != "unknown")
        yield line_of(record, "status"), f"status {record.status_text!r} is none of: {known}"


def check_date_missing(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    if record.date is None and ctx.dates_records:
        if record.date_text:
            return  # a date is written, but is no date: check_date_valid names it
        hint = ""
        if ctx.history is not None and record.path.name in ctx.history.added:
            day, author = ctx.history.added[record.path.name]
            hint = f" (git first saw it on {day}, from {author})"
        yield title_line(record), f"no date{hint}"


def check_date_valid(_ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    if record.date is not None or not record.date_text:
        return  # a full or partial ISO date (2025-09, as seed 000's 2025-09-*), or none
    why = fields.read_date(record.date_text).problem or "it is not a date"
    if "placeholder" in why:
        why = "a template's placeholder"
    why = why.replace(repr(record.date_text), "it")  # the value is named once
    yield line_of(record, "date"), f"date {record.date_text!r} is no date: {why}; write YYYY-MM-DD"


def check_duplicates(ctx: Context) -> Iterator[tuple[Record | Path, int, str]]:
    """A number two records share — within an area, where numbers restart per area."""
    groups: dict[tuple[str, int, str], list[Record]] = {}
    for record in ctx.records:
        if record.number is not None:
            key = (record.number_scope, record.number, sub_number(record.id))
            groups.setdefault(key, []).append(record)
    for (_, number, _), group in groups.items():
        for record in group[1:]:
            yield (
                record,
                1,
                (
                    f"number {number} is also {group[0].ref}; `archlog renumber "
                    "--duplicates` gives it the next free one"
                ),
            )


def check_gaps(ctx: Context) -> Iterator[tuple[Record | Path, int, str]]:
    """Numbers skipped — in each area, where numbers restart per area."""
    scopes: dict[str, list[Record]] = {}
    for record in ctx.records:
        if record.number is not None and not record.entry:
            scopes.setdefault(record.number_scope, []).append(record)
    for scope, records in sorted(scopes.items()):
        yield from _gaps(ctx, records, scope or None)


def _gaps(
    ctx: Context, records: list[Record], area: str | None
) -> Iterator[tuple[Record | Path, int, str]]:
    numbers = sorted({r.number for r in records if r.number is not None})
    used = ctx.repo.used_numbers(area)  # files git deleted explain their gaps
    missing: list[int] = []  # the first eleven, found gap by gap: never the whole range
    for low, high in itertools.pairwise(numbers):
        n = low + 1
        while n < high and len(missing) <= 10:
            if n not in used:
                missing.append(n)
            n += 1
        if len(missing) > 10:
            break
    if missing:
        after = next(r for r in records if r.number == max(n for n in numbers if n < missing[0]))
        shown = ", ".join(str(n) for n in missing[:10]) + (" …" if len(missing) > 10 else "")
        yield after, 1, f"numbers never used: {shown}"


_HEADING_NUMBER = re.compile(r"^#+\s*(?:ADR[-\s_]*)?0*(\d+)(?:-\d+)?\s*[.:)\-–—]", re.IGNORECASE)


def check_heading_number(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    span = record.spans.get("title")
    if span is None or record.entry or record.number is None:
        return
    m = _HEADING_NUMBER.match(ctx.lines(record)[span.start - 1])
    if m and m.group(1) != str(record.number):  # as text: the heading's may have 5,000 digits
        yield (
            span.start,
            (
                f"the heading says {m.group(1)}, the file name "
                f"{record.path.name} says {record.number}"
            ),
        )


def check_file_name(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    info = parse_name(record.path.stem)
    if record.entry or info is None or not info.slug:
        return
    try:
        expected = slugify(record.title)
    except UsageError:  # a title with no letters has no slug to compare
        return
    if info.slug.lower() != expected and info.slug.lower().replace("_", "-") != expected:
        wanted = ctx.conv.file_name(record.number or 0, expected) if record.number else expected
        yield title_line(record), (f"the file name does not match the title (expected {wanted})")


def check_front_matter(_ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    for line, message in record.problems:
        if "front matter" in message:
            yield line or 1, message


def check_relation_targets(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    for rel in record.relations:
        if rel.target not in ctx.by_target:
            line = rel.span.start if rel.span else 1
            yield line, f"{rel.type} {rel.target}: there is no such record"


def check_reciprocal(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    pairs = inverses(ctx.repo.config.values.get("relations"))
    for rel in record.relations:
        inverse = pairs.get(rel.type)
        others = ctx.by_target.get(rel.target) or []
        if inverse is None or len(others) != 1:
            continue
        other = others[0]
        if record.target not in other.relation_targets(inverse):
            line = rel.span.start if rel.span else 1
            yield (
                line,
                (
                    f"{rel.type} {rel.target}, but {other.ref} does not say "
                    f"{inverse} {record.target}"
                ),
            )


def check_successor_named(_ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    if record.status == "superseded" and not record.relation_targets("superseded-by"):
        yield line_of(record, "status"), "superseded, but no successor is named"


#: A Markdown link (a label with one level of brackets in it). No class repeats the
#: character that opens the next try (``[``, ``(``), so a line of openers is one pass.
_MD_LINK = re.compile(
    r"(?<!!)\[(?:[^\[\]\n]|\[[^\[\]\n]{0,200}\]){0,1000}\]"
    r"\((?P<href>[^()\s]{1,2000})(?:\s{1,40}\"[^\"()\n]{0,500}\")?\)"
)


def relative_links(ctx: Context, record: Record) -> list[tuple[int, str]]:
    """(line, target) of the record's links to relative paths, outside code blocks."""
    out: list[tuple[int, str]] = []
    fence = False
    for number, line in ctx.own_lines(record):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if fence or "](" not in line:
            continue
        for m in _MD_LINK.finditer(line):
            href = m.group("href").split("#", 1)[0].split("?", 1)[0]
            if href and not _SCHEME.match(href) and not href.startswith("/"):
                out.append((number, href))
    return out


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def check_relative_links(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    links = ctx.links.get((record.path, record.entry))
    if links is None:
        links = relative_links(ctx, record)
    here = os.path.dirname(str(record.path))
    for number, href in links:
        if not ctx.exists(here, href.replace("%20", " ")):
            yield number, f"link to {href}, which does not exist"


def check_index(ctx: Context) -> Iterator[tuple[Record | Path, int, str]]:
    from archlog.features.index import START, readme_of, update
    from archlog.read.guarded import read_inside

    try:
        data = read_inside(ctx.repo, readme_of(ctx.repo))
    except ArchlogError:
        return  # not an index archlog reads: nothing to check
    if data is None or START.encode() not in data:
        return
    path, old, new = update(ctx.repo)
    if old != new:
        line = next((i for i, ln in enumerate((old or "").split("\n"), 1) if START in ln), 1)
        yield path, line, "the index is stale; `archlog index` (or lint --fix) updates it"


def check_placeholders(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    from archlog.read.placeholders import may_hold_placeholder, placeholder_in

    template = ctx.template_texts
    for section in record.sections:
        body = section.body.strip()
        if len(body) > 20 and body in template:
            yield section.span.start, f"section {section.heading!r} still holds the template's text"
    lines = ctx.own_lines(record)
    if not may_hold_placeholder("\n".join(line for _n, line in lines)):
        return
    fence = comment = False
    for number, line in lines:
        if not comment and line.lstrip().startswith(("```", "~~~")):
            fence = not fence
            continue
        if fence:
            continue
        if comment:  # inside a comment that opened on an earlier line
            end = line.find("-->")
            if end == -1:
                continue
            comment, line = False, line[end + 3 :]
        opened = line.rfind("<!--")
        if opened != -1 and line.find("-->", opened) == -1:
            comment, line = True, line[:opened]
        found = placeholder_in(line)
        if found is not None:
            yield number, f"template placeholder left in: {found}"


def check_empty_sections(_ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    sections = record.sections
    for i, section in enumerate(sections):
        has_children = i + 1 < len(sections) and sections[i + 1].span.start <= section.span.end
        text = without_comments(section.body).strip()
        if not text and not has_children:
            yield section.span.start, f"section {section.heading!r} is empty"


def _what(heading: str) -> str:
    """What a section holds (``context``, …; a field's name), whatever its spelling."""
    return section_of(heading) or field_of(heading) or fold(heading)


def check_required_sections(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    have = {_what(s.heading) for s in record.sections}
    have |= {"status"} if record.status_text else set()
    for name in ctx.conv.required:
        if _what(name) not in have:
            yield title_line(record), f"no {name!r} section ({ctx.conv.name})"


def line_of(record: Record, name: str) -> int:
    span = record.spans.get(name) or record.spans.get("title")
    return span.start if span else 1


def title_line(record: Record) -> int:
    span = record.spans.get("title")
    return span.start if span else 1
