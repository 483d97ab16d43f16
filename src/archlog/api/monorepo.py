"""Several folders at once (a monorepo's ``folders = [...]``).

Opening them, and their listing, export, graph, lint report and site as one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from archlog.api.arguments import ExportFormat, GraphFormat
from archlog.api.opening import open_stores
from archlog.api.repository import Repository
from archlog.errors import UsageError

if TYPE_CHECKING:
    from archlog.features.lint.findings import Report
    from archlog.features.site import BuildResult
    from archlog.model import Record


def open_folders(
    path: str | os.PathLike[str] | None = None,
    *,
    folder: str | None = None,
    cwd: str | os.PathLike[str] | None = None,
    one: bool = False,
) -> list[Repository]:
    """Every folder a command works across.

    The one at ``path`` when given; else each that ``folders = [...]`` configures (only the
    one ``folder`` names, when given; with ``one``, the one a one-folder command works in),
    each named as configured; else the configured or usual folder (see
    :meth:`Repository.open`).
    """
    return [
        Repository(store, name=name)
        for store, name in open_stores(path, folder=folder, cwd=cwd, one=one)
    ]


def format_folders(
    parts: Sequence[tuple[Repository, Sequence[Record]]],
    format: Literal["table", "json", "csv"],
    *,
    width: int | None = None,
) -> str:
    """Records of several folders (a monorepo) as ``archlog list`` prints them.

    Each with its folder (a FOLDER column first; a ``folder`` key in JSON; a ``folder``
    column in CSV); a table is fitted to ``width`` as :func:`format_records` fits it.
    """
    from archlog.features import listing

    rows = [(repo.name or str(repo.folder), repo.folder, records) for repo, records in parts]
    if format == "json":
        return listing.folders_json(rows)
    if format == "csv":
        return listing.folders_csv(rows)
    return listing.folders_table(rows, width)


def export_folders(repos: Sequence[Repository], format: ExportFormat = "json") -> bytes:
    """The export of several folders as one: archlog JSON or CSV, each record with its folder.

    JSON-ADR holds one folder's records: export one at a time.
    """
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


def build_monorepo_site(
    out: str | os.PathLike[str] | None = None,
    *,
    cwd: str | os.PathLike[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[BuildResult, list[Repository]] | None:
    """The site of every folder that ``folders = [...]`` configures, a section each.

    None when the configuration names no folders.
    """
    from archlog.features.site import build_monorepo
    from archlog.read.discovery import configuration

    cfg = configuration(Path(cwd) if cwd is not None else None)
    if not cfg.values.get("folders"):
        return None
    result, stores = build_monorepo(cfg, Path(out) if out is not None else None, progress=progress)
    return result, [Repository(store) for store in stores]
