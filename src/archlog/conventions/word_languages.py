"""Which language a record is written in, from the words of its headings and status as
the vocabulary (:mod:`archlog.conventions.vocabulary`) lists them in each language."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Mapping

from archlog.conventions.vocabulary import fold, languages, table


def language_of(headings: Iterable[str], status: str = "") -> str | None:
    """The language a record's section headings (and status word) are written in: the one
    that writes the most of them — Spanish for ``Estado``, ``Contexto``, ``Consecuencias``,
    though Portuguese writes the first two too; among equals, the vocabulary's order
    (English first)."""
    votes: Counter[str] = Counter()
    for heading in headings:
        votes.update(_heading_language_sets().get(fold(heading.strip().rstrip(":").strip()), ()))
    if status:
        votes.update(_status_language_sets().get(fold(status), ()))
    if not votes:
        return None
    order = {language: i for i, language in enumerate(languages())}
    return max(votes, key=lambda lang: (votes[lang], -order.get(lang, 99)))


def _heading_language_sets() -> Mapping[str, tuple[str, ...]]:
    """Each section heading and field label (folded) → every language that writes it."""
    return _language_sets(("section", "field"))


def _status_language_sets() -> Mapping[str, tuple[str, ...]]:
    """Each status word (folded) → every language that writes it."""
    return _language_sets(("status",))


@functools.cache
def _language_sets(kinds: tuple[str, ...]) -> Mapping[str, tuple[str, ...]]:
    """Each word (folded) of the vocabulary's ``kinds`` of table → every language that
    writes it, in the vocabulary's order."""
    out: dict[str, dict[str, None]] = {}
    for kind in kinds:
        for words_of in table(kind).values():
            for language in languages():
                for word in words_of.get(language, []):
                    out.setdefault(fold(word), {})[language] = None
    return {word: tuple(langs) for word, langs in out.items()}
