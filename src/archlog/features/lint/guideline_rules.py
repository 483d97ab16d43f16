"""The guidelines' rules (the seeds'): a record short enough to read, alternatives and
negative consequences written down, one-sentence decisions, proposals decided in time, the
folder's own spelling of statuses and dates."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from archlog.features.lint.inputs import Context
from archlog.features.lint.structure_rules import line_of, title_line
from archlog.model import Record
from archlog.read import dates as fields
from archlog.read.comments import without_comments


def _section_named(record: Record, *names: str) -> list[str]:
    wanted = {n.casefold() for n in names}
    return [s.body for s in record.sections if s.heading.strip().casefold() in wanted]


def _own_body(record: Record, heading: str) -> str | None:
    from archlog.ops.drafts import own_sections

    for head, _level, body in own_sections(record):
        if head.strip().casefold() == heading.casefold():
            return body
    return None


def check_length(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    words = sum(len(line.split()) for _n, line in ctx.own_lines(record))
    minutes = words / ctx.settings.words_per_minute
    if minutes > ctx.settings.reading_minutes:
        limit = ctx.settings.reading_minutes
        yield (
            1,
            (
                f"{words} words: about {minutes:.0f} minutes to read, over {limit:g} "
                "(split it, or move detail to an appendix)"
            ),
        )


def check_alternatives(_ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    found = _section_named(
        record,
        "Alternatives Considered",
        "Considered Options",
        "Alternatives",
        "Options Considered",
        "Options",
    )
    if not any(without_comments(b).strip() for b in found):
        yield title_line(record), "no alternatives considered"


_NEGATIVE = re.compile(
    r"\bnegative\b|\bbad, because\b|\bcons?\b|\brisks?\b|\bdrawbacks?\b|\bdownsides?\b|"
    r"\bharder\b|\btrade-?offs?\b|\bcosts?\b|\bbut\b|\bhowever\b|\blimitations?\b",
    re.IGNORECASE,
)


def check_negative_consequences(_ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    bodies = _section_named(
        record,
        "Consequences",
        "Decision Outcome",
        "Negative Consequences",
        "Risks & Mitigations",
        "Pros and Cons of the Options",
    )
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
            line_of(record, "status"),
            (f"{record.status} for {age} days (more than {limit}): accept or reject it"),
        )


def check_status_casing(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    word = record.status_text.strip().strip("*_ ")
    if record.status == "unknown" or " " in word or not word.isalpha():
        return
    wanted = ctx.conv.status_word(record.status)
    if word.casefold() == wanted.casefold() and word != wanted:
        yield line_of(record, "status"), f"status {word!r} is written {wanted!r} in this folder"


def check_date_format(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    span = record.spans.get("date")
    if span is None or record.date is None or not fields.is_iso_date(record.date):
        return
    if record.styles.get("date") == "front-matter":
        return
    if record.date not in ctx.lines(record)[span.start - 1]:
        yield span.start, f"date written another way than YYYY-MM-DD ({record.date})"
