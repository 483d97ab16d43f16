"""The static site: :mod:`~archlog.features.site.build` (build, monorepo sections),
:mod:`~archlog.features.site.pages` (the pages), :mod:`~archlog.features.site.serve` (live
preview)."""

from __future__ import annotations

from archlog.features.site.build import (
    BuildResult,
    build,
    build_monorepo,
    build_sections,
    default_out,
)
from archlog.features.site.settings import STATUS_ORDER, SiteSettings, page_name, static_file

__all__ = [
    "STATUS_ORDER",
    "BuildResult",
    "SiteSettings",
    "build",
    "build_monorepo",
    "build_sections",
    "default_out",
    "page_name",
    "static_file",
]
