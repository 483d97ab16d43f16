"""archlog: Architecture Decision Records for every convention in the wild.

The package root stays import-light so that ``archlog --version`` is instant; the public
API lives in :mod:`archlog.api` and is re-exported lazily.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from archlog.version import __version__

if TYPE_CHECKING:
    from archlog.api import Repository
    from archlog.model import Record, Relation, Span

__all__ = ["Record", "Relation", "Repository", "Span", "__version__"]


def __getattr__(name: str) -> Any:
    if name in {"Record", "Relation", "Span"}:
        from archlog import model

        return getattr(model, name)
    if name == "Repository":
        from archlog.api import Repository

        return Repository
    raise AttributeError(name)
