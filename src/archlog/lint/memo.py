"""The last lint report of a folder, kept with a key of everything it was computed from.

Rules across records (links, duplicates, reciprocal relations, the README index) depend on
other files, so the per-record findings cache cannot answer for them. This memo can: its key
covers every record file's content digest, every name the folder lists (link targets and file
names), the README's bytes, the configuration, the rules asked for, and — through the cache's
salt — archlog's code, the convention, the lint settings, the templates and today's date. A
link that leaves the folder was answered by the file system: the memo keeps those answers and
asks again before it is trusted. Any difference, and lint runs in full.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from archlog.lint.model import Finding
from archlog.names import INDEX_FILE_NAMES

if TYPE_CHECKING:
    from archlog.cache import ParseCache
    from archlog.lint.context import Context


class ReportMemo:
    def __init__(self, cache: ParseCache, key: bytes, paths: dict[str, Path]):
        self.cache = cache
        self.key = key
        self.paths = paths

    @classmethod
    def open(cls, ctx: Context, salt: str, only: Sequence[str]) -> ReportMemo | None:
        """The memo of this folder, keyed on what the report depends on (None when a record
        has no content digest: the parse cache is off)."""
        from archlog.cache import ParseCache

        repo = ctx.repo
        h = hashlib.sha256()
        paths: dict[str, Path] = {}
        for record in ctx.records:
            digest = record.__dict__.get("_digest")
            if digest is None:
                return None
            name = str(record.path)
            paths.setdefault(name, record.path)
            h.update(f"{name}\0{record.entry or ''}\0".encode())
            h.update(digest)
        listed = repo.scan_folder().listed
        h.update("\0".join(sorted(listed)).encode())
        for name in INDEX_FILE_NAMES:  # the index rule reads one of them
            if name in listed:
                try:
                    data = (repo.folder / name).read_bytes()
                except OSError:
                    return None
                h.update(f"\0{name}\0{len(data)}\0".encode() + data)
        settings = [repo.config.values, sorted(only)]
        h.update(json.dumps(settings, sort_keys=True, default=str).encode())
        place = repo.log_file or repo.folder
        cache = ParseCache(place.resolve(), repo.folder, kind="lint-report", salt=salt)
        return cls(cache, h.digest()[:16], paths)

    def findings(self) -> list[Finding] | None:
        """The findings kept for this key, if the file system still answers as it did."""
        hit = self.cache.get("report", self.key)
        if hit is None:
            return None
        rows, asked = hit
        if any(os.path.exists(path) != bool(existed) for path, existed in asked):
            return None
        paths = self.paths  # the records' own Path objects: making 10,000 anew costs more
        return [Finding(rule, severity, paths.get(path) or Path(path), line, message, col)
                for rule, severity, path, line, message, col in rows]  # fmt: skip

    def keep(self, findings: Iterable[Finding], asked: Iterable[tuple[str, bool]]) -> None:
        rows = [(f.rule, f.severity, str(f.path), f.line, f.message, f.col) for f in findings]
        self.cache.put("report", self.key, (rows, sorted(set(asked))))
        self.cache.save(prune=True)
