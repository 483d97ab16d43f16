"""What the parts of the store (:mod:`~archlog.read.sampling`, :mod:`~archlog.read.refs`,
:mod:`~archlog.read.folder_memo`) may use of it, declared once for the type checker: the
store itself (:class:`~archlog.read.store.Store`) provides every one."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archlog.errors import ArchlogError
    from archlog.infra.config import Config
    from archlog.model import Record
    from archlog.read.cache import ParseCache
    from archlog.read.content import Content
    from archlog.read.layout import Listing, Source
    from archlog.read.settle import Settled


class StorePart:
    """A part of the store: declares what it uses of the whole."""

    if TYPE_CHECKING:
        folder: Path
        config: Config
        log_file: Path | None
        warnings: list[ArchlogError]
        _lines: dict[int, str]
        _digests: dict[Path, bytes]
        _settled: Settled | None

        @property
        def records(self) -> list[Record]: ...
        @property
        def listing(self) -> Listing: ...
        @property
        def is_log(self) -> bool: ...
        @property
        def parse_cache(self) -> ParseCache | None: ...
        @property
        def _memo_cache(self) -> ParseCache | None: ...
        def _settled_kept(self) -> bool: ...
        def read(self, path: str | Path) -> bytes: ...
        def contains(self, path: str | Path) -> bool: ...
        def json_line(self, record: Record) -> str: ...
        def side_cache(self, kind: str, salt: str) -> ParseCache | None: ...
        def template_path(self) -> Path | None: ...
        def _load(
            self, sources: Iterable[Source], *, warn: bool = True, keep: bool | None = None
        ) -> Iterable[Content]: ...
