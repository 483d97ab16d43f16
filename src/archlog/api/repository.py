"""The :class:`Repository`: one ADR folder (or decision log) and every operation on it.

Reading comes from :class:`~archlog.api.queries.Queries`, the edits from
:class:`~archlog.api.writes.Writes`; this module adds opening and creating a folder and the
folder-wide features (the index, the graph, lint, export, the site).
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from archlog.api.arguments import ExportFormat, GraphFormat, iso_date
from archlog.api.opening import new_store, open_stores
from archlog.api.writes import Writes
from archlog.edit.change import Change

if TYPE_CHECKING:
    from archlog.edit.workspace import Workspace
    from archlog.features.lint.findings import Report
    from archlog.features.site import BuildResult


class Repository(Writes):
    """The records of one ADR folder (or single-file decision log), and every operation."""

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        folder: str | None = None,
        cwd: str | os.PathLike[str] | None = None,
    ) -> Repository:
        """Open the folder (or log file) at ``path``.

        Without ``path``: the configured folder, or the first usual one (``doc/adr``,
        ``docs/decisions``, …) found walking up from ``cwd``.

        With ``folders = [...]`` configured (a monorepo): the folder ``folder`` names (its
        path as configured, or the end of it), or the only one; several and none chosen is
        a :class:`~archlog.errors.UsageError`.
        """
        store, name = open_stores(path, folder=folder, cwd=cwd, one=True)[0]
        return cls(store, name=name)

    @classmethod
    def init(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        convention: str | None = None,
        date: datetime.date | str | None = None,
    ) -> Repository:
        """Create an ADR folder (or, for the ``log`` convention, a decision log).

        With its template, a README index and record 1, dated ``date`` (default: today).

        Without ``path``: the configured folder, else the convention's usual place
        (``doc/adr``; ``docs/decisions`` for MADR). Without ``convention``: the configured
        one, else ``nygard``.

        The repository returned is the folder as :meth:`open` opens it (the configuration
        found from the working directory, the convention read from record 1), as the next
        ``archlog`` command sees it.
        """
        from archlog.ops.create import plan_init
        from archlog.read.store import Store

        store, conv = new_store(path, convention)
        day = iso_date(date, "date")
        applied = Change(store, lambda ws: plan_init(ws, conv, date=day)).apply()
        made = cls(store)
        if not conv.single_file:
            made.update_index().apply()
        repo = cls(Store.open(store.log_file or store.folder))
        repo.created = applied.value
        return repo

    # ------------------------------------------------------------------ the folder's features

    def update_index(self, *, style: str | None = None) -> Change[Path]:
        """The README index brought up to date (between archlog's markers).

        An empty change means the index is current.
        """
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
        """Whether :attr:`index_file` holds an index.

        Archlog's markers, or a hand-made table or list of links to the records.
        """
        from archlog.features.index import has_index

        return has_index(self._store)

    @property
    def index_required(self) -> bool:
        """Whether the folder must have an index (``[index] required``).

        ``index --check`` fails without one.
        """
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

    def build_site(
        self,
        out: str | os.PathLike[str] | None = None,
        *,
        progress: Callable[[int, int], None] | None = None,
    ) -> BuildResult:
        """A static site of the records in ``out``, replaced whole once the build worked.

        ``out`` defaults to ``[site] out``, else ``site/`` beside the configuration.
        """
        from archlog.features.site import build, default_out

        target = Path(out) if out is not None else default_out(self._store)
        return build(self._store, target, progress=progress)
