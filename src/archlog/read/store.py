"""The store of one ADR folder (or single-file decision log): found, listed, read, settled.

``Store.open()`` finds the folder (``--dir``, configuration, or the usual places), lists it
(:mod:`~archlog.read.layout`: sub-folders by area, one folder per record), reads every file
once (:mod:`~archlog.read.loading`, the parse cache), lets the folder settle what only it can
say (:mod:`~archlog.read.settle`: ids, numbering, templates, indexes, relations), and keeps
the problems it met as warnings, so one bad file never hides the others. Records are sorted
by number, then id. The store, not the model, holds what reading leaves behind: each file's
content key, the JSON kept in the cache, and a record's details until they are asked for.

Three parts of the store live beside it, each in a module of its own: the dialect sampled
from the newest records (:mod:`~archlog.read.sampling`), finding a record by any name and
the numbers in use (:mod:`~archlog.read.refs`), and the settled folder kept whole
(:mod:`~archlog.read.folder_memo`).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, cast

from archlog.errors import ArchlogError, NotFoundError, ReadError
from archlog.infra import config as config_mod
from archlog.infra.fs import resolves_inside, within
from archlog.model import Record
from archlog.read import folder_memo, loading
from archlog.read.content import Content
from archlog.read.discovery import configuration, has_records, usual_log
from archlog.read.folder_memo import FolderMemo
from archlog.read.layout import Listing, Source, list_folder, still_current
from archlog.read.names import parse_name
from archlog.read.refs import Finding
from archlog.read.sampling import Sampling
from archlog.read.settle import Settled, canonical_target, settle
from archlog.read.store_caches import StoreCaches

if TYPE_CHECKING:
    pass

#: Where an edit prepares its files (archlog.edit.transaction.TXN_DIR; not imported: start-up).
TXN_DIR = ".archlog-txn"


class Store(StoreCaches, FolderMemo, Sampling, Finding):
    """The records of one folder (or log file), its configuration and convention."""

    def __init__(self, folder: Path, cfg: config_mod.Config, log_file: Path | None = None):
        self.folder = folder
        self.config = cfg
        self.log_file = log_file
        self.warnings: list[ArchlogError] = []
        self._lines: dict[int, str] = {}
        self._digests: dict[Path, bytes] = {}
        self._settled: Settled | None = None
        self._earlier_listing: Listing | None = None

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        dir: str | os.PathLike[str] | None = None,
        *,
        cwd: Path | None = None,
        must_exist: bool = True,
    ) -> Store:
        """Find and open the repository: ``dir`` if given, else configuration, else the usual
        folders (or a usual decision log) walking up from ``cwd``."""
        here = Path(cwd) if cwd else Path.cwd()
        cfg = configuration(here)
        if dir is not None:
            target = Path(dir)
            target = target if target.is_absolute() else here / target
        elif cfg.values.get("dir"):
            target = cast("Path", cfg.path("dir"))
        else:
            found = config_mod.find_usual_folder(cfg.root, here)
            if found is None and has_records(here):
                found = here
            if found is None:
                found = usual_log(cfg.root, here)
            if found is None:
                if must_exist:
                    raise NotFoundError(
                        "no ADR folder found here (looked for doc/adr, docs/adr, docs/decisions, "
                        "DECISIONS.md, …); pass --dir, or create one with `archlog init`"
                    )
                found = here / "doc" / "adr"
            target = found
        if target.is_file():
            store = cls(target.parent, cfg, log_file=target)
        elif must_exist and not target.is_dir():
            raise NotFoundError("no such folder", target)
        else:
            store = cls(target, cfg)
        store._note_interrupted_edit()
        return store

    def _note_interrupted_edit(self) -> None:
        """Say so when an edit a killed process left half done is pending (reading writes
        nothing, so it is the next edit that finishes it: see archlog.edit.change), or when
        a staging folder came from elsewhere (it is never acted on)."""
        if os.path.isdir(os.path.join(self.folder, TXN_DIR)):
            from archlog.infra.journal import pending

            message = pending(self.folder)
            if message:
                self.warnings.append(ArchlogError(message, self.folder))

    # ------------------------------------------------------------------ listing

    def refresh(self) -> None:
        """Forget what was read, so the next question reads the folder again (its listing
        is made again only if a file was added, removed or renamed)."""
        self._earlier_listing = self.__dict__.pop("listing", None)
        for name in ("records", "_contents", "convention", "template_record"):
            self.__dict__.pop(name, None)
        self._lines.clear()
        self._digests.clear()
        self._settled = None

    @cached_property
    def listing(self) -> Listing:
        """The folder's candidate record files and templates, without reading them."""
        if self.log_file is not None:
            sources = (
                [Source(self.log_file, self.log_file.name, None)] if self.log_file.exists() else []
            )
            return Listing(sources, frozenset([self.log_file.name]))
        earlier, self._earlier_listing = self._earlier_listing, None
        if earlier is not None and still_current(earlier):
            return earlier
        with loading.no_gc_pauses():  # a Path and a name for each of thousands of files
            listing = list_folder(self.folder)
        for shown in listing.unreadable_names:
            self.warnings.append(
                ReadError("the file name is not UTF-8; skipped (rename it)", shown)
            )
        return listing

    def scan_folder(self) -> Listing:
        """The listing (enough for ``new``: names give the numbers)."""
        return self.listing

    @property
    def is_log(self) -> bool:
        """Whether records live in one decision-log file rather than a file each."""
        if self.log_file is not None:
            return True
        sources = self.listing.sources
        if not sources or any(src.name is not None for src in sources):
            return False
        return any(r.entry for r in self.records)

    # ------------------------------------------------------------------ reading

    def contents(self) -> list[Content]:
        """Every candidate file's bytes and content key, each file read once: enough for a
        result kept under the files' keys (lint's report, the export) to answer without
        parsing. Kept until :attr:`records` parses them, so nothing is read twice."""
        kept: list[Content] | None = self.__dict__.get("_contents")
        if kept is None:
            kept = self.__dict__["_contents"] = list(self._load(self.listing.sources))
        return kept

    @property
    def parsed(self) -> bool:
        """Whether the records have been parsed already."""
        return "records" in self.__dict__

    def contents_key(self) -> bytes | None:
        """One key for every candidate file's name and content at once (for a result
        computed from all of them); None when the caches are off or a file could not be
        read."""
        contents = self.contents()
        if len(contents) != len(self.listing.sources):
            return None
        keys = [item.key for item in contents]
        if None in keys:
            return None
        h = hashlib.sha256("\0".join([item.name for item in contents]).encode())
        h.update(b"".join(cast("list[bytes]", keys)))
        return h.digest()[:16]

    def settled_key(self) -> bytes | None:
        """The key the folder's settled records are kept under (:mod:`archlog.read.folder_memo`:
        every record file's path and content, the configuration, the template and the
        index), for what else is kept of the folder as it is now (a search); None when the
        caches are off or a file could not be read."""
        contents = self.contents()
        if len(contents) != len(self.listing.sources):
            return None
        return self._memo_key(contents)

    def _load(
        self, sources: Iterable[Source], *, warn: bool = True, keep: bool | None = None
    ) -> Iterable[Content]:
        """Each file's content (its bytes held unless the caches are expected to answer for
        it, or ``keep`` says)."""
        items = ((src.path, src.key, src.name, src.area) for src in sources)
        keyed = self.parse_cache is not None
        if keep is None:
            keep = not keyed or not self._settled_kept()
        return loading.load(items, self.warnings, self.read, keyed=keyed, warn=warn, keep=keep)

    def read(self, path: str | Path) -> bytes:
        """The bytes of one of the folder's files, read as untrusted input (see
        :class:`archlog.read.loading.Guard`)."""
        return self._guard.read(str(path))

    def contains(self, path: str | os.PathLike[str]) -> bool:
        """Whether ``path`` leads (through any symbolic link) inside the repository."""
        return resolves_inside(self._guard.bounds, path)

    @cached_property
    def _guard(self) -> loading.Guard:
        """Where records may be: the repository (the configuration's folder, or the git work
        tree) when the folder is in it, else the folder the user named."""
        root, folder = os.path.abspath(self.config.root), os.path.abspath(self.folder)
        return loading.Guard(root if within(root, folder) else folder)

    @cached_property
    def records(self) -> list[Record]:
        """Every record of the folder, settled, sorted by number then id."""
        with loading.no_gc_pauses():
            warned = len(self.warnings)
            contents: list[Content] = self.__dict__.pop("_contents", None)  # read already
            if contents is None:
                contents = list(self._load(self.listing.sources))
            memo = self._memo_cache if len(self.warnings) == warned else None
            memo_key = self._memo_key(contents) if memo is not None else None
            kept = folder_memo.load(memo, memo_key, contents) if memo and memo_key else None
            if kept is not None:
                return self._from_memo(kept)
            parsed: list[Record] = []
            cache = self.parse_cache
            read_keys = {content.path: content.key for content in contents}
            handed = loading.handed(contents)  # each file's bytes let go once parsed
            for item in loading.parse(handed, self.warnings, cache, read=self.read):
                for record, line in zip(item.records, item.lines, strict=True):
                    parsed.append(record)
                    if line is not None:
                        self._lines[id(record)] = line
                    if item.key is not None:
                        self._digests[record.path] = item.key
                        if item.key != read_keys.get(record.path):
                            memo_key = None  # changed since it was read: keep no memo
            parse_warned = len(self.warnings) > warned
            if self.log_file is not None and parse_name(self.log_file.stem) is None:
                parsed = [r for r in parsed if r.entry]  # a log's text around no entry is none
            out = self._settle(parsed)
            out.sort(key=self.order_key)
            if self.log_file is None and any(r.date is None for r in out):
                self._date_from_index(out)
            if cache is not None:
                self._keep_traces(out)
                cache.save(prune=True)
            if memo_key and not parse_warned:
                self._keep_memo(memo_key, contents, out)
        return out

    def _date_from_index(self, records: list[Record]) -> None:
        """Records that state no date take the one their folder's index writes; what is kept
        of them under their file's content alone is then stale (their JSON line), and what
        derived caches keep is keyed on the index's date too."""
        from archlog.read.index_file import index_dates, index_path

        if not self.contains(index_path(self.folder, self.config)):
            return  # an index that leads outside the repository is not read
        for record in index_dates(self.folder, self.config, records):
            self._lines.pop(id(record), None)
            if self._settled is not None:
                self._settled.changed.add(id(record))
            key = self._digests.get(record.path)
            if key is not None:
                mark = b"\0index date\0" + str(record.date).encode()
                self._digests[record.path] = hashlib.sha256(key + mark).digest()[:16]

    def order_key(self, record: Record) -> tuple[str, int, int, str]:
        """Where a record stands in the folder's order: by number then id — within its area
        first, where numbers restart per area."""
        return (record.number_scope, *record.sort_key())

    def nothing_found(self) -> str | None:
        """Why the folder lists no record, in one line (None when it has some)."""
        if self.records:
            return None
        where = self.log_file or self.folder
        looked = (
            "entries headed like '## ADR-001: Title'"
            if self.log_file is not None
            else "Markdown files named like 0001-title.md, ADR-001-title.md or "
            "20240101-title.md, record folders (0001-title/README.md), titled pages, or a "
            "decision log such as DECISIONS.md"
        )
        return f"no records found in {where} (looked for {looked})"

    def _settle(self, parsed: list[Record]) -> list[Record]:
        names = self.listing.names_by_path
        settled = settle(parsed, names, template_titles=self._template_titles())
        for record_id in settled.changed:
            self._lines.pop(record_id, None)
        self._settled = settled
        for record in settled.records:
            for line, message in record.problems:
                self.warnings.append(ReadError(message, record.path, line))
        return settled.records

    @property
    def numbering(self) -> str:
        """``global`` when numbers run across the folder, ``area`` when they restart per area."""
        _ = self.records
        return self._settled.numbering if self._settled is not None else "global"

    def target_of(self, record: Record) -> int | str:
        """How relations name ``record`` in this folder."""
        return canonical_target(record, self.numbering)

    def json_line(self, record: Record) -> str:
        """``record.to_json()`` as one line of JSON (kept by the parse cache when the record
        is as it was parsed, so listing 10,000 records is cheap)."""
        line = self._lines.get(id(record))
        if line is not None:
            return line
        import json

        return json.dumps(record.to_json(folder=self.folder), ensure_ascii=False)

    def as_parsed(self, record: Record) -> bool:
        """Whether the folder left ``record`` as its file alone says it is (ids, numbers and
        relation targets are not settled otherwise): what per-file caches may keep."""
        _ = self.records
        return self._settled is None or id(record) not in self._settled.changed

    def key_of(self, record: Record) -> str:
        """The record's name in caches derived from the folder: its file's path relative to
        the folder (``/``-separated), ``#ENTRY`` for a log's entry."""
        try:
            rel = record.path.relative_to(self.folder).as_posix()
        except ValueError:
            rel = record.path.name
        return rel + (f"#{record.entry}" if record.entry else "")

    def digest(self, record: Record) -> bytes | None:
        """The content key of the file ``record`` was read from (None: caches are off)."""
        return self._digests.get(record.path)
