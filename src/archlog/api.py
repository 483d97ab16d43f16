"""archlog's public Python API: one :class:`Repository` that does everything the CLI does.

Open a folder with :meth:`Repository.open` (or make one with :meth:`Repository.init`), read
its :attr:`~Repository.records`, and change it: every write returns a
:class:`~archlog.edit.change.Change` — the files it would write, its :meth:`diff`, and
:meth:`apply`, which takes the folder's lock, finishes an interrupted edit, and commits every
file together. Dates are :class:`datetime.date`; a record's own ``date`` is ISO text, full
(``2024-03-05``) or partial (``2024-03``, ``2024``), as the record states it.

>>> repo = Repository.init(folder, convention="nygard", date=datetime.date(2026, 1, 15))
>>> path = repo.new("Use PostgreSQL", deciders=["Ana"]).apply().value
>>> repo.set_status("2", "accepted").apply()  # doctest: +SKIP
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from archlog.edit.change import Applied, Change
from archlog.errors import ArchlogError, UsageError
from archlog.model import Record

if TYPE_CHECKING:
    from archlog.conventions.catalog import Convention
    from archlog.edit.workspace import Workspace
    from archlog.features.context import Digest
    from archlog.features.lint.findings import Report
    from archlog.features.search_store import Hit, KeptSearch, SearchIndex
    from archlog.features.site import BuildResult
    from archlog.infra.config import Config
    from archlog.ops.renumber import Plan as RenumberPlan
    from archlog.read.store import Store

__all__ = [
    "Applied",
    "Change",
    "Record",
    "Repository",
    "build_monorepo_site",
    "combine_reports",
    "conventions",
    "export_folders",
    "format_context",
    "format_folders",
    "format_hits",
    "format_records",
    "graph_folders",
    "open_folders",
    "open_in_editor",
    "relation_types",
    "render_report",
    "serve_site",
    "statuses",
]

ExportFormat = Literal["json", "jsonadr", "csv"]
GraphFormat = Literal["mermaid", "dot"]


def _iso(value: datetime.date | str | None, what: str) -> str | None:
    if value is None or isinstance(value, str):
        if isinstance(value, str):
            from archlog.read.dates import is_iso_date

            if not is_iso_date(value):
                raise UsageError(f"{what} {value!r} is not a date as YYYY-MM-DD")
        return value
    return value.isoformat()


def _area(value: str | None) -> str | None:
    """An area as ``new`` takes it: a sub-folder's path inside the ADR folder."""
    if value is None:
        return None
    parts = [p for p in value.replace("\\", "/").split("/") if p]
    if not parts or any(p in (".", "..") or p.startswith(".") for p in parts):
        raise UsageError(f"--area {value!r} is not a sub-folder of the ADR folder")
    return "/".join(parts)


