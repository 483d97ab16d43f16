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

The modules: :mod:`~archlog.api.repository` (the :class:`Repository`, built on
:mod:`~archlog.api.queries` and :mod:`~archlog.api.writes`), :mod:`~archlog.api.monorepo`
(several folders as one), :mod:`~archlog.api.presenting` (what the CLI prints),
:mod:`~archlog.api.lookups` (what needs no folder), :mod:`~archlog.api.arguments` (the
argument types) and :mod:`~archlog.api.opening` (finding the folders).
"""

from __future__ import annotations

from archlog.api.arguments import ExportFormat, GraphFormat
from archlog.api.lookups import check_filters, conventions, relation_types, statuses
from archlog.api.monorepo import (
    build_monorepo_site,
    combine_reports,
    export_folders,
    format_folders,
    graph_folders,
    open_folders,
)
from archlog.api.presenting import (
    format_context,
    format_hits,
    format_records,
    open_in_editor,
    render_report,
    serve_site,
)
from archlog.api.repository import Repository
from archlog.edit.change import Applied, Change
from archlog.model import Record

__all__ = [
    "Applied",
    "Change",
    "ExportFormat",
    "GraphFormat",
    "Record",
    "Repository",
    "build_monorepo_site",
    "check_filters",
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
