"""The one way inference counts: the most common answer wins."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


def most(values: Iterable[T], default: T) -> T:
    """The most common value (the first seen among equals), else ``default``."""
    counter = Counter(values)
    return counter.most_common(1)[0][0] if counter else default
