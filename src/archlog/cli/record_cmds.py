"""Commands over records: conventions, init, new, list, show."""

from __future__ import annotations

import json
from pathlib import Path

import click

from archlog.cli.app import dir_option, report_warnings, shown


@click.command("conventions")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")  # fmt: skip
def conventions_cmd(fmt: str) -> None:
    """List the conventions archlog reads and writes."""
    from archlog.conventions.catalog import CONVENTIONS

    if fmt == "json":
        data = [c.describe() for c in CONVENTIONS.values()]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    width = max(len(name) for name in CONVENTIONS)
    for name, conv in CONVENTIONS.items():
        click.echo(f"{name.ljust(width)}  {conv.description}")


@click.command("init")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option(
    "--convention",
    "-c",
    default=None,
    metavar="NAME",
    help="Convention of the new folder (see `archlog conventions`; default: nygard).",
)
@click.option("--date", default=None, help="Date of the first record (default: today).")
def init_cmd(directory: Path | None, convention: str | None, date: str | None) -> None:
    """Create an ADR folder with a template, a README index and the first record.

    DIRECTORY defaults to the configured folder, else doc/adr (docs/decisions for MADR).
    For the single-file `log` convention, DIRECTORY may name the log file itself.
    """
    from archlog.infra import config as config_mod
    from archlog.ops.create import init

    cfg = config_mod.discover()
    name = convention or cfg.values.get("convention") or "nygard"
    if directory is None:
        configured = cfg.path("dir")
        default = "docs/decisions" if str(name).startswith("madr") else "doc/adr"
        directory = configured or Path(default)
    _folder, created = init(directory, str(name))
    for path in created:
        click.echo(shown(path))


@click.command("new")
@click.argument("title", nargs=-1, required=True)
@dir_option
@click.option("--status", default=None, help="Status of the new record (default: Proposed).")
@click.option("--date", default=None, help="Date of the record, YYYY-MM-DD (default: today).")
@click.option("--deciders", default=None, help="Comma-separated decision makers.")
@click.option("--consulted", default=None, help="Comma-separated people consulted.")
@click.option("--informed", default=None, help="Comma-separated people informed.")
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable).")
@click.option("--template", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Template file (adr-tools placeholders or Jinja).")  # fmt: skip
@click.option(
    "--supersedes",
    multiple=True,
    metavar="ID",
    help="A record the new one replaces (repeatable); it is marked superseded.",
)
@click.option(
    "--force", is_flag=True, help="With --supersedes: whatever the old record's status is."
)
@click.option("--edit", is_flag=True, help="Open the new record in $VISUAL / $EDITOR.")
def new_cmd(
    title: tuple[str, ...], dir_: str | None, status: str | None, date: str | None,
    deciders: str | None, consulted: str | None, informed: str | None, tags: tuple[str, ...],
    template: Path | None, supersedes: tuple[str, ...], force: bool, edit: bool,
) -> None:  # fmt: skip
    """Create the next record and print its path.

    The number is one past the highest the folder has ever used; the file follows the
    folder's convention (configured or inferred). A --tag, --deciders, --consulted or
    --informed value the template has no place for is reported as a warning.
    """
    from archlog.ops.create import open_in_editor
    from archlog.read.metadata import is_iso_date, split_list
    from archlog.read.store import Repository

    if date is not None and not is_iso_date(date):
        raise click.BadParameter(f"{date!r} is not a date as YYYY-MM-DD", param_hint="--date")
    repo = Repository.open(dir_)
    path = repo.new(
        " ".join(title), status=status, date=date, deciders=split_list(deciders),
        consulted=split_list(consulted), informed=split_list(informed), tags=list(tags),
        template=template, supersedes=list(supersedes), force=force,
    )  # fmt: skip
    report_warnings(repo)
    click.echo(shown(path))
    if edit:
        open_in_editor(path)


@click.command("list")
@dir_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="Output format.")  # fmt: skip
@click.option("--status", "statuses", multiple=True, help="Only records with this status.")
@click.option("--tag", "tags", multiple=True, help="Only records with this tag or category.")
@click.option("--since", default=None, help="Only records dated on or after (YYYY[-MM[-DD]]).")
@click.option("--until", default=None, help="Only records dated on or before (YYYY[-MM[-DD]]).")
def list_cmd(
    dir_: str | None, fmt: str, statuses: tuple[str, ...], tags: tuple[str, ...],
    since: str | None, until: str | None,
) -> None:  # fmt: skip
    """List the records (table, JSON or CSV)."""
    from archlog.features import listing
    from archlog.read.store import Repository

    flt = listing.Filter(statuses, tags, since, until)
    repo = Repository.open(dir_)
    records = listing.select(repo.records, flt)
    report_warnings(repo)
    if fmt == "json":
        click.echo(listing.to_json(records, repo.folder), nl=False)
    elif fmt == "csv":
        click.echo(listing.to_csv(records, repo.folder), nl=False)
    elif records:
        click.echo(listing.to_table(records), nl=False)


@click.command("show")
@click.argument("ref")
@dir_option
@click.option("--raw", is_flag=True, help="Print the Markdown source as it is.")
def show_cmd(ref: str, dir_: str | None, raw: bool) -> None:
    """Show one record (by number, id or file name), rendered for the terminal."""
    from archlog.read.source import record_source, render_record
    from archlog.read.store import Repository

    repo = Repository.open(dir_)
    record = repo.get(ref)
    report_warnings(repo)
    source = record_source(record)
    if raw:
        click.echo(source, nl=False)
        return
    render_record(record, source)
