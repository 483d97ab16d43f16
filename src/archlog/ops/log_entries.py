"""Single-file decision logs: where a new entry goes, and the header of a new log."""

from __future__ import annotations

from pathlib import Path


def with_entry(text: str, entry: str, path: Path) -> str:
    """A decision log's text with ``entry`` added: before its trailing template section,
    else at the end. Line endings are kept; everything else stays byte for byte."""
    from archlog.read.reader import parse_file

    crlf = "\r\n" in text
    records = parse_file(text, path) if text.strip() else []
    end = len(text)
    if records and records[-1].entry:
        last = records[-1].spans["record"].end
        lines = text.split("\n")
        # the first non-entry level-2 heading after the last entry (e.g. "## Template")
        for i in range(last, len(lines)):
            if lines[i].startswith("## "):
                end = sum(len(line) + 1 for line in lines[:i])
                break
    head, tail = text[:end], text[end:]
    body = entry.strip("\n") + "\n"
    if tail:
        stripped = head.rstrip()
        if stripped.endswith("---"):
            head = stripped[:-3].rstrip() + "\n\n---\n\n"
        insert = body + "\n---\n\n"
    else:
        head = head.rstrip() + "\n\n---\n\n"
        insert = body
    new = head + insert + tail
    if crlf:
        new = new.replace("\r\n", "\n").replace("\n", "\r\n")
    return new


def log_header() -> str:
    """The opening of a new decision log file."""
    return (
        "# Architecture Decision Records\n\n"
        "Every decision of this project is an entry of this file. Add one with\n"
        '`archlog new "Title"`; entries are never removed, only superseded.\n'
    )
