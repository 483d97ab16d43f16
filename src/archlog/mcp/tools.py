"""What each MCP tool does, over :mod:`archlog.api` only: plain values in, JSON-able values
out, and every failure an :class:`~archlog.errors.ArchlogError` naming the problem.

One :class:`Session` serves one server process: it holds the repository (none until a
folder exists: then :meth:`Session.init` is the only write that works), notices when
another process changed the folder, and runs one call at a time.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, TypeVar

from archlog.api import Change, Repository, format_context, format_records, render_report
from archlog.errors import NotFoundError, UsageError

T = TypeVar("T")

NO_FOLDER = (
    "no ADR folder here yet (looked for doc/adr, docs/adr, docs/decisions, …): call the "
    "init tool first"
)


class Watcher:
    """Tells when a file of the folder changed in place (an editor, another tool): a
    thread waiting on the operating system's file events (through ``watchfiles``)."""

    def __init__(self, place: Path) -> None:
        self.place = place
        self._changed = threading.Event()
        self._halt = threading.Event()
        self._thread = threading.Thread(target=self._run, name="archlog-watch", daemon=True)
        self.alive = True
        self._thread.start()

    def _run(self) -> None:
        try:
            import watchfiles

            target = self.place.parent if self.place.is_file() else self.place
            for _changes in watchfiles.watch(
                target,
                debounce=20,
                step=5,
                stop_event=self._halt,
                recursive=False,
                raise_interrupt=False,
                ignore_permission_denied=True,
            ):
                self._changed.set()
        except Exception:  # no file events here (a limit reached, …): the server stats files
            pass
        self.alive = False

    def take(self) -> bool:
        """Whether anything changed since the last time this was asked."""
        if self._changed.is_set():
            self._changed.clear()
            return True
        return False

    def stop(self) -> None:
        self._halt.set()


