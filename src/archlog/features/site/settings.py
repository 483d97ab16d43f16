"""``[tool.archlog.site]``, and what every page shares: status order, page names, assets."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archlog.errors import ConfigError
from archlog.model import Record

if TYPE_CHECKING:
    from archlog.read.store import Store

STATUS_ORDER = ("proposed", "draft", "pending", "accepted", "implemented", "amended",
                "deprecated", "superseded", "rejected", "unknown")  # fmt: skip


#: The title of a site whose configuration names none, outside any repository.
DEFAULT_TITLE = "Architecture decisions"


@dataclass
class SiteSettings:
    """``[tool.archlog.site]``."""

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
        raw: dict[str, Any] = dict(repo.config.values.get("site") or {})
        known = {"title", "edit_url", "source_url", "issues", "mermaid_js", "out"}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise ConfigError(f"unknown site setting(s): {', '.join(unknown)}", repo.config.source)
        settings = cls(
            title=str(raw.get("title") or _repository_name(repo)),
            edit_url=raw.get("edit_url"),
            source_url=raw.get("source_url"),
            issues=list(raw.get("issues") or []),
            root=repo.config.root,
        )
        for name in ("edit_url", "source_url"):
            template = getattr(settings, name)
            try:
                str(template or "").format(path="x")
            except (KeyError, IndexError, ValueError):
                raise ConfigError(
                    f"site.{name} may hold only {{path}}: {template}", repo.config.source
                ) from None
        for item in settings.issues:
            if not isinstance(item, dict) or "pattern" not in item or "url" not in item:
                raise ConfigError(
                    "site.issues entries need a pattern and a url", repo.config.source
                )
        js = raw.get("mermaid_js") or os.environ.get("ARCHLOG_MERMAID_JS")
        found = repo.config.root / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
        if not js and found.is_file():  # a repository that installs mermaid with npm
            js = str(found)
        bundled = Path(__file__).parent / "static" / "vendor" / "mermaid.min.js"
        if not js and bundled.is_file():  # the copy the package was built with
            js = str(bundled)
        if js:
            path = Path(str(js))
            settings.mermaid_js = path if path.is_absolute() else repo.config.root / path
            if not settings.mermaid_js.is_file():
                raise ConfigError(f"site.mermaid_js: no such file {settings.mermaid_js}",
                                  repo.config.source)  # fmt: skip
        return settings


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
    return f"adr/{re.sub(r'[^A-Za-z0-9._-]+', '-', stem)}.html"


def static_file(name: str) -> bytes:
    return (resources.files("archlog.features.site") / "static" / name).read_bytes()
