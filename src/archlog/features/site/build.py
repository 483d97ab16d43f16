"""``archlog site build``: the decision log as a static site of plain files.

Pages: a home table that sorts and filters (status, tag, date, text) with counts per status;
a page per record (status badge, date, people, authors and dates from git, tags, relations
both ways, a banner on a replaced record, the Markdown rendered and sanitised, an edit link,
issue links, a sidebar of the records and previous/next links); a timeline; the relations
as a picture; a page per tag and per status; offline search as you type over a sharded
index. Light and dark themes, landmarks and keyboard use throughout, a stable URL per
record (``adr/<file stem>.html``); every link between pages leads to a page that is built.
Works from ``file://``; no CDN. The site is built in a temporary folder and swapped in at
the end, so a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
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
    #: What the user should know of the build (e.g. a shallow clone's missing history).
    warnings: list[ArchlogError] = field(default_factory=list)


def build(
    repo: Store,
    out: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    settings: SiteSettings | None = None,
    live: bool = False,
    only: set[Path] | None = None,
) -> BuildResult:
    """Build the site of ``repo`` into ``out`` (replaced whole, only once the build worked).

    With ``only`` — record files that changed, none added or removed — the site in ``out``
    is updated in place, writing only the pages those changes can affect (``site serve``).
    """
    start = time.perf_counter()
    settings = settings or SiteSettings.of(repo)
    out = out.resolve()
    if only is not None and out.is_dir():
        from archlog.features.site.pages import write_site

        done = write_site(repo, settings, out, progress, live=live, only=only)
        seconds = time.perf_counter() - start
        return BuildResult(out, done.pages, len(repo.records), seconds, done.warnings)
    if out == repo.folder.resolve() or repo.folder.resolve().is_relative_to(out):
        raise ArchlogError("the site cannot be built over the ADR folder", out)
    check_out(out)
    staging = _staging(out)
    try:
        from archlog.features.site.pages import write_site

        done = write_site(repo, settings, staging, progress, live=live, previous=_site_in(out))
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    seconds = time.perf_counter() - start
    return BuildResult(out, done.pages, len(repo.records), seconds, done.warnings)


def build_sections(
    sections: list[tuple[str, Store]],
    out: Path,
    *,
    settings: SiteSettings,
    progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """One site for several ADR folders (a monorepo): a section each, and a home listing them."""
    from archlog.features.site.pages import environment, write_site
    from archlog.read.names import slugify

    start = time.perf_counter()
    out = out.resolve()
    check_out(out)
    staging = _staging(out)
    warnings: list[ArchlogError] = []
    try:
        pages, listed = 1, []
        previous = _site_in(out)
        for name, repo in sections:
            slug = slugify(name)
            done = write_site(
                repo,
                settings,
                staging / slug,
                progress,
                section=name,
                previous=previous / slug if previous is not None else None,
            )
            pages += done.pages
            warnings += done.warnings
            listed.append({"name": name, "href": f"{slug}/index.html", "count": len(repo.records)})
        (staging / "assets").mkdir()
        for asset in ("style.css", "app.js"):  # the home of the sections has no search
            (staging / "assets" / asset).write_bytes(static_file(asset))
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
    return BuildResult(out, pages, records, time.perf_counter() - start, warnings)


def default_out(store: Store) -> Path:
    """Where a site goes unless told: ``[site] out``, else ``site/`` beside the
    configuration (or in the working directory)."""
    configured = (store.config.values.get("site") or {}).get("out")
    if configured:
        return store.config.inside("site.out", configured)
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
    result = build_sections(
        stores, out or default_out(first), settings=SiteSettings.of(first), progress=progress
    )
    return result, [store for _name, store in stores]


#: The file every built site holds: a folder without it (and not empty) is never replaced.
MARKER = ".archlog-site"


def check_out(out: Path) -> None:
    """Refuse an output folder that is not a site archlog built: ``site build`` replaces
    its output whole, so only an empty folder or one holding :data:`MARKER` will do."""
    if not os.path.lexists(out):
        return
    if out.is_symlink() or not out.is_dir():
        raise ArchlogError("exists and is not a folder archlog built; not replaced", out)
    if (out / MARKER).is_file():
        return
    with os.scandir(out) as entries:
        if next(entries, None) is None:
            return
    raise ArchlogError(
        f"holds files that are not a site archlog built (no {MARKER} in it); not replaced: "
        "choose another output folder, or empty this one",
        out,
    )


def _site_in(out: Path) -> Path | None:
    """The site a build into ``out`` replaces (its files are reused where the same), if
    there is one (:func:`check_out` has passed)."""
    return out if (out / MARKER).is_file() and not out.is_symlink() else None


def _staging(out: Path) -> Path:
    """A new folder beside ``out`` to build into, made exclusively (no name to plant), with
    the marker of a built site."""
    import tempfile

    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    os.chmod(staging, 0o755)
    (staging / MARKER).write_text(
        "A site archlog built: `archlog site build` replaces this folder whole.\n",
        encoding="utf-8",
    )
    return staging


def _swap(staging: Path, out: Path) -> None:
    """Put the new site in place of the old one: two renames, then the old is deleted."""
    import tempfile

    check_out(out)  # as it is now, just before it is replaced
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    moved = False
    try:
        if os.path.lexists(out):
            os.rename(out, old / out.name)
            moved = True
        os.rename(staging, out)
    except OSError as exc:
        if moved:  # the old site goes back where it was
            with contextlib.suppress(OSError):
                os.rename(old / out.name, out)
        raise ArchlogError(f"cannot replace the site: {exc.strerror}", out) from None
    finally:
        shutil.rmtree(old, ignore_errors=True)