class Session:
    """The repository one server works on, opened from ``dir`` (or found from ``cwd``)."""

    def __init__(self, dir: str | None = None) -> None:
        self.dir = dir
        #: Paths in diffs and links are shown from here (the server's working directory).
        self.cwd = Path.cwd().resolve()
        self._repo: Repository | None = None
        self._stamp: object = None
        self._watcher: Watcher | None = None
        self._lock = threading.Lock()
        self._open()

    # ------------------------------------------------------------------ the repository

    def _open(self) -> None:
        try:
            self._repo = Repository.open(self.dir, cwd=self.cwd)
        except NotFoundError:
            self._repo = None
            return
        place = self._repo.log_file or self._repo.folder
        if self._watcher is None or self._watcher.place != place:
            if self._watcher is not None:
                self._watcher.stop()
            self._watcher = Watcher(place)
        self._stamp = self._stamp_now()

    def _stamp_now(self) -> object:
        """What the folder looks like, as cheaply as it can be told: the folder's own time
        of change (files added, removed or replaced, as archlog writes them) while a
        watcher reports edits in place; without a watcher, each Markdown file's size and
        time of change too (a stat each)."""
        repo = self._repo
        if repo is None:
            return None
        place = repo.log_file or repo.folder
        try:
            own = os.stat(place)
            if repo.log_file is not None or (self._watcher is not None and self._watcher.alive):
                return (own.st_mtime_ns, own.st_size)
            with os.scandir(place) as entries:
                files = sorted(
                    (e.name, info.st_mtime_ns, info.st_size)
                    for e in entries
                    if e.name.lower().endswith(".md") and (info := e.stat())
                )
            return (own.st_mtime_ns, files)
        except OSError:
            return None

    @contextmanager
    def call(self) -> Iterator[None]:
        """One tool call at a time, on the folder as it is now."""
        with self._lock:
            if self._repo is None:
                self._open()
            else:
                edited = self._watcher is not None and self._watcher.take()
                stamp = self._stamp_now()
                if edited or stamp != self._stamp or stamp is None:
                    self._repo.refresh()
                    self._stamp = stamp
            yield

    @property
    def repo(self) -> Repository:
        if self._repo is None:
            raise NotFoundError(NO_FOLDER)
        return self._repo

    def shown(self, path: Path) -> str:
        """A path as the client should read it: relative to the server's folder when
        inside it."""
        try:
            return path.resolve().relative_to(self.cwd).as_posix()
        except ValueError:
            return str(path)

    # ------------------------------------------------------------------ reading

    def list_records(
        self,
        status: Sequence[str] = (),
        tag: Sequence[str] = (),
        since: str | None = None,
        until: str | None = None,
        in_force: bool = False,
    ) -> str:
        """The records as ``archlog list --format json`` prints them (JSON text: built
        from each record's kept line, it costs next to nothing on a large folder)."""
        repo = self.repo
        records = repo.select(status=status, tag=tag, since=since, until=until)
        if in_force:
            keep = {id(r) for r in repo.in_force()}
            records = [r for r in records if id(r) in keep]
        return format_records(records, "json", repo.folder, repo=repo)

    def get_record(self, ref: str | int) -> dict[str, Any]:
        repo = self.repo
        record = repo.get(ref)
        data = repo.details(record)
        data["markdown"] = repo.source(record)
        return data

    def related(self, ref: str | int) -> dict[str, Any]:
        details = self.repo.details(ref)
        return {"id": details["id"], "related": details["related"]}

    def search(
        self,
        query: str,
        status: Sequence[str] = (),
        tag: Sequence[str] = (),
        since: str | None = None,
        until: str | None = None,
        in_force: bool = False,
        limit: int = 20,
    ) -> dict[str, Any]:
        repo = self.repo
        if not query.strip():
            raise UsageError("the query is empty")
        hits = repo.search(
            query, status=status, tag=tag, since=since, until=until, in_force=in_force, limit=limit
        )
        return {"hits": [h.to_json(repo.folder) for h in hits]}

    def context(self, paths: Sequence[str] = (), budget: int | None = None) -> str:
        repo = self.repo
        digest = repo.context(paths, budget=budget, base=self.cwd)
        return format_context(digest, "markdown", repo.folder)

    def lint(self, paths: Sequence[str] = ()) -> dict[str, Any]:
        repo = self.repo
        report = repo.lint(paths=[self.cwd / p for p in paths])
        data: dict[str, Any] = json.loads(render_report(report, "json", self.cwd))
        return data

    def export(self, format: Literal["json", "jsonadr", "csv"] = "json") -> str:
        return self.repo.export(format).decode("utf-8")

    # ------------------------------------------------------------------ writing

    def write(
        self,
        make: Callable[[Repository], Change[T]],
        dry_run: bool,
        describe: Callable[[T], Any] | None = None,
    ) -> dict[str, Any]:
        """Preview ``make(repo)``'s change (its diff), or apply it under the folder's lock;
        what it did either way."""
        repo = self.repo
        change = make(repo)
        diff = change.diff()
        files = [self.shown(p) for p in change.files]
        if dry_run:
            value = change.value
            result = {"dry_run": True, "applied": False, "diff": diff, "files": files}
        else:
            applied = change.apply()
            repo.refresh()
            self._stamp = self._stamp_now()
            value = applied.value
            result = {
                "dry_run": False,
                "applied": bool(applied.written),
                "diff": diff,
                "files": [self.shown(p) for p in applied.written],
                "warnings": [str(w) for w in applied.warnings],
            }
        if describe is not None:
            result["value"] = describe(value)
        return result

    def init(
        self,
        convention: str | None = None,
        path: str | None = None,
        date: str | None = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        if self._repo is not None:
            raise UsageError(f"an ADR folder exists already: {self.shown(self._repo.folder)}")
        target = self.cwd / path if path else None
        if dry_run:
            return {
                "dry_run": True,
                "applied": False,
                "diff": "",
                "files": [],
                "value": "init makes the folder, its template, a README index and "
                "record 1; call it with dry_run false",
            }
        repo = Repository.init(target, convention=convention, date=date)
        self.dir = str(repo.log_file or repo.folder)
        self._open()
        return {
            "dry_run": False,
            "applied": True,
            "diff": "",
            "files": [self.shown(p) for p in repo.created],
            "value": self.shown(repo.folder),
        }

    def new_record(
        self,
        title: str,
        *,
        status: str | None,
        date: str | None,
        deciders: Sequence[str],
        tags: Sequence[str],
        supersedes: Sequence[str],
        dry_run: bool,
    ) -> dict[str, Any]:
        return self.write(
            lambda r: r.new(
                title, status=status, date=date, deciders=deciders, tags=tags, supersedes=supersedes
            ),
            dry_run,
            self.shown,
        )

    def set_status(self, ref: str | int, status: str, force: bool, dry_run: bool) -> dict[str, Any]:
        return self.write(
            lambda r: r.set_status(ref, status, force=force), dry_run, lambda rec: rec.status
        )

    def supersede(
        self, old: str | int, by: str | int, force: bool, dry_run: bool
    ) -> dict[str, Any]:
        return self.write(lambda r: r.supersede(old, by=by, force=force), dry_run)

    def link(self, a: str | int, relation: str, b: str | int, dry_run: bool) -> dict[str, Any]:
        return self.write(lambda r: r.link(a, relation, b), dry_run)

    def unlink(self, a: str | int, b: str | int, dry_run: bool) -> dict[str, Any]:
        return self.write(lambda r: r.unlink(a, b), dry_run, lambda n: n)

    def update_index(self, dry_run: bool) -> dict[str, Any]:
        return self.write(lambda r: r.update_index(), dry_run, self.shown)

    # ------------------------------------------------------------------ resources

    def resources(self) -> list[tuple[str, str, str]]:
        """``(uri, name, description)`` of each record."""
        if self._repo is None:
            return []
        return [
            (f"adr://{r.id}", f"{r.id} {r.title}", f"{r.status}, {r.date or 'undated'}")
            for r in self._repo.records
        ]

    def read(self, ref: str) -> str:
        return self.repo.source(ref)
