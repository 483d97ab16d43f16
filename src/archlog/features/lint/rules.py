"""The lint rules: each with a stable id, a name, a default severity, a doc paragraph, a
failing and a passing example (run by the tests, shown in docs/lint.md), and its check."""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from archlog.conventions.vocabulary import STATUSES, field_of, fold, inverses, section_of
from archlog.errors import ArchlogError, UsageError
from archlog.features.lint.inputs import Context
from archlog.model import Record
from archlog.read import dates as fields
from archlog.read.comments import without_comments
from archlog.read.names import parse_name, slugify, sub_number


def ny(n: int, title: str, status: str | None = "Accepted", *, day: str = "2024-01-10",
       body: str | None = None, extra: str = "") -> tuple[str, str]:  # fmt: skip
    """An adr-tools record for the examples: (file name, text)."""
    text = body if body is not None else (
        "## Context\n\nWhy.\n\n## Decision\n\nWe will do it.\n\n## Consequences\n\n"
        "Easier to change; harder to test.\n"
    )  # fmt: skip
    date_line = f"Date: {day}\n\n" if day else ""
    status_block = f"## Status\n\n{status}\n{extra}\n" if status is not None else ""
    return (f"doc/adr/{n:04d}-{slugify(title)}.md",
            f"# {n}. {title}\n\n{date_line}{status_block}{text}")  # fmt: skip


def folder(*records: tuple[str, str], **more: str) -> dict[str, str]:
    return {**dict(records), **more}


def _section_named(record: Record, *names: str) -> list[str]:
    wanted = {n.casefold() for n in names}
    return [s.body for s in record.sections if s.heading.strip().casefold() in wanted]


def _own_body(record: Record, heading: str) -> str | None:
    from archlog.ops.drafts import own_sections

    for head, _level, body in own_sections(record):
        if head.strip().casefold() == heading.casefold():
            return body
    return None


# ------------------------------------------------------------------ structure


_SECTION_NAMES = frozenset({"status", "date", "context", "decision", "consequences",
                            "context and problem statement", "decision outcome"})  # fmt: skip


