"""The API's argument types, and the checks of what a caller gives."""

from __future__ import annotations

import datetime
from typing import Literal

from archlog.errors import UsageError

#: What :meth:`~archlog.api.Repository.export` writes: archlog JSON, JSON-ADR v1 or CSV.
ExportFormat = Literal["json", "jsonadr", "csv"]
#: What :meth:`~archlog.api.Repository.graph` draws: Mermaid or Graphviz DOT.
GraphFormat = Literal["mermaid", "dot"]


def iso_date(value: datetime.date | str | None, what: str) -> str | None:
    """A full date as ISO text; a string must be one already (``YYYY-MM-DD``)."""
    if value is None or isinstance(value, str):
        if isinstance(value, str):
            from archlog.read.dates import is_iso_date

            if not is_iso_date(value):
                raise UsageError(f"{what} {value!r} is not a date as YYYY-MM-DD")
        return value
    return value.isoformat()


def partial_date(value: datetime.date | str | None) -> str | None:
    """A filter's date as ISO text: a date, or a partial one as given (``2024``, ``2024-03``)."""
    return value.isoformat() if isinstance(value, datetime.date) else value


def area_path(value: str | None) -> str | None:
    """An area as ``new`` takes it: a sub-folder's path inside the ADR folder."""
    if value is None:
        return None
    parts = [p for p in value.replace("\\", "/").split("/") if p]
    if not parts or any(p in (".", "..") or p.startswith(".") for p in parts):
        raise UsageError(f"--area {value!r} is not a sub-folder of the ADR folder")
    return "/".join(parts)
