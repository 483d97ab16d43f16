"""The pages of the site, rendered with Jinja (autoescaping everywhere) into a folder."""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from archlog.errors import UsageError
from archlog.features.site import markdown as md
from archlog.features.site import shards as search
from archlog.features.site import svggraph
from archlog.features.site.settings import (
    STATUS_ORDER,
    SiteSettings,
    page_name,
    safe_url,
    static_file,
)
from archlog.model import Record
from archlog.read.names import slugify

if TYPE_CHECKING:
    from jinja2 import Environment

    from archlog.read.cache import ParseCache
    from archlog.read.store import Store

ASSETS = ("style.css", "app.js", "search.js", "live.js")


def environment() -> Environment:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("archlog.features.site", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True, lstrip_blocks=True,
    )  # fmt: skip
    return env


def write_site(
    repo: Store, settings: SiteSettings, out: Path,
    progress: Callable[[int, int], None] | None, *, live: bool = False,
    section: str | None = None, only: set[Path] | None = None,
) -> int:  # fmt: skip
    """Write the site into ``out``. With ``only`` (files that changed, none added or removed),
    ``out`` holds the previous site and only the pages those changes can affect are written
    again: those records', their related records', and the pages that list records."""
    from markupsafe import Markup

    records = repo.records
    env = environment()
    by_target = {r.target: r for r in records}
    rules = md.LinkRules(
        pages={r.path.name: page_name(r) for r in records if not r.entry},
        issues=md.issue_rules(settings.issues),
    )
    incoming: dict[int, list[tuple[str, Record]]] = defaultdict(list)
    for record in records:
        for rel in record.relations:
            other = by_target.get(rel.target)
            if other is not None:
                incoming[id(other)].append((rel.type, record))
    affected: set[int] | None = None
    if only is not None:
        changed = [r for r in records if r.path in only]
        affected = {id(r) for r in changed}
        for record in changed:
            affected.update(id(by_target[rel.target]) for rel in record.relations
                            if rel.target in by_target)  # fmt: skip
            affected.update(id(other) for _t, other in incoming.get(id(record), []))
    (out / "adr").mkdir(parents=True, exist_ok=True)
    mermaid = settings.mermaid_js is not None
    if only is None:
        (out / "assets").mkdir()
        for name in ASSETS:
            (out / "assets" / name).write_bytes(static_file(name))
        (out / "assets" / "pygments.css").write_text(_pygments_css(), encoding="utf-8")
        if settings.mermaid_js is not None:
            (out / "assets" / "mermaid.min.js").write_bytes(settings.mermaid_js.read_bytes())
    title = f"{settings.title}: {section}" if section else settings.title
    common = {"site_title": title, "mermaid": mermaid, "statuses": STATUS_ORDER,
              "live": live, "section": section}  # fmt: skip
    index = search.Index()
    total = len(records)
    pages = 0
    store = _render_cache(repo, rules, settings)
    for i, record in enumerate(records):
        body_html, weights = _rendered(repo, record, rules, store)
        doc = {"t": _label(record), "u": page_name(record), "s": record.status,
               "d": record.date or ""}  # fmt: skip
        index.add(doc, weights)
        if affected is not None and id(record) not in affected:
            continue  # unchanged, and nothing it shows changed: its page stands
        body = Markup(md.sanitise(body_html))  # cleaned where it is output, cached or not
        relations = [(rel.type.replace("-", " "), by_target.get(rel.target), rel.target)
                     for rel in record.relations]  # fmt: skip
        named = {o.target for _t, o, _x in relations if o is not None}
        context = {
            **common, "root": "../", "record": record, "body": body, "relations": relations,
            "incoming": [(t.replace("-", " "), r) for t, r in incoming.get(id(record), [])
                         if r.target not in named],
            "page_of": lambda r: page_name(r).removeprefix("adr/"),
            "edit_url": _edit_url(settings, repo, record),
        }  # fmt: skip
        _write(out / page_name(record), env.get_template("record.html").render(context))
        pages += 1
        if progress is not None and (i % 50 == 0 or i == total - 1):
            progress(i + 1, total)
    if store is not None:
        store.save(prune=True)
    for name, content in index.files().items():
        _write(out / name, content)
    home = {**common, "root": "", "records": records, "page_of": page_name,
            "counts": Counter(r.status for r in records), "tags": _tags(records)}  # fmt: skip
    _write(out / "index.html", env.get_template("home.html").render(home))
    pages += 1
    for tag, members in sorted(_tags(records).items()):
        context = {**common, "root": "../", "heading": f"Tag: {tag}", "records": members,
                   "page_of": lambda r: "../" + page_name(r)}  # fmt: skip
        _write(out / "tags" / f"{_slug(tag)}.html", env.get_template("list.html").render(context))
        pages += 1
    by_status: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        by_status[record.status].append(record)
    for status, members in by_status.items():
        context = {**common, "root": "../", "heading": f"Status: {status}", "records": members,
                   "page_of": lambda r: "../" + page_name(r)}  # fmt: skip
        _write(out / "status" / f"{status}.html", env.get_template("list.html").render(context))
        pages += 1
    events = _timeline(repo, records)
    dated = {id(r) for _d, r, _s in events}
    _write(out / "timeline.html", env.get_template("timeline.html").render(
        {**common, "root": "", "events": events, "page_of": page_name,
         "undated": [r for r in records if id(r) not in dated]}))  # fmt: skip
    custom = {str(k): str(v) for k, v in (repo.config.values.get("relations") or {}).items()}
    picture = Markup(svggraph.arc_diagram(records, page_name, custom))
    _write(out / "graph.html", env.get_template("graph.html").render(
        {**common, "root": "", "picture": picture}))  # fmt: skip
    _write(out / "search.html", env.get_template("search.html").render({**common, "root": ""}))
    return pages + 3


