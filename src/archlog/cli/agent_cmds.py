"""Commands for people who search and for coding agents: search, context, mcp."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from archlog.cli.app import (
    dir_option,
    no_match,
    open_repo,
    report_warnings,
    show_or_apply,
    shown,
    terminal,
)


@click.command("search")
@click.argument("query", nargs=-1, required=True)
@dir_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--status", "statuses", multiple=True, help="Only records with this status.")
@click.option("--tag", "tags", multiple=True, help="Only records with this tag or category.")
@click.option("--since", default=None, help="Only records dated on or after (YYYY[-MM[-DD]]).")
@click.option("--until", default=None, help="Only records dated on or before (YYYY[-MM[-DD]]).")
@click.option(
    "--in-force",
    is_flag=True,
    help="Only decisions in force (accepted or implemented, not superseded).",
)
@click.option(
    "--limit",
    "-n",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="At most this many hits.",
)
def search_cmd(
    query: tuple[str, ...],
    dir_: str | None,
    fmt: str,
    statuses: tuple[str, ...],
    tags: tuple[str, ...],
    since: str | None,
    until: str | None,
    in_force: bool,
    limit: int,
) -> None:
    """Search the records' titles, text, people and tags, best match first.

    Ranked by BM25, a word of the title weighing most; case and accents do not matter and
    English words match their other forms (decide, decided, decision). Chinese and Japanese
    text is found by characters. Each hit shows a snippet with the matched words marked.
    """
    from archlog.api import check_filters, format_hits

    check_filters(statuses, since, until)
    repo = open_repo(dir_)
    hits = repo.search(
        " ".join(query),
        status=statuses,
        tag=tags,
        since=since,
        until=until,
        in_force=in_force,
        limit=limit,
    )
    report_warnings(repo)
    if not hits:
        no_match()
    if fmt == "json":
        click.echo(format_hits(hits, "json", repo.folder), nl=False)
        return
    width, colour = terminal()
    click.echo(format_hits(hits, "text", repo.folder, width=width, colour=colour), nl=False)


@click.command("context")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@dir_option
@click.option(
    "--budget",
    type=click.IntRange(min=1),
    default=None,
    metavar="TOKENS",
    help="Keep the digest under this many tokens (about 4 characters each), the "
    "most relevant decisions first.",
)
@click.option(
    "--write",
    "target",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    metavar="FILE",
    help="Keep the digest in FILE (AGENTS.md, CLAUDE.md, "
    ".github/copilot-instructions.md, llms.txt, …) between archlog's "
    "markers; nothing else in the file changes.",
)
@click.option(
    "--check",
    is_flag=True,
    help="With --write: write nothing; exit 1 and the diff when FILE is stale.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
    help="Output format (without --write).",
)
def context_cmd(
    paths: tuple[Path, ...],
    dir_: str | None,
    budget: int | None,
    target: Path | None,
    check: bool,
    fmt: str,
) -> None:
    """Print a compact Markdown digest of the decisions in force, for coding agents.

    Each decision in force (accepted or implemented, not superseded) is one line: its id
    and title linked to the file, the decision in a sentence or two, what it supersedes;
    grouped by category or tag. With PATHS, the decisions that concern them come first: by
    the `scope:`/`affects:` globs a record names, else by mentions of the paths and their
    module names. --write keeps it in an agent's instructions file; --check (CI, the
    pre-commit hook) fails when that file is stale.
    """
    from archlog.api import format_context

    if check and target is None:
        raise click.UsageError("--check goes with --write FILE")
    if target is not None and fmt != "markdown":
        raise click.UsageError("--write keeps the Markdown digest; drop --format")
    repo = open_repo(dir_)
    if target is None:
        digest = repo.context(paths, budget=budget)
        report_warnings(repo)
        click.echo(
            format_context(digest, "json" if fmt == "json" else "markdown", repo.folder), nl=False
        )
        return
    change = repo.update_context(target, paths=paths, budget=budget)
    report_warnings(repo)
    if change.empty:
        click.echo(f"{shown(target)}: the decisions are current", err=True)
        return
    if check:
        click.echo(change.diff(), nl=False)
        click.echo(
            f"{shown(target)}: the decisions are stale; run `archlog context --write "
            f"{shown(target)}`",
            err=True,
        )
        sys.exit(1)
    show_or_apply(repo, change, dry_run=False)


@click.command("mcp")
@dir_option
def mcp_cmd(dir_: str | None) -> None:
    """Serve the records to coding agents over the Model Context Protocol (stdio).

    Register it in an MCP client as the command `archlog` with the argument `mcp`, run in
    the repository's folder (see docs/agents.md). Tools list, get, search, related,
    context, lint and export the records, and init, new, set status, supersede, link,
    unlink and update the index (each write previews its diff unless dry_run is false);
    records are resources too (adr://ID). It starts in a folder with no records yet.
    """
    try:
        from archlog.mcp.server import serve
    except ImportError as exc:
        from archlog.errors import ArchlogError

        raise ArchlogError(
            f"archlog mcp needs the MCP SDK ({exc.name} is missing): pip install 'archlog[mcp]'"
        ) from None
    serve(dir_)
