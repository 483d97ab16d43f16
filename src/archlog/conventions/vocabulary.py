"""The words archlog knows, in one place: statuses, field labels, section headings, relation
types and phrases, month names — read from ``words.toml`` beside this module.

Every lookup folds what it is given the same way (:func:`fold`: case, accents of Latin
letters, and runs of spaces, ``_`` and ``-``), so a word is written once in the data and
found in every spelling. Adding a status word, a label, a section heading in another
language or a relation type is one line of ``words.toml``.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

_DATA = Path(__file__).with_name("words.toml")
_SPACES = re.compile(r"[\s_\-]+")

#: The normalised statuses, in the usual lifecycle order; ``unknown`` when none is stated
#: or what is stated names none of them.
STATUSES: tuple[str, ...] = (
    "draft",
    "proposed",
    "pending",
    "accepted",
    "implemented",
    "rejected",
    "deprecated",
    "superseded",
    "amended",
    "unknown",
)

#: JSON-ADR's named content fields and the section each is (first: the heading written).
SECTION_FIELDS: dict[str, str] = {
    "context": "context",
    "decision": "decision",
    "consequences": "consequences",
    "decision_drivers": "drivers",
    "considered_options": "alternatives",
    "confirmation": "confirmation",
}


def fold(text: str) -> str:
    """``text`` as lookups compare it: case-folded, Latin accents removed (``décision`` →
    ``decision``), runs of spaces, ``_`` and ``-`` as one space, trimmed."""
    if len(text) <= _MEMO_LENGTH:  # labels and headings: the same few, folded again and again
        known = _folded.get(text)
        if known is None:
            known = _fold(text)
            if len(_folded) < _MEMO_SIZE:
                _folded[text] = known
        return known
    return _fold(text)


_MEMO_LENGTH = 80
_MEMO_SIZE = 50_000
_folded: dict[str, str] = {}


def _fold(text: str) -> str:
    folded = text.replace("œ", "oe").replace("ß", "ss").casefold()
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", folded).strip()


@dataclass(frozen=True)
class RelationType:
    """A kind of link between two records, and every way of writing it."""

    name: str
    inverse: str
    #: Whether the graph draws it from the record that names it (``supersedes``) rather than
    #: turning it round (``superseded-by`` is drawn as the other record's ``supersedes``).
    active: bool
    #: How archlog writes it in English (``Superseded by``).
    phrase: str
    #: Phrases that state it in a line of text.
    reads: tuple[str, ...]
    #: Labels of a metadata line, table row or front-matter key that hold it.
    keys: tuple[str, ...]
    colour: str | None = None
    #: Every phrase of it in each other language, the one archlog writes first (``fr`` →
    #: ``Remplacé par``; ``zh`` → ``被…取代``, …).
    said: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def phrase_in(self, language: str) -> str:
        """How ``language`` writes it (English where the vocabulary has no words for it)."""
        return self.said[language][0] if language in self.said else self.phrase


@functools.cache
def _data() -> dict[str, Any]:
    with _DATA.open("rb") as fh:
        data: dict[str, Any] = tomllib.load(fh)
    return data


def table(kind: str) -> Mapping[str, Any]:
    """One table of ``words.toml`` as it is (``status``, ``field``, ``section`` …)."""
    data: Mapping[str, Any] = _data()[kind]
    return data


@functools.cache
def languages() -> tuple[str, ...]:
    """The languages of the vocabulary, English first."""
    return tuple(_data()["languages"])


# ------------------------------------------------------------------ statuses


@functools.cache
def status_phrases() -> Mapping[str, str]:
    """Every way of writing a status (folded) → the normalised status."""
    out: dict[str, str] = {}
    for status in STATUSES:
        for word in _words("status", status):
            out.setdefault(fold(word), status)
    return out


def status_word(status: str, language: str = "en") -> str:
    """How ``language`` writes ``status`` (its first word there, else English's)."""
    table = _data()["status"].get(status, {})
    words = table.get(language) or table.get("en") or [status]
    return str(words[0])


# ------------------------------------------------------------------ fields


@functools.cache
def _field_labels() -> Mapping[str, str]:
    out: dict[str, str] = {}
    for name, table in _data()["field"].items():
        for language in languages():
            for word in table.get(language, []):
                out.setdefault(fold(word), name)
    for rel in relation_types().values():
        for key in rel.keys:
            out.setdefault(fold(key), rel.name)
    out.setdefault("links", "links")
    return out


def field_of(label: str) -> str | None:
    """The field a metadata label, table key, front-matter key or section heading names:
    ``status``, ``date``, ``updated``, ``deciders``, ``authors``, ``consulted``,
    ``informed``, ``tags``, ``category``, ``title``, ``number``, ``id``, a relation type, or
    ``links``; None for any other label."""
    return _field_labels().get(fold(label.strip().strip("*_: ")))


@functools.cache
def plain_labels() -> frozenset[str]:
    """Labels a plain ``Label: value`` line may use (folded): those of fields marked
    ``plain`` and the relation keys — a plain line with another label is prose."""
    out: set[str] = set()
    for table in _data()["field"].values():
        if table.get("plain"):
            for language in languages():
                out.update(fold(w) for w in table.get(language, []))
    for rel in relation_types().values():
        out.update(fold(k) for k in rel.keys)
    return frozenset(out)


def field_label(name: str, language: str = "en") -> str:
    """How ``language`` labels field ``name`` (``Status``, ``Estado``, ``状态``)."""
    table = _data()["field"].get(name, {})
    words = table.get(language) or table.get("en") or [name]
    word = str(words[0])
    return word[:1].upper() + word[1:]


PEOPLE_FIELDS = ("deciders", "consulted", "informed", "authors")
LIST_FIELDS = (*PEOPLE_FIELDS, "tags")


# ------------------------------------------------------------------ sections


@functools.cache
def _section_words() -> Mapping[str, str]:
    out: dict[str, str] = {}
    for concept, table in _data()["section"].items():
        for language in languages():
            for word in table.get(language, []):
                out.setdefault(fold(word), concept)
    return out


def section_of(heading: str) -> str | None:
    """What a section holds, by its heading: ``context``, ``decision``, ``consequences``,
    ``alternatives``, ``drivers``, ``rationale``, ``confirmation``, ``links`` — or None."""
    return _section_words().get(fold(heading.strip().rstrip(":").strip()))


def section_heading(concept: str, language: str = "en") -> str:
    """How ``language`` heads the section ``concept``."""
    table = _data()["section"].get(concept, {})
    words = table.get(language) or table.get("en") or [concept]
    word = str(words[0])
    return word[:1].upper() + word[1:]


@functools.cache
def never_titles() -> frozenset[str]:
    """Headings that are never a record's title (folded): every field label and section
    heading but the few that also name real records (``Overview``)."""
    allowed = {fold(w) for w in _data()["titles"]["may_be"]}
    words = set(_field_labels()) | set(_section_words())
    return frozenset(w for w in words if w not in allowed)


# ------------------------------------------------------------------ relations


#: Where a phrase's references go, in a phrase that holds them (``被…取代``).
GAP = "…"
#: The colons a key or a phrase ends with: ASCII and full-width (``取代：``).
COLONS = (":", "：")


@functools.cache
def relation_types() -> Mapping[str, RelationType]:
    """Every built-in relation type by name."""
    out: dict[str, RelationType] = {}
    for item in _data()["relation"]:
        said = {
            str(k): tuple(str(p) for p in ([v] if isinstance(v, str) else v))
            for k, v in item.get("say", {}).items()
        }
        spoken = [p.casefold() for phrases in said.values() for p in phrases]
        out[item["name"]] = RelationType(
            name=item["name"],
            inverse=item["inverse"],
            active=bool(item["active"]),
            phrase=item["phrase"],
            # what it is written as in every language is read too, with and without accents
            reads=tuple(
                dict.fromkeys([*item["reads"], *spoken, *(fold(p) for p in spoken if GAP not in p)])
            ),
            keys=tuple(item["keys"]),
            colour=item.get("colour"),
            said=said,
        )
    return out


@functools.cache
def relation_phrases() -> Mapping[str, str]:
    """Every phrase that states a relation (lower case, single spaces) → its type."""
    out: dict[str, str] = {}
    for rel in relation_types().values():
        for phrase in rel.reads:
            out.setdefault(" ".join(phrase.lower().split()), rel.name)
    return out


def custom_type(words: str) -> str:
    """``Extended by`` → ``extended-by``: the type name of a relation phrase not built in."""
    return "-".join(words.casefold().replace("_", " ").split())


def inverses(custom: Mapping[Any, Any] | None = None) -> dict[str, str]:
    """Every relation type with its inverse: the built-in ones and configured pairs
    (``[tool.archlog.relations]``, e.g. ``extends = "extended-by"``)."""
    pairs = {rel.name: rel.inverse for rel in relation_types().values()}
    for a, b in (custom or {}).items():
        a_, b_ = custom_type(str(a)), custom_type(str(b))
        pairs[a_], pairs[b_] = b_, a_
    return pairs


def relation_phrase(type_: str, language: str = "en") -> str:
    """The words of a relation type in ``language``: ``superseded-by`` → ``Superseded by``
    (``fr``: ``Remplacé par``); a type not built in is named by its own words."""
    rel = relation_types().get(type_)
    if rel is None:
        return type_.replace("-", " ").capitalize()
    return rel.phrase_in(language)


def passive_types(custom: Mapping[Any, Any] | None = None) -> dict[str, str]:
    """Relation types drawn from the other side, each with the active type it turns into
    (``superseded-by`` → ``supersedes``); configured pairs: the value is the passive side."""
    out = {r.name: r.inverse for r in relation_types().values() if not r.active}
    for a, b in (custom or {}).items():
        out[custom_type(str(b))] = custom_type(str(a))
    return out


def symmetric_types() -> frozenset[str]:
    """Relation types that are their own inverse (``relates-to``)."""
    return frozenset(r.name for r in relation_types().values() if r.inverse == r.name)


# ------------------------------------------------------------------ dates and placeholders


@functools.cache
def months() -> Mapping[str, int]:
    """Month names and abbreviations (folded) → month number."""
    out: dict[str, int] = {}
    for number, words in _data()["months"].items():
        for word in words:
            out.setdefault(fold(word), int(number))
    return out


@functools.cache
def placeholders() -> frozenset[str]:
    """Field values a template leaves in place of a real one (folded)."""
    return frozenset(fold(w) for w in _data()["placeholders"]["words"])


def _words(kind: str, name: str) -> list[str]:
    table = _data()[kind].get(name, {})
    out: list[str] = []
    for language in languages():
        out.extend(str(w) for w in table.get(language, []))
    return out
