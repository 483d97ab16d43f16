"""What a section heading names, by the vocabulary — looked up once per heading as written:
a folder's records repeat the same few (``Status``, ``Context``, ``Decision`` …)."""

from __future__ import annotations

import functools
from typing import NamedTuple

from archlog.conventions.vocabulary import field_of, section_of


class HeadingWords(NamedTuple):
    """A heading's meanings: the field it names (:func:`field_of`) and what its section
    holds (:func:`section_of`)."""

    field: str | None
    concept: str | None


@functools.lru_cache(maxsize=4096)
def heading_words(heading: str) -> HeadingWords:
    """What ``heading`` names (see :class:`HeadingWords`)."""
    return HeadingWords(field_of(heading), section_of(heading))
