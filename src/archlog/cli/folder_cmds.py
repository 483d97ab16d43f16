"""Commands over the folder as a whole: index, graph, convert, export, import."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from archlog.cli.app import (
    dir_option,
    from_folders,
    open_repo,
    open_repos,
    report_folders,
    report_warnings,
    show_or_apply,
    shown,
)

if TYPE_CHECKING:
    from archlog.api import Change, ExportFormat, GraphFormat, Repository


@click.command("index")
@dir_option
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 and print the diff when the index is stale. Without an "
    "index, say so and pass (fail with [index] required = true).",
)
@click.option("--dry-run", is_flag=True, help="Print the diff of the index file; write nothing.")
@click.option(
    "--style",
    type=click.Choice(["table", "grouped", "list"]),
    default=None,
    help="Index style (default: the index's own, the configured one or the convention's).",
)
def index_cmd(dir_: str | None, check: bool, dry_run: bool, style: str | None) -> None:
    """Write the index of the records into the folder's README, between markers.

    The index goes between `<!-- archlog:index:start -->` and `<!-- archlog:index:end -->`;
    on a README without them, a hand-made index (a table or a list of links to the records)
    is taken over in place, else the index is added at the end. An index that exists keeps
    what its entries say that the records cannot — groups, summaries, link style, dates
    written only there, column padding — and gains the records it lacks. Nothing outside the
    markers changes. A second run changes nothing. With `folders = [...]`, each folder's.
    """
    if check and dry_run:
        raise click.UsageError("--check writes nothing already; drop --dry-run")
    failed = False
    for repo in open_repos(dir_):
        if repo.nothing_found() is not None:
            report_folders([repo], empty=True)
            failed |= check
            continue
        if check and not repo.has_index():
            report_warnings(repo)
            where = shown(repo.index_file)
            if repo.index_required:
                message = f"{where}: there is no index, and [index] required is set"
                click.echo(f"{message}; run `archlog index`", err=True)
                failed = True
            else:
                note = "there is no index to check (`archlog index` writes one)"
                click.echo(f"{where}: {note}", err=True)
            continue
        change = repo.update_index(style=style)
        if dry_run:
            show_or_apply(repo, change, dry_run=True, note="dry run: nothing was written")
            continue
        failed |= _refresh(repo, change, check=check, what="index", command="archlog index")
    if failed:
        sys.exit(1)


def _refresh(
    repo: Repository, change: Change[Path], *, check: bool, what: str, command: str
) -> bool:
    """Bring a generated block up to date (or, with ``check``, say whether it is); whether
    the check failed."""
    path = change.value
    if change.empty:
        report_warnings(repo)
        click.echo(f"{shown(path)}: the {what} is current", err=True)
        return False
    if check:
        report_warnings(repo)
        click.echo(change.diff(), nl=False)
        click.echo(f"{shown(path)}: the {what} is stale; run `{command}`", err=True)
        return True
    show_or_apply(repo, change, dry_run=False)
    return False


@click.command("graph")
@dir_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["mermaid", "dot"]),
    default="mermaid",
    show_default=True,
    help="Mermaid (GitHub draws it) or Graphviz DOT.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write to FILE instead of standard output.",
)
@click.option(
    "--readme",
    is_flag=True,
    help="Keep a Mermaid graph in the index README, between "
    "<!-- archlog:graph:start --> and <!-- archlog:graph:end -->.",
)
@click.option(
    "--check", is_flag=True, help="With --readme: write nothing; exit 1 with the diff when stale."
)
def graph_cmd(dir_: str | None, fmt: str, output: Path | None, readme: bool, check: bool) -> None:
    """Draw the records and their relations (supersedes, amends, …) as a graph.

    Nodes are records styled by status; each relation is one edge, drawn from the record
    that acts (the successor supersedes, the amending record amends). With
    `folders = [...]`, every folder's records, a subgraph each.
    """
    if readme and fmt != "mermaid":
        raise click.UsageError("--readme keeps a Mermaid graph; drop --format dot")
    if check and not readme:
        raise click.UsageError("--check goes with --readme")
    if readme:
        command = "archlog graph --readme"
        stale = [
            _refresh(
                repo, repo.update_graph_in_readme(), check=check, what="graph", command=command
            )
            for repo in open_repos(dir_)
        ]
        if any(stale):
            sys.exit(1)
        return
    shape: GraphFormat = "dot" if fmt == "dot" else "mermaid"
    from archlog.api import graph_folders

    text = from_folders(
        dir_, lambda repo: repo.graph(shape), lambda folders: graph_folders(folders, shape)
    )
    _emit(text.encode("utf-8"), output)


def _emit(data: bytes, output: Path | None) -> None:
    """Bytes to standard output (written as they are), or to FILE."""
    if output is None:
        click.echo(data, nl=False)
        return
    try:
        with click.open_file(str(output), "wb", atomic=True) as fh:
            fh.write(data)
    except OSError as exc:
        from archlog.errors import ArchlogError

        raise ArchlogError(f"cannot write: {exc.strerror}", output) from None
    click.echo(f"wrote {shown(output)}")


@click.command("convert")
@dir_option
@click.option(
    "--to",
    "target",
    required=True,
    metavar="CONVENTION",
    help="The convention to write (see `archlog conventions`).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Write into this new folder; the original stays as it is.",
)
@click.option("--apply", is_flag=True, help="Write (default: print the plan and the diffs).")
def convert_cmd(dir_: str | None, target: str, out: Path | None, apply: bool) -> None:
    """Migrate the folder to another convention, losslessly.

    Every record is written again in the target convention: number, title, status, date,
    people, tags, extra fields, every section and every relation survive, single-file log
    and one file per record included. In place (no --out), the old files are replaced in
    one transaction. A dry run by default.
    """
    repo = open_repo(dir_)
    change = repo.convert(target, out=out)
    if not apply:
        files, removed = change.files, set(change.removed)
        for path in sorted(removed):
            click.echo(f"remove {shown(path)}", err=True)
        for path in files:
            if path not in removed:
                click.echo(f"write  {shown(path)}", err=True)
    count = show_or_apply(
        repo,
        change,
        dry_run=not apply,
        verb="wrote",
        note="dry run: nothing was written; --apply writes",
    )
    if not apply:
        return
    configured = repo.store.config.values.get("convention")
    if configured and configured != target and out is None:
        click.echo(
            f"archlog: warning: {repo.store.config.source}: convention = {configured!r}; "
            f"set it to {target!r}",
            err=True,
        )
    click.echo(f"converted {count} records to {target}")


@click.command("export")
@dir_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonadr", "csv"]),
    default="json",
    show_default=True,
    help="json: the full model; jsonadr: JSON-ADR v1 bulk; csv: a row each.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write to FILE instead of standard output.",
)
def export_cmd(dir_: str | None, fmt: str, output: Path | None) -> None:
    """Export every record: archlog JSON (every field and section, described by the JSON
    Schema in docs/schemas/), JSON-ADR v1, or CSV.

    With `folders = [...]`, every folder's records in one export, each with its folder
    (JSON-ADR: one folder at a time, with --folder)."""
    shape: ExportFormat = "csv" if fmt == "csv" else "jsonadr" if fmt == "jsonadr" else "json"
    from archlog.api import export_folders

    data = from_folders(
        dir_, lambda repo: repo.export(shape), lambda folders: export_folders(folders, shape)
    )
    _emit(data, output)


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@dir_option
@click.option("--apply", is_flag=True, help="Write (default: print the plan and the diffs).")
def import_cmd(file: Path, dir_: str | None, apply: bool) -> None:
    """Create records from a JSON-ADR file (single or bulk) or an archlog export.

    Records are written in the folder's convention; a number the folder already has (or
    once had) takes the next free one, and relations between imported records follow.
    A dry run by default.
    """
    repo = open_repo(dir_)
    change = repo.import_(file)
    for old, new in change.value:
        note = "" if old == new else f" (was {old})"
        click.echo(f"import {new}{note}", err=True)
    show_or_apply(
        repo,
        change,
        dry_run=not apply,
        verb="wrote",
        note="dry run: nothing was written; --apply writes",
    )
