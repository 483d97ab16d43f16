"""Shell completion: ``archlog completion SHELL`` prints the script that a shell sources, and
the completers give record ids, status words and relation types as the user types.

Click does the rest: the script calls ``archlog`` back with ``_ARCHLOG_COMPLETE`` set, and
commands and options complete from the command table itself. A completer never fails
aloud: a folder that cannot be read completes nothing.
"""

from __future__ import annotations

import click
from click.shell_completion import CompletionItem, get_completion_class

from archlog.errors import ArchlogError

SHELLS = ("bash", "zsh", "fish")


def record_ids(
    ctx: click.Context, _param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The ids of the folder's records (``--dir`` when it was given before, else the one
    discovery finds) that start with what was typed, or whose number does; each with its
    title."""
    from archlog.api import Repository

    try:
        records = Repository.open(ctx.params.get("dir_")).records
    except (ArchlogError, OSError):
        return []
    typed = incomplete.lower()
    return [
        CompletionItem(record.id, help=record.title)
        for record in records
        if record.id.lower().startswith(typed)
        or (typed.isdigit() and record.number is not None and str(record.number).startswith(typed))
    ]


def status_words(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    """The status words archlog knows that start with what was typed."""
    from archlog.api import statuses

    typed = incomplete.lower()
    return [word for word in statuses() if word.startswith(typed)]


def relation_types(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    """The built-in relation types that start with what was typed."""
    from archlog.api import relation_types as known

    return sorted(kind for kind in known() if kind.startswith(incomplete.lower()))


@click.command("completion")
@click.argument("shell", type=click.Choice(SHELLS))
def completion_cmd(shell: str) -> None:
    """Print the completion script for SHELL (bash, zsh or fish).

    It completes commands, options, record ids and status words. Load it in the shell's
    start-up file, e.g. for bash: `eval "$(archlog completion bash)"` in ~/.bashrc; zsh:
    the same in ~/.zshrc; fish: `archlog completion fish | source` in
    ~/.config/fish/config.fish.
    """
    from archlog.cli.app import cli

    completion = get_completion_class(shell)
    assert completion is not None  # every shell of SHELLS is one click knows
    click.echo(completion(cli, {}, "archlog", "_ARCHLOG_COMPLETE").source())
