"""Status words: the many ways records spell a status, mapped to one of
:data:`~archlog.conventions.vocabulary.STATUSES`.

``normalise_status`` maps what a record says (``**Implemented** (July 2026)``,
``⌛️ Superseded [0019](…)``, ``Approved``, ``Superceded by …``, ``Aceito``, ``通过``,
``2020-03-25 accepted``…) to one status. The leading word or phrase decides: case,
emphasis, emoji and variation selectors, accents, a leading date and trailing text are
ignored; small misspellings of long words are tolerated. A template's choice between
statuses (``Accepted or Rejected``, ``Proposed | Accepted``, ``提议/通过/完成``) states
none (:func:`is_status_choice`); anything else unplaceable is ``unknown``.
"""

from __future__ import annotations

import functools
import re

from archlog.conventions.vocabulary import STATUSES, fold, status_phrases

VOCABULARY = STATUSES
#: How much of a status is looked at.
_LIMIT = 200

_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_]|[*_](?!\w)|`")
_LEADING_JUNK = re.compile(r"^[^\w\[]+")
_LEADING_DATE = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ \t:,-]*")
_TOKEN = re.compile(r"[a-z']+")
_COLON = re.compile(r"[:：]")
_CHOICE_SPLIT = re.compile(r"\s*(?:\||/|,|\bor\b|\bou\b|\bo\b|\boder\b|或)\s*", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def clean_status_text(raw: str) -> str:
    """The status as written, for display: emphasis, code and quote markers and outer
    whitespace removed."""
    text = raw[:_LIMIT].strip()
    while text.startswith(">"):
        text = text[1:].strip()
    return " ".join(_EMPHASIS.sub("", text).split())


@functools.cache
def _cjk_phrases() -> tuple[tuple[str, str], ...]:
    """Status words not written in Latin letters, longest first (matched as prefixes)."""
    found = [(p, s) for p, s in status_phrases().items() if not p.isascii()]
    return tuple(sorted(found, key=lambda item: -len(item[0])))


def _cjk_status(cleaned: str) -> str | None:
    """The status a text opens with in words not written in Latin letters (``通过``)."""
    for phrase, status in _cjk_phrases():
        if cleaned.startswith(phrase):
            return status
    return None


@functools.cache
def _max_words() -> int:
    return max(len(p.split()) for p in status_phrases())


@functools.cache
def _long_words() -> tuple[str, ...]:
    return tuple(
        sorted(p for p in status_phrases() if " " not in p and p.isascii() and len(p) >= 7)
    )


def _close(word: str, candidate: str) -> bool:
    """Edit distance ≤ 1 (≤ 2 for words of nine letters or more), early exit."""
    limit = 2 if len(candidate) >= 9 else 1
    if abs(len(word) - len(candidate)) > limit:
        return False
    prev = list(range(len(candidate) + 1))
    for i, a in enumerate(word, 1):
        cur = [i]
        for j, b in enumerate(candidate, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a != b)))
        if min(cur) > limit:
            return False
        prev = cur
    return prev[-1] <= limit


@functools.lru_cache(maxsize=4096)
def is_status_choice(text: str) -> bool:
    """Whether a status names several statuses to choose from — a template's line
    (``Accepted or Rejected``, ``[proposed | accepted]``, ``提议/通过/完成``)."""
    cleaned = clean_status_text(text)
    if "：" in cleaned[:12] or (":" in cleaned[:12] and "/" in cleaned):  # a legend: "列表：…"
        cleaned = _COLON.split(cleaned, maxsplit=1)[-1]
    cleaned = cleaned.strip("[]{}()<> ")
    parts = [p for p in _CHOICE_SPLIT.split(cleaned) if p.strip()]
    if len(parts) < 2:
        return False
    known = [p for p in parts if _lookup(p) != "unknown"]
    return len(known) >= 2 and len(known) >= len(parts) - 1


@functools.lru_cache(maxsize=4096)
def normalise_status(text: str) -> str:
    """One status of the vocabulary for a status as written (``unknown`` if unplaceable,
    or when it offers a choice of several)."""
    if not text or not text.strip():
        return "unknown"
    if is_status_choice(text):
        return "unknown"
    return _lookup(clean_status_text(text))


def _lookup(cleaned: str) -> str:
    cleaned = _LEADING_DATE.sub("", cleaned.strip())
    cleaned = _LEADING_JUNK.sub("", cleaned)
    if cleaned.startswith("["):  # "[draft]" or "[0019](…)": look inside the brackets
        cleaned = cleaned[1:]
    if not cleaned:
        return "unknown"
    if not cleaned[:1].isascii():
        status = _cjk_status(cleaned)
        if status is not None:
            return status
    folded = fold(cleaned[:80])
    tokens = _TOKEN.findall(folded)
    if not tokens:
        return "unknown"
    phrases = status_phrases()
    for size in range(min(_max_words(), len(tokens)), 0, -1):
        found = phrases.get(" ".join(tokens[:size]))
        if found:
            return found
    first = tokens[0]
    if first in ("status", "state", "estado", "statut", "stand"):
        rest = cleaned.split(None, 1)
        return _lookup(rest[1]) if len(rest) > 1 else "unknown"
    if len(first) >= 7:
        for candidate in _long_words():
            if _close(first, candidate):
                return phrases[candidate]
    return "unknown"
