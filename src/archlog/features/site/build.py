"""``archlog site build``: the decision log as a static site of plain files.

Pages: a home table that sorts and filters (status, tag, date, text) with counts per status;
a page per record (status badge, date, people, tags, relations both ways, the Markdown
rendered and sanitised, an edit link, issue links); a timeline; the relations as a picture;
a page per tag and per status; offline search over a sharded index. Light and dark themes,
landmarks and keyboard use throughout, a stable URL per record (``adr/<file stem>.html``).
Works from ``file://``; no CDN. The site is built in a temporary folder and swapped in at
the end, so a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from archlog.errors import ArchlogError, ConfigError
from archlog.features.site.settings import SiteSettings, static_file

if TYPE_CHECKING:
    from archlog.infra.config import Config
    from archlog.read.store import Store


@dataclass
class BuildResult:
    out: Path
    pages: int
    records: int
    seconds: float


def build(repo: Store, out: Path, *, progress: Callable[[int, int], None] | None = None,
          settings: SiteSettings | None = None, live: bool = False,
          only: set[Path] | None = None) -> BuildResult:  # fmt: skip
    """Build the site of ``repo`` into ``out`` (replaced whole, only once the build worked).

    With ``only`` — record files that changed, none added or removed — the site in ``out``
    is updated in place, writing only the pages those changes can affect (``site serve``).
    """
    start = time.perf_counter()
    settings = settings or SiteSettings.of(repo)
    out = out.resolve()
    if only is not None and out.is_dir():
        from archlog.features.site.pages import write_site

        pages = write_site(repo, settings, out, progress, live=live, only=only)
        return BuildResult(out, pages, len(repo.records), time.perf_counter() - start)
    if out == repo.folder.resolve() or repo.folder.resolve().is_relative_to(out):
        raise ArchlogError("the site cannot be built over the ADR folder", out)
    staging = out.parent / f".{out.name}.building-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        staging.mkdir(parents=True)
        from archlog.features.site.pages import write_site

        pages = write_site(repo, settings, staging, progress, live=live)
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildResult(out, pages, len(repo.records), time.perf_counter() - start)


def build_sections(sections: list[tuple[str, Store]], out: Path, *,
                   settings: SiteSettings, progress: Callable[[int, int], None] | None = None,
                   ) -> BuildResult:  # fmt: skip
    """One site for several ADR folders (a monorepo): a section each, and a home listing them."""
    from archlog.features.site.pages import environment, write_site
    from archlog.read.names import slugify

    start = time.perf_counter()
    out = out.resolve()
    staging = out.parent / f".{out.name}.building-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        staging.mkdir(parents=True)
        pages, listed = 1, []
        for name, repo in sections:
            slug = slugify(name)
            pages += write_site(repo, settings, staging / slug, progress, section=name)
            listed.append({"name": name, "href": f"{slug}/index.html", "count": len(repo.records)})
        (staging / "assets").mkdir()
        for asset in ("style.css", "app.js"):
            (staging / "assets" / asset).write_bytes(static_file(asset))
        (staging / "assets" / "pygments.css").write_text("", encoding="utf-8")
        html = (
            environment()
            .get_template("sections.html")
            .render(site_title=settings.title, root="", sections=listed, mermaid=False, live=False)
        )
        (staging / "index.html").write_text(html, encoding="utf-8")
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    records = sum(len(repo.records) for _, repo in sections)
    return BuildResult(out, pages, records, time.perf_counter() - start)


def default_out(store: Store) -> Path:
    """Where a site goes unless told: ``[site] out``, else ``site/`` beside the
    configuration (or in the working directory)."""
    configured = (store.config.values.get("site") or {}).get("out")
    if configured:
        return store.config.root / str(configured)
    return (store.config.root if store.config.source else Path.cwd()) / "site"


def build_monorepo(
    cfg: Config, out: Path | None, *, progress: Callable[[int, int], None] | None = None
) -> tuple[BuildResult, list[Store]]:
    """The site of a monorepo: a section for each folder of ``folders = [...]``."""
    from archlog.read.folders import configured_folders
    from archlog.read.store import Store

    stores = [(name, Store.open(path)) for name, path in configured_folders(cfg)]
    if not stores:
        raise ConfigError("no folders to build a site of", cfg.source)
    first = stores[0][1]
    result = build_sections(stores, out or default_out(first), settings=SiteSettings.of(first),
                            progress=progress)  # fmt: skip
    return result, [store for _name, store in stores]


def _swap(staging: Path, out: Path) -> None:
    """Put the new site in place of the old one: two renames, then the old is deleted."""
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        if not out.is_dir():
            raise ArchlogError("exists and is not a folder", out)
        os.rename(out, old)
    os.rename(staging, out)
    shutil.rmtree(old, ignore_errors=True)
