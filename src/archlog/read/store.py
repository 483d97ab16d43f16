"""The store of one ADR folder (or single-file decision log): found, listed, read, settled.

``Store.open()`` finds the folder (``--dir``, configuration, or the usual places), lists it
(:mod:`~archlog.read.layout`: sub-folders by area, one folder per record), reads every file
once (:mod:`~archlog.read.loading`, the parse cache), lets the folder settle what only it can
say (:mod:`~archlog.read.settle`: ids, numbering, templates, indexes, relations), and keeps
the problems it met as warnings, so one bad file never hides the others. Records are sorted
by number, then id. The store, not the model, holds what reading leaves behind: each file's
content key, the JSON kept in the cache, and a record's details until they are asked for.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, cast

from archlog.errors import ArchlogError, NotFoundError, ReadError, UsageError
from archlog.infra import config as config_mod
from archlog.infra.fs import read_regular, resolves_inside, within
from archlog.model import NameInfo, Record
from archlog.read import loading
from archlog.read.cache import ParseCache
from archlog.read.layout import Listing, Source, list_folder
from archlog.read.names import LOG_STEMS, is_template_name, parse_name, sub_number
from archlog.read.settle import Settled, canonical_target, not_numbers, records_only, settle

if TYPE_CHECKING:
    from archlog.conventions.catalog import Convention

#: Where an edit prepares its files (archlog.edit.transaction.TXN_DIR; not imported: start-up).
TXN_DIR = ".archlog-txn"
#: An area with this many records or more has a dialect of its own (fewer: the folder's).
_AREA_SAMPLE = 3
_REF = re.compile(r"^(?:[A-Za-z]{1,12})?[-\s_#]{0,2}0*(?P<num>\d{1,9})(?:-(?P<sub>\d{1,3}))?$")


class Store:
    """The records of one folder (or log file), its configuration and convention."""

    def __init__(self, folder: Path, cfg: config_mod.Config, log_file: Path | None = None):
        self.folder = folder
        self.config = cfg
        self.log_file = log_file
        self.warnings: list[ArchlogError] = []
        self._lines: dict[int, str] = {}
        self._digests: dict[Path, bytes] = {}
        self._settled: Settled | None = None

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
            if found is None and _has_records(here):
                found = here
            if found is None:
                found = _usual_log(cfg.root, here)
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
        """Forget what was read, so the next question reads the folder again."""
        for name in ("records", "listing", "_contents", "convention", "template_record"):
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

    def contents(self) -> list[loading.Content]:
        """Every candidate file's bytes and content key, each file read once: enough for a
        result kept under the files' keys (lint's report, the export) to answer without
        parsing. Kept until :attr:`records` parses them, so nothing is read twice."""
        kept: list[loading.Content] | None = self.__dict__.get("_contents")
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

    def _load(self, sources: Iterable[Source], *, warn: bool = True) -> Iterable[loading.Content]:
        items = ((src.path, src.key, src.name, src.area) for src in sources)
        keyed = self.parse_cache is not None
        return loading.load(items, self.warnings, self.read, keyed=keyed, warn=warn)

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
            source = self.__dict__.pop("_contents", None)  # read already: parse those bytes
            if source is None:
                source = self._load(self.listing.sources)
            parsed: list[Record] = []
            cache = self.parse_cache
            for item in loading.parse(source, self.warnings, cache):
                for record, line in zip(item.records, item.lines, strict=True):
                    parsed.append(record)
                    if line is not None:
                        self._lines[id(record)] = line
                    if item.key is not None:
                        self._digests[record.path] = item.key
            if cache is not None:
                cache.save(prune=True)
            if self.log_file is not None and parse_name(self.log_file.stem) is None:
                parsed = [r for r in parsed if r.entry]  # a log's text around no entry is none
            out = self._settle(parsed)
            out.sort(key=self.order_key)
            if self.log_file is None and any(r.date is None for r in out):
                self._date_from_index(out)
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
        names = {src.path: src.name for src in self.listing.sources}
        settled = settle(parsed, names, template_titles=self._template_titles())
        for record_id in settled.changed:
            self._lines.pop(record_id, None)
        self._settled = settled
        for record in settled.records:
            for line, message in record.problems:
                self.warnings.append(ReadError(message, record.path, line))
        return settled.records

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

    def detail(self, records: Iterable[Record]) -> None:
        """Give every record of ``records`` its details (sections, spans, trace), reading
        again the files of those restored from the parse cache."""
        from archlog.read.reader import decode, parse_file

        wanted: dict[Path, list[Record]] = {}
        for record in records:
            if not record.detailed:
                wanted.setdefault(record.path, []).append(record)
        names = {src.path: src.name for src in self.listing.sources}
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

    def sample(self, size: int = 25) -> list[Record]:
        """The newest ``size`` records with their details: enough to infer how the folder
        writes records today. In a large numbered folder only those files are read."""
        if self.log_file is not None or "records" in self.__dict__ or self.is_log:
            return self._newest(size)
        sources = self.listing.sources
        demoted = not_numbers([(s.path, s.area, s.name) for s in sources])
        numbered = [
            s
            for s in sources
            if s.name is not None and s.name.number is not None and s.path not in demoted
        ]
        if len(numbered) < len(sources):  # some files have no number: the newest is unclear
            return self._newest(size)
        numbered.sort(key=lambda s: (s.name.number if s.name else 0, s.key))
        chosen = numbered[-size:]
        out: list[Record] = []
        for item in loading.parse(self._load(chosen, warn=False), [], None, warn=False):
            out.extend(item.records)
        return records_only(out)

    def _newest(self, size: int) -> list[Record]:
        """The newest records of those read (their traces come with them from the cache)."""
        records = self.records
        self._traced(records[-size:])
        return records[-size:]

    def _traced(self, records: list[Record]) -> None:
        """Give each of ``records`` its trace: the one the cache kept packed, else read from
        the file again with the other details."""
        cache = self.parse_cache
        self.detail([r for r in records if (cache.trace(r) if cache else r.trace) is None])

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
        mine = [r for r in self.records if r.area == area and r.entry is None]
        if len(mine) < _AREA_SAMPLE:
            return self.convention
        sample = mine[-25:]
        self._traced(sample)
        template = self.template_record
        if template is not None and self._fill_in_template():
            template = None
        conv = infer(sample, template=template)
        width = self.config.values.get("width")
        return conv.with_overrides(width=width) if width else conv

    # ------------------------------------------------------------------ finding one

    def get(self, ref: str) -> Record:
        """The record named by ``ref``: a number (``12``, ``0012``, ``ADR-012``), an id, a
        unique prefix of an id (``20201016``), a file name or path."""
        wanted = ref.strip()
        records = self.records
        for record in records:
            if record.id == wanted or record.ref == wanted or record.path.name == wanted:
                return record
        name = Path(wanted).name
        stem = name[:-3] if name.lower().endswith(".md") else name
        folded = wanted.casefold()
        for record in records:
            if record.path.stem == stem or record.id.casefold() == folded:
                return record
            named = record.id.rsplit("/", 1)[-1].casefold() == folded
            folder = record.path.name.lower() in ("readme.md", "index.md")
            if (named or record.path.parent.name == stem) and (folder or "/" in record.id):
                return record
        m = _REF.match(wanted)
        if m:
            num, sub = int(m.group("num")), m.group("sub")
            hits = [r for r in records if r.number == num and (sub_number(r.id) or None) == sub]
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                choices = ", ".join(h.ref for h in hits)
                raise UsageError(f"{ref!r} is ambiguous: it names {choices}")
        prefixed = [r for r in records if r.id.casefold().startswith(folded) and len(folded) >= 4]
        if len(prefixed) == 1:
            return prefixed[0]
        if len(prefixed) > 1:
            choices = ", ".join(h.ref for h in prefixed[:5])
            raise UsageError(f"{ref!r} is ambiguous: it names {choices}")
        raise NotFoundError(f"no record {ref!r} in {self.folder}")

    # ------------------------------------------------------------------ numbering

    def used_numbers(self, area: str | None = None) -> set[int]:
        """Every number the folder (or, where numbers restart per area, the area) has used:
        its files, its log entries, its git history."""
        from archlog.infra.git import names_ever_in

        sources = self.listing.sources
        demoted = not_numbers([(s.path, s.area, s.name) for s in sources])
        scoped = [s for s in sources if area is None or s.area == area]
        used = {
            s.name.number
            for s in scoped
            if s.name is not None and s.name.number is not None and s.path not in demoted
        }
        if self.is_log:
            used.update(r.number for r in self.records if r.number is not None)
        history = self.folder / area if area else self.folder
        for gone in names_ever_in(history):
            if gone.lower().endswith(".md"):
                info = parse_name(gone[:-3])
                if info is not None and info.number is not None and not is_template_name(gone[:-3]):
                    used.add(info.number)
        return used

    def names(self, area: str | None = None) -> list[NameInfo]:
        """What the names of the folder's record files (in ``area``) say."""
        return [
            s.name
            for s in self.listing.sources
            if s.name is not None and (area is None or s.area == area)
        ]

    def areas(self) -> list[str]:
        """The sub-folders that hold records, in order."""
        return sorted({s.area for s in self.listing.sources if s.area})


