"""Search hits as the command prints them: JSON, or text for a terminal or a pipe."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from archlog.features import search

if TYPE_CHECKING:
    from archlog.features.search_store import Hit


def render_json(hits: Sequence[Hit], folder: Path) -> str:
    """Hits as a JSON array, one per line."""

    if not hits:
        return "[]\n"
    return (
        "[\n"
        + ",\n".join(json.dumps(h.to_json(folder), ensure_ascii=False) for h in hits)
        + "\n]\n"
    )


def render_text(hits: Sequence[Hit], *, width: int | None, colour: bool) -> str:
    """Hits for a terminal ``width`` cells wide (a fitted row, the snippet under it), or,
    without a width, one tab-separated line each: id, status, date, title, snippet."""
    from archlog.features.listing import clip, fit

    if width is None:
        return "".join(
            "\t".join(
                (
                    h.record.id,
                    h.record.status,
                    h.record.date or "-",
                    h.record.title,
                    search.mark(h.snippet),
                )
            )
            + "\n"
            for h in hits
        )
    rows = [(h.record.id, h.record.status, h.record.date or "-", h.record.title) for h in hits]
    bold, plain_ = ("\x1b[1m", "\x1b[0m") if colour else ("**", "**")
    out = []
    for line, hit in zip(fit(rows, width), hits, strict=True):
        out.append(line)
        snip = hit.snippet
        room = max(20, width - 4)
        text = clip(snip.text, room)
        end = len(text) if text == snip.text else len(text) - 1
        kept = search.Snippet(text, [(s, e) for s, e in snip.marks if e <= end])
        out.append("    " + search.mark(kept, bold, plain_))
    return "".join(line + "\n" for line in out)
