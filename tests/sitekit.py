"""What the site's tests share: Chromium launched as the suite launches it, folders of
records written for a test, git history with named authors and days, and a link checker
over every page of a built site."""

from __future__ import annotations

import html.parser
import os
import subprocess
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import cli_env, need, need_program

#: Debian's Chromium, headless, with nothing fetched in the background.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]

NYGARD = "# {n}. {title}\n\nDate: {date}\n\n## Status\n\n{status}\n\n## Context\n\n{body}\n"


@contextmanager
def chromium() -> Iterator[Any]:
    """A browser for the module's tests (skipped, or failed under ARCHLOG_REQUIRE_ALL,
    without Chromium or Playwright)."""
    executable = need_program("chromium")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def write_records(
    folder: Path, records: dict[int, tuple[str, str, str]], date: str = "2024-05-{n:02d}"
) -> dict[int, Path]:
    """Nygard records ``{number: (title, status, body)}`` in ``folder``; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for n, (title, status, body) in records.items():
        slug = "-".join(title.lower().split())
        path = folder / f"{n:04d}-{slug}.md"
        text = NYGARD.format(
            n=n, title=title, date=date.format(n=n % 28 + 1), status=status, body=body
        )
        path.write_text(text, encoding="utf-8")
        paths[n] = path
    return paths


def git(
    cwd: Path,
    *args: str,
    when: str = "2025-01-02T10:00:00",
    author: str = "Ada Byron",
    env: dict[str, str] | None = None,
) -> str:
    """Run git in ``cwd`` as ``author`` on day ``when``; its output."""
    need_program("git")
    email = author.lower().replace(" ", ".") + "@example.invalid"
    full = cli_env(
        GIT_AUTHOR_DATE=when,
        GIT_COMMITTER_DATE=when,
        GIT_AUTHOR_NAME=author,
        GIT_AUTHOR_EMAIL=email,
        GIT_COMMITTER_NAME=author,
        GIT_COMMITTER_EMAIL=email,
        **(env or {}),
    )
    proc = subprocess.run(
        ["git", *args], cwd=cwd, env=full, check=True, capture_output=True, text=True
    )
    return proc.stdout


class _Page(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        for name in ("href", "src"):
            if found.get(name) is not None and tag != "base":
                self.links.append(str(found[name]))


def broken_links(site: Path) -> list[str]:
    """Every link or source of every page of ``site`` that leads to no file of the site,
    or to no element of the page it names (``page.html#id``): ``page: link`` each."""
    pages: dict[Path, _Page] = {}
    for path in site.rglob("*.html"):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path.resolve()] = parser
    assert pages, f"no page in {site}"
    broken = []
    for path, parser in sorted(pages.items()):
        for link in parser.links:
            parts = urllib.parse.urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue  # another site's
            if parts.path:
                target = Path(os.path.normpath(path.parent / urllib.parse.unquote(parts.path)))
            else:
                target = path
            fragment = urllib.parse.unquote(parts.fragment)
            ok = target.is_file() and target.is_relative_to(site.resolve())
            if ok and fragment and target.suffix == ".html":
                ok = fragment in pages[target].ids
            if not ok:
                broken.append(f"{path.relative_to(site.resolve())}: {link}")
    return broken


def axe_violations(page: Any) -> list[str]:
    """axe-core's serious and critical violations on the page open in ``page``."""
    need("axe")
    import axe_playwright_python  # axe-core's own axe.min.js, as its Python package ships it

    page.add_script_tag(path=str(Path(axe_playwright_python.__file__).parent / "axe.min.js"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