def configuration(start: Path | None = None) -> config_mod.Config:
    """The configuration nearest to ``start``, checked whole (the convention included)."""
    return config_mod.discover(start, validate=convention_problems)


def convention_problems(values: dict[str, object]) -> list[str]:
    """A configured convention archlog does not know, or a repository convention
    (``[conventions.NAME]``) that is not one (a configuration check)."""
    from archlog.conventions.catalog import CONVENTIONS, problems_of

    own = values.get("conventions")
    tables = own if isinstance(own, dict) else {}
    problems = []
    for name, table in tables.items():
        if name in CONVENTIONS:
            problems.append(f"convention {name!r} is built in: give yours another name")
        problems += problems_of(name, table)
    name = values.get("convention")
    names = [*CONVENTIONS, *tables]
    if isinstance(name, str) and name not in names:
        problems.append(f"unknown convention {name!r} (known: {', '.join(names)})")
    return problems


#: Where a decision log is looked for, in each folder from the working one up to the root.
_LOG_PLACES = ("", "docs", "doc")


def _usual_log(root: Path, start: Path) -> Path | None:
    """A decision log under a usual name (``DECISIONS.md``, ``decision-log.md``, ``ADR.md``
    …) in the working folder, a parent up to ``root``, or their ``docs``/``doc`` folder:
    one that holds entries (an ``architecture.md`` of prose is no log)."""
    from archlog.read.reader import decode, parse_file

    here, stop = start.resolve(), root.resolve()
    for folder in (here, *here.parents):
        for place in _LOG_PLACES:
            try:
                names = sorted(os.listdir(folder / place))
            except OSError:
                continue
            for name in names:
                path = folder / place / name
                if not name.lower().endswith(".md") or name[:-3].lower() not in LOG_STEMS:
                    continue
                try:
                    text, _bom = decode(read_regular(path, _LOG_LIMIT, follow=False), path)
                    if any(r.entry for r in parse_file(text, path)):
                        return path
                except (OSError, ArchlogError):
                    continue
        if folder == stop:
            break
    return None


#: A file larger than this is not looked at for a decision log.
_LOG_LIMIT = 8 << 20


def _has_records(folder: Path) -> bool:
    try:
        names: Sequence[str] = os.listdir(folder)
    except OSError:
        return False
    for name in names:
        stem = name[:-3]
        if not name.lower().endswith(".md"):
            continue
        if parse_name(stem) is not None or stem.lower() in LOG_STEMS:
            return True
    return False
