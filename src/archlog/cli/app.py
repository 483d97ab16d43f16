"""The click group: lazy command loading, shared options, and the one place where errors
become messages and exit codes (0 ok, 1 findings, 2 usage or input error)."""

from __future__ import annotations

import importlib
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

from archlog.errors import ArchlogError
from archlog.version import __version__

if TYPE_CHECKING:
    from archlog.api import Change, Repository

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

#: command name → "module:attribute" under archlog.cli; imported only when used.
COMMANDS: dict[str, str] = {
    "conventions": "record_cmds:conventions_cmd",
    "init": "record_cmds:init_cmd",
    "new": "record_cmds:new_cmd",
    "list": "record_cmds:list_cmd",
    "show": "record_cmds:show_cmd",
    "status": "edit_cmds:status_cmd",
    "accept": "edit_cmds:accept_cmd",
    "reject": "edit_cmds:reject_cmd",
    "deprecate": "edit_cmds:deprecate_cmd",
    "supersede": "edit_cmds:supersede_cmd",
    "link": "edit_cmds:link_cmd",
    "unlink": "edit_cmds:unlink_cmd",
    "renumber": "edit_cmds:renumber_cmd",
    "index": "folder_cmds:index_cmd",
    "graph": "folder_cmds:graph_cmd",
    "convert": "folder_cmds:convert_cmd",
    "export": "folder_cmds:export_cmd",
    "import": "folder_cmds:import_cmd",
    "lint": "lint_cmd:lint_cmd",
    "site": "site_cmds:site_cmd",
    "completion": "completion:completion_cmd",
    "search": "agent_cmds:search_cmd",
    "context": "agent_cmds:context_cmd",
    "mcp": "agent_cmds:mcp_cmd",
}


class LazyGroup(click.Group):
    def list_commands(self, _ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, _ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attr = target.split(":")
        command = getattr(importlib.import_module(f"archlog.cli.{module}"), attr)
        assert isinstance(command, click.Command)
        return command


def dir_option(func: F) -> F:
    """``--dir``: the ADR folder, or a single-file log (default: configuration, usual places);
    and ``--folder``: one of the folders ``folders = [...]`` configures (a monorepo), kept
    for :func:`open_repo` and :func:`open_repos`."""
    folder = click.option(
        "--folder",
        metavar="NAME",
        expose_value=False,
        callback=_keep_folder,
        help="With `folders = [...]` configured (a monorepo): this folder only (its path as "
        "configured, or the end of it).",
    )
    return click.option(
        "--dir",
        "dir_",
        metavar="PATH",
        envvar="ARCHLOG_DIR",
        help="ADR folder or single-file decision log (default: from configuration, or the "
        "usual folders such as doc/adr).",
    )(folder(func))


_FOLDER = "archlog.folder"


def _keep_folder(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.meta[_FOLDER] = value


def chosen_folder() -> str | None:
    """The folder ``--folder`` names (None when not given)."""
    ctx = click.get_current_context(silent=True)
    return None if ctx is None else ctx.meta.get(_FOLDER)


class _Date(click.ParamType):  # type: ignore[type-arg,unused-ignore]
    """A date option: ``YYYY-MM-DD``, a real day (``2024-02-30`` is refused)."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        import datetime

        if isinstance(value, datetime.date):
            return value
        try:
            if len(str(value)) == 10:
                return datetime.date.fromisoformat(str(value))
        except ValueError:
            pass
        self.fail(f"{value!r} is not a date as YYYY-MM-DD", param, ctx)


DATE = _Date()


def people(text: str | None) -> list[str]:
    """A comma-separated list option (``--deciders "Ana, Bo"``) as its names."""
    return [name.strip() for name in (text or "").split(",") if name.strip()]


def warn(message: str) -> None:
    click.echo(f"archlog: warning: {message}", err=True)


def shown(path: Any) -> str:
    """A path as the user would type it: relative to the working directory when inside it,
    else as it is."""
    from pathlib import Path

    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def report_warnings(repo: Any, more: Any = ()) -> None:
    """Print each problem once, on standard error: the repository's, and ``more``."""
    seen: set[str] = set()
    for problem in [*repo.warnings, *more]:
        text = str(problem)
        if text not in seen:
            seen.add(text)
            warn(text)


def open_repo(dir_: str | None) -> Repository:
    """The repository ``--dir`` (or ``--folder``) names, else the configured or usual one."""
    from archlog.api import Repository

    return Repository.open(dir_, folder=chosen_folder())


def open_repos(dir_: str | None) -> list[Repository]:
    """Every repository a command works across: ``--dir``'s, else each configured folder
    (``--folder``'s only, when given), else the configured or usual one."""
    from archlog.api import open_folders

    return open_folders(dir_, folder=chosen_folder())


def across(repos: list[Repository]) -> bool:
    """Whether a command works across the configured folders (each record's folder is then
    shown); ``--folder`` (like ``--dir``) works in one, shown as a folder of its own."""
    return repos[0].name is not None and chosen_folder() is None


def report_folders(repos: Sequence[Repository], *, empty: bool = False) -> None:
    """Each folder's warnings; with ``empty``, why a folder lists no record, too."""
    for repo in repos:
        report_warnings(repo)
        note = repo.nothing_found() if empty else None
        if note is not None:
            warn(note)


def from_folders(
    dir_: str | None,
    one: Callable[[Repository], T],
    many: Callable[[list[Repository]], T],
) -> T:
    """What a command makes of the folders it works in: ``many`` of them across the
    configured folders (see :func:`across`), else ``one`` of the folder; each folder's
    warnings reported (see :func:`report_folders`)."""
    repos = open_repos(dir_)
    made = many(repos) if across(repos) else one(repos[0])
    report_folders(repos)
    return made


def no_match() -> None:
    """Say that a filter or query matched nothing (standard error; the exit code is 0)."""
    click.echo("no records match", err=True)


def terminal() -> tuple[int | None, bool]:
    """Standard output's width in cells when it is a terminal (None when piped), and
    whether colour is welcome there."""
    if not sys.stdout.isatty():
        return None, False
    return shutil.get_terminal_size().columns, "NO_COLOR" not in os.environ


def show_or_apply(
    repo: Repository,
    change: Change[Any],
    *,
    dry_run: bool,
    verb: str = "updated",
    note: str | None = None,
) -> Any:
    """Print the change's diff (``dry_run``; then ``note`` on standard error), else apply it
    and name each file written; the value of the plan."""
    if dry_run:
        diff = change.diff()
        report_warnings(repo)
        click.echo(diff, nl=False)
        if note:
            click.echo(note, err=True)
        return change.value
    applied = change.apply()
    report_warnings(repo, applied.warnings)
    for path in applied.written:
        click.echo(f"{verb} {shown(path)}")
    return applied.value


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="archlog", message="%(prog)s %(version)s")
def cli() -> None:
    """archlog: Architecture Decision Records in any convention — read, write, check, show."""


def run(args: list[str]) -> None:
    try:
        code = cli.main(args=args, prog_name="archlog", standalone_mode=False)
    except ArchlogError as exc:
        click.echo(f"archlog: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("archlog: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
    if isinstance(code, int) and code:
        sys.exit(code)
