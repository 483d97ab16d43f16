"""The parse cache's row: a record as plain values (what msgpack can hold and nothing
else), and the record again from it. A row holds every field but the details (sections,
spans); the trace rides along packed, unpacked only for the records that need one."""

from __future__ import annotations

import json
from dataclasses import fields as dataclass_fields
from pathlib import Path
from typing import Any

from archlog.model import FieldTrace, NameInfo, Record, Relation, Signs, Span, Trace

#: Core fields in the order the cache stores them.
_CORE = (
    "id",
    "title",
    "number",
    "status",
    "status_text",
    "date",
    "date_text",
    "deciders",
    "consulted",
    "informed",
    "authors",
    "tags",
    "category",
    "area",
    "entry",
    "problems",
    "styles",
    "extra",
    "synopsis",
)
_LISTS = ("deciders", "consulted", "informed", "authors", "tags", "problems")
#: A cached record: its core fields, then its relations, signs, packed trace and JSON line.
#: The trace stays packed until asked for: only the newest records need one.
_ROW = (*_CORE, "relations", "signs", "packed_trace", "_json")
_ROW_LENGTH = len(_ROW)
#: A trace's fields, in the order a packed trace holds them.
_TRACE_FIELDS = tuple(f.name for f in dataclass_fields(Trace))


def freeze(
    records: list[Record], folder: Path, lines: list[str] | None = None, *, traced: bool = True
) -> list[list[Any]]:
    """Cache rows of ``records`` (their JSON relative to ``folder``, or ``lines`` as given;
    with ``traced``, their traces packed)."""
    given = lines if lines is not None else [None] * len(records)
    return [_freeze(r, folder, line, traced) for r, line in zip(records, given, strict=True)]


def _freeze(record: Record, folder: Path, line: str | None, traced: bool) -> list[Any]:
    row = bare_row(record)
    row[-2] = pack_trace(record.trace) if traced else None
    row[-1] = line or json.dumps(record.to_json(folder=folder), ensure_ascii=False)
    return row


def bare_row(record: Record) -> list[Any]:
    """A record's row with neither its trace nor its JSON line (for what needs neither:
    :func:`restore_row` makes the record again from it)."""
    row: list[Any] = [getattr(record, name) for name in _CORE]
    row.append(
        [[r.type, r.target, r.text, list(r.span) if r.span else None] for r in record.relations]
    )
    row += [list(record.signs), None, ""]
    return row


def pack_trace(trace: Trace | None) -> bytes | None:
    """A trace as msgpack bytes (plain lists, field by field): the row holds it unread."""
    if trace is None:
        return None
    import msgpack

    packed: bytes = msgpack.packb(
        [getattr(trace, name) for name in _TRACE_FIELDS], use_bin_type=True
    )
    return packed


def unpack_trace(packed: bytes) -> Trace | None:
    """A trace from :func:`_pack_trace`'s bytes; None when they are not what it writes."""
    import msgpack

    try:
        frozen = msgpack.unpackb(packed, raw=False, use_list=True)
        values = dict(zip(_TRACE_FIELDS, frozen, strict=True))
        if values["name"] is not None:
            values["name"] = NameInfo(*values["name"])
        values["fields"] = tuple(FieldTrace(*f) for f in values["fields"])
        values["sections"] = tuple(values["sections"])
        values["front_matter"] = tuple((str(k), str(v)) for k, v in values["front_matter"])
        values["phrases"] = tuple((str(t), str(p)) for t, p in values["phrases"])
        return Trace(**values)
    except (ValueError, TypeError, msgpack.UnpackException):
        return None


def restore_row(cached: list[Any], path: Path) -> Record:
    """A record from its cached row: every field but the details (sections, spans, trace),
    which the store reads again when asked (:meth:`archlog.read.store.Store.detail`). The
    row's lists and maps are the unpacker's own, fresh: they are taken as they are."""
    if len(cached) != _ROW_LENGTH:
        raise ValueError("not a cached record")
    record: Record = Record.__new__(Record)
    row = dict(zip(_ROW[: len(_CORE)], cached))  # noqa: B905 (the length is checked above)
    if row["problems"]:
        row["problems"] = [tuple(problem) for problem in row["problems"]]
    relations, signs = cached[len(_CORE) : len(_CORE) + 2]
    row["relations"] = (
        [
            Relation(t, target, text, Span(*span) if span else None)
            for t, target, text, span in relations
        ]
        if relations
        else []
    )
    name, choice, body, links, placeholders = signs
    row["signs"] = Signs(name, choice, body, tuple(links), placeholders)
    row["path"] = path
    row["trace"] = None  # kept packed by the cache until asked for (ParseCache.trace)
    row["sections"], row["spans"], row["detailed"], row["scoped"] = [], {}, False, False
    record.__dict__ = row  # every field of the dataclass, set at once: the fast way
    return record
