"""One record file as read: what :mod:`archlog.read.loading` hands the parsers."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from archlog.model import NameInfo


class Content(NamedTuple):
    """One record file as read: its path, its key in the folder (its path relative to the
    folder), its bytes (None: not kept, read again if its records are not in the parse
    cache) and content key (None when the caches are off), and what its name says."""

    path: Path
    name: str
    data: bytes | None
    key: bytes | None
    info: NameInfo | None = None
    area: str | None = None
