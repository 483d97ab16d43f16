"""Commands over records: conventions, init, new, list, show."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Literal

import click

from archlog.cli.app import (
    DATE,
    across,
    dir_option,
    no_match,
    open_repo,
    open_repos,
    people,
    report_folders,
    report_warnings,
    shown,
    terminal,
)
from archlog.cli.completion import record_ids, status_words


@click.command("conventions")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
def conventions_cmd(fmt: str) -> None:
    """List the conventions archlog reads and writes."""
    from archlog.api import conventions

    known = conventions()
    if fmt == "json":
        data = [c.describe() for c in known]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    width = max(len(conv.name) for conv in known)
    for conv in known:
        click.echo(f"{conv.name.ljust(width)}  {conv.description}")


@click.command("init")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option(
    "--convention",
    "-c",
    default=None,
    metavar="NAME",
    help="Convention of the new folder (see `archlog conventions`; default: nygard).",
)
@click.option(
    "--date", type=DATE, default=None, help="Date of the first record, YYYY-MM-DD (default: today)."
)
def init_cmd(directory: Path | None, convention: str | None, date: datetime.date | None) -> None:
    """Create an ADR folder with a template, a README index and the first record.

    DIRECTORY defaults to the configured folder, else doc/adr (docs/decisions for MADR).
    For the single-file `log` convention, DIRECTORY may name the log file itself.
    """
    from archlog.api import Repository

    repo = Repository.init(directory, convention=convention, date=date)
    for path in repo.created:
        click.echo(shown(path))


@click.command("new")
@click.argument("title", nargs=-1, required=True)
@dir_option
@click.option(
    "--status",
    default=None,
    shell_complete=status_words,
    help="Status of the new record (default: Proposed).",
)
@click.option(
    "--date", type=DATE, default=None, help="Date of the record, YYYY-MM-DD (default: today)."
)
@click.option("--deciders", default=None, help="Comma-separated decision makers.")
@click.option("--consulted", default=None, help="Comma-separated people consulted.")
@click.option("--informed", default=None, help="Comma-separated people informed.")
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable).")
@click.option(
    "--template",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Template file (adr-tools placeholders or Jinja).",
)
@click.option(
    "--supersedes",
    multiple=True,
    metavar="ID",
    shell_complete=record_ids,
    help="A record the new one replaces (repeatable); it is marked superseded.",
)
@click.option(
    "--force", is_flag=True, help="With --supersedes: whatever the old record's status is."
)
@click.option(
    "--area",
    default=None,
    metavar="SUBFOLDER",
    help="The sub-folder (area) it goes in, where the folder keeps records by area.",
)
@click.option("--edit", is_flag=True, help="Open the new record in $VISUAL / $EDITOR.")
def new_cmd(
    title: tuple[str, ...],
    dir_: str | None,
    status: str | None,
    date: datetime.date | None,
    deciders: str | None,
    consulted: str | None,
    informed: str | None,
    tags: tuple[str, ...],
    template: Path | None,
    supersedes: tuple[str, ...],
    force: bool,
    area: str | None,
    edit: bool,
) -> None:
    """Create the next record and print its path.

    The number is one past the highest the folder has ever used; the file follows the
    folder's convention (configured or inferred). Front-matter values are written
    through a YAML emitter and read back before the file is written: one that would
    read back otherwise is an error naming the key, and nothing is written. A --tag,
    --deciders, --consulted or --informed value the record as written does not read
    back (the template has no place for it) is reported as a warning. --tag is one tag
    each time; the people options are comma-separated. With `folders = [...]`,
    --folder NAME chooses the folder.
    """
    from archlog.api import open_in_editor

    repo = open_repo(dir_)
    applied = repo.new(
        " ".join(title),
        status=status,
        date=date,
        deciders=people(deciders),
        consulted=people(consulted),
        informed=people(informed),
        tags=list(tags),
        template=template,
        supersedes=list(supersedes),
        force=force,
        area=area,
    ).apply()
    report_warnings(repo, applied.warnings)
    click.echo(shown(applied.value))
    if edit:
        open_in_editor(applied.value)


@click.command(
    "list",
    help="""List the records (table, JSON or CSV).

On a terminal the table is aligned and fits its width; piped, it is one tab-separated line
per record (id, status, date, title) with no header.""",
)
@dir_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    shell_complete=status_words,
    help="Only records with this status.",
)
@click.option("--tag", "tags", multiple=True, help="Only records with this tag or category.")
@click.option("--since", default=None, help="Only records dated on or after (YYYY[-MM[-DD]]).")
@click.option("--until", default=None, help="Only records dated on or before (YYYY[-MM[-DD]]).")
def list_cmd(
    dir_: str | None,
    fmt: str,
    statuses: tuple[str, ...],
    tags: tuple[str, ...],
    since: str | None,
    until: str | None,
) -> None:
    """List the records (table, JSON or CSV).

    With `folders = [...]`, every folder's records, each with its folder (a FOLDER column; a
    `folder` key or column)."""
    from archlog.api import check_filters, format_folders, format_records

    check_filters(statuses, since, until)  # bad filters fail before any reading
    shape: Literal["table", "json", "csv"] = (
        "json" if fmt == "json" else "csv" if fmt == "csv" else "table"
    )
    width = terminal()[0] if shape == "table" else None
    repos = open_repos(dir_)
    parts = [(r, r.select(status=statuses, tag=tags, since=since, until=until)) for r in repos]
    report_folders(repos, empty=True)
    if not any(records for _repo, records in parts) and (statuses or tags or since or until):
        no_match()
    if across(repos):
        click.echo(format_folders(parts, shape, width=width), nl=False)
        return
    repo, records = parts[0]
    click.echo(format_records(records, shape, repo.folder, width=width, repo=repo), nl=False)


@click.command("show")
@click.argument("ref", shell_complete=record_ids)
@dir_option
@click.option("--raw", is_flag=True, help="Print the Markdown source as it is.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: every field, the sections and spans, relations both ways.",
)
def show_cmd(ref: str, dir_: str | None, raw: bool, fmt: str) -> None:
    """Show one record, rendered for the terminal.

    REF is a number (12, 0012, ADR-012), an id, a file name, or any unique beginning of a
    date-named record's id (20201016).
    """
    repo = open_repo(dir_)
    record = repo.get(ref)
    report_warnings(repo)
    if fmt == "json":
        click.echo(json.dumps(repo.details(record), ensure_ascii=False, indent=2))
        return
    source = repo.source(ref)
    if raw:
        click.echo(source, nl=False)
        return
    from archlog.cli.console import render_record

    render_record(record, source)
