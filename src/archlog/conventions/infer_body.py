"""What a folder's records carry below and above their title, voted from their traces: the
section headings (order, spelling, language) and the front-matter keys siblings carry."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from archlog.conventions import vocabulary
from archlog.conventions.dialect import Convention
from archlog.conventions.votes import most
from archlog.model import Record, Trace


def sections_of(traces: Sequence[Trace], conv: Convention) -> dict[str, Any]:
    positions: dict[str, list[float]] = {}
    spelled: dict[str, Counter[str]] = {}
    for trace in traces:
        count = len(trace.sections)
        for i, heading in enumerate(trace.sections):
            key = vocabulary.fold(heading)
            positions.setdefault(key, []).append(i / max(1, count))
            spelled.setdefault(key, Counter())[heading] += 1
    half = max(1, (len(traces) + 1) // 2)
    kept = [k for k, p in positions.items() if len(p) >= half]
    kept.sort(key=lambda k: sum(positions[k]) / len(positions[k]))
    out: dict[str, Any] = {}
    if sum(1 for t in traces if not t.sections) * 2 > len(traces):
        out["sections"], out["required"] = (), ()  # most records have no sections
    elif kept:
        out["sections"] = tuple(spelled[k].most_common(1)[0][0] for k in kept)
        out["section_level"] = most((t.section_level for t in traces if t.sections), 2)
        concepts = {vocabulary.section_of(h) for h in out["sections"]}
        required = tuple(
            h
            for h in conv.required
            if vocabulary.section_of(h) in concepts or vocabulary.field_of(h)
        )
        out["required"] = tuple(
            next(
                (
                    s
                    for s in out["sections"]
                    if vocabulary.section_of(s) == vocabulary.section_of(h)
                ),
                h,
            )
            for h in required
        )
    languages = [t.language for t in traces if t.language]
    if languages:
        out["language"] = most(languages, "en")
    return out


# ------------------------------------------------------------------ front matter


#: The fields a new record's writer fills in itself (any other key is carried by rule).
_WRITTEN_FIELDS = frozenset(
    {"title", "status", "date", "tags", "deciders", "consulted", "informed", "category"}
)


def front_matter_of(records: Sequence[Record]) -> tuple[tuple[str, str], ...]:
    """Front-matter keys most records carry that are no field archlog writes itself, with
    how a new record's value follows (copied, or one past the highest)."""
    traced = [r for r in records if r.trace is not None and r.trace.front_matter]
    if not traced:
        return ()
    values: dict[str, list[tuple[Record, str]]] = {}
    for record in traced:
        assert record.trace is not None
        for key, value in record.trace.front_matter:
            field = vocabulary.field_of(key)
            # A title key beside the title heading (a site's page title) is carried too;
            # where no heading holds the title, the writer writes the key itself.
            if field not in _WRITTEN_FIELDS or (field == "title" and record.trace.heading):
                values.setdefault(key, []).append((record, value))
    out: list[tuple[str, str]] = []
    for key, seen in values.items():
        if len(seen) * 2 < len(traced):
            continue
        texts = [v for _, v in seen]
        sample_record, sample = seen[-1]
        if all(v.lstrip("-").isdigit() for v in texts) and len(set(texts)) > 1:
            out.append((key, "{next}"))
        elif len(set(texts)) == 1:
            out.append((key, texts[0]))
        elif all(r.title and r.title in v for r, v in seen):
            rule = sample.replace(sample_record.title, "{title}")
            if all(r.number is not None and _own_id(r) in v for r, v in seen):
                rule = rule.replace(_own_id(sample_record), "{id}", 1)  # ADR-0007: {title}
            out.append((key, rule))
        elif all(r.number is not None and _own_id(r) in v for r, v in seen):
            out.append((key, sample.replace(_own_id(sample_record), "{id}", 1)))
    return tuple(out)


def front_order_of(traces: Sequence[Trace]) -> tuple[str, ...]:
    """The order of the front-matter keys: the newest record's that carries the most."""
    keyed = [t for t in traces if t.front_matter]
    if not keyed:
        return ()
    best = max(reversed(keyed), key=lambda t: len(t.front_matter))
    return tuple(key for key, _value in best.front_matter)


def _own_id(record: Record) -> str:
    """The record's id as its file name writes it (``adr107`` of ``areas/adr107-…``)."""
    return record.id.rsplit("/", 1)[-1]


def phrases_of(traces: Sequence[Trace]) -> dict[str, Any]:
    """How the records write their relation lines: the phrase of each type they use, as
    spelled (``Remplacé par``, ``取代：``), and — for the types none of them uses — the phrase
    of the language those lines are in, so that a French folder that writes ``Superseded by``
    keeps writing English phrases, and one that writes ``Remplacé par`` gets ``Remplace``
    (with the colon most of its phrases carry, where they carry one: ``被取代：``)."""
    spelled: dict[str, Counter[str]] = {}
    languages: Counter[str] = Counter()
    colons: Counter[str] = Counter()
    for trace in traces:
        for type_, written in trace.phrases:
            spelled.setdefault(type_, Counter())[written] += 1
            colons[written[-1:] if written.endswith(vocabulary.COLONS) else ""] += 1
            language = _phrase_language(written, type_)
            if language is not None:
                languages[language] += 1
    if not spelled:
        return {}
    phrases: dict[str, str] = {}
    if languages:
        language = languages.most_common(1)[0][0]
        colon = colons.most_common(1)[0][0]
        said = {name: rel.phrase_in(language) for name, rel in vocabulary.relation_types().items()}
        phrases = {name: p if vocabulary.GAP in p else p + colon for name, p in said.items()}
    phrases.update({t: counter.most_common(1)[0][0] for t, counter in spelled.items()})
    return {"phrases": phrases}


def _phrase_language(phrase: str, type_: str) -> str | None:
    """The language a phrase of ``type_`` is in (None: the type is not built in)."""
    rel = vocabulary.relation_types().get(type_)
    if rel is None:
        return None
    folded = vocabulary.fold(phrase).rstrip(": ")
    for language, said in rel.said.items():
        if any(vocabulary.fold(p) == folded for p in said):
            return language
    return "en"  # a phrase of the type (the reader found it so) in no other language
