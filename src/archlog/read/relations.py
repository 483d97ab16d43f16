"""Relations between records: the phrases that state them and the references they name.

Relations are written in many ways — a link line in a Status section
(``Superseded by [3. X](0003-x.md)``, adr-tools' misspelt ``Superceded by``), a phrase inside
a status text (``accepted; supersedes ADR-0045``), a ``Supersedes: ADR-0003`` line in a
Related section, a front-matter key. This module finds the phrase, maps it to a relation
type, and resolves every reference that follows it to a record number (or, for records that
have none, the file stem that identifies them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from archlog.read.names import parse_name

#: Phrase (lower case, single spaces) → relation type. Longest phrases are tried first.
PHRASES: dict[str, str] = {
    "superseded by": "superseded-by", "superceded by": "superseded-by",
    "supersceded by": "superseded-by", "replaced by": "superseded-by",
    "partly superseded by": "superseded-by", "partially superseded by": "superseded-by",
    "superseded": "superseded-by", "superceded": "superseded-by",
    "supersedes": "supersedes", "supercedes": "supersedes", "replaces": "supersedes",
    "amended by": "amended-by", "amends": "amends",
    "clarified by": "clarified-by", "clarifies": "clarifies",
    "relates to": "relates-to", "related to": "relates-to", "related": "relates-to",
    "see also": "relates-to",
}  # fmt: skip

_PHRASE_ALT = "|".join(
    re.escape(p).replace(r"\ ", r"\s+") for p in sorted(PHRASES, key=len, reverse=True)
)
# Anchored: a line that starts (after bullets, emphasis and emoji) with a relation phrase.
_ANCHORED = re.compile(
    r"^[\s>*+\-]*(?:[^\w\s\[(]\ufe0f?\s*)*(?:\*\*|__)?"
    r"(?:this\s+(?:adr|decision|record)\s+(?:also\s+)?|it\s+)?(?P<phrase>" + _PHRASE_ALT + r")\b",
    re.IGNORECASE,
)
# Inline: a phrase anywhere, after a word boundary (``accepted; supersedes ADR-0045``).
_INLINE = re.compile(r"(?<![\w-])(?P<phrase>" + _PHRASE_ALT + r")\b", re.IGNORECASE)
# A custom link line as adr-tools writes it: ``Extended by [4. Title](0004-title.md)``.
_CUSTOM = re.compile(
    r"^[\s*+\-]*(?P<words>[A-Za-z][A-Za-z ]{1,40}?)\s*:?\s+(?=\[[^\]]*\]\([^)]+\.md\))"
)

_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<href>[^)\s]+)[^)]*\)")
_MENTION = re.compile(r"\bADR[-\s_#]*(?P<num>\d+)(?:-(?P<sub>\d+)\b)?", re.IGNORECASE)
_BARE = re.compile(r"^[\s:*_\-–—]*(?:#|no\.?\s*|number\s+)?(?P<num>\d{1,6})\b", re.IGNORECASE)
_NUMBERED_TEXT = re.compile(r"^\s*(?P<num>\d+)[.:)]?(?:\s|$)")
_SPACES = re.compile(r"\s+")


def phrase_type(phrase: str) -> str | None:
    return PHRASES.get(_SPACES.sub(" ", phrase.strip().casefold()))


def custom_type(words: str) -> str:
    """``Extended by`` → ``extended-by``: the type name of a relation phrase not built in."""
    return "-".join(words.casefold().split())


def targets_in(text: str) -> list[int | str]:
    """Every record reference in ``text``: Markdown links to record files, ``ADR-12``
    mentions, or a bare number right at the start (``Supersedes: 3``)."""
    found: list[int | str] = []
    consumed: list[tuple[int, int]] = []
    for m in _LINK.finditer(text):
        consumed.append(m.span())
        target = _link_target(m.group("text"), m.group("href"))
        if target is not None and target not in found:
            found.append(target)
    for m in _MENTION.finditer(text):
        if any(a <= m.start() < b for a, b in consumed):
            continue
        num = int(m.group("num"))
        if num not in found:
            found.append(num)
    if not found:
        bare = _BARE.match(text)
        if bare:
            found.append(int(bare.group("num")))
    return found


def _link_target(text: str, href: str) -> int | str | None:
    href = href.split("#", 1)[0]
    if "://" in href or href.startswith("mailto:"):
        mention = _MENTION.search(text)
        return int(mention.group("num")) if mention else None
    name = href.rsplit("/", 1)[-1]
    if name.lower().endswith(".md"):
        info = parse_name(name[:-3])
        if info is not None:
            return info.number if info.number is not None else info.id
    mention = _MENTION.search(text) or _NUMBERED_TEXT.match(text)
    return int(mention.group("num")) if mention else None


def line_relations(line: str, *, allow_custom: bool = False) -> Iterator[tuple[str, int | str]]:
    """Relations stated by a line that *starts* with a relation phrase (Status/Related lines).

    With ``allow_custom``, any ``Words [N. Title](file.md)`` line is a relation whose type is
    named after its words (adr-tools' ``-l "Extends:Extended by"`` links).
    """
    m = _ANCHORED.match(line)
    if m:
        type_ = phrase_type(m.group("phrase"))
        if type_:
            for target in targets_in(line[m.end() :]):
                yield type_, target
            return
    if allow_custom:
        c = _CUSTOM.match(line)
        if c:
            for target in targets_in(line[c.end() :]):
                yield custom_type(c.group("words")), target


def inline_relations(text: str) -> Iterator[tuple[str, int | str]]:
    """Relations stated anywhere inside a status text (``accepted; supersedes ADR-0045``)."""
    matches = list(_INLINE.finditer(text))
    for i, m in enumerate(matches):
        type_ = phrase_type(m.group("phrase"))
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        if type_:
            for target in targets_in(text[m.end() : end]):
                yield type_, target


def front_matter_relations(key_field: str, value: Any) -> Iterator[tuple[str, int | str]]:
    """Relations from a front-matter value: a reference, a list of them, or ``links`` entries
    (``[{target, kind}]`` / ``[{type, target}]``)."""
    if key_field == "links":
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                kind = str(item.get("kind") or item.get("type") or "relates-to")
                type_ = phrase_type(kind) or custom_type(kind.replace("_", " "))
                yield from ((type_, t) for t in _value_targets(item.get("target")))
        return
    for target in _value_targets(value):
        yield key_field, target


def _value_targets(value: Any) -> list[int | str]:
    if value is None or isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [value]
    if isinstance(value, list):
        out: list[int | str] = []
        for item in value:
            out.extend(_value_targets(item))
        return out
    text = str(value)
    found = targets_in(text)
    if not found:
        info = parse_name(text.strip().removesuffix(".md").rsplit("/", 1)[-1])
        if info is not None:
            found = [info.number if info.number is not None else info.id]
    return found
