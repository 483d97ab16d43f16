"""``archlog site build`` and ``archlog site serve``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from archlog.cli.app import chosen_folder, dir_option, open_repo, report_warnings, shown, warn


@click.group("site")
def site_cmd() -> None:
    """Build the decision log as a static site, or serve it with live reload."""


@site_cmd.command("build")
@dir_option
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Output folder (default: site/ beside the configuration, or in the "
    "working directory); replaced whole when the build succeeds.",
)
def build_cmd(dir_: str | None, out: Path | None) -> None:
    """Build a static site of plain files: works from file:// and any static host.

    With `folders = [...]`, a section per folder and a home listing them (--folder: that
    folder's site alone)."""
    from archlog.api import build_monorepo_site
    from archlog.cli.console import Progress

    whole = dir_ is None and chosen_folder() is None  # every configured folder, if any
    with Progress("rendering records") as tick:
        monorepo = build_monorepo_site(out, progress=tick) if whole else None
    if monorepo is not None:  # a section per configured folder
        result, repos = monorepo
        for i, repo in enumerate(repos):
            report_warnings(repo, result.warnings if i == 0 else ())
    else:
        site_repo = open_repo(dir_)
        empty = site_repo.nothing_found()
        if empty is not None:
            warn(empty)
        with Progress("rendering records") as tick:
            result = site_repo.build_site(out, progress=tick)
        report_warnings(site_repo, result.warnings)
    click.echo(
        f"built {result.pages} pages for {result.records} records in "
        f"{result.seconds:.2f} s: {shown(result.out)}"
    )


@site_cmd.command("serve")
@dir_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (another one only when you mean it).",
)
@click.option("--port", default=8000, show_default=True, type=int, help="Port (0: any free one).")
def serve_cmd(dir_: str | None, host: str, port: int) -> None:
    """Build the site, serve it, rebuild on every change and reload the open page.

    With `folders = [...]`, one folder's site: the one --folder names."""
    from archlog.api import serve_site

    def ready(url: str) -> None:
        click.echo(f"serving {url} (Ctrl-C stops)", err=False)
        sys.stdout.flush()

    def rebuilt(seconds: float, records: int) -> None:
        click.echo(f"rebuilt {records} records in {seconds * 1000:.0f} ms")
        sys.stdout.flush()

    folder = dir_
    if dir_ is None:  # the configured or usual folder (with `folders = [...]`, --folder's)
        repo = open_repo(None)
        folder = str(repo.log_file or repo.folder)
    try:
        serve_site(folder, host, port, ready=ready, rebuilt=rebuilt)
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        from archlog.errors import ArchlogError

        raise ArchlogError(f"cannot serve on {host}:{port}: {exc.strerror}") from None