class Repository:
    """The records of one ADR folder (or single-file decision log), and every operation on
    them."""

    def __init__(self, store: Store, *, name: str | None = None) -> None:
        self._store = store
        #: The files :meth:`init` created, in the order made (empty for an opened folder).
        self.created: list[Path] = []
        self._search: SearchIndex | None = None
        self._kept: tuple[object, KeptSearch | None] | None = None
        self._found: tuple[list[Record], dict[str, Record]] | None = None
        #: The folder as ``folders = [...]`` names it (None outside a monorepo).
        self.name = name

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        folder: str | None = None,
        cwd: str | os.PathLike[str] | None = None,
    ) -> Repository:
        """The folder (or log file) at ``path``; without one, the configured folder or the
        first usual one (``doc/adr``, ``docs/decisions``, …) found walking up from ``cwd``.

        With ``folders = [...]`` configured (a monorepo): the folder ``folder`` names (its
        path as configured, or the end of it), or the only one; several and none chosen is
        a :class:`~archlog.errors.UsageError`."""
        return open_folders(path, folder=folder, cwd=cwd, one=True)[0]

    @classmethod
    def init(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        convention: str | None = None,
        date: datetime.date | str | None = None,
    ) -> Repository:
        """Create an ADR folder (or, for the ``log`` convention, a decision log) with its
        template, a README index and record 1, dated ``date`` (default: today).

        Without ``path``: the configured folder, else the convention's usual place
        (``doc/adr``; ``docs/decisions`` for MADR). Without ``convention``: the configured
        one, else ``nygard``."""
        from archlog.conventions.catalog import DEFAULT_CONVENTION, get_convention
        from archlog.infra.config import Config
        from archlog.ops.create import plan_init
        from archlog.read.store import Store, configuration

        cfg = configuration()
        conv = get_convention(str(convention or cfg.values.get("convention") or DEFAULT_CONVENTION))
        target = Path(path) if path is not None else cfg.path("dir") or Path(conv.default_folder)
        if path is None and cfg.path("dir") is None:
            _refuse_a_second_folder(cfg, target)
        if conv.single_file:
            log = target if target.suffix.lower() == ".md" else target / conv.single_file
            store = Store(log.parent, Config({}, None, log.parent), log_file=log)
        else:
            store = Store(target, Config({"convention": conv.name}, None, target))
        day = _iso(date, "date")
        applied = Change(store, lambda ws: plan_init(ws, conv, date=day)).apply()
        repo = cls(store)
        repo.created = applied.value
        if not conv.single_file:
            repo.update_index().apply()
        store.refresh()
        return repo

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
        """Problems met while reading (a file that is not UTF-8, invalid front matter, …):
        each file's, once; the rest of the folder still reads."""
        return self._store.warnings

    def get(self, ref: str | int) -> Record:
        """The record named ``ref`` — a number (``12``, ``0012``, ``ADR-012``), an id, a
        unique prefix of one, or a file name — with its details (sections, spans, trace)."""
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
        """Give ``records`` their details (sections, spans, trace): the records of
        :attr:`records` may come from the parse cache without them."""
        self._store.detail(records)

    def details(self, ref: str | int | Record) -> dict[str, Any]:
        """A record as ``show --format json`` gives it: every field, ``extra``, the
        sections and the spans (1-based line ranges), and ``related``: each relation both
        ways, with the other record's id, title, status and path when the folder has it."""
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
        """Every relation of a record, both ways: ``(type, other record, target)`` for its
        own relations, then ``(inverse type, record, its target)`` for each relation another
        record has to it (``superseded-by`` for a record that supersedes it, …). The other
        record is None when a relation names a record the folder does not have."""
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
        """The records that match every filter given (``since``/``until`` may be partial
        ISO dates: ``2024`` or ``2024-03``)."""
        from archlog.features.listing import Filter, select

        flt = Filter(tuple(status), tuple(tag), _partial(since), _partial(until))
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
        """The records matching ``query``, best first (BM25 over title, tags, people and
        text; see docs/search.md), each with a snippet whose matched words are marked; only
        those that pass the filters, at most ``limit``. ``prefix``: the last word may be
        the beginning of a word (search as you type)."""
        from archlog.features.listing import Filter

        flt = Filter(tuple(status), tuple(tag), _partial(since), _partial(until))
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
        """The search kept for the folder's files as they are now (looked up once for them:
        the store keeps the files it read until it parses them or is refreshed)."""
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
        """A Markdown digest of the decisions in force (see docs/agents.md): those that
        concern ``paths`` first (by their ``scope:``/``affects:`` globs, else by mentions),
        no longer than ``budget`` tokens; links relative to ``base`` (default: the working
        directory)."""
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

    def update_context(
        self,
        file: str | os.PathLike[str],
        *,
        paths: Sequence[str | os.PathLike[str]] = (),
        budget: int | None = None,
    ) -> Change[Path]:
        """The digest kept in ``file`` (``AGENTS.md``, ``CLAUDE.md``, …) between
        ``<!-- archlog:context:start -->`` and ``<!-- archlog:context:end -->``; the rest
        of the file is left as it is (the block is added at the end the first time). An
        empty change means the file is current."""
        from archlog.edit.text import Text
        from archlog.features import context
        from archlog.features.index import place

        target = Path(file).absolute()

        def plan(ws: Workspace) -> Path:
            digest = self.context(paths, budget=budget, base=target.parent)
            block = digest.text.rstrip("\n").split("\n")
            old = str(Text.decode(target.read_bytes(), target)) if target.exists() else None
            try:
                new = place(old or "", block, [], start=context.START, end=context.END)
            except ValueError as exc:
                raise UsageError(str(exc), target) from None
            if new != old:
                ws.put(target, new)
            return target

        return Change(self._store, plan)

    def _repo_path(self, path: str | os.PathLike[str]) -> str:
        """A path the user gave, relative to the repository's root (``/``-separated; a
        folder keeps its trailing ``/``)."""
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
        """Why the folder holds no record, in one line naming it and what was looked for
        (None when it has records): an empty folder is reported, never taken as clean."""
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

    # ------------------------------------------------------------------ writing

    def change(self, plan: Callable[..., object], *, root: Path | None = None) -> Change[object]:
        """A change made by ``plan(workspace)``: for edits the API does not name."""
        return Change(self._store, plan, root=root)

    def new(
        self,
        title: str,
        *,
        status: str | None = None,
        date: datetime.date | str | None = None,
        deciders: Sequence[str] = (),
        consulted: Sequence[str] = (),
        informed: Sequence[str] = (),
        tags: Sequence[str] = (),
        template: str | os.PathLike[str] | None = None,
        supersedes: Sequence[str] = (),
        force: bool = False,
        area: str | None = None,
    ) -> Change[Path]:
        """The next record, numbered one past the highest the folder has ever used, written
        in the folder's own style. The change's value is the new file (or the log).

        ``area``: the sub-folder it goes in, where the folder keeps records by area
        (``api``, ``2024``); numbered one past the highest of that area where numbers
        restart per area. A folder that keeps every record in an area needs one."""
        from archlog.ops.create import NewRecord, check_new, check_title, plan_new

        request = NewRecord(
            check_title(title),
            status=status,
            date=_iso(date, "date"),
            deciders=tuple(deciders),
            consulted=tuple(consulted),
            informed=tuple(informed),
            tags=tuple(tags),
            template=Path(template) if template is not None else None,
            supersedes=tuple(supersedes),
            force=force,
            area=_area(area),
        )
        return Change(
            self._store, lambda ws: plan_new(ws, request), check=lambda ws: check_new(ws, request)
        )

    def set_status(self, ref: str | int, status: str, *, force: bool = False) -> Change[Record]:
        """Move a record to ``status`` (any spelling of a known status), as the convention's
        lifecycle allows (``force`` overrides it)."""
        from archlog.ops.lifecycle import change_status

        store = self._store
        return Change(
            store,
            lambda ws: change_status(
                ws, store.get(str(ref)), store.convention, status, force=force
            ),
        )

    def supersede(
        self, old: str | int, *, by: str | int | Sequence[str | int], force: bool = False
    ) -> Change[None]:
        """Mark ``old`` superseded by ``by`` (one record or several), linked both ways."""
        from archlog.ops.lifecycle import supersede

        store = self._store
        successors = [by] if isinstance(by, (str, int)) else list(by)

        def plan(ws: Workspace) -> None:
            for ref in successors:
                supersede(
                    ws, store.get(str(old)), store.get(str(ref)), store.convention, force=force
                )

        return Change(store, plan)

    def link(
        self, a: str | int, relation: str, b: str | int, *, force: bool = False
    ) -> Change[None]:
        """``A relation B`` written in A, and its inverse in B (``amends``, ``relates-to``,
        a configured pair, …)."""
        from archlog.ops.lifecycle import link

        store = self._store
        return Change(
            store,
            lambda ws: link(
                ws, store.get(str(a)), relation, store.get(str(b)), store.convention, force=force
            ),
        )

    def unlink(self, a: str | int, b: str | int) -> Change[int]:
        """Remove every relation between A and B, on both sides (the value: how many)."""
        from archlog.ops.lifecycle import unlink

        store = self._store
        return Change(
            store, lambda ws: unlink(ws, store.get(str(a)), store.get(str(b)), store.convention)
        )

    def renumber(self, ref: str | int, number: int, *, force: bool = False) -> Change[RenumberPlan]:
        """Give a record another number: its file renamed, every reference rewritten."""
        from archlog.ops.renumber import check_target, renumber

        store = self._store

        def plan(ws: Workspace) -> RenumberPlan:
            record = store.get(str(ref))
            check_target(store, record, number, force=force)
            return renumber(ws, [(record, number)])

        return Change(store, plan)

    def renumber_duplicates(self) -> Change[RenumberPlan]:
        """Give every record that shares a number with an earlier one the next free number."""
        from archlog.ops.renumber import duplicate_moves, renumber

        store = self._store

        def plan(ws: Workspace) -> RenumberPlan:
            moves, duplicated = duplicate_moves(store)
            return renumber(ws, moves, duplicated=duplicated)

        return Change(store, plan)

    def update_index(self, *, style: str | None = None) -> Change[Path]:
        """The README index brought up to date (between archlog's markers). An empty change
        means the index is current."""
        from archlog.features.index import IndexSettings, update

        store = self._store

        def plan(ws: Workspace) -> Path:
            _ = store.records  # every record first: the convention is then inferred from them
            settings = IndexSettings.of(store, store.convention)
            if style:
                settings.style, settings.style_given = style, True
            path, old, new = update(store, settings)
            if old != new:
                ws.put(path, new)
            return path

        return Change(store, plan)

    @property
    def index_file(self) -> Path:
        """The file the index lives in (the folder's README unless configured otherwise)."""
        from archlog.features.index import readme_of

        return readme_of(self._store)

    def has_index(self) -> bool:
        """Whether :attr:`index_file` holds an index: archlog's markers, or a hand-made
        table or list of links to the records."""
        from archlog.features.index import has_index

        return has_index(self._store)

    @property
    def index_required(self) -> bool:
        """Whether the folder must have an index (``[index] required``): ``index --check``
        fails without one."""
        from archlog.features.index import IndexSettings

        return IndexSettings.of(self._store, self._store.convention).required

    def graph(self, format: GraphFormat = "mermaid") -> str:
        """The records and their relations as Mermaid or Graphviz DOT."""
        from archlog.features import graph

        custom = {str(k): str(v) for k, v in (self._store.config.get("relations") or {}).items()}
        if format == "dot":
            return graph.dot(self.records, custom)
        return graph.mermaid(self.records, custom)

    def update_graph_in_readme(self) -> Change[Path]:
        """A Mermaid graph kept in the index README, between archlog's graph markers."""
        from archlog.edit.text import Text
        from archlog.features import graph
        from archlog.features.index import place, readme_of
        from archlog.read.guarded import read_inside

        store = self._store

        def plan(ws: Workspace) -> Path:
            path = readme_of(store)
            text = self.graph("mermaid")
            block = ["```mermaid", *text.rstrip("\n").split("\n"), "```"]
            data = read_inside(store, path)
            old = str(Text.decode(data, path)) if data is not None else None
            new = place(old or "", block, [], start=graph.START, end=graph.END)
            if new != old:
                ws.put(path, new)
            return path

        return Change(store, plan)

    def lint(
        self,
        *,
        paths: Sequence[str | os.PathLike[str]] = (),
        git: bool = False,
        against: str | None = None,
        only: Sequence[str] = (),
    ) -> Report:
        """Check the records (or only those at ``paths``); see docs/lint.md for the rules."""
        from archlog.features.lint.runner import run

        return run(
            self._store,
            paths=[Path(p) for p in paths],
            git=git,
            against=against,
            only=[o.upper() for o in only],
        )

    def fix(self, report: Report, *, names: bool = False) -> Change[list[str]]:
        """The safe fixes of what ``report`` found (the value: what each fix did); with
        ``names``, files whose name does not follow their title are renamed too (the links
        to them inside the folder rewritten; links from elsewhere are not)."""
        from archlog.features.lint import fixes

        store = self._store
        return Change(store, lambda ws: fixes.apply(store, ws, report, names=names))

    def export(self, format: ExportFormat = "json") -> bytes:
        """Every record as archlog JSON (every field and section), JSON-ADR v1, or CSV."""
        import json

        from archlog.features import export, listing

        if format == "csv":
            return listing.to_csv(self.records, self.folder).encode("utf-8")
        if format == "jsonadr":
            text = json.dumps(export.json_adr(self._store), ensure_ascii=False, indent=1)
            return (text + "\n").encode("utf-8")
        return export.archlog_json_bytes(self._store)

    def import_(self, file: str | os.PathLike[str]) -> Change[list[tuple[int | str, int]]]:
        """Records from a JSON-ADR file or an archlog export, in the folder's convention
        (the value: each ``(number in the file, number given)``)."""
        from archlog.ops.importing import plan_import

        return Change(self._store, lambda ws: plan_import(ws, Path(file)))

    def convert(
        self, to: str | Convention, *, out: str | os.PathLike[str] | None = None
    ) -> Change[int]:
        """The folder written again in convention ``to`` (a name, or a convention such as
        another folder's) — into ``out``, a new folder, when given; the value: how many
        records."""
        from archlog.conventions.catalog import get_convention
        from archlog.ops.convert import check_out_folder, plan_convert

        conv = get_convention(to) if isinstance(to, str) else to
        target = Path(out).resolve() if out is not None else None
        if target is not None:
            check_out_folder(target)

        def plan(ws: Workspace) -> int:
            from archlog.features.index import index_converted, index_new_folder

            count = plan_convert(ws, conv, target)
            if target is not None and not conv.single_file:
                index_new_folder(ws, target, conv)  # the new README lists the records
            elif target is None and not conv.single_file and not self._store.is_log:
                index_converted(ws, self._store, conv)  # its entries follow the new files
            return count

        return Change(self._store, plan, root=target or self.folder)

    def build_site(
        self,
        out: str | os.PathLike[str] | None = None,
        *,
        progress: Callable[[int, int], None] | None = None,
    ) -> BuildResult:
        """A static site of the records in ``out`` (default: ``[site] out``, else ``site/``
        beside the configuration), replaced whole once the build worked."""
        from archlog.features.site import build, default_out

        target = Path(out) if out is not None else default_out(self._store)
        return build(self._store, target, progress=progress)


