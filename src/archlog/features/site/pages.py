"""The pages of the site, rendered with Jinja (autoescaping everywhere) into a folder."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archlog.errors import ArchlogError, UsageError
from archlog.features.site import excerpts, gitinfo, navigation, svggraph
from archlog.features.site.bodies import render_cache, rendered
from archlog.features.site.links import Links
from archlog.features.site.output import Output
from archlog.features.site.pagecache import PageCache
from archlog.features.site.recordpage import RecordPages, incoming_relations, label
from archlog.features.site.searchfiles import search_files
from archlog.features.site.settings import (
    STATUS_ORDER,
    SiteSettings,
    page_name,
    static_file,
)
from archlog.model import Record
from archlog.read.names import slugify

if TYPE_CHECKING:
    from jinja2 import Environment

    from archlog.read.cache import ParseCache
    from archlog.read.store import Store

ASSETS = ("style.css", "app.js", "rank.js", "search.js", "searchbox.js", "live.js")
#: What every page links to in its header, with the page each one is.
PAGES = (
    ("index.html", "Decisions"),
    ("timeline.html", "Timeline"),
    ("graph.html", "Graph"),
    ("search.html", "Search"),
)


@dataclass
class Written:
    """What :func:`write_site` did: how many pages, and what the user should know."""

    pages: int
    warnings: list[ArchlogError] = field(default_factory=list)


def environment() -> Environment:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("archlog.features.site", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def write_site(
    repo: Store,
    settings: SiteSettings,
    out: Path,
    progress: Callable[[int, int], None] | None,
    *,
    live: bool = False,
    section: str | None = None,
    only: set[Path] | None = None,
    previous: Path | None = None,
) -> Written:
    """Write the site into ``out``, linking the files of ``previous`` (the site it will
    replace) whose bytes come out the same (:mod:`~archlog.features.site.output`). With
    ``only`` (files that changed, none added or removed), ``out`` holds the previous site
    and only the pages those changes can affect are written again: those records', their
    neighbours', their related records', and the pages and scripts that list records."""
    records = repo.records
    env = environment()
    by_target = {r.target: r for r in records}
    incoming = incoming_relations(records, by_target)
    names = {id(r): page_name(r) for r in records}

    def page_of(record: Record) -> str:
        return names[id(record)]

    def sibling(record: Record) -> str:  # a record's page as another record's page links to it
        return names[id(record)].removeprefix("adr/")

    sidebar = navigation.Sidebar(records, sibling)
    affected = None if only is None else _affected(records, only, by_target, incoming)
    (out / "adr").mkdir(parents=True, exist_ok=True)
    output = Output(out, previous)
    if only is None:
        _write_assets(output, settings)
    history, shallow = gitinfo.read_history(repo.folder)
    written = Written(0, [shallow] if shallow is not None else [])
    title = f"{settings.title}: {section}" if section else settings.title
    common = {
        "site_title": title,
        "mermaid": settings.mermaid_js is not None,
        "live": live,
        "statuses": STATUS_ORDER,
        "section": section,
        "pages": PAGES,
    }
    store = render_cache(repo, settings)
    steps = 2 * len(records)  # each record rendered (or read from the cache), then its page

    def tick(step: int) -> None:
        if progress is not None and (step % 50 == 0 or step == steps):
            progress(step, steps)

    # the search files first: making them takes the most memory of the build, and the
    # bodies held after would add to it
    docs = [{"t": label(r), "u": page_of(r), "s": r.status, "d": r.date or ""} for r in records]
    for name, data in search_files(repo, docs).items():
        output.write_bytes(name, data)
    texts, bodies = _bodies(repo, settings, store, tick)
    links = Links.of(repo.folder, records, settings, [ids for _html, ids in bodies])
    maker = RecordPages(
        by_target,
        incoming,
        links,
        settings,
        common,
        history,
        sibling,
        sidebar,
        navigation.neighbours(records),
        env.get_template("record.html"),
        output,
        PageCache.of(repo, sibling) if only is None else None,  # in place: no old site
    )
    for i, (record, (body_html, _ids)) in enumerate(zip(records, bodies, strict=True)):
        if affected is not None and id(record) not in affected:
            continue  # unchanged, and nothing it shows changed: its page stands
        maker.write(record, page_of(record), body_html)
        written.pages += 1
        tick(len(records) + i + 1)
    if store is not None:
        store.save(prune=True)
    links.copy_images(output)
    for name, content in {**excerpts.files(texts), **sidebar.files()}.items():
        output.write_text(name, content)
    written.pages += _write_lists(env, output, common, repo, records, history, page_of, maker.kept)
    if maker.kept is not None:
        maker.kept.save()
    return written


def _bodies(
    repo: Store,
    settings: SiteSettings,
    store: ParseCache | None,
    tick: Callable[[int], None],
) -> tuple[list[str], list[tuple[str, str]]]:
    """Each record's body rendered (or from the render cache): the text of each for search
    snippets, and each body with the ids of its elements."""
    texts, bodies = [], []
    for i, record in enumerate(repo.records, 1):
        body_html, text, ids = rendered(repo, record, settings, store)
        texts.append(text)
        bodies.append((body_html, ids))
        tick(i)
    return texts, bodies


def _write_lists(
    env: Environment,
    output: Output,
    common: dict[str, Any],
    repo: Store,
    records: list[Record],
    history: Any,
    page_of: Callable[[Record], str],
    kept: PageCache | None,
) -> int:
    """The pages that list records: home, tags, statuses, timeline, graph, search (taken
    from the site being replaced when ``kept`` says they come out the same)."""
    from markupsafe import Markup

    from archlog.features.graph import edges

    def render(path: str, template: str, **context: Any) -> None:
        root = "../" * path.count("/")
        crumbs = navigation.crumbs(
            common["section"], root, None if path == "index.html" else context.get("heading")
        )
        full = {**common, "root": root, "crumbs": crumbs, **context}

        def make() -> str:
            return str(env.get_template(template).render(full))

        if kept is not None:
            kept.write(output, path, {"template": template, **full}, make)
        else:
            output.write_text(path, make())

    tags = _tags(records)
    render(
        "index.html",
        "home.html",
        records=records,
        page_of=page_of,
        tags=tags,
        counts=Counter(r.status for r in records),
    )

    def listed(record: Record) -> str:
        return "../" + page_of(record)

    for tag, members in sorted(tags.items()):
        render(
            f"tags/{_slug(tag)}.html",
            "list.html",
            heading=f"Tag: {tag}",
            records=members,
            page_of=listed,
        )
    by_status: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        by_status[record.status].append(record)
    for status, members in by_status.items():
        render(
            f"status/{status}.html",
            "list.html",
            heading=f"Status: {status}",
            records=members,
            page_of=listed,
        )
    events = gitinfo.timeline(records, history)
    on_it = {id(e.record) for e in events}
    render(
        "timeline.html",
        "timeline.html",
        heading="Timeline",
        events=events,
        page_of=page_of,
        undated=[r for r in records if id(r) not in on_it],
    )
    custom = {str(k): str(v) for k, v in (repo.config.values.get("relations") or {}).items()}
    arcs = edges(records, custom)
    picture = Markup(svggraph.arc_diagram(records, arcs, page_of)) if arcs else None
    render("graph.html", "graph.html", heading="Graph", picture=picture, records=records)
    render("search.html", "search.html", heading="Search")
    return len(tags) + len(by_status) + 4


def _affected(
    records: list[Record],
    only: set[Path],
    by_target: dict[int | str, Record],
    incoming: dict[int, list[tuple[str, Record]]],
) -> set[int]:
    """The records whose pages show something of the records in ``only``: those records,
    their neighbours (previous and next name them) and the records related to them either
    way (the sidebars' entries are in scripts of their own, written at each build)."""
    changed = [(i, r) for i, r in enumerate(records) if r.path in only]
    affected = {id(r) for _i, r in changed}
    for i, record in changed:
        affected.update(id(r) for r in records[max(0, i - 1) : i + 2])
        affected.update(
            id(by_target[rel.target]) for rel in record.relations if rel.target in by_target
        )
        affected.update(id(other) for _t, other in incoming.get(id(record), []))
    return affected


def _write_assets(output: Output, settings: SiteSettings) -> None:
    for name in ASSETS:
        output.write_bytes(f"assets/{name}", static_file(name))
    output.write_text("assets/pygments.css", _pygments_css())
    if settings.mermaid_js is not None:
        output.write_bytes("assets/mermaid.min.js", settings.mermaid_js.read_bytes())


def _tags(records: list[Record]) -> dict[str, list[Record]]:
    out: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        for tag in {*record.tags, *([record.category] if record.category else [])}:
            out[tag].append(record)
    return dict(out)


def _slug(text: str) -> str:
    try:
        return slugify(text)
    except UsageError:  # a tag with no letters still needs a page
        return "tag-" + "".join(f"{ord(c):x}" for c in text)[:40]


def _pygments_css() -> str:
    from pygments.formatters import HtmlFormatter

    light = str(HtmlFormatter(style="default").get_style_defs(".highlight"))  # type: ignore[no-untyped-call]
    dark = str(HtmlFormatter(style="monokai").get_style_defs('[data-theme="dark"] .highlight'))  # type: ignore[no-untyped-call]
    return light + "\n" + dark + "\n"
