"""The relations as a picture, drawn at build time: an arc diagram in SVG.

Records stand in a column in number order, coloured by status; each relation is an arc
between two of them, drawn from the record that acts (see :func:`archlog.features.graph.edges`).
No JavaScript, no layout engine: it scales to thousands of records and reads on paper.
The colours written in the SVG are the light theme's; the site's stylesheet gives every
part a class's colours instead, the dark theme's in the dark theme.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from archlog.features.graph import STATUS_COLOURS, Edge
from archlog.model import Record

ROW = 28
LEFT = 260  # room for arcs
KINDS = {
    "supersedes": "#b02a37",
    "amends": "#6f42c1",
    "clarifies": "#0b6e99",
    "relates-to": "#6c757d",
}


def arc_diagram(
    records: Sequence[Record], links: Sequence[Edge], page_of: Callable[[Record], str]
) -> str:
    """The SVG of ``records`` in a column and ``links`` (from
    :func:`~archlog.features.graph.edges`) as arcs between them."""
    row = {id(r): i for i, r in enumerate(records)}
    width = LEFT + 620
    height = ROW * len(records) + 60
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="arc-graph" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}" role="group" aria-labelledby="graph-title">',
        '<title id="graph-title">Relations between the records</title>',
        "<defs>",
    ]
    for kind, colour in KINDS.items():
        out.append(
            f'<marker id="arrow-{kind}" viewBox="0 0 10 10" refX="9" refY="5" '
            f'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
            f'<path class="arrow-{kind}" d="M0,0 L10,5 L0,10 z" fill="{colour}"/>'
            "</marker>"
        )
    out.append("</defs>")
    for src, kind, dst in links:
        y1 = 30 + ROW * row[id(src)]
        y2 = 30 + ROW * row[id(dst)]
        bend = min(LEFT - 20, 20 + abs(y2 - y1) * 0.45)
        colour = KINDS.get(kind, "#6c757d")
        marker = (
            ""
            if kind == "relates-to"
            else f' marker-end="url(#arrow-{kind if kind in KINDS else "relates-to"})"'
        )
        out.append(
            f'<path class="edge edge-{escape(kind)}" d="M{LEFT},{y1} C{LEFT - bend},{y1} '
            f'{LEFT - bend},{y2} {LEFT},{y2}" fill="none" stroke="{colour}" stroke-width="1.6"'
            f"{marker}><title>{escape(_name(src))} {escape(kind.replace('-', ' '))} "
            f"{escape(_name(dst))}</title></path>"
        )
    for i, record in enumerate(records):
        y = 30 + ROW * i
        fill, stroke, text = STATUS_COLOURS.get(record.status, STATUS_COLOURS["unknown"])
        label = escape(_name(record)[:80])
        out.append(
            f'<a href="{escape(page_of(record))}" class="node status-{escape(record.status)}">'
            f'<rect x="{LEFT}" y="{y - 11}" width="600" height="22" rx="6" fill="{fill}" '
            f'stroke="{stroke}"/><text x="{LEFT + 10}" y="{y + 5}" fill="{text}" '
            f'font-size="13">{label}</text></a>'
        )
    out.append("</svg>")
    return "\n".join(out)


def _name(record: Record) -> str:
    return f"{record.number}. {record.title}" if record.number is not None else record.title
