"""The last lint report of a folder, kept with a key of everything it was computed from.

Rules across records (links, duplicates, reciprocal relations, the README index) depend on
other files, so the per-record findings cache cannot answer for them. This memo can: its key
covers every record file's name and content (:meth:`Store.contents_key`), every name
the folder lists (link targets and file names), the README's bytes, the folder's own
template, the configuration (lint's settings, the convention) and the rules asked for; its
salt, archlog's code and built-in templates and today's date. The convention is not in the
key: it is inferred from what is. A link that leaves the folder was answered by the file
system: the memo keeps those answers and asks again before it is trusted. Any difference,
and lint runs in full.

The key is made from the files' bytes before any is parsed, so a report that still holds
costs reading the files, not parsing them; the warnings reading gave are kept with it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from archlog.errors import ReadError
from archlog.features.lint.findings import Finding
from archlog.read.names import INDEX_FILE_NAMES, OWN_TEMPLATE

if TYPE_CHECKING:
    from archlog.read.cache import ParseCache
    from archlog.read.store import Store


class Kept(NamedTuple):
    findings: list[Finding]
    records: int


class ReportMemo:
    def __init__(self, repo: Store, cache: ParseCache, key: bytes):
        self.repo = repo
        self.cache = cache
        self.key = key
        self._warned = len(repo.warnings)

    @classmethod
    def open(cls, repo: Store, only: Sequence[str], today: str) -> ReportMemo | None:
        """The memo of this folder, keyed on what the report depends on (None when the
        caches are off or a record file could not be read)."""
        from archlog.infra.fs import MAX_RECORD_BYTES, read_regular
        from archlog.read.cache import code_digest

        files = repo.contents_key()
        if files is None:
            return None
        h = hashlib.sha256(files)
        listed = repo.scan_folder().listed
        h.update("\0".join(sorted(listed)).encode("utf-8", "surrogateescape"))
        own = [repo.folder / name for name in INDEX_FILE_NAMES if name in listed]
        from archlog.read.index_file import index_path

        index = index_path(repo.folder, repo.config)  # a configured one: dates, staleness
        if index not in own:
            own.append(index)
        own.append(repo.folder / OWN_TEMPLATE)  # what a record may still hold
        for path in own:
            try:
                data = read_regular(path, MAX_RECORD_BYTES)
            except FileNotFoundError:
                data = b"\0missing"
            except OSError:
                return None
            h.update(f"\0{path.name}\0{len(data)}\0".encode() + data)
        settings = [repo.config.values, sorted(only)]
        h.update(json.dumps(settings, sort_keys=True, default=str).encode())
        cache = repo.side_cache("lint-report", f"{code_digest()}-{today}")
        return cls(repo, cache, h.digest()[:16]) if cache is not None else None

    def report(self) -> Kept | None:
        """The findings kept for this key, if the file system still answers as it did (the
        warnings reading gave are the repository's again)."""
        hit = self.cache.get("report", self.key)
        if hit is None:
            return None
        rows, asked, records, warnings = hit
        if any(os.path.exists(path) != bool(existed) for path, existed in asked):
            return None
        self.repo.warnings += [ReadError(msg, path, line) for msg, path, line in warnings]
        paths = {str(item.path): item.path for item in self.repo.contents()}  # made already
        findings = [
            Finding(rule, severity, paths.get(name) or Path(name), line, message, col)
            for rule, severity, name, line, message, col in rows
        ]
        return Kept(findings, records)

    def keep(
        self, findings: Iterable[Finding], asked: Iterable[tuple[str, bool]], records: int
    ) -> None:
        rows = [(f.rule, f.severity, str(f.path), f.line, f.message, f.col) for f in findings]
        warnings = [(w.message, w.path, w.line) for w in self.repo.warnings[self._warned :]]
        self.cache.put("report", self.key, (rows, sorted(set(asked)), records, warnings))
        self.cache.save(prune=True)
