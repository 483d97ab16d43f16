"""Commands that edit records: status (accept, reject, deprecate), supersede, link, unlink."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from archlog.cli.app import F, dir_option, report_warnings, shown

if TYPE_CHECKING:
    from archlog.conventions.catalog import Convention
    from archlog.edit.workspace import Workspace
    from archlog.read.store import Repository


def _edit_options(func: F) -> F:
    dry_run = click.option(
        "--dry-run",
        is_flag=True,
        help="Print the diff of every file it would change; write nothing.",
    )
    return dir_option(dry_run(func))


def run_edit(dir_: str | None, dry_run: bool,
             change: Callable[[Repository, Workspace, Convention], Any]) -> None:  # fmt: skip
    """Open the repository, make the change in a workspace under the lock, then show or write
    it. Writes nothing unless every step succeeded."""
    from archlog.ops.lifecycle import editing
    from archlog.read.store import Repository

    repo = Repository.open(dir_)
    with editing(repo) as ws:
        change(repo, ws, repo.convention)
        report_warnings(repo)
        if dry_run:
            click.echo(ws.diff(), nl=False)
            return
        written = ws.commit()
    for path in written:
        click.echo(f"updated {shown(path)}")


@click.command("status")
@click.argument("ref")
@click.argument("status")
@click.option("--force", is_flag=True, help="Allow a transition the lifecycle does not.")
@_edit_options
def status_cmd(ref: str, status: str, force: bool, dir_: str | None, dry_run: bool) -> None:
    """Set a record's status (any status of the convention's vocabulary).

    The convention's lifecycle decides which transitions are allowed (e.g. not rejected →
    accepted); --force overrides it. Whether the date changes too follows the convention
    (MADR: the date is the last update) or `date_on_status_change` in the configuration.
    """
    run_edit(dir_, dry_run, _status_change(ref, status, force))


def _status_change(ref: str, status: str, force: bool) -> Callable[..., Any]:
    from archlog.ops.lifecycle import change_status

    def change(repo: Repository, ws: Workspace, conv: Convention) -> None:
        change_status(ws, repo.get(ref), conv, status, force=force)

    return change


def _shortcut(name: str, status: str) -> click.Command:
    @click.command(name)
    @click.argument("ref")
    @click.option("--force", is_flag=True, help="Allow a transition the lifecycle does not.")
    @_edit_options
    def command(ref: str, force: bool, dir_: str | None, dry_run: bool) -> None:
        run_edit(dir_, dry_run, _status_change(ref, status, force))

    command.help = f"Mark a record {status} (`archlog status REF {status}`)."
    return command


accept_cmd = _shortcut("accept", "accepted")
reject_cmd = _shortcut("reject", "rejected")
deprecate_cmd = _shortcut("deprecate", "deprecated")


@click.command("supersede")
@click.argument("old")
@click.option("--by", "new", multiple=True, required=True, metavar="NEW",
              help="The record that replaces OLD (repeatable: several successors).")  # fmt: skip
@click.option("--force", is_flag=True, help="Allow it whatever OLD's status is.")
@_edit_options
def supersede_cmd(old: str, new: tuple[str, ...], force: bool, dir_: str | None,
                  dry_run: bool) -> None:  # fmt: skip
    """Mark OLD superseded by NEW, linked both ways, its content kept.

    The link is written the way OLD's convention writes it: adr-tools replaces the status
    word with `Superseded by [N. Title](file)`, MADR writes `superseded by ADR-NNNN` in the
    status, seed-002 records name it in the status and the Related section.
    """
    from archlog.ops.lifecycle import supersede

    def change(repo: Repository, ws: Workspace, conv: Convention) -> None:
        for ref in new:
            supersede(ws, repo.get(old), repo.get(ref), conv, force=force)

    run_edit(dir_, dry_run, change)


@click.command("link")
@click.argument("a")
@click.argument("type_", metavar="TYPE")
@click.argument("b")
@click.option("--force", is_flag=True, help="For supersedes: whatever the status is.")
@_edit_options
def link_cmd(a: str, type_: str, b: str, force: bool, dir_: str | None, dry_run: bool) -> None:
    """Link A to B with a typed relation, written on both sides.

    TYPE is supersedes, superseded-by, amends, amended-by, clarifies, clarified-by,
    relates-to, or a custom pair from the configuration ([tool.archlog.relations]).
    """
    from archlog.ops.lifecycle import link

    run_edit(dir_, dry_run,
             lambda repo, ws, conv: link(ws, repo.get(a), type_, repo.get(b), conv,
                                         force=force))  # fmt: skip


@click.command("unlink")
@click.argument("a")
@click.argument("b")
@_edit_options
def unlink_cmd(a: str, b: str, dir_: str | None, dry_run: bool) -> None:
    """Remove every relation between A and B, on both sides.

    A record left superseded by nothing goes back to accepted.
    """
    from archlog.ops.lifecycle import unlink

    run_edit(dir_, dry_run, lambda repo, ws, conv: unlink(ws, repo.get(a), repo.get(b), conv))


@click.command("renumber")
@click.argument("old", required=False)
@click.argument("new", required=False, type=int)
@click.option("--duplicates", is_flag=True,
              help="Give every record that shares a number with an earlier one the next free "
                   "number (earlier: first added in git, else by date).")  # fmt: skip
@click.option("--apply", is_flag=True, help="Write the changes (default: print the diff only).")
@click.option("--force", is_flag=True, help="Take a number the folder's history used before.")
@dir_option
def renumber_cmd(old: str | None, new: int | None, duplicates: bool, apply: bool, force: bool,
                 dir_: str | None) -> None:  # fmt: skip
    """Give record OLD the number NEW, renaming its file and rewriting every reference.

    References are rewritten in every Markdown file of the folder (records, README, index):
    links to the file, numbers in their labels, ADR-NNNN mentions and front-matter relation
    numbers. A dry run by default: it prints a unified diff of every file it would change;
    --apply writes.
    """
    from archlog.ops.renumber import check_target, duplicate_moves, renumber

    if duplicates == (old is not None):
        raise click.UsageError("give OLD and NEW, or --duplicates")
    if not duplicates and new is None:
        raise click.UsageError("give the new number: archlog renumber OLD NEW")

    def change(repo: Repository, ws: Workspace, conv: Convention) -> None:
        if duplicates:
            moves, duplicated = duplicate_moves(repo)
            if not moves:
                click.echo("no duplicate numbers", err=True)
        else:
            assert old is not None and new is not None
            record = repo.get(old)
            check_target(repo, record, new, force=force)
            moves, duplicated = [(record, new)], set()
        plan = renumber(ws, moves, duplicated=duplicated)
        for move in plan.moves:
            click.echo(f"{move.record.ref}: {move.old} → {move.new}", err=True)
        for path, numbers in sorted(plan.ambiguous.items()):
            nums = ", ".join(str(n) for n in sorted(set(numbers)))
            click.echo(f"archlog: warning: {shown(path)}: mentions ADR {nums}, which several "
                       "records had; check which one it means", err=True)  # fmt: skip

    run_edit(dir_, not apply, change)
    if not apply:
        click.echo("dry run: nothing was written; --apply writes", err=True)
