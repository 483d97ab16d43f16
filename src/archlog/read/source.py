"""A record's source: its Markdown as written."""

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
