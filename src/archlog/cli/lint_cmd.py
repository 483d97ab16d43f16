"""``archlog lint``: the checks, their outputs and the safe fixes."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from archlog.cli.app import dir_option, open_repos, report_warnings, warn

if TYPE_CHECKING:
    from archlog.api import Repository


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@dir_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "sarif"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too (exit 1).")
@click.option(
    "--fix",
    is_flag=True,
    help="Apply the safe fixes (reciprocal links, status spelling, ISO dates, a "
    "stale index), printing their diff. Files are never renamed.",
)
@click.option(
    "--fix-names",
    is_flag=True,
    help="The fixes of --fix, and rename each file whose name does not follow its title "
    "(ADR009), rewriting the links to it inside the folder; links from elsewhere break.",
)
@click.option("--dry-run", is_flag=True, help="With --fix: print the diff, write nothing.")
@click.option(
    "--git",
    "use_git",
    is_flag=True,
    help="Git checks too: accepted records edited later, dates from git.",
)
@click.option(
    "--against",
    metavar="REF",
    default=None,
    help="Report numbers both this branch and REF added since they forked.",
)
@click.option("--rule", "only", multiple=True, metavar="ID", help="Only this rule (repeatable).")
def lint_cmd(
    paths: tuple[Path, ...],
    dir_: str | None,
    fmt: str,
    strict: bool,
    fix: bool,
    fix_names: bool,
    dry_run: bool,
    use_git: bool,
    against: str | None,
    only: tuple[str, ...],
) -> None:
    """Check the records: structure, the seeds' guidelines, git (see docs/lint.md).

    PATHS limits the report to those records (e.g. the files a commit touches). Exit 0 when
    clean, 1 when a finding reaches the failing severity (errors; with --strict, warnings
    too), 2 on a usage or configuration error. A file may silence rules with
    `<!-- archlog: disable=ADR012 -->`; [tool.archlog.lint] sets severities and options.
    With `folders = [...]`, every folder's records, in one report.
    """
    from archlog.api import combine_reports, render_report

    fix = fix or fix_names
    if dry_run and not fix:
        raise click.UsageError("--dry-run goes with --fix")
    chosen = [p for p in paths if p.suffix.lower() == ".md"]
    reports = []
    for repo in _open(dir_, paths):
        report = repo.lint(paths=chosen, git=use_git, against=against, only=only)
        if fix:  # print the diff of the safe fixes and (unless a dry run) apply them
            change = repo.fix(report, names=fix_names)
            click.echo(change.diff(), nl=False)
            if change.empty:
                click.echo("nothing to fix", err=True)
            elif not dry_run:
                for line in change.apply().value:
                    click.echo(f"fixed: {line}", err=True)
                repo.refresh()
                report = repo.lint(paths=chosen, git=use_git, against=against, only=only)
        report_warnings(repo)
        reports.append(report)
    report = combine_reports(reports)
    for note in report.notes:
        warn(note)
    empty = repo.nothing_found()
    if empty is not None:
        warn(empty)
    colour = fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    click.echo(render_report(report, fmt, Path.cwd(), colour=colour), nl=False)
    if report.failed(strict) or empty is not None:
        sys.exit(1)


def _open(dir_: str | None, paths: tuple[Path, ...]) -> list[Repository]:
    """The configured (or usual) ADR folders; failing that, the folder of the first PATH.
    PATHS outside the folder (a pre-commit hook passes every changed .md) are ignored."""
    from archlog.api import Repository
    from archlog.errors import NotFoundError

    try:
        return open_repos(dir_)
    except NotFoundError:
        if dir_ is not None or not paths:
            raise
        first = paths[0]
        return [Repository.open(first if first.is_dir() else first.parent)]