def statuses() -> list[str]:
    """The statuses a record may have, in lifecycle order (``unknown`` aside)."""
    from archlog.conventions.vocabulary import STATUSES

    return [s for s in STATUSES if s != "unknown"]


def relation_types(custom: dict[str, str] | None = None) -> list[str]:
    """Every relation type: the built-in ones and ``custom`` pairs (configuration's)."""
    from archlog.conventions.vocabulary import inverses

    return sorted(inverses(custom))


def _refuse_a_second_folder(cfg: Config, target: Path) -> None:
    """``init`` without a DIRECTORY makes the usual folder: not beside an ADR folder the
    repository has already (the configured ones, or a usual one such as docs/decisions)."""
    from archlog.infra.config import find_usual_folder
    from archlog.read.folders import configured_folders

    folders = configured_folders(cfg)
    if folders:
        names = ", ".join(name for name, _ in folders)
        raise UsageError(
            f"folders = [...] configures the ADR folders already ({names}); "
            "give the DIRECTORY to create",
            cfg.source,
        )
    found = find_usual_folder(cfg.root, Path.cwd())
    if found is not None and found.resolve() != target.resolve():
        raise UsageError(
            f"an ADR folder is here already; `archlog init` would make {target} beside it "
            "(give DIRECTORY to make another on purpose)",
            _shown(found),
        )


