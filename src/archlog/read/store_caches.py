"""The caches of one store: the parse cache of its folder and the side caches of what is
derived from its files, named after the folder (or log file); whether the settled folder was
kept before."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from archlog.errors import ArchlogError
from archlog.read.cache import ParseCache
from archlog.read.store_part import StorePart


class StoreCaches(StorePart):
    """Where the store's caches are, and whether they are on."""

    @cached_property
    def parse_cache(self) -> ParseCache | None:
        """The content-keyed parse cache of this folder, unless turned off."""
        from archlog.read import cache

        if not cache.enabled(self.config.values.get("cache", True)):
            return None
        problem = cache.problem()
        if problem is not None:
            self.warnings.append(ArchlogError(problem, cache.cache_dir()))
            return None
        return cache.ParseCache(self._place, self.folder)

    def side_cache(self, kind: str, salt: str) -> ParseCache | None:
        """A cache of results derived from this folder's files (lint's findings, the
        export, the site's pages), salted with what else they depend on; on only when the
        parse cache is."""
        if self.parse_cache is None:
            return None
        return ParseCache(self._place, self.folder, kind=kind, salt=salt)

    @cached_property
    def _place(self) -> Path:
        """What the caches are named after: the folder, or the log file."""
        return (self.log_file or self.folder).resolve()

    def _settled_kept(self) -> bool:
        """Whether the settled folder was kept before (so its files' records are expected
        from the caches, and their bytes need not be held while all are read)."""
        memo = self._memo_cache
        return memo is not None and memo.file.is_file()
