"""Relation phrases of scripts written without spaces between words, read without them.

Such a line has no first word to look up: it opens with the phrase itself, and then an
optional colon (``取代：ADR-0003``, ``被取代：[ADR-0005](0005-x.md)``, ``* 关联 [2. Y](…)``);
or the phrase holds the references where its ``…`` stands (``被 ADR-0005 取代``, ``ADR-0005
により置き換え``), and only references may stand there. The phrases are the vocabulary's
(``say`` in ``words.toml``); a phrase is of such a script when it holds a wide character.
Only lines that are not all ASCII are looked at, each for a bounded stretch: string
comparisons and searches, no pattern.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable

from archlog.conventions.vocabulary import GAP, relation_phrases

#: How far past the phrase's start its closing words are looked for (the references between).
_MIDDLE = 600
_COLONS = ":："


def unspaced(phrase: str) -> bool:
    """Whether ``phrase`` is of a script written without spaces: it holds a wide character
    (ideographs, kana, full-width forms)."""
    return any(unicodedata.east_asian_width(ch) in "WF" for ch in phrase)


def _wide_letter(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF" and unicodedata.category(ch)[0] == "L"


#: ``(head, tail, type)``: a phrase's words before and after its references (no tail: the
#: references follow it).
_Phrase = tuple[str, str, str]


@functools.cache
def _phrases() -> tuple[dict[str, tuple[_Phrase, ...]], dict[str, tuple[_Phrase, ...]]]:
    """The phrases written without spaces by the first character of their head, the longest
    head first; and those that open with their references (no head) by the first character
    of their tail, the longest tail first."""
    heads: dict[str, list[_Phrase]] = {}
    tails: dict[str, list[_Phrase]] = {}
    for phrase, type_ in relation_phrases().items():
        if not unspaced(phrase):
            continue
        head, _gap, tail = (part.strip() for part in phrase.partition(GAP))
        if head:
            heads.setdefault(head[0], []).append((head, tail, type_))
        elif tail:
            tails.setdefault(tail[0], []).append(("", tail, type_))
    longest = {
        ch: sorted(found, key=lambda p: (-len(p[0]), -len(p[1]))) for ch, found in heads.items()
    }
    by_tail = {ch: sorted(found, key=lambda p: -len(p[1])) for ch, found in tails.items()}
    return {ch: tuple(p) for ch, p in longest.items()}, {ch: tuple(p) for ch, p in by_tail.items()}


def phrase_at(
    line: str, pos: int, only_references: Callable[[str], bool]
) -> tuple[str, int, int, int, int] | None:
    """The relation phrase written without spaces that ``line`` opens with at ``pos``: its
    type, where it starts and ends, and where the references it states start and end.
    ``only_references`` says whether a phrase's ``…`` holds records and nothing else."""
    heads, tails = _phrases()
    for head, tail, type_ in heads.get(line[pos : pos + 1].lower(), ()):
        after = pos + len(head)
        if line[pos:after].lower() != head:
            continue
        if tail:
            at = _closing(line, after, tail, only_references)
            if at is not None:
                return type_, pos, at + len(tail), after, at
            continue
        end = _past_colon(line, after)
        if end == after and after < len(line) and _wide_letter(line[after]):
            continue  # the phrase runs on into a longer word (替代方案: alternatives)
        return type_, pos, end, end, len(line)
    for first, group in tails.items():  # a few characters open every tail: any in the line?
        if line.find(first, pos, pos + _MIDDLE) < 0:
            continue
        for _head, tail, type_ in group:
            at = _closing(line, pos, tail, only_references)
            if at is not None:
                return type_, pos, at + len(tail), pos, at
    return None


def _closing(
    line: str, start: int, tail: str, only_references: Callable[[str], bool]
) -> int | None:
    """Where ``tail`` closes a phrase whose references start at ``start``."""
    at = line.find(tail, start, start + _MIDDLE + len(tail))
    if at <= start or not only_references(line[start:at]):
        return None
    return at


def _past_colon(line: str, end: int) -> int:
    """Past the colon that may follow a phrase (``取代：``, ``取代 :``), else ``end``."""
    at = end
    while at < min(len(line), end + 3) and line[at] == " ":
        at += 1
    return at + 1 if at < len(line) and line[at] in _COLONS else end
