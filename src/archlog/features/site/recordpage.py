"""A record's page: what it shows (its context) and how it is written — its body sanitised
where it is output, or the page taken whole from the site being replaced when its context
is the one that page was made from (:mod:`~archlog.features.site.pagecache`)."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from archlog.features.site import gitinfo, navigation
from archlog.features.site import markdown as md
from archlog.features.site.settings import SiteSettings, safe_url
from archlog.model import Record

if TYPE_CHECKING:
    from archlog.features.site.links import Links
    from archlog.features.site.output import Output
    from archlog.features.site.pagecache import PageCache
    from archlog.infra.git import PatchHistory

#: A record's relations from others, by ``id()`` of the record: (type, the other).
Incoming = defaultdict[int, list[tuple[str, Record]]]


@dataclass
class RecordPages:
    """What every record's page of a build is made with."""

    by_target: dict[int | str, Record]
    incoming: Incoming
    links: Links
    settings: SiteSettings
    common: dict[str, Any]  # what every page of the site shares
    history: PatchHistory | None
    sibling: Callable[[Record], str]  # a record's page as another record's page links to it
    sidebar: navigation.Sidebar
    pager: dict[int, navigation.Neighbours]
    template: Any  # the Jinja template
    output: Output
    kept: PageCache | None

    def context(self, record: Record, body_html: str) -> dict[str, Any]:
        """What ``record``'s page shows; its body (``body_html``, rendered) with its links
        resolved, not yet sanitised."""
        relations = [
            (rel.type.replace("-", " "), self.by_target.get(rel.target), rel.target)
            for rel in record.relations
        ]
        named = {o.target for _t, o, _x in relations if o is not None}
        incoming = self.incoming.get(id(record), [])
        return {
            **self.common,
            "root": "../",
            "record": record,
            "relations": relations,
            "body": self.links.rewrite(body_html, record, "../"),
            "incoming": [(t.replace("-", " "), r) for t, r in incoming if r.target not in named],
            "page_of": self.sibling,
            "edit_url": edit_url(self.settings, record),
            "sidebar": self.sidebar.view(record, "../index.html"),
            "pager": self.pager[id(record)],
            "successors": navigation.successors(record, self.by_target, incoming),
            "crumbs": navigation.crumbs(self.common["section"], "../", label(record)),
            "who": gitinfo.who_when(self.history, record),
        }

    def write(self, record: Record, name: str, body_html: str) -> None:
        """Write ``record``'s page as ``name``: rendered, its body sanitised here, where it
        is output; or taken from the site being replaced, when its context is the one that
        site's page was made from and that page's bytes are those it gave."""
        context = self.context(record, body_html)

        def render() -> str:
            from markupsafe import Markup

            body = Markup(md.sanitise(context["body"]))  # from the render cache or not
            return str(self.template.render({**context, "body": body}))

        if self.kept is not None:
            self.kept.write(self.output, name, context, render)
        else:
            self.output.write_text(name, render())


def incoming_relations(records: list[Record], by_target: dict[int | str, Record]) -> Incoming:
    """Each record's relations from others, by ``id()`` of the record: (type, the other)."""
    incoming: Incoming = defaultdict(list)
    for record in records:
        for rel in record.relations:
            other = by_target.get(rel.target)
            if other is not None:
                incoming[id(other)].append((rel.type, record))
    return incoming


def edit_url(settings: SiteSettings, record: Record) -> str | None:
    """Where the record's file is edited, from ``edit_url`` (None when unset or unsafe)."""
    from urllib.parse import quote

    if not settings.edit_url:
        return None
    try:
        rel = os.path.relpath(record.path, settings.root).replace(os.sep, "/")
    except ValueError:
        return None
    url = settings.edit_url.format(path=quote(rel))
    return url if safe_url(url) else None


def label(record: Record) -> str:
    """How a record is named in lists and links: its id, then its title."""
    return f"{record.id} {record.title}"
