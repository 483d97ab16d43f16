"""A record's body for its page: its Markdown without what the page's header shows,
rendered to safe HTML, with what search needs of it; cached with the file's content."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from archlog.features.site import excerpts
from archlog.features.site import markdown as md
from archlog.features.site.settings import SiteSettings
from archlog.model import Record

if TYPE_CHECKING:
    from archlog.read.cache import ParseCache
    from archlog.read.store import Store


def rendered(
    repo: Store, record: Record, settings: SiteSettings, store: ParseCache | None
) -> tuple[str, str, str]:
    """The record's body as safe HTML, its text for search snippets and the ids of its
    elements (links from other pages may name one): from the render cache when the file's
    bytes are unchanged."""
    digest = repo.digest(record)
    name = repo.key_of(record)
    hit = store.get(name, digest) if store is not None and digest is not None else None
    if hit is not None:
        return str(hit[0]), str(hit[1]), str(hit[2])
    repo.detail([record])
    source = _body(record)
    html = md.markdown_to_html(source, md.issue_rules(settings.issues))
    text = md.visible_text(html, excerpts.LIMIT)
    ids = " ".join(md.element_ids(html))
    if store is not None and digest is not None:
        store.put(name, digest, (html, text, ids))
    return html, text, ids


def render_cache(repo: Store, settings: SiteSettings) -> ParseCache | None:
    """Rendered bodies, keyed on each file's content and salted with the renderer's code and
    the issue patterns (links to other files are resolved after, at each build)."""
    import hashlib
    import json

    h = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        h.update(source.read_bytes())
    h.update(json.dumps(settings.issues, default=str).encode())
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
