"""Commands for people who search and for coding agents: search, context."""

from __future__ import annotations

import os
import shutil
import sys

import click

from archlog.cli.app import dir_option, open_repo, report_warnings


def terminal() -> tuple[int | None, bool]:
    """Standard output's width in cells when it is a terminal (None when piped), and
    whether colour is welcome there."""
    if not sys.stdout.isatty():
        return None, False
    return shutil.get_terminal_size().columns, "NO_COLOR" not in os.environ


def no_match() -> None:
    click.echo("no records match", err=True)


@click.command("search")
@click.argument("query", nargs=-1, required=True)
@dir_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")  # fmt: skip
@click.option("--status", "statuses", multiple=True, help="Only records with this status.")
@click.option("--tag", "tags", multiple=True, help="Only records with this tag or category.")
@click.option("--since", default=None, help="Only records dated on or after (YYYY[-MM[-DD]]).")
@click.option("--until", default=None, help="Only records dated on or before (YYYY[-MM[-DD]]).")
@click.option(
    "--in-force", is_flag=True,
    help="Only decisions in force (accepted or implemented, not superseded).",
)  # fmt: skip
@click.option("--limit", "-n", type=click.IntRange(min=1), default=20, show_default=True,
              help="At most this many hits.")  # fmt: skip
def search_cmd(query: tuple[str, ...], dir_: str | None, fmt: str, statuses: tuple[str, ...],
               tags: tuple[str, ...], since: str | None, until: str | None, in_force: bool,
               limit: int) -> None:  # fmt: skip
    """Search the records' titles, text, people and tags, best match first.

    Ranked by BM25, a word of the title weighing most; case and accents do not matter and
    English words match their other forms (decide, decided, decision). Chinese and Japanese
    text is found by characters. Each hit shows a snippet with the matched words marked.
    """
    from archlog.api import check_filters, format_hits

    check_filters(statuses, since, until)
    repo = open_repo(dir_)
    hits = repo.search(" ".join(query), status=statuses, tag=tags, since=since, until=until,
                       in_force=in_force, limit=limit)  # fmt: skip
    report_warnings(repo)
    if not hits:
        no_match()
    if fmt == "json":
        click.echo(format_hits(hits, "json", repo.folder), nl=False)
        return
    width, colour = terminal()
    click.echo(format_hits(hits, "text", repo.folder, width=width, colour=colour), nl=False)
