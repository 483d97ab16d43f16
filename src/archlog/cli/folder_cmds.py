"""Commands that show the folder as a whole: index, graph, export."""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from archlog.cli.app import dir_option, report_warnings, shown

if TYPE_CHECKING:
    from archlog.read.store import Repository


@click.command("index")
@dir_option
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 and print the diff when the index is stale.")  # fmt: skip
@click.option("--style", type=click.Choice(["table", "grouped", "list"]), default=None,
              help="Index style (default: the convention's, or the configured one).")  # fmt: skip
def index_cmd(dir_: str | None, check: bool, style: str | None) -> None:
    """Write the index of the records into the folder's README, between markers.

    The index goes between `<!-- archlog:index:start -->` and `<!-- archlog:index:end -->`;
    on a README without them, a hand-made index (a table or a list of links to the records)
    is replaced in place, else the index is added at the end. Nothing outside the markers
    changes. A second run changes nothing.
    """
    from archlog.features.index import IndexSettings, update
    from archlog.read.store import Repository

    repo = Repository.open(dir_)

    def compute() -> tuple[Path, str | None, str]:  # under the lock: the folder is listed once
        _ = repo.records  # every record first: the convention is then inferred from them
        settings = IndexSettings.of(repo, repo.convention)
        if style:
            settings.style = style
        return update(repo, settings)

    _refresh_file(repo, compute, check=check, what="index", command="archlog index")


def _refresh_file(repo: Repository, compute: Callable[[], tuple[Path, str | None, str]], *,
                  check: bool, what: str, command: str) -> None:  # fmt: skip
    """Bring a generated block up to date (or, with ``check``, say whether it is)."""
    from archlog.ops.lifecycle import editing

    with editing(repo) as ws:
        path, old, new = compute()
        report_warnings(repo)
        if old == new:
            click.echo(f"{shown(path)}: the {what} is current", err=True)
            return
        if check:
            click.echo(_diff(path, old or "", new), nl=False)
            click.echo(f"{shown(path)}: the {what} is stale; run `{command}`", err=True)
            sys.exit(1)
        ws.put(path, new)
        ws.commit()
    click.echo(f"updated {shown(path)}")


def _diff(path: Path, old: str, new: str) -> str:
    name = shown(path)
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=f"a/{name}",
            tofile=f"b/{name}",
        )
    )


@click.command("graph")
@dir_option
@click.option("--format", "fmt", type=click.Choice(["mermaid", "dot"]), default="mermaid",
              show_default=True, help="Mermaid (GitHub draws it) or Graphviz DOT.")  # fmt: skip
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write to FILE instead of standard output.")  # fmt: skip
@click.option("--readme", is_flag=True,
              help="Keep a Mermaid graph in the index README, between "
                   "<!-- archlog:graph:start --> and <!-- archlog:graph:end -->.")  # fmt: skip
@click.option("--check", is_flag=True,
              help="With --readme: write nothing; exit 1 with the diff when stale.")  # fmt: skip
def graph_cmd(dir_: str | None, fmt: str, output: Path | None, readme: bool,
              check: bool) -> None:  # fmt: skip
    """Draw the records and their relations (supersedes, amends, …) as a graph.

    Nodes are records styled by status; each relation is one edge, drawn from the record
    that acts (the successor supersedes, the amending record amends).
    """
    from archlog.features import graph
    from archlog.read.store import Repository

    repo = Repository.open(dir_)
    records = repo.records
    custom = {str(k): str(v) for k, v in (repo.config.values.get("relations") or {}).items()}
    text = graph.mermaid(records, custom) if fmt == "mermaid" else graph.dot(records, custom)
    report_warnings(repo)
    if readme:
        if fmt != "mermaid":
            raise click.UsageError("--readme keeps a Mermaid graph; drop --format dot")
        _graph_in_readme(repo, text, check)
        return
    if check:
        raise click.UsageError("--check goes with --readme")
    if output is None:
        click.echo(text, nl=False)
        return
    from archlog.infra.fs import atomic_write

    atomic_write(output, text.encode("utf-8"))
    click.echo(f"wrote {shown(output)}")


