"""The click group: lazy command loading, shared options, and the one place where errors
become messages and exit codes (0 ok, 1 findings, 2 usage or input error)."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from archlog import __version__
from archlog.errors import ArchlogError

F = TypeVar("F", bound=Callable[..., Any])

#: command name → "module:attribute" under archlog.cli; imported only when used.
COMMANDS: dict[str, str] = {
    "conventions": "records:conventions_cmd",
    "init": "records:init_cmd",
    "new": "records:new_cmd",
    "list": "records:list_cmd",
    "show": "records:show_cmd",
    "status": "lifecycle:status_cmd",
    "accept": "lifecycle:accept_cmd",
    "reject": "lifecycle:reject_cmd",
    "deprecate": "lifecycle:deprecate_cmd",
    "supersede": "lifecycle:supersede_cmd",
    "link": "lifecycle:link_cmd",
    "unlink": "lifecycle:unlink_cmd",
    "renumber": "lifecycle:renumber_cmd",
    "index": "views:index_cmd",
    "graph": "views:graph_cmd",
    "convert": "views:convert_cmd",
    "export": "views:export_cmd",
    "import": "views:import_cmd",
    "lint": "checks:lint_cmd",
    "site": "site:site_cmd",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attr = target.split(":")
        command = getattr(importlib.import_module(f"archlog.cli.{module}"), attr)
        assert isinstance(command, click.Command)
        return command


def dir_option(func: F) -> F:
    """``--dir``: the ADR folder, or a single-file log (default: configuration, usual places)."""
    return click.option(
        "--dir",
        "dir_",
        metavar="PATH",
        envvar="ARCHLOG_DIR",
        help="ADR folder or single-file decision log (default: from configuration, or the "
        "usual folders such as doc/adr).",
    )(func)


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


def report_warnings(repo: Any) -> None:
    """Print each file's problems once, on standard error."""
    seen: set[str] = set()
    for problem in repo.warnings:
        text = str(problem)
        if text not in seen:
            seen.add(text)
            warn(text)


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
