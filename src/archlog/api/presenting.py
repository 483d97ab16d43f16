"""What the CLI shows a person, made by the API.

Records, hits, a digest and a lint report as text, JSON or CSV; a file opened in the
editor; the site served while it is edited.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from archlog.api.repository import Repository
    from archlog.features.context import Digest
    from archlog.features.lint.findings import Report
    from archlog.features.search_store import Hit
    from archlog.model import Record


def format_records(
    records: Sequence[Record],
    format: Literal["table", "json", "csv"],
    folder: Path,
    *,
    width: int | None = None,
    repo: Repository | None = None,
) -> str:
    """Records as ``archlog list`` prints them.

    A table (aligned and fitted to ``width`` on a terminal; without a width,
    tab-separated), JSON (the stable contract of docs/formats.md, paths relative to
    ``folder``) or CSV. With ``repo``, each record's JSON comes as its store keeps it (a
    large folder lists faster).
    """
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
    """Search hits as ``archlog search`` prints them.

    JSON (each record as ``list`` gives it, with its score, matched terms, snippet and the
    marks' offsets), or text — on a terminal (``width``), a fitted row and the snippet
    under it, matched words in bold with ``colour``, else ``**marked**``; piped, one
    tab-separated line per hit.
    """
    from archlog.features.search_output import render_json, render_text

    if format == "json":
        return render_json(hits, folder)
    return render_text(hits, width=width, colour=colour)


def format_context(digest: Digest, format: Literal["markdown", "json"], folder: Path) -> str:
    """A digest as ``archlog context`` prints it.

    Its Markdown, or JSON (each decision as ``list`` gives it, with its area, decision,
    supersedes and relevance).
    """
    if format == "json":
        import json

        from archlog.features.context import to_json

        return json.dumps(to_json(digest, folder), ensure_ascii=False, indent=1) + "\n"
    return digest.text


def render_report(
    report: Report, format: str = "text", base: Path | None = None, *, colour: bool = False
) -> str:
    """A lint report as ``text`` (grouped by file), ``json``, ``github`` or ``sarif`` 2.1.0.

    Paths relative to ``base`` (default: the working directory).
    """
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
