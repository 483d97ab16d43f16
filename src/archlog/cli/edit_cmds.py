"""Commands that edit records: status (accept, reject, deprecate), supersede, link, unlink,
renumber. Each is one API call whose change is shown (``--dry-run``) or applied."""

from __future__ import annotations

import click

from archlog.cli.app import F, dir_option, open_repo, show_or_apply, shown, warn
from archlog.cli.completion import record_ids, relation_types, status_words


def _edit_options(func: F) -> F:
    dry_run = click.option(
        "--dry-run",
        is_flag=True,
        help="Print the diff of every file it would change; write nothing.",
    )
    return dir_option(dry_run(func))


@click.command("status")
@click.argument("ref", shell_complete=record_ids)
@click.argument("status", shell_complete=status_words)
@click.option("--force", is_flag=True, help="Allow a transition the lifecycle does not.")
@_edit_options
def status_cmd(ref: str, status: str, force: bool, dir_: str | None, dry_run: bool) -> None:
    """Set a record's status (any status of the convention's vocabulary).

    The convention's lifecycle decides which transitions are allowed (e.g. not rejected →
    accepted); --force overrides it. Whether the date changes too follows the convention
    (MADR: the date is the last update) or `date_on_status_change` in the configuration.
    """
    repo = open_repo(dir_)
    show_or_apply(repo, repo.set_status(ref, status, force=force), dry_run=dry_run)


def _shortcut(name: str, status: str) -> click.Command:
    @click.command(name)
    @click.argument("ref", shell_complete=record_ids)
    @click.option("--force", is_flag=True, help="Allow a transition the lifecycle does not.")
    @_edit_options
    def command(ref: str, force: bool, dir_: str | None, dry_run: bool) -> None:
        repo = open_repo(dir_)
        show_or_apply(repo, repo.set_status(ref, status, force=force), dry_run=dry_run)

    command.help = f"Mark a record {status} (`archlog status REF {status}`)."
    return command


accept_cmd = _shortcut("accept", "accepted")
reject_cmd = _shortcut("reject", "rejected")
deprecate_cmd = _shortcut("deprecate", "deprecated")


@click.command("supersede")
@click.argument("old", shell_complete=record_ids)
@click.option(
    "--by",
    "new",
    multiple=True,
    required=True,
    metavar="NEW",
    shell_complete=record_ids,
    help="The record that replaces OLD (repeatable: several successors).",
)
@click.option("--force", is_flag=True, help="Allow it whatever OLD's status is.")
@_edit_options
def supersede_cmd(
    old: str, new: tuple[str, ...], force: bool, dir_: str | None, dry_run: bool
) -> None:
    """Mark OLD superseded by NEW, linked both ways, its content kept.

    The link is written the way OLD's convention writes it: adr-tools replaces the status
    word with `Superseded by [N. Title](file)`, MADR writes `superseded by ADR-NNNN` in the
    status, seed-002 records name it in the status and the Related section.
    """
    repo = open_repo(dir_)
    show_or_apply(repo, repo.supersede(old, by=list(new), force=force), dry_run=dry_run)


@click.command("link")
@click.argument("a", shell_complete=record_ids)
@click.argument("type_", metavar="TYPE", shell_complete=relation_types)
@click.argument("b", shell_complete=record_ids)
@click.option("--force", is_flag=True, help="For supersedes: whatever the status is.")
@_edit_options
def link_cmd(a: str, type_: str, b: str, force: bool, dir_: str | None, dry_run: bool) -> None:
    """Link A to B with a typed relation, written on both sides.

    TYPE is supersedes, superseded-by, amends, amended-by, clarifies, clarified-by,
    relates-to, or a custom pair from the configuration ([tool.archlog.relations]).
    """
    repo = open_repo(dir_)
    show_or_apply(repo, repo.link(a, type_, b, force=force), dry_run=dry_run)


@click.command("unlink")
@click.argument("a", shell_complete=record_ids)
@click.argument("b", shell_complete=record_ids)
@_edit_options
def unlink_cmd(a: str, b: str, dir_: str | None, dry_run: bool) -> None:
    """Remove every relation between A and B, on both sides.

    A record left superseded by nothing goes back to accepted.
    """
    repo = open_repo(dir_)
    show_or_apply(repo, repo.unlink(a, b), dry_run=dry_run)


@click.command("renumber")
@click.argument("old", required=False, shell_complete=record_ids)
@click.argument("new", required=False, type=int)
@click.option(
    "--duplicates",
    is_flag=True,
    help="Give every record that shares a number with an earlier one the next free "
    "number (earlier: first added in git, else by date).",
)
@click.option("--apply", is_flag=True, help="Write the changes (default: print the diff only).")
@click.option("--force", is_flag=True, help="Take a number the folder's history used before.")
@dir_option
def renumber_cmd(
    old: str | None, new: int | None, duplicates: bool, apply: bool, force: bool, dir_: str | None
) -> None:
    """Give record OLD the number NEW, renaming its file and rewriting every reference.

    References are rewritten in every Markdown file of the folder (records, README, index):
    links to the file, numbers in their labels, ADR-NNNN mentions and front-matter relation
    numbers. A dry run by default: it prints a unified diff of every file it would change;
    --apply writes.
    """
    if duplicates == (old is not None):
        raise click.UsageError("give OLD and NEW, or --duplicates")
    if not duplicates and new is None:
        raise click.UsageError("give the new number: archlog renumber OLD NEW")
    repo = open_repo(dir_)
    if duplicates:
        change = repo.renumber_duplicates()
    else:
        assert old is not None and new is not None
        change = repo.renumber(old, new, force=force)
    plan = change.value  # the plan as previewed: what the moves are, before any write
    if not plan.moves:
        click.echo("no duplicate numbers", err=True)
    for move in plan.moves:
        click.echo(f"{move.record.ref}: {move.old} → {move.new}", err=True)
    for path, numbers in sorted(plan.ambiguous.items()):
        nums = ", ".join(str(n) for n in sorted(set(numbers)))
        warn(
            f"{shown(path)}: mentions ADR {nums}, which several records had; check which one "
            "it means"
        )
    show_or_apply(
        repo, change, dry_run=not apply, note="dry run: nothing was written; --apply writes"
    )
