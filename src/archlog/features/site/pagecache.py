"""Record pages a rebuild need not render: those whose every input is what it was.

Rendering a record's page (Jinja, then sanitising its body where it is output) was, with
writing it, most of the time a rebuild of an unchanged folder took. A page is a function
of its context (the record's fields, its body with its links resolved, its relations,
neighbours, sidebar, authors from git, the site's settings) and of the code that renders
it (this package's modules and templates, and the versions of Jinja, MarkupSafe and nh3).
So each page's context is reduced to a key, and a side cache keeps, by page, the key it
was last rendered with and the digest of what that gave. A page whose key is the one kept
is taken from the site being replaced, when that site's file has that very digest (read
and compared: nothing of the old site is trusted, see :mod:`~archlog.features.site.output`);
any other page is rendered. A body from the render cache that changed changes the key, so
it is rendered and sanitised again.

The key covers what the templates read of a record (:data:`RECORD_FIELDS`; a test checks
that the templates read no other field). The pages that list records are kept alike.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archlog.model import Record

if TYPE_CHECKING:
    from collections.abc import Callable

    from archlog.features.site.output import Output
    from archlog.read.cache import ParseCache
    from archlog.read.store import Store

#: What the templates read of a record (``record.…``, ``other.…``, ``r.…``).
RECORD_FIELDS = (
    "id",
    "number",
    "title",
    "status",
    "status_text",
    "date",
    "deciders",
    "consulted",
    "informed",
    "tags",
    "category",
)


class PageCache:
    """The keys pages were last rendered with, and the digests of what they gave."""

    def __init__(self, cache: ParseCache, page_of: Callable[[Record], str]) -> None:
        self.cache = cache
        self.page_of = page_of
        self._views: dict[int, list[object]] = {}  # by id() of the record
        self._fields: dict[type, tuple[str, ...]] = {}  # a dataclass's fields, by class

    @classmethod
    def of(cls, repo: Store, page_of: Callable[[Record], str]) -> PageCache | None:
        """The page cache of ``repo``'s site (None when the caches are off)."""
        cache = repo.side_cache("site-pages", _salt())
        return cls(cache, page_of) if cache is not None else None

    def write(
        self, output: Output, name: str, context: dict[str, Any], render: Callable[[], str]
    ) -> None:
        """Write the page ``name`` that ``render`` makes from ``context`` — or link the one
        of the site being replaced, if it was made from this very context and its bytes are
        those it gave then."""
        key = self.key(context)
        last = self.cache.get(name, key)  # [digest, size]
        if isinstance(last, list) and len(last) == 2 and isinstance(last[0], bytes):
            wanted, size = last
            if isinstance(size, int) and output.reuse(name, size, digest, wanted):
                return
        data = render().encode()
        output.write_bytes(name, data)
        self.cache.put(name, key, [digest(data), len(data)])

    def key(self, context: dict[str, Any]) -> bytes:
        """The key of a page rendered from ``context``."""
        text = json.dumps(context, default=self._plain, ensure_ascii=False)
        return hashlib.sha256(text.encode()).digest()[:16]

    def save(self) -> None:
        self.cache.save(prune=True)

    def _plain(self, value: object) -> object:
        """What of ``value`` (in a page's context) the page shows, as JSON can say it."""
        if isinstance(value, Record):
            view = self._views.get(id(value))
            if view is None:
                view = [self.page_of(value), *(getattr(value, f) for f in RECORD_FIELDS)]
                self._views[id(value)] = view
            return view
        kind = type(value)
        names = self._fields.get(kind)
        if names is None and dataclasses.is_dataclass(kind):
            names = self._fields[kind] = tuple(f.name for f in dataclasses.fields(kind))
        if names is not None:
            return [getattr(value, name) for name in names]
        if callable(value):  # page_of: the pages are named in the records' entries
            return None
        return str(value)  # a date, say; a text that is not the same each time only misses


def digest(data: bytes) -> bytes:
    """The digest of a page's bytes, as the cache keeps it."""
    return hashlib.sha256(data).digest()[:16]


def _salt() -> str:
    """The code that renders a page: this package's modules and templates, and the
    libraries that render and sanitise."""
    from importlib.metadata import PackageNotFoundError, version

    here = Path(__file__).parent
    h = hashlib.sha256()
    for source in (*sorted(here.glob("*.py")), *sorted((here / "templates").glob("*.html"))):
        h.update(source.read_bytes())
    for package in ("jinja2", "markupsafe", "nh3"):
        try:
            h.update(f"{package} {version(package)}\n".encode())
        except PackageNotFoundError:
            h.update(f"{package} ?\n".encode())
    return h.hexdigest()[:16]