def _timeline(repo: Store, records: list[Record]) -> list[tuple[str, Record, str]]:
    """(date, record, what happened), newest last: each record's own date, and each status
    change git knows of (one ``git log`` for the folder)."""
    from archlog.features.lint.git_rules import status_changes
    from archlog.infra.git import read_patches

    history = read_patches(repo.folder)
    events: list[tuple[str, Record, str]] = []
    for record in records:
        if record.date:
            events.append((record.date, record, "dated"))
        if history is not None and not record.entry:
            for day, status in status_changes(history, record.path.name):
                events.append((day, record, status))
    events.sort(key=lambda e: (e[0], e[1].sort_key()))
    return events


def _rendered(
    repo: Store, record: Record, rules: md.LinkRules, store: ParseCache | None
) -> tuple[str, dict[str, int]]:
    """The record's body as safe HTML, and its words' weights for search: from the render
    cache when the file's bytes (and the site's links) are unchanged."""
    digest = repo.digest(record)
    name = repo.key_of(record)
    hit = store.get(name, digest) if store is not None and digest is not None else None
    if hit is not None:
        return str(hit[0]), search.unpack(str(hit[1]))
    repo.detail([record])
    source = _body(record)
    html = md.markdown_to_html(source, rules, page_prefix="../")
    text = " ".join([record.title, " ".join(record.tags), md.plain_text(source)])
    weights = search.counts(record.title, text)
    if store is not None and digest is not None:
        store.put(name, digest, (html, search.pack(weights)))
    return html, weights


def _render_cache(repo: Store, rules: md.LinkRules, settings: SiteSettings) -> ParseCache | None:
    """Rendered bodies, keyed on each file's content and salted with the renderer's code and
    everything a body's links depend on (which files are records, the issue patterns)."""
    import hashlib
    import json

    h = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        h.update(source.read_bytes())
    h.update(json.dumps([sorted(rules.pages.items()), settings.issues], default=str).encode())
    return repo.side_cache("site", h.hexdigest()[:16])


def _body(record: Record) -> str:
    """The record's Markdown without what the page shows in its header: the title heading,
    front matter, metadata lines and the Status and Date sections."""
    from archlog.conventions.vocabulary import field_of
    from archlog.edit.patches import LINE_STYLES

    lines = _source_lines(record)
    offset = record.spans["record"].start - 1 if record.entry else 0
    drop: set[int] = set()
    for name, span in record.spans.items():
        style = record.styles.get(name)
        if name in ("title", "front_matter") or (style in LINE_STYLES and name != "record"):
            drop.update(range(span.start, span.end + 1))
    for rel in record.relations:
        first = record.sections[0].span.start if record.sections else 10**9
        if rel.span is not None and rel.span.start < first:
            drop.update(range(rel.span.start, rel.span.end + 1))
    for i, section in enumerate(record.sections):
        if field_of(section.heading) in ("status", "date"):
            nxt = record.sections[i + 1].span.start if i + 1 < len(record.sections) else None
            end = nxt - 1 if nxt is not None and nxt <= section.span.end else section.span.end
            drop.update(range(section.span.start, end + 1))
    kept = [line for n, line in enumerate(lines, offset + 1) if n not in drop]
    return "\n".join(kept).strip("\n") + "\n"


def _source_lines(record: Record) -> list[str]:
    from archlog.edit.text import Text

    text = str(Text.decode(record.path.read_bytes(), record.path)).replace("\r\n", "\n")
    lines = text.split("\n")
    span = record.spans.get("record")
    if record.entry and span is not None:
        return lines[span.start - 1 : span.end]
    return lines


def _edit_url(settings: SiteSettings, repo: Store, record: Record) -> str | None:
    from urllib.parse import quote

    if not settings.edit_url:
        return None
    try:
        rel = os.path.relpath(record.path, repo.config.root).replace(os.sep, "/")
    except ValueError:
        return None
    url = settings.edit_url.format(path=quote(rel))
    return url if safe_url(url) else None


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


def _label(record: Record) -> str:
    return f"{record.id} {record.title}"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _pygments_css() -> str:
    from pygments.formatters import HtmlFormatter

    light = str(HtmlFormatter(style="default").get_style_defs(".highlight"))  # type: ignore[no-untyped-call]
    dark = str(HtmlFormatter(style="monokai").get_style_defs('[data-theme="dark"] .highlight'))  # type: ignore[no-untyped-call]
    return light + "\n" + dark + "\n"
