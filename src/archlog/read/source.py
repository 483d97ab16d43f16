"""Showing one record in a terminal (Rich), or its source."""

from __future__ import annotations

from archlog.model import Record
from archlog.read.reader import decode


def record_source(record: Record) -> str:
    """The record's Markdown as written (for a log entry: its lines of the log)."""
    text, _bom = decode(record.path.read_bytes(), record.path)
    if record.entry is None:
        return text
    span = record.spans["record"]
    lines = text.splitlines(keepends=True)
    return "".join(lines[span.start - 1 : span.end])


def render_record(record: Record, source: str) -> None:
    from rich.console import Console
    from rich.markdown import Markdown
    from rich.table import Table

    console = Console()
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    meta.add_row("Record", f"{record.id} — {record.ref}")
    meta.add_row("Status", f"{record.status} ({record.status_text})" if record.status_text
                 else record.status)  # fmt: skip
    if record.date:
        meta.add_row("Date", record.date)
    for name in ("deciders", "consulted", "informed", "tags"):
        values = getattr(record, name)
        if values:
            meta.add_row(name.capitalize(), ", ".join(values))
    for rel in record.relations:
        meta.add_row(rel.type, str(rel.target))
    console.print(meta)
    console.rule()
    body = source
    if record.spans.get("front_matter"):
        end = record.spans["front_matter"].end
        body = "".join(source.splitlines(keepends=True)[end:])
    console.print(Markdown(body))