def _graph_in_readme(repo: Repository, text: str, check: bool) -> None:
    from archlog.features import graph
    from archlog.features.index import place, readme_of

    path = readme_of(repo)
    block = ["```mermaid", *text.rstrip("\n").split("\n"), "```"]

    def compute() -> tuple[Path, str | None, str]:
        from archlog.edit.text import Text

        old = str(Text.decode(path.read_bytes(), path)) if path.exists() else None
        return path, old, place(old or "", block, [], start=graph.START, end=graph.END)

    _refresh_file(repo, compute, check=check, what="graph", command="archlog graph --readme")


@click.command("convert")
@dir_option
@click.option("--to", "target", required=True, metavar="CONVENTION",
              help="The convention to write (see `archlog conventions`).")  # fmt: skip
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Write into this new folder; the original stays as it is.")  # fmt: skip
@click.option("--apply", is_flag=True, help="Write (default: print the plan and the diffs).")
def convert_cmd(dir_: str | None, target: str, out: Path | None, apply: bool) -> None:
    """Migrate the folder to another convention, losslessly.

    Every record is written again in the target convention: number, title, status, date,
    people, tags, extra fields, every section and every relation survive, single-file log
    and one file per record included. In place (no --out), the old files are replaced in
    one transaction. A dry run by default.
    """
    from archlog.conventions.catalog import get_convention
    from archlog.infra.fs import folder_lock
    from archlog.ops.convert import convert
    from archlog.read.store import Repository

    conv = get_convention(target)
    repo = Repository.open(dir_)
    with folder_lock(repo.folder):
        ws = convert(repo, conv, out.resolve() if out is not None else None)
        report_warnings(repo)
        for path in sorted(ws.removed):
            click.echo(f"remove {shown(path)}", err=True)
        for path in ws.changed():
            if path not in ws.removed:
                click.echo(f"write  {shown(path)}", err=True)
        if not apply:
            click.echo(ws.diff(), nl=False)
            click.echo("dry run: nothing was written; --apply writes", err=True)
            return
        ws.commit()
    configured = repo.config.values.get("convention")
    if configured and configured != conv.name and out is None:
        click.echo(f"archlog: warning: {repo.config.source}: convention = {configured!r}; "
                   f"set it to {conv.name!r}", err=True)  # fmt: skip
    click.echo(f"converted {len(repo.records)} records to {conv.name}")


@click.command("export")
@dir_option
@click.option("--format", "fmt", type=click.Choice(["json", "jsonadr", "csv"]), default="json",
              show_default=True,
              help="json: the full model; jsonadr: JSON-ADR v1 bulk; csv: a row each.")  # fmt: skip
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write to FILE instead of standard output.")  # fmt: skip
def export_cmd(dir_: str | None, fmt: str, output: Path | None) -> None:
    """Export every record: archlog JSON (every field and section, described by the JSON
    Schema in docs/schemas/), JSON-ADR v1, or CSV."""
    import json

    from archlog.features import interchange, listing
    from archlog.read.store import Repository

    repo = Repository.open(dir_)
    if fmt == "csv":
        data = listing.to_csv(repo.records, repo.folder).encode("utf-8")
    elif fmt == "json":
        data = interchange.archlog_json_bytes(repo)
    else:
        text = json.dumps(interchange.json_adr(repo), ensure_ascii=False, indent=1) + "\n"
        data = text.encode("utf-8")
    report_warnings(repo)
    if output is None:
        click.echo(data, nl=False)  # bytes: written as they are, not encoded again
        return
    from archlog.infra.fs import atomic_write

    atomic_write(output, data)
    click.echo(f"wrote {shown(output)}")


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
    from archlog.features.interchange import plan_import
    from archlog.ops.lifecycle import editing
    from archlog.read.store import Repository

    repo = Repository.open(dir_)
    with editing(repo) as ws:
        mapping = plan_import(repo, ws, file)
        report_warnings(repo)
        for old, new in mapping:
            note = "" if old == new else f" (was {old})"
            click.echo(f"import {new}{note}", err=True)
        if not apply:
            click.echo(ws.diff(), nl=False)
            click.echo("dry run: nothing was written; --apply writes", err=True)
            return
        written = ws.commit()
    for path in written:
        click.echo(f"wrote {shown(path)}")
