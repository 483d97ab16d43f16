"""Where the links of a record's page lead: resolved at each build, since they depend on
the other files (the rendered body, cached, depends on the record's text alone).

A relative link (or image) is resolved against the record's file, a link starting with
``/`` against the repository, as GitHub does. It then goes to, in order:

- another record: its page, at the element the link names if the page has it (found as a
  link within the page is); a link into a decision log's entry: that entry's page;
- the folder's index (``README.md``, ``index.md``) or the folder itself: the home page;
- an image inside the ADR folder: a copy of it in the site (``files/…``);
- any other file of the repository, when ``source_url`` is set: that file there (a link;
  an image from there would be a page about the image, not the image);
- nowhere: it stops being a link (an image leaves its alternative text), so that no page
  of the site links to a page that is not built.

Only images from inside the ADR folder are copied: a record can make the site publish no
other file (no SVG either, which could carry a script to the site's origin).
"""

from __future__ import annotations

import os
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from archlog.features.site.markdown import Dead, anchor_in, rewrite_urls
from archlog.features.site.settings import SiteSettings, page_name
from archlog.read.names import INDEX_FILE_NAMES

if TYPE_CHECKING:
    from archlog.features.site.output import Output
    from archlog.model import Record

#: Files a record may show, copied into the site when they sit inside the ADR folder.
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"})
FILES = "files"  # the site's folder for them


@dataclass
class Links:
    """What a build knows to resolve links: the records' files, the folder, the settings;
    and the images the pages showed, to copy once every page is written."""

    folder: Path
    settings: SiteSettings
    repository: Path  # where a link starting with "/" starts
    pages: dict[str, str] = field(default_factory=dict)  # record file → page
    entries: dict[str, dict[str, str]] = field(default_factory=dict)  # log → entry id → page
    ids: dict[str, set[str]] = field(default_factory=dict)  # page → the ids of its body
    images: dict[Path, str] = field(default_factory=dict)  # file → its place in the site
    #: Where each link led, by (tag, URL, folder, prefix): records link to the same files.
    resolved: dict[tuple[str, str, str, str], str | Dead] = field(default_factory=dict)

    @classmethod
    def of(
        cls, folder: Path, records: list[Record], settings: SiteSettings, ids: list[str]
    ) -> Links:
        """The links of a site of ``records`` from ``folder``, whose bodies have ``ids``
        (each record's, space-separated)."""
        from archlog.infra.git import repository_root

        folder = Path(os.path.abspath(folder))
        links = cls(folder, settings, repository_root(folder) or settings.root)
        for record, found in zip(records, ids, strict=True):
            path, page = os.path.abspath(record.path), page_name(record)
            links.ids[page] = set(found.split())
            if record.entry:
                entries = links.entries.setdefault(path, {})
                entries.setdefault(record.entry.casefold(), page)
                entries.setdefault("", page)  # the log itself: its first entry
            else:
                links.pages[path] = page
        return links

    def rewrite(self, body: str, record: Record, prefix: str) -> str:
        """``body`` (a record's rendered HTML) with its links pointed where they lead from
        a page ``prefix`` below the site's root (``"../"`` for a record's page)."""
        base = os.path.dirname(os.path.abspath(record.path))
        return rewrite_urls(body, lambda tag, url: self._resolve(tag, url, base, prefix))

    def copy_images(self, output: Output) -> None:
        """Copy each image a page showed into the site (``files/…``)."""
        for source, place in self.images.items():
            output.write_bytes(place, source.read_bytes())

    def _resolve(self, tag: str, url: str, base: str, prefix: str) -> str | Dead:
        known = self.resolved.get((tag, url, base, prefix))
        if known is not None:
            return known
        try:
            found = self._lead(tag, url, base, prefix)
        except (OSError, ValueError):  # a name no file can have (a NUL, too long, …)
            found = Dead("no such file")
        self.resolved[tag, url, base, prefix] = found
        return found

    def _lead(self, tag: str, url: str, base: str, prefix: str) -> str | Dead:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path:
            return url  # another site's, or within the page (resolved with the body)
        written = urllib.parse.unquote(parts.path)
        start = str(self.repository) if written.startswith("/") else base
        path = os.path.normpath(os.path.join(start, written.lstrip("/")))  # strings: fast
        fragment = urllib.parse.unquote(parts.fragment)
        if tag == "a":
            page = self.pages.get(path)
            if page is not None:
                anchor = anchor_in(fragment, self.ids[page]) if fragment else None
                return prefix + page + _fragment(anchor or "")  # a page without it: its top
            entries = self.entries.get(path)
            if entries is not None:
                return prefix + entries.get(fragment.casefold(), entries[""])
        target = Path(path)
        if tag == "a" and (target == self.folder or _is_index(target, self.folder)):
            return prefix + "index.html"
        image = self._image(target)
        if image is not None:
            return prefix + urllib.parse.quote(image)
        source = self._source(target) if tag == "a" else None
        if source is not None:
            return source + _fragment(fragment)
        return Dead("not part of the site" if target.exists() else "no such file")

    def _image(self, target: Path) -> str | None:
        """The image's place in the site, if it is one the site may copy."""
        if target.suffix.lower() not in IMAGE_SUFFIXES:
            return None
        place = self.images.get(target)
        if place is not None:
            return place
        try:
            real = Path(os.path.realpath(target, strict=True))
        except OSError:  # no such file, or a loop of links
            return None
        home = Path(os.path.realpath(self.folder))
        if not real.is_file() or not real.is_relative_to(home):
            return None  # a link out of the folder, or through a link out of it
        relative = real.relative_to(home).as_posix()
        if any(part.startswith(".") for part in relative.split("/")):
            return None
        place = f"{FILES}/{relative}"
        self.images[real] = place
        return place

    def _source(self, target: Path) -> str | None:
        """The file's address under ``source_url``, if set and the file is the
        repository's."""
        template = self.settings.source_url
        if not template or not target.exists():
            return None
        root = Path(os.path.abspath(self.settings.root))
        if not target.is_relative_to(root):
            return None
        return template.format(path=urllib.parse.quote(target.relative_to(root).as_posix()))


def _is_index(target: Path, folder: Path) -> bool:
    return target.parent == folder and target.name in INDEX_FILE_NAMES


def _fragment(fragment: str) -> str:
    return "#" + urllib.parse.quote(fragment, safe="-._~") if fragment else ""
