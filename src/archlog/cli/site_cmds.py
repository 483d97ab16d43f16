"""``archlog site build`` and ``archlog site serve``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from archlog.cli.app import dir_option, report_warnings, shown


@click.group("site")
def site_cmd() -> None:
    """Build the decision log as a static site, or serve it with live reload."""


@site_cmd.command("build")
@dir_option
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Output folder (default: site/ beside the configuration, or in the "
                   "working directory); replaced whole when the build succeeds.")  # fmt: skip
def build_cmd(dir_: str | None, out: Path | None) -> None:
    """Build a static site of plain files: works from file:// and any static host."""
    from archlog.features.site import SiteSettings, build, build_sections
    from archlog.infra import config as config_mod
    from archlog.read.store import Repository

    cfg = config_mod.discover(Path.cwd())
    folders = cfg.values.get("folders") or []
    if dir_ is None and folders:  # a monorepo: a section per folder
        repos = [(str(f), Repository.open(cfg.root / str(f))) for f in folders]
        target = out or _default_out(repos[0][1])
        with _progress() as tick:
            result = build_sections(repos, target, settings=SiteSettings.of(repos[0][1]),
                                    progress=tick)  # fmt: skip
        for _name, repo in repos:
            report_warnings(repo)
    else:
        repo = Repository.open(dir_)
        target = out or _default_out(repo)
        with _progress() as tick:
            result = build(repo, target, progress=tick)
        report_warnings(repo)
    click.echo(f"built {result.pages} pages for {result.records} records in "
               f"{result.seconds:.2f} s: {shown(result.out)}")  # fmt: skip


def _default_out(repo: object) -> Path:
    from archlog.read.store import Repository

    assert isinstance(repo, Repository)
    configured = (repo.config.values.get("site") or {}).get("out")
    if configured:
        return repo.config.root / str(configured)
    return (repo.config.root if repo.config.source else Path.cwd()) / "site"


class _progress:
    """A Rich progress bar on a terminal; nothing in CI or when piped."""

    def __enter__(self):  # type: ignore[no-untyped-def]
        self.bar = None
        if sys.stderr.isatty() and not os.environ.get("CI"):
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.bar.start()
            self.task = self.bar.add_task("rendering records", total=None)

        def tick(done: int, total: int) -> None:
            if self.bar is not None:
                self.bar.update(self.task, completed=done, total=total)

        return tick

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


@site_cmd.command("serve")
@dir_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (another one only when you mean it).")  # fmt: skip
@click.option("--port", default=8000, show_default=True, type=int, help="Port (0: any free one).")
def serve_cmd(dir_: str | None, host: str, port: int) -> None:
    """Build the site, serve it, rebuild on every change and reload the open page."""
    from archlog.features.site.serve import serve

    def ready(url: str) -> None:
        click.echo(f"serving {url} (Ctrl-C stops)", err=False)
        sys.stdout.flush()

    def rebuilt(seconds: float, records: int) -> None:
        click.echo(f"rebuilt {records} records in {seconds * 1000:.0f} ms")
        sys.stdout.flush()

    try:
        serve(dir_, host, port, ready=ready, rebuilt=rebuilt)
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        from archlog.errors import ArchlogError

        raise ArchlogError(f"cannot serve on {host}:{port}: {exc.strerror}") from None
