"""Finding one's way between records: the sidebar, previous and next, the banner of a
superseded or deprecated record, the breadcrumbs of a monorepo's section.

The records stand in the log's order (by number, then id: the order they were written in);
the sidebar lists them newest first: all records when there are few, else a window of
:data:`WINDOW` around the page's own. Its entries are not written into every page (10,000
pages of 40 entries each were half of what a big site wrote): they are in small scripts of
:data:`CHUNK` entries each (``sidebar/n.js``, scripts so that they load from ``file://``),
and a page names the window it shows and loads the one or two scripts it is in; ``app.js``
lists them. Without scripts a page's sidebar holds its own entry, marked, and a link to
the home page's table of every record.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from archlog.model import Record

#: Up to this many records, every record's sidebar lists them all.
ALL_UP_TO = 100
#: Beyond, a sidebar lists this many records around the page's own.
WINDOW = 40
#: Entries per sidebar script: no smaller than :data:`WINDOW`, so a window is in two at most.
CHUNK = 100
#: The folder of the sidebar scripts, beside ``adr/``.
FOLDER = "sidebar"


@dataclass(frozen=True)
class Neighbours:
    """The records just before and after one in the log."""

    previous: Record | None
    next: Record | None


@dataclass(frozen=True)
class SidebarView:
    """What a record's page says of its sidebar: the window it shows (positions in the
    newest-first list), its own position, how many records there are, the scripts holding
    the window's entries (relative to the site's root) and the fallback without scripts."""

    start: int
    stop: int
    at: int
    total: int
    scripts: tuple[str, ...]
    fallback: Markup


class Sidebar:
    """The sidebars of a site's record pages, newest first, the page's own marked."""

    def __init__(self, records: Sequence[Record], href: Callable[[Record], str]) -> None:
        self.newest_first = list(reversed(records))
        self.position = {id(r): i for i, r in enumerate(self.newest_first)}
        self.href = href

    def window(self, record: Record) -> range:
        """Where in the newest-first list the sidebar of ``record``'s page starts and ends."""
        total = len(self.newest_first)
        if total <= ALL_UP_TO:
            return range(total)
        at = self.position[id(record)]
        start = max(0, min(at - WINDOW // 2, total - WINDOW))
        return range(start, start + WINDOW)

    def view(self, record: Record, home: str) -> SidebarView:
        """The sidebar of ``record``'s page, whose link to the home page is ``home``."""
        shown = self.window(record)
        total = len(self.newest_first)
        chunks = range(shown.start // CHUNK, (shown.stop - 1) // CHUNK + 1) if total else range(0)
        mine = _own_item(record, self.href(record))
        more = f'<li class="sidebar-more"><a href="{escape(home)}">All {total:,} decisions</a></li>'
        return SidebarView(
            shown.start,
            shown.stop,
            self.position[id(record)],
            total,
            tuple(f"{FOLDER}/{n}.js" for n in chunks),
            Markup(mine + more),
        )

    def files(self) -> dict[str, str]:
        """The sidebar scripts (name relative to the site's root → content): entries
        ``n·CHUNK`` to ``(n+1)·CHUNK - 1`` of the newest-first list in ``sidebar/n.js``,
        each as ``[page, id, title, status]``."""
        from archlog.features.search_shards import script_json

        out = {}
        for n, start in enumerate(range(0, len(self.newest_first), CHUNK)):
            entries = [
                [self.href(r), r.id, r.title, r.status]
                for r in self.newest_first[start : start + CHUNK]
            ]
            out[f"{FOLDER}/{n}.js"] = (
                f"(window.archlogSidebar=window.archlogSidebar||[]).push([{start},"
                f"{script_json(entries)}]);\n"
            )
        return out


def _own_item(record: Record, href: str) -> str:
    """The page's own entry, marked: as ``app.js`` writes each entry."""
    status = escape(record.status)
    return (
        f'<li><a href="{escape(href)}" aria-current="page">'
        f'<span class="sidebar-id">{escape(record.id)}</span> '
        f"{escape(record.title)}</a> "
        f'<span class="badge status-{status}">{status}</span></li>'
    )


def neighbours(records: Sequence[Record]) -> dict[int, Neighbours]:
    """Each record's previous and next in the log (by ``id()`` of the record)."""
    out = {}
    for i, record in enumerate(records):
        before = records[i - 1] if i else None
        after = records[i + 1] if i + 1 < len(records) else None
        out[id(record)] = Neighbours(before, after)
    return out


def successors(
    record: Record, by_target: dict[int | str, Record], incoming: list[tuple[str, Record]]
) -> list[Record]:
    """The records that replace ``record``: those that say they supersede it, and those it
    says it is superseded by; in the log's order."""
    found = {id(other): other for kind, other in incoming if kind == "supersedes"}
    for target in record.relation_targets("superseded-by"):
        other = by_target.get(target)
        if other is not None and other is not record:
            found[id(other)] = other
    return sorted(found.values(), key=Record.sort_key)


@dataclass(frozen=True)
class Crumb:
    """One step of the breadcrumbs: a label, and where it leads (None: this page)."""

    label: str
    href: str | None


def crumbs(section: str | None, root: str, here: str | None) -> list[Crumb]:
    """The breadcrumbs of a page of a monorepo's section (none outside one): all folders,
    the section, and the page (``here``; None on the section's home)."""
    if section is None:
        return []
    steps = [Crumb("All folders", f"{root}../index.html")]
    steps.append(Crumb(section, f"{root}index.html" if here else None))
    if here:
        steps.append(Crumb(here, None))
    return steps