def _shown(path: Path) -> str:
    """``path`` relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def open_folders(
    path: str | os.PathLike[str] | None = None,
    *,
    folder: str | None = None,
    cwd: str | os.PathLike[str] | None = None,
    one: bool = False,
) -> list[Repository]:
    """Every folder a command works across: the one at ``path`` when given; else each that
    ``folders = [...]`` configures (only the one ``folder`` names, when given; with ``one``,
    the one a one-folder command works in), each named as configured; else the configured or
    usual folder (see :meth:`Repository.open`)."""
    from archlog.read.folders import configured_folders, one_folder
    from archlog.read.store import Store, configuration

    here = Path(cwd) if cwd is not None else None
    if path is not None:
        if folder is not None:
            raise UsageError("give --dir or --folder, not both")
        return [Repository(Store.open(path, cwd=here))]
    cfg = configuration(here)
    if cfg.values.get("folders") and not cfg.values.get("dir"):
        if one or folder is not None:
            chosen = one_folder(cfg, folder)
            assert chosen is not None
            return [Repository(Store.open(chosen[1], cwd=here), name=chosen[0])]
        return [
            Repository(Store.open(where, cwd=here), name=name)
            for name, where in configured_folders(cfg)
        ]
    if folder is not None:
        one_folder(cfg, folder)  # the error: no folders are configured
    return [Repository(Store.open(None, cwd=here))]


def conventions() -> list[Convention]:
    """The built-in conventions, in the order ``archlog conventions`` lists them."""
    from archlog.conventions.catalog import CONVENTIONS

    return list(CONVENTIONS.values())


def format_records(
    records: Sequence[Record],
    format: Literal["table", "json", "csv"],
    folder: Path,
    *,
    width: int | None = None,
    repo: Repository | None = None,
) -> str:
    """Records as ``archlog list`` prints them: a table (aligned and fitted to ``width``
    on a terminal; without a width, tab-separated), JSON (the stable contract of
    docs/formats.md, paths relative to ``folder``) or CSV. With ``repo``, each record's JSON
    comes as its store keeps it (a large folder lists faster)."""
    from archlog.features import listing

    if format == "json":
        lines = repo.store.json_line if repo is not None else None
        return listing.to_json(records, folder, lines=lines)
    if format == "csv":
        return listing.to_csv(records, folder)
    return listing.to_table(records, width) if records else ""


def format_hits(
    hits: Sequence[Hit],
    format: Literal["text", "json"],
    folder: Path,
    *,
    width: int | None = None,
    colour: bool = False,
) -> str:
    """Search hits as ``archlog search`` prints them: JSON (each record as ``list`` gives
    it, with its score, matched terms, snippet and the marks' offsets), or text — on a
    terminal (``width``), a fitted row and the snippet under it, matched words in bold with
    ``colour``, else ``**marked**``; piped, one tab-separated line per hit."""
    from archlog.features.search_store import render_json, render_text

    if format == "json":
        return render_json(hits, folder)
    return render_text(hits, width=width, colour=colour)


def format_folders(
    parts: Sequence[tuple[Repository, Sequence[Record]]],
    format: Literal["table", "json", "csv"],
    *,
    width: int | None = None,
) -> str:
    """Records of several folders (a monorepo) as ``archlog list`` prints them: each with its
    folder (a FOLDER column first; a ``folder`` key in JSON; a ``folder`` column in CSV); a
    table is fitted to ``width`` as :func:`format_records` fits it."""
    from archlog.features import listing

    rows = [(repo.name or str(repo.folder), repo.folder, records) for repo, records in parts]
    if format == "json":
        return listing.folders_json(rows)
    if format == "csv":
        return listing.folders_csv(rows)
    return listing.folders_table(rows, width)


def export_folders(repos: Sequence[Repository], format: ExportFormat = "json") -> bytes:
    """The export of several folders as one: archlog JSON or CSV, each record with its
    folder (JSON-ADR holds one folder's records: export one at a time)."""
    from archlog.features import export, listing

    names = [repo.name or str(repo.folder) for repo in repos]
    if format == "jsonadr":
        raise UsageError(
            f"JSON-ADR holds one folder's records; export one with --folder ({', '.join(names)})"
        )
    if format == "csv":
        rows = [(name, repo.folder, repo.records) for name, repo in zip(names, repos, strict=True)]
        return listing.folders_csv(rows).encode("utf-8")
    stores = [(name, repo.store) for name, repo in zip(names, repos, strict=True)]
    return export.folders_json_bytes(stores)


def graph_folders(repos: Sequence[Repository], format: GraphFormat = "mermaid") -> str:
    """The records of several folders and their relations, a subgraph (cluster) each."""
    from archlog.features import graph

    parts: list[graph.Part] = []
    for repo in repos:
        custom = repo.store.config.get("relations") or {}
        pairs = {str(k): str(v) for k, v in custom.items()}
        parts.append((repo.name or str(repo.folder), repo.records, pairs))
    return graph.dot_folders(parts) if format == "dot" else graph.mermaid_folders(parts)


def combine_reports(reports: Sequence[Report]) -> Report:
    """One lint report of several folders' (a monorepo's): every finding, every record."""
    from archlog.features.lint.findings import Report

    return reports[0] if len(reports) == 1 else Report.combined(reports)


def check_filters(
    status: Sequence[str] = (), since: str | None = None, until: str | None = None
) -> None:
    """Refuse unknown statuses and malformed dates of a listing's filters."""
    from archlog.features.listing import Filter

    Filter(tuple(status), (), since, until)


def format_context(digest: Digest, format: Literal["markdown", "json"], folder: Path) -> str:
    """A digest as ``archlog context`` prints it: its Markdown, or JSON (each decision as
    ``list`` gives it, with its area, decision, supersedes and relevance)."""
    if format == "json":
        import json

        from archlog.features.context import to_json

        return json.dumps(to_json(digest, folder), ensure_ascii=False, indent=1) + "\n"
    return digest.text


def render_report(
    report: Report, format: str = "text", base: Path | None = None, *, colour: bool = False
) -> str:
    """A lint report as ``text`` (grouped by file), ``json``, ``github`` annotations or
    ``sarif`` 2.1.0; paths relative to ``base`` (default: the working directory)."""
    from archlog.features.lint import reports

    where = base or Path.cwd()
    if format == "json":
        return reports.as_json(report, where)
    if format == "github":
        return reports.github(report, where)
    if format == "sarif":
        return reports.sarif(report, where)
    return reports.text(report, where, colour=colour)


def open_in_editor(path: Path) -> None:
    """Open ``path`` in ``$VISUAL`` or ``$EDITOR`` and wait for it."""
    from archlog.infra.editor import open_in_editor as run_editor

    run_editor(path)


def build_monorepo_site(
    out: str | os.PathLike[str] | None = None,
    *,
    cwd: str | os.PathLike[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[BuildResult, list[Repository]] | None:
    """The site of every folder that ``folders = [...]`` configures, a section each (None
    when the configuration names no folders)."""
    from archlog.features.site import build_monorepo
    from archlog.read.store import configuration

    cfg = configuration(Path(cwd) if cwd is not None else None)
    if not cfg.values.get("folders"):
        return None
    result, stores = build_monorepo(cfg, Path(out) if out is not None else None,
                                    progress=progress)  # fmt: skip
    return result, [Repository(store) for store in stores]


def serve_site(
    path: str | None,
    host: str,
    port: int,
    *,
    ready: Callable[[str], None],
    rebuilt: Callable[[float, int], None],
) -> None:
    """Build the site, serve it on ``host:port``, rebuild on every change; until interrupted."""
    from archlog.features.site.serve import serve

    serve(path, host, port, ready=ready, rebuilt=rebuilt)


def _partial(value: datetime.date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, datetime.date) else value
