"""What the API knows without a folder.

The statuses, the relation types, the conventions, and the check of a listing's filters.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archlog.conventions.catalog import Convention


def statuses() -> list[str]:
    """The statuses a record may have, in lifecycle order (``unknown`` aside)."""
    from archlog.conventions.vocabulary import STATUSES

    return [s for s in STATUSES if s != "unknown"]


def relation_types(custom: dict[str, str] | None = None) -> list[str]:
    """Every relation type: the built-in ones and ``custom`` pairs (configuration's)."""
    from archlog.conventions.vocabulary import inverses

    return sorted(inverses(custom))


def conventions(cwd: str | os.PathLike[str] | None = None) -> list[Convention]:
    """The conventions ``archlog conventions`` lists, in its order.

    The built-in ones, then the repository's own (those its configuration, found from
    ``cwd``, describes).
    """
    from archlog.conventions.catalog import known
    from archlog.read.discovery import configuration

    return list(known(configuration(Path(cwd) if cwd is not None else None)).values())


def check_filters(
    status: Sequence[str] = (), since: str | None = None, until: str | None = None
) -> None:
    """Refuse unknown statuses and malformed dates of a listing's filters."""
    from archlog.features.listing import Filter

    Filter(tuple(status), (), since, until)
