"""``archlog import``: records from a JSON-ADR file or an archlog export, written in the
folder's convention, renumbered where their numbers are taken."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from archlog.conventions.vocabulary import SECTION_FIELDS
from archlog.edit.workspace import Workspace
from archlog.errors import ReadError
from archlog.model import Record, Relation
from archlog.ops.drafts import Draft
from archlog.read.status import normalise_status


def drafts_from(path: Path, *, sections: Sequence[str] = ()) -> list[Draft]:
    """Drafts from a JSON-ADR file (single or bulk) or an archlog export. JSON-ADR's content
    fields become sections headed as in ``sections`` (the folder's), where one names them."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror}", path) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise ReadError(f"not valid JSON ({exc})", path, line) from None
    if isinstance(data, dict) and data.get("format") == "archlog":
        items = _list(data.get("records"), path)
        folders = sorted({str(item["folder"]) for item in items if "folder" in item})
        if len(folders) > 1:
            raise ReadError(
                f"holds the records of several folders ({', '.join(folders)}); "
                "import the export of one (`archlog export --folder NAME`)",
                path,
            )
        return [_from_archlog(item, path) for item in items]
    if isinstance(data, dict) and ("adrs" in data or "adr" in data):
        items = _list(data["adrs"], path) if "adrs" in data else [data["adr"]]
        return [_from_json_adr(item, path, sections) for item in items]
    raise ReadError("neither JSON-ADR ({version, adrs} or {version, adr}) nor an archlog "
                    "export ({format: archlog, records})", path)  # fmt: skip


def _list(value: object, path: Path) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ReadError("expected a list of records", path)
    return value


def _record(item: dict[str, Any], path: Path, what: str) -> Record:
    title = item.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ReadError(f"{what} has no title", path)
    number = item.get("number")
    if number is not None and (not isinstance(number, int) or number < 1):
        raise ReadError(f"{what} has a number that is not a positive integer: {number!r}", path)
    source = Path(str(item.get("path") or "import.md"))
    record = Record(path=source, id=str(item.get("id") or number), title=title.strip(),
                    number=number)  # fmt: skip
    record.status = normalise_status(str(item.get("status") or ""))
    record.status_text = str(item.get("status_text") or item.get("status") or "")
    record.date = item.get("date") if isinstance(item.get("date"), str) else None
    for name in ("deciders", "consulted", "informed", "tags"):
        value = item.get(name) or []
        if not isinstance(value, list):
            raise ReadError(f"{what}: {name} is not a list", path)
        setattr(record, name, [str(v) for v in value])
    return record


def _from_archlog(item: dict[str, Any], path: Path) -> Draft:
    record = _record(item, path, f"record {item.get('id') or item.get('title')!r}")
    record.category = item.get("category")
    record.extra = {str(k): str(v) for k, v in (item.get("extra") or {}).items()}
    record.relations = [Relation(str(r["type"]), r["target"]) for r in item.get("relations") or []]
    sections = [(str(s["heading"]), int(s.get("level", 2)), str(s.get("body", "")))
                for s in item.get("sections") or []]  # fmt: skip
    skip = {"status", "date"}
    return Draft(record, [s for s in _own(sections) if s[0].casefold() not in skip])


def _own(sections: list[tuple[str, int, str]]) -> list[tuple[str, int, str]]:
    """Sections as exported hold their sub-sections' text too: keep each one's own part."""
    out = []
    for i, (heading, level, body) in enumerate(sections):
        if i + 1 < len(sections) and sections[i + 1][1] > level:
            nxt = sections[i + 1]
            marker = "#" * nxt[1] + " " + nxt[0]
            cut = body.find("\n" + marker)
            body = body[: cut + 1] if cut != -1 else body
        out.append((heading, level, body))
    return out


def _from_json_adr(item: dict[str, Any], path: Path, written: Sequence[str]) -> Draft:
    record = _record(item, path, f"ADR {item.get('number') or item.get('title')!r}")
    record.relations = [
        Relation(str(link["type"]), int(link["target"]))
        for link in item.get("links") or [] if isinstance(link, dict) and "target" in link
    ]  # fmt: skip
    sections: list[tuple[str, int, str]] = []
    for name, headings in SECTION_FIELDS.items():
        value = item.get(name)
        if not value:
            continue
        heading = _heading_for(headings, written)
        sections.append((heading, 2, _text(value)))
    for heading, body in (item.get("custom_sections") or {}).items():
        sections.append((str(heading), 2, str(body)))
    return Draft(record, sections)


def _heading_for(headings: Sequence[str], written: Sequence[str]) -> str:
    """The folder's own heading among ``headings`` (its spelling), else the first."""
    wanted = {h.casefold() for h in headings}
    return next((w for w in written if w.casefold() in wanted), headings[0])


def _text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n".join(f"* {_option(v)}" for v in value)
    if isinstance(value, dict):  # consequences: {positive, negative, risks}
        parts = []
        for key in ("positive", "negative", "risks"):
            if value.get(key):
                parts.append(f"### {key.capitalize()}\n\n" + _text(value[key]))
        return "\n\n".join(parts)
    return str(value)


def _option(value: object) -> str:
    if isinstance(value, dict):
        text = str(value.get("name", ""))
        if value.get("description"):
            text += f": {value['description']}"
        return text
    return str(value)


def plan_import(ws: Workspace, path: Path) -> list[tuple[int | str, int]]:
    """Add the records of ``path`` to the workspace, in the folder's convention; numbers
    that collide with the folder's (or its history's) take the next free ones. The
    ``(number in the file, number given)`` pairs."""
    from archlog.ops.drafts import write_folder
    from archlog.ops.log_entries import log_header

    repo = ws.repo
    conv = repo.convention
    drafts = drafts_from(path, sections=conv.sections)
    used = repo.used_numbers() | {r.number for r in repo.records if r.number is not None}
    free = max(used, default=0) + 1
    mapping: dict[int | str, int] = {}
    for draft in drafts:
        old = draft.record.number
        if old is None or old in used:
            new, free = free, free + 1
        else:
            new = old
        used.add(new)
        mapping[old if old is not None else draft.record.title] = new
        draft.record.number = new
        draft.record.id = conv.record_id(new)
    for draft in drafts:
        draft.record.relations = [
            Relation(r.type, mapping.get(r.target, r.target)) for r in draft.record.relations
        ]
    log_file = repo.log_file
    if log_file is None and repo.is_log:
        log_file = next(r.path for r in repo.records if r.entry)
    write_folder(ws, conv, repo.folder, drafts, log_file=log_file, header=log_header())
    return list(mapping.items())
