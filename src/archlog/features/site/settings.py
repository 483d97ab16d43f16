"""``[tool.archlog.site]``, and what every page shares: status order, page names, assets."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from archlog.errors import ArchlogError, ConfigError
from archlog.model import Record

#: What may not stand in a page's file name.
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")

if TYPE_CHECKING:
    from archlog.read.store import Store

STATUS_ORDER = (
    "proposed",
    "draft",
    "pending",
    "accepted",
    "implemented",
    "amended",
    "deprecated",
    "superseded",
    "rejected",
    "unknown",
)


#: The title of a site whose configuration names none, outside any repository.
DEFAULT_TITLE = "Architecture decisions"


@dataclass
class SiteSettings:
    """``[tool.archlog.site]``, checked: a repository's configuration is untrusted input."""

    title: str = DEFAULT_TITLE
    edit_url: str | None = None  # e.g. https://github.com/o/r/edit/main/{path}
    #: Where links to the repository's other files go, e.g. .../blob/main/{path}
    source_url: str | None = None
    issues: list[dict[str, str]] = field(default_factory=list)
    mermaid_js: Path | None = None
    #: The folder ``{path}`` of ``edit_url`` and ``source_url`` is relative to.
    root: Path = field(default_factory=Path.cwd)

    @classmethod
    def of(cls, repo: Store) -> SiteSettings:
        cfg = repo.config
        where = cfg.source
        raw = cfg.values.get("site") or {}
        if not isinstance(raw, dict):
            raise ConfigError("site must be a table", where)
        known = {"title", "edit_url", "source_url", "issues", "mermaid_js", "out"}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise ConfigError(f"unknown site setting(s): {', '.join(unknown)}", where)
        title = raw.get("title") or _repository_name(repo)
        if not isinstance(title, str):
            raise ConfigError("site.title must be text", where)
        settings = cls(
            title=title,
            edit_url=_url_template("edit_url", raw.get("edit_url"), where),
            source_url=_url_template("source_url", raw.get("source_url"), where),
            issues=_issues(raw.get("issues"), where),
            root=cfg.root,
        )
        settings.mermaid_js = _mermaid(repo, raw.get("mermaid_js"))
        return settings


def safe_url(url: str) -> bool:
    """Whether ``url`` may be a link's target on the site: http(s), or relative — no other
    scheme (``javascript:``, ``data:``, ``file:``…), no spaces or control characters."""
    from urllib.parse import urlsplit

    if not url or any(ord(c) <= 0x20 or c in "\x7f\\" for c in url):
        return False
    try:
        scheme = urlsplit(url).scheme
    except ValueError:
        return False
    return scheme in ("", "http", "https")


def _url_template(key: str, value: object, where: Path | None) -> str | None:
    """``site.edit_url`` or ``site.source_url``: an http(s) or relative URL whose only
    placeholder is ``{path}``."""
    if value is None or value == "":
        return None
    from string import Formatter

    if not isinstance(value, str):
        raise ConfigError(f"site.{key} must be text", where)
    try:
        fields = [
            (name, spec, conv)
            for _t, name, spec, conv in Formatter().parse(value)
            if name is not None
        ]
    except ValueError as exc:
        raise ConfigError(f"site.{key}: {exc}", where) from None
    if any(name != "path" or spec or conv for name, spec, conv in fields):
        raise ConfigError(f"site.{key} may hold only the placeholder {{path}}: {value}", where)
    if not safe_url(value.format(path="doc/adr/0001-x.md")):
        raise ConfigError(f"site.{key} must be an http(s) or relative URL", where)
    return value


def _issues(value: object, where: Path | None) -> list[dict[str, str]]:
    if not value:
        return []
    if not isinstance(value, list):
        raise ConfigError("site.issues must be a list of {pattern, url} tables", where)
    for i, item in enumerate(value):
        key = f"site.issues[{i}]"
        if not isinstance(item, dict) or set(item) != {"pattern", "url"}:
            raise ConfigError(f"{key} needs a pattern and a url, and nothing else", where)
        pattern, url = item["pattern"], item["url"]
        if not isinstance(pattern, str) or not isinstance(url, str):
            raise ConfigError(f"{key}: the pattern and the url must be text", where)
        try:
            groups = re.compile(pattern).groups
        except re.error as exc:
            raise ConfigError(f"{key}.pattern is not a regular expression: {exc}", where) from None
        try:
            example = url.format("1", *["1"] * groups, id="1")
        except (IndexError, KeyError, ValueError, AttributeError) as exc:
            raise ConfigError(
                f"{key}.url: {exc!r} (it may use {{0}}…{{{groups}}} and {{id}})", where
            ) from None
        if not safe_url(example):
            raise ConfigError(f"{key}.url must be an http(s) or relative URL", where)
    return value


def _mermaid(repo: Store, configured: object) -> Path | None:
    """Mermaid's script: configured (inside the repository), ``ARCHLOG_MERMAID_JS``, the
    repository's npm copy (unless it leads outside the repository), or the bundled one."""
    from archlog.infra.fs import resolves_inside

    cfg = repo.config
    if configured:
        path = cfg.inside("site.mermaid_js", configured)
        if not path.is_file():
            raise ConfigError(f"site.mermaid_js: no such file {path}", cfg.source)
        return path
    explicit = os.environ.get("ARCHLOG_MERMAID_JS")
    if explicit:  # the user's own environment: trusted
        path = Path(explicit) if os.path.isabs(explicit) else cfg.root / explicit
        if not path.is_file():
            raise ConfigError(f"ARCHLOG_MERMAID_JS: no such file {path}")
        return path
    found = cfg.root / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
    if found.is_file():  # a repository that installs mermaid with npm
        if resolves_inside(cfg.root, found):
            return found
        repo.warnings.append(ArchlogError("leads outside the repository; not published", found))
    bundled = Path(__file__).parent / "static" / "vendor" / "mermaid.min.js"
    return bundled if bundled.is_file() else None


def _repository_name(repo: Store) -> str:
    """The name of the repository that holds the folder, else of the configuration's folder."""
    from archlog.infra.git import repository_root

    root = repository_root(repo.folder)
    if root is None and repo.config.source is not None:
        root = repo.config.source.parent
    name = root.resolve().name if root is not None else ""
    return name or DEFAULT_TITLE


def page_name(record: Record) -> str:
    """The record's stable page: ``adr/<file stem>.html`` (a log entry adds its id)."""
    stem = record.path.stem + (f"-{record.entry.lower()}" if record.entry else "")
    return f"adr/{_UNSAFE.sub('-', stem)}.html"


def static_file(name: str) -> bytes:
    return (resources.files("archlog.features.site") / "static" / name).read_bytes()
