"""Finding one's way between records: the sidebar, previous and next, the banner of a
superseded or deprecated record, the breadcrumbs of a monorepo's section.

The records stand in the log's order (by number, then id: the order they were written in);
the sidebar lists them newest first. Each entry of the sidebar is made once per build and
each page joins the entries it shows, so the sidebar costs little more than the bytes it
writes: all records when there are few, else a window of :data:`WINDOW` around the page's.
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


@dataclass(frozen=True)
class Neighbours:
    """The records just before and after one in the log."""

    previous: Record | None
    next: Record | None


class Sidebar:
    """The sidebars of a site's record pages, newest first, the page's own marked."""

    def __init__(self, records: Sequence[Record], href: Callable[[Record], str]) -> None:
        self.newest_first = list(reversed(records))
        self.position = {id(r): i for i, r in enumerate(self.newest_first)}
        self.items = [_item(r, href(r), current=False) for r in self.newest_first]
        self.href = href

    def window(self, record: Record) -> range:
        """Where in the newest-first list the sidebar of ``record``'s page starts and ends."""
        total = len(self.newest_first)
        if total <= ALL_UP_TO:
            return range(total)
        at = self.position[id(record)]
        start = max(0, min(at - WINDOW // 2, total - WINDOW))
        return range(start, start + WINDOW)

    def html(self, record: Record, home: str) -> Markup:
        """The list of ``record``'s page: its entries, and links to the rest when it shows
        a window of a long log."""
        shown = self.window(record)
        at = self.position[id(record)]
        mine = _item(record, self.href(record), current=True)
        items = [*self.items[shown.start : at], mine, *self.items[at + 1 : shown.stop]]
        newer, older = shown.start, len(self.newest_first) - shown.stop
        if newer:
            items.insert(0, _more(newer, "newer", home))
        if older:
            items.append(_more(older, "older", home))
        return Markup("".join(items))

    def shows(self, record: Record, other: Record) -> bool:
        """Whether ``record``'s page lists ``other`` in its sidebar."""
        return self.position[id(other)] in self.window(record)


def _item(record: Record, href: str, *, current: bool) -> str:
    mark = ' aria-current="page"' if current else ""
    status = escape(record.status)
    return (
        f'<li><a href="{escape(href)}"{mark}><span class="sidebar-id">{escape(record.id)}</span> '
        f"{escape(record.title)}</a> "
        f'<span class="badge status-{status}">{status}</span></li>'
    )


def _more(count: int, which: str, home: str) -> str:
    return f'<li class="sidebar-more"><a href="{escape(home)}">{count:,} {which} decisions</a></li>'


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
