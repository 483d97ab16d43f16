"""``archlog import``: records from a JSON-ADR file or an archlog export, written in the
folder's convention, renumbered where their numbers are taken."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from archlog.conventions.vocabulary import SECTION_FIELDS, section_heading, section_of
from archlog.edit.workspace import Workspace
from archlog.errors import ReadError
from archlog.model import Record, Relation
from archlog.ops.drafts import Draft
from archlog.read.status import normalise_status

#: Numbers beyond this are refused (a record's number, a link's target).
MAX_NUMBER = 10**9
#: An import file larger than this is not read.
MAX_IMPORT_BYTES = 64 << 20
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def drafts_from(path: Path, *, sections: Sequence[str] = ()) -> list[Draft]:
    """Drafts from a JSON-ADR file (single or bulk) or an archlog export. JSON-ADR's content
    fields become sections headed as in ``sections`` (the folder's), where one names them.
    The file is untrusted input: any value that is not what the format says is a one-line
    error naming the file."""
    from archlog.infra.fs import read_regular

    try:
        data = json.loads(read_regular(path, MAX_IMPORT_BYTES).decode("utf-8"))
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror}", path) from None
    except RecursionError:
        raise ReadError("not valid JSON (nested too deeply)", path) from None
    except (UnicodeDecodeError, ValueError) as exc:  # ValueError: a number of 5,000 digits
        line = getattr(exc, "lineno", None)
        raise ReadError(f"not valid JSON ({exc})", path, line) from None
    try:
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
            items = _list(data["adrs"], path) if "adrs" in data else _list([data["adr"]], path)
            return [_from_json_adr(item, path, sections) for item in items]
    except RecursionError:
        raise ReadError("a value is nested too deeply", path) from None
    raise ReadError(
        "neither JSON-ADR ({version, adrs} or {version, adr}) nor an archlog "
        "export ({format: archlog, records})",
        path,
    )


def _list(value: object, path: Path) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ReadError("expected a list of records (JSON objects)", path)
    return value


def _line(value: object, what: str, path: Path, *, numbers: bool = False) -> str:
    """``value`` as one line of text (a title, a status, a name): a newline would inject
    sections into the record written."""
    if numbers and isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ReadError(f"{what} is not text: {_shown(value)}", path)
    if "\n" in value or "\r" in value or _CONTROL.search(value):
        raise ReadError(f"{what} must be one line of text without control characters", path)
    return value.strip()


def _text(value: object, what: str, path: Path) -> str:
    """``value`` as text of several lines (a section's body): no NUL or control bytes."""
    if not isinstance(value, str):
        raise ReadError(f"{what} is not text: {_shown(value)}", path)
    if _CONTROL.search(value.replace("\t", " ")):
        raise ReadError(f"{what} holds control characters", path)
    return value


def _number(value: object, what: str, path: Path) -> int:
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 12:
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_NUMBER:
        raise ReadError(
            f"{what} is not a positive integer up to {MAX_NUMBER:,}: {_shown(value)}", path
        )
    return value


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _record(item: dict[str, Any], path: Path, what: str) -> Record:
    title = _line(item.get("title") or "", f"{what}: the title", path)
    if not title:
        raise ReadError(f"{what} has no title", path)
    number = item.get("number")
    if number is not None:
        number = _number(number, f"{what}: the number", path)
    source = Path(_line(item.get("path") or "import.md", f"{what}: the path", path))
    ident = item.get("id")
    shown_id = _line(ident, f"{what}: the id", path, numbers=True) if ident else str(number)
    record = Record(path=source, title=title, number=number, id=shown_id)
    status = _line(item.get("status") or "", f"{what}: the status", path)
    record.status = normalise_status(status)
    record.status_text = _line(item.get("status_text") or status, f"{what}: the status", path)
    date = item.get("date")
    record.date = _line(date, f"{what}: the date", path) if isinstance(date, str) else None
    for name in ("deciders", "consulted", "informed", "tags"):
        value = item.get(name) or []
        if not isinstance(value, list):
            raise ReadError(f"{what}: {name} is not a list", path)
        setattr(record, name, [_line(v, f"{what}: {name}", path, numbers=True) for v in value])
    return record


def _label(item: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = item.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and value != "":
            return _shown(value)
    return "without a title"


def _from_archlog(item: dict[str, Any], path: Path) -> Draft:
    what = f"record {_label(item, 'id', 'title')}"
    record = _record(item, path, what)
    category = item.get("category")
    record.category = _line(category, f"{what}: the category", path) if category else None
    extra = item.get("extra") or {}
    if not isinstance(extra, dict):
        raise ReadError(f"{what}: extra is not an object", path)
    record.extra = {
        _line(k, f"{what}: a field name", path): _line(v, f"{what}: {k}", path, numbers=True)
        for k, v in extra.items()
    }
    relations = item.get("relations") or []
    if not isinstance(relations, list) or not all(isinstance(r, dict) for r in relations):
        raise ReadError(f"{what}: relations is not a list of objects", path)
    record.relations = [
        Relation(_line(r.get("type"), f"{what}: a relation's type", path), _target(r, what, path))
        for r in relations
    ]
    found = item.get("sections") or []
    if not isinstance(found, list) or not all(isinstance(s, dict) for s in found):
        raise ReadError(f"{what}: sections is not a list of objects", path)
    sections = [_section(s, what, path) for s in found]
    skip = {"status", "date"}
    return Draft(record, [s for s in _own(sections) if s[0].casefold() not in skip])


def _target(relation: dict[str, Any], what: str, path: Path) -> int | str:
    target = relation.get("target")
    if isinstance(target, int) and not isinstance(target, bool):
        return _number(target, f"{what}: a relation's target", path)
    return _line(target, f"{what}: a relation's target", path)


def _section(section: dict[str, Any], what: str, path: Path) -> tuple[str, int, str]:
    heading = _line(section.get("heading"), f"{what}: a section's heading", path)
    level = section.get("level", 2)
    if not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= 6:
        raise ReadError(f"{what}: a section's level is not 1 to 6: {_shown(level)}", path)
    body = _text(section.get("body", ""), f"{what}: section {heading!r}", path)
    return heading, level, body


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
    what = f"ADR {_label(item, 'number', 'title')}"
    record = _record(item, path, what)
    links = item.get("links") or []
    if not isinstance(links, list):
        raise ReadError(f"{what}: links is not a list", path)
    record.relations = [
        Relation(
            _line(link.get("type"), f"{what}: a link's type", path),
            _number(link["target"], f"{what}: a link's target", path),
        )
        for link in links
        if isinstance(link, dict) and "target" in link
    ]
    sections: list[tuple[str, int, str]] = []
    for name, concept in SECTION_FIELDS.items():
        value = item.get(name)
        if not value:
            continue
        heading = _heading_for(concept, written)
        sections.append((heading, 2, _text(_content(value), f"{what}: {name}", path)))
    custom = item.get("custom_sections") or {}
    if not isinstance(custom, dict):
        raise ReadError(f"{what}: custom_sections is not an object", path)
    for heading, body in custom.items():
        title = _line(heading, f"{what}: a section's heading", path)
        sections.append((title, 2, _text(body, f"{what}: section {title!r}", path)))
    return Draft(record, sections)


def _heading_for(concept: str, written: Sequence[str]) -> str:
    """The folder's own heading for the section ``concept`` holds (its spelling, its
    language), else the vocabulary's English one."""
    return next((w for w in written if section_of(w) == concept), section_heading(concept))


def _content(value: object) -> str:
    """A JSON-ADR content field as Markdown: text, a list of options, or consequences."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n".join(f"* {_option(v)}" for v in value)
    if isinstance(value, dict):  # consequences: {positive, negative, risks}
        parts = []
        for key in ("positive", "negative", "risks"):
            if value.get(key):
                parts.append(f"### {key.capitalize()}\n\n" + _content(value[key]))
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
