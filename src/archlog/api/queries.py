"""Reading a folder through the API.

Its records, one record's details and relations, the filters, search and the digest for
agents.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archlog.api.arguments import partial_date
from archlog.errors import ArchlogError
from archlog.model import Record

if TYPE_CHECKING:
    from archlog.conventions.catalog import Convention
    from archlog.features.context import Digest
    from archlog.features.search_store import Hit, KeptSearch, SearchIndex
    from archlog.read.store import Store


class Queries:
    """What :class:`~archlog.api.Repository` answers without writing.

    The records and everything read from them.
    """

    def __init__(self, store: Store, *, name: str | None = None) -> None:
        """The repository of the folder ``store`` reads, named ``name`` in a monorepo."""
        self._store = store
        #: The files :meth:`init` created, in the order made (empty for an opened folder).
        self.created: list[Path] = []
        self._search: SearchIndex | None = None
        self._kept: tuple[object, KeptSearch | None] | None = None
        self._found: tuple[list[Record], dict[str, Record]] | None = None
        #: The folder as ``folders = [...]`` names it (None outside a monorepo).
        self.name = name

    # ------------------------------------------------------------------ reading

    @property
    def folder(self) -> Path:
        """The ADR folder (for a decision log: the folder holding it)."""
        return self._store.folder

    @property
    def log_file(self) -> Path | None:
        """The decision log, when records are entries of one file."""
        return self._store.log_file

    @property
    def store(self) -> Store:
        """The reader behind the repository (its caches, listing and configuration)."""
        return self._store

    @property
    def records(self) -> list[Record]:
        """Every record, sorted by number then id."""
        return self._store.records

    @property
    def convention(self) -> Convention:
        """How the folder writes records: configured, or inferred from its newest ones."""
        return self._store.convention

    @property
    def warnings(self) -> list[ArchlogError]:
        """Problems met while reading (a file that is not UTF-8, invalid front matter, …).

        Each file's, once; the rest of the folder still reads.
        """
        return self._store.warnings

    def get(self, ref: str | int) -> Record:
        """The record named ``ref``, with its details (sections, spans, trace).

        ``ref`` is a number (``12``, ``0012``, ``ADR-012``), an id, a unique prefix of one,
        or a file name.
        """
        store = self._store
        records = store.records
        if self._found is None or self._found[0] is not records:
            self._found = (records, {})
        found = self._found[1]  # lookups kept while the records are these
        record = found.get(str(ref))
        if record is None:
            record = found[str(ref)] = store.get(str(ref))
        return store.detailed(record)

    def detail(self, records: Sequence[Record]) -> None:
        """Give ``records`` their details (sections, spans, trace).

        The records of :attr:`records` may come from the parse cache without them.
        """
        self._store.detail(records)

    def details(self, ref: str | int | Record) -> dict[str, Any]:
        """A record as ``show --format json`` gives it.

        Every field, ``extra``, the sections and the spans (1-based line ranges), and
        ``related``: each relation both ways, with the other record's id, title, status and
        path when the folder has it.
        """
        record = ref if isinstance(ref, Record) else self.get(ref)
        data = record.to_json(folder=self.folder, full=True)
        for section, shown in zip(record.sections, data["sections"], strict=True):
            shown["span"] = section.span.to_json()
        related = []
        for kind, other, target in self.related(record):
            item: dict[str, Any] = {"type": kind, "target": target}
            if other is not None:
                item.update(
                    id=other.id,
                    title=other.title,
                    status=other.status,
                    path=other.to_json(folder=self.folder)["path"],
                )
            related.append(item)
        data["related"] = related
        return data

    def related(self, ref: str | int | Record) -> list[tuple[str, Record | None, int | str]]:
        """Every relation of a record, both ways.

        ``(type, other record, target)`` for its own relations, then ``(inverse type,
        record, its target)`` for each relation another record has to it (``superseded-by``
        for a record that supersedes it, …). The other record is None when a relation names
        a record the folder does not have.
        """
        from archlog.conventions.vocabulary import inverses

        record = ref if isinstance(ref, Record) else self.get(ref)
        records = self.records
        by_target = {r.target: r for r in records}
        pairs = inverses(self._store.config.values.get("relations"))
        out: list[tuple[str, Record | None, int | str]] = [
            (rel.type, by_target.get(rel.target), rel.target) for rel in record.relations
        ]
        seen = {(t, target) for t, _r, target in out}
        for other in records:
            if other is record:
                continue
            for rel in other.relations:
                if rel.target == record.target:
                    kind = pairs.get(rel.type, rel.type)
                    if (kind, other.target) not in seen:
                        seen.add((kind, other.target))
                        out.append((kind, other, other.target))
        return out

    def select(
        self,
        *,
        status: Sequence[str] = (),
        tag: Sequence[str] = (),
        since: datetime.date | str | None = None,
        until: datetime.date | str | None = None,
    ) -> list[Record]:
        """The records that match every filter given.

        ``since`` and ``until`` may be partial ISO dates: ``2024`` or ``2024-03``.
        """
        from archlog.features.listing import Filter, select

        flt = Filter(tuple(status), tuple(tag), partial_date(since), partial_date(until))
        return select(self.records, flt)

    def in_force(self) -> list[Record]:
        """The decisions in force: accepted or implemented, and not superseded."""
        from archlog.features.listing import in_force

        return in_force(self.records)

    def search(
        self,
        query: str,
        *,
        status: Sequence[str] = (),
        tag: Sequence[str] = (),
        since: datetime.date | str | None = None,
        until: datetime.date | str | None = None,
        in_force: bool = False,
        limit: int | None = None,
        prefix: bool = False,
    ) -> list[Hit]:
        """The records matching ``query``, best first.

        Ranked by BM25 over title, tags, people and text (see docs/search.md), each with a
        snippet whose matched words are marked; only those that pass the filters, at most
        ``limit``. ``prefix``: the last word may be the beginning of a word (search as you
        type).
        """
        from archlog.features.listing import Filter

        flt = Filter(tuple(status), tuple(tag), partial_date(since), partial_date(until))
        store = self._store
        if not store.parsed:  # a folder searched before as it is: no record is parsed
            kept = self._kept_search()
            if kept is not None:
                return kept.search(query, keep=flt, in_force=in_force, limit=limit, prefix=prefix)
        if self._search is None or self._search.records is not store.records:
            from archlog.features.search_store import SearchIndex

            self._search = SearchIndex(store)
        return self._search.search(query, keep=flt, in_force=in_force, limit=limit, prefix=prefix)

    def _kept_search(self) -> KeptSearch | None:
        """The search kept for the folder's files as they are now.

        Looked up once for them: the store keeps the files it read until it parses them or
        is refreshed.
        """
        from archlog.features.search_store import KeptSearch

        contents = self._store.contents()
        if self._kept is None or self._kept[0] is not contents:
            self._kept = (contents, KeptSearch.load(self._store))
        return self._kept[1]

    def context(
        self,
        paths: Sequence[str | os.PathLike[str]] = (),
        *,
        budget: int | None = None,
        base: str | os.PathLike[str] | None = None,
    ) -> Digest:
        """A Markdown digest of the decisions in force (see docs/agents.md).

        Those that concern ``paths`` first (by their ``scope:``/``affects:`` globs, else by
        mentions), no longer than ``budget`` tokens; links relative to ``base`` (default:
        the working directory).
        """
        from archlog.features import context
        from archlog.features.listing import in_force

        where = Path(base) if base is not None else Path.cwd()
        self._store.detail(in_force(self.records))  # their decisions are in their sections
        return context.build(
            self.records,
            paths=[self._repo_path(p) for p in paths],
            budget=budget,
            link=lambda r: context.relative_link(r, where),
            sources=self._source_or_empty,
        )

    def _repo_path(self, path: str | os.PathLike[str]) -> str:
        """A path the user gave, relative to the repository's root.

        ``/``-separated; a folder keeps its trailing ``/``.
        """
        given = Path(path)
        absolute = (Path.cwd() / given).resolve()
        try:
            rel = absolute.relative_to(self._store.config.root.resolve()).as_posix()
        except ValueError:
            rel = given.as_posix()
        folder = str(path).endswith(("/", os.sep)) or absolute.is_dir()
        return rel + "/" if folder and rel not in ("", ".") else ("" if rel == "." else rel)

    def _source_or_empty(self, record: Record) -> str:
        from archlog.read.source import record_source

        try:
            return record_source(record)
        except (OSError, ArchlogError):
            return ""

    def nothing_found(self) -> str | None:
        """Why the folder holds no record, in one line naming it and what was looked for.

        None when it has records: an empty folder is reported, never taken as clean.
        """
        return self._store.nothing_found()

    def source(self, ref: str | int | Record) -> str:
        """A record's Markdown as written (for a log entry, its lines of the log)."""
        from archlog.read.source import record_source

        return record_source(
            self._store.detailed(ref) if isinstance(ref, Record) else self.get(ref)
        )

    def refresh(self) -> None:
        """Forget what was read, so the next question reads the folder again."""
        self._store.refresh()
        self._search = None
        self._kept = None