def check_title(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    if "title" not in record.spans:
        yield 1, "no title heading (the title was taken from the file name)"
    elif record.title.strip().casefold() in _SECTION_NAMES:
        yield (
            record.spans["title"].start,
            (f"no title heading: the first heading is the {record.title!r} section"),
        )


def check_status_missing(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    if not record.status_text.strip():
        yield _title_line(record), "no status"


def check_status_vocabulary(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    if record.status_text.strip() and record.status == "unknown":
        known = ", ".join(s for s in STATUSES if s != "unknown")
        yield _line(record, "status"), f"status {record.status_text!r} is none of: {known}"


_PARTIAL = re.compile(r"^\d{4}(?:-\d{2})?(?:-(?:\d{2}|\*|xx|XX))?$")


def check_date_missing(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    if record.date is None and ctx.dates_records:
        hint = ""
        if ctx.history is not None and record.path.name in ctx.history.added:
            day, author = ctx.history.added[record.path.name]
            hint = f" (git first saw it on {day}, from {author})"
        yield _title_line(record), f"no date{hint}"


def check_date_valid(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    if record.date is not None or not record.date_text:
        return  # a full or partial ISO date (2025-09, as seed 000's 2025-09-*), or none
    why = fields.read_date(record.date_text).problem or "not a date"
    yield _line(record, "date"), f"date {record.date_text!r}: {why} (YYYY-MM-DD)"


def check_duplicates(ctx: Context) -> Iterator[tuple[Record | Path, int, str]]:
    groups: dict[tuple[int, str], list[Record]] = {}
    for record in ctx.records:
        if record.number is not None:
            groups.setdefault((record.number, sub_number(record.id)), []).append(record)
    for (number, _), group in groups.items():
        for record in group[1:]:
            yield record, 1, (f"number {number} is also {group[0].ref}; `archlog renumber "
                              "--duplicates` gives it the next free one")  # fmt: skip


def check_gaps(ctx: Context) -> Iterator[tuple[Record | Path, int, str]]:
    numbers = sorted({r.number for r in ctx.records if r.number is not None and not r.entry})
    if not numbers:
        return
    used = ctx.repo.used_numbers()  # files git deleted explain their gaps
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
        after = next(
            r for r in ctx.records if r.number == max(n for n in numbers if n < missing[0])
        )
        shown = ", ".join(str(n) for n in missing[:10]) + (" …" if len(missing) > 10 else "")
        yield after, 1, f"numbers never used: {shown}"


_HEADING_NUMBER = re.compile(r"^#+\s*(?:ADR[-\s_]*)?0*(\d+)(?:-\d+)?\s*[.:)\-–—]", re.IGNORECASE)


def check_heading_number(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    span = record.spans.get("title")
    if span is None or record.entry or record.number is None:
        return
    m = _HEADING_NUMBER.match(ctx.lines(record)[span.start - 1])
    if m and m.group(1) != str(record.number):  # as text: the heading's may have 5,000 digits
        yield span.start, (f"the heading says {m.group(1)}, the file name "
                           f"{record.path.name} says {record.number}")  # fmt: skip


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
        yield _title_line(record), (f"the file name does not match the title (expected {wanted})")


def check_front_matter(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
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
            yield line, (f"{rel.type} {rel.target}, but {other.ref} does not say "
                         f"{inverse} {record.target}")  # fmt: skip


def check_successor_named(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    if record.status == "superseded" and not record.relation_targets("superseded-by"):
        yield _line(record, "status"), "superseded, but no successor is named"


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


def check_empty_sections(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
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
            yield _title_line(record), f"no {name!r} section ({ctx.conv.name})"


# ------------------------------------------------------------------ guidelines


def check_length(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    words = sum(len(line.split()) for _n, line in ctx.own_lines(record))
    minutes = words / ctx.settings.words_per_minute
    if minutes > ctx.settings.reading_minutes:
        limit = ctx.settings.reading_minutes
        yield 1, (f"{words} words: about {minutes:.0f} minutes to read, over {limit:g} "
                  "(split it, or move detail to an appendix)")  # fmt: skip


def check_alternatives(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    found = _section_named(record, "Alternatives Considered", "Considered Options",
                           "Alternatives", "Options Considered", "Options")  # fmt: skip
    if not any(without_comments(b).strip() for b in found):
        yield _title_line(record), "no alternatives considered"


_NEGATIVE = re.compile(
    r"\bnegative\b|\bbad, because\b|\bcons?\b|\brisks?\b|\bdrawbacks?\b|\bdownsides?\b|"
    r"\bharder\b|\btrade-?offs?\b|\bcosts?\b|\bbut\b|\bhowever\b|\blimitations?\b",
    re.IGNORECASE,
)


def check_negative_consequences(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    bodies = _section_named(record, "Consequences", "Decision Outcome", "Negative Consequences",
                            "Risks & Mitigations", "Pros and Cons of the Options")  # fmt: skip
    if bodies and not any(_NEGATIVE.search(b) for b in bodies):
        section = next(s for s in record.sections if s.body in bodies)
        yield section.span.start, "the consequences name nothing negative"


_SENTENCE = re.compile(r"[.!?](?:\s|$)")


def check_one_sentence(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    if ctx.conv.name != "detailed":
        return
    body = _own_body(record, "Decision")
    if body is None:
        return
    text = " ".join(without_comments(body).split())
    if len(_SENTENCE.findall(text)) > 1:
        section = next(s for s in record.sections if s.heading.casefold() == "decision")
        yield section.span.start, "the decision takes more than one sentence"


def check_proposed_age(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    if record.status not in ("proposed", "draft", "pending") or not record.date:
        return
    if not fields.is_iso_date(record.date):
        return
    age = (date.fromisoformat(ctx.today) - date.fromisoformat(record.date)).days
    if age > ctx.settings.proposed_max_days:
        limit = ctx.settings.proposed_max_days
        yield (
            _line(record, "status"),
            (f"{record.status} for {age} days (more than {limit}): accept or reject it"),
        )


def check_status_casing(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    word = record.status_text.strip().strip("*_ ")
    if record.status == "unknown" or " " in word or not word.isalpha():
        return
    wanted = ctx.conv.status_word(record.status)
    if word.casefold() == wanted.casefold() and word != wanted:
        yield _line(record, "status"), f"status {word!r} is written {wanted!r} in this folder"


def check_date_format(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    span = record.spans.get("date")
    if span is None or record.date is None or not fields.is_iso_date(record.date):
        return
    if record.styles.get("date") == "front-matter":
        return
    if record.date not in ctx.lines(record)[span.start - 1]:
        yield span.start, f"date written another way than YYYY-MM-DD ({record.date})"


def _line(record: Record, name: str) -> int:
    span = record.spans.get(name) or record.spans.get("title")
    return span.start if span else 1


def _title_line(record: Record) -> int:
    span = record.spans.get("title")
    return span.start if span else 1
