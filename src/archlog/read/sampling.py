"""How a folder writes its records, learned from its newest ones and its template: the part
of :class:`~archlog.read.store.Store` that samples records and votes their dialect.

Records restored from the parse cache come without their details (sections, spans, trace);
the few that inference looks at get them here, from the trace the cache kept packed or by
reading their file again.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from archlog.errors import ArchlogError, ReadError
from archlog.model import Record
from archlog.read import loading
from archlog.read.settle import records_only
from archlog.read.store_part import StorePart

if TYPE_CHECKING:
    from archlog.conventions.catalog import Convention

#: An area with this many records or more has a dialect of its own (fewer: the folder's).
AREA_SAMPLE = 3
#: How many of the newest records a dialect is voted from.
NEWEST = 25


class Sampling(StorePart):
    """The store's newest records, its template, and the dialect voted from them."""

    def _template_titles(self) -> list[str]:
        record = self.template_record
        return [record.title] if record is not None and record.title else []

    @cached_property
    def template_record(self) -> Record | None:
        """The folder's template, read as a record (None when it has none)."""
        path = self.template_path()
        if path is None:
            return None
        from archlog.read.reader import decode, parse_file

        try:
            text, _bom = decode(self.read(path), path)
            records = parse_file(text, path)
        except (OSError, ArchlogError):
            return None
        return records[0] if records else None

    def template_path(self) -> Path | None:
        """The folder's own template, by any usual name or place (the configured one first)."""
        configured = self.config.path("template")
        if configured is not None and configured.is_file():
            return configured
        found = self.listing.templates
        return found[0] if found else None

    def _fill_in_template(self) -> bool:
        path = self.template_path()
        if path is None:
            return False
        try:
            text = self.read(path).decode("utf-8", errors="replace")
        except OSError:
            return False
        return "{{" in text or "{%" in text or any(w in text for w in ("NUMBER", "TITLE", "STATUS"))

    def detail(self, records: Iterable[Record]) -> None:
        """Give every record of ``records`` its details (sections, spans, trace), reading
        again the files of those restored from the parse cache."""
        from archlog.read.reader import decode, parse_file

        wanted: dict[Path, list[Record]] = {}
        for record in records:
            if not record.detailed:
                wanted.setdefault(record.path, []).append(record)
        names = self.listing.names_by_path
        for path, group in wanted.items():
            try:
                text, _bom = decode(self.read(path), path)
            except OSError as exc:
                raise ReadError(f"cannot read: {exc.strerror}", path) from None
            fresh = parse_file(text, path, name=names.get(path))
            for record in group:
                match = next((f for f in fresh if f.entry == record.entry), None)
                if match is None:
                    raise ReadError(
                        "changed while archlog was reading it; run the command again", path
                    )
                record.sections, record.spans = match.sections, match.spans
                record.trace = record.trace or match.trace
                record.styles = match.styles
                record.detailed = True

    def detailed(self, record: Record) -> Record:
        """``record`` with its details (see :meth:`detail`)."""
        self.detail([record])
        return record

    def sample(self, size: int = NEWEST) -> list[Record]:
        """The newest ``size`` records with their details: enough to infer how the folder
        writes records today. In a large numbered folder only those files are read."""
        if self.log_file is not None or "records" in self.__dict__ or self.is_log:
            return self._newest(size)
        sources = self.listing.sources
        demoted = self.listing.demoted
        numbered = [
            s
            for s in sources
            if s.name is not None and s.name.number is not None and s.key not in demoted
        ]
        if len(numbered) < len(sources):  # some files have no number: the newest is unclear
            return self._newest(size)
        numbered.sort(key=lambda s: (s.name.number if s.name else 0, s.key))
        chosen = numbered[-size:]
        out: list[Record] = []
        for item in loading.parse(self._load(chosen, warn=False, keep=True), [], None, warn=False):
            out.extend(item.records)
        return records_only(out)

    def _newest(self, size: int) -> list[Record]:
        """The newest records of those read (their traces come with them from the cache)."""
        records = self.records
        self._traced(records[-size:])
        return records[-size:]

    def _keep_traces(self, records: list[Record]) -> None:
        """Keep the traces of the records a dialect is voted from (the newest of the folder
        and of each area) with their rows in the parse cache, so that a later run restoring
        them needs not read their files again; only theirs are kept."""
        cache = self.parse_cache
        if cache is None:
            return
        newest = {id(r): r for r in records[-NEWEST:]}
        for area in {r.area for r in records if r.area is not None}:
            mine = _in_area(records, area)
            if len(mine) >= AREA_SAMPLE:
                newest.update((id(r), r) for r in mine[-NEWEST:])
        try:
            self._traced(list(newest.values()))
        except ArchlogError:
            return  # a file that changed while it was read: its trace is made when asked
        for record in newest.values():
            cache.keep_trace(record)

    def _traced(self, records: list[Record]) -> None:
        """Give each of ``records`` its trace: the one the cache kept packed, else read from
        the file again with the other details."""
        caches = [c for c in (self.parse_cache, self._memo_cache) if c is not None]
        self.detail([r for r in records if all(c.trace(r) is None for c in caches)])

    @cached_property
    def convention(self) -> Convention:
        """The configured convention, else the dialect voted from the folder's newest
        records and its template."""
        from archlog.conventions.catalog import get_convention
        from archlog.conventions.infer import infer

        name = self.config.values.get("convention")
        base = get_convention(str(name), self.config) if name else None
        sample = self.sample()
        if base is not None and not sample:
            return base
        template = self.template_record
        if template is not None and self._fill_in_template():
            template = None  # its blanks are placeholders ({{ heading }}): nothing to learn
        conv = infer(sample, template=template, base=base)
        width = self.config.values.get("width")
        return conv.with_overrides(width=width) if width else conv

    def convention_in(self, area: str) -> Convention:
        """The dialect of one area (a sub-folder of records): voted from that area's newest
        records alone when it has a few, since areas may write records their own way (a
        ``### ADR-7`` in one, ``# 7. Title`` in another); else the folder's."""
        from archlog.conventions.infer import infer

        if self.config.values.get("convention"):
            return self.convention
        mine = _in_area(self.records, area)
        if len(mine) < AREA_SAMPLE:
            return self.convention
        sample = mine[-NEWEST:]
        self._traced(sample)
        template = self.template_record
        if template is not None and self._fill_in_template():
            template = None
        conv = infer(sample, template=template)
        width = self.config.values.get("width")
        return conv.with_overrides(width=width) if width else conv


def _in_area(records: list[Record], area: str) -> list[Record]:
    """The records (not a log's entries) of ``area``, in the folder's order."""
    return [r for r in records if r.area == area and r.entry is None]
