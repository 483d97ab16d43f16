"""JSON out: archlog's own full model, and JSON-ADR v1 (the interchange format of the Rust
``adrs`` tool). :mod:`archlog.ops.importing` reads both back.

- :func:`archlog_json` — every field of every record, sections and source spans included;
  described by ``schemas/archlog-export-1.json`` (shipped in the package and in docs/).
- :func:`json_adr` — a JSON-ADR v1 bulk export. JSON-ADR wants a number and a full date for
  every record: a record without one (or numbered 0) gets the next after the folder's
  highest (in file-name order), one without a full date its file's date in git (else on disk).
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archlog.conventions.vocabulary import SECTION_FIELDS, section_of
from archlog.errors import ReadError
from archlog.model import Record
from archlog.read.dates import is_iso_date
from archlog.version import __version__

if TYPE_CHECKING:
    from archlog.read.cache import ParseCache
    from archlog.read.store import Store


def schema_path() -> Path:
    return Path(__file__).with_name("schemas") / "archlog-export-1.json"


# ------------------------------------------------------------------ export


def archlog_json(repo: Store) -> dict[str, Any]:
    """The export as data: :func:`archlog_json_bytes` read back, so both are one export."""
    return dict(json.loads(archlog_json_bytes(repo)))


def archlog_json_bytes(repo: Store) -> bytes:
    """:func:`archlog_json` as UTF-8 JSON, one record per line.

    Two caches keyed on content make an export of unchanged files cheap. The last export is
    kept whole with one key for every file's content and the configuration (salted with
    archlog's code): when nothing changed, the files are read, the key compared and the
    kept bytes written. Else each file's lines are kept with its own key, so only the files
    that changed are parsed (see :func:`_export_lines`).
    """
    from archlog.read.cache import code_digest

    files = repo.contents_key()
    memo = repo.side_cache("export-memo", code_digest()) if files is not None else None
    key = b""
    if memo is not None and files is not None:
        from archlog.read.index_file import index_digest  # a record may take its date there

        config = json.dumps(repo.config.values, sort_keys=True, default=str).encode()
        index = index_digest(repo.folder, repo.config) if repo.log_file is None else b""
        key = hashlib.sha256(files + config + index).digest()[:16]
        hit = memo.get("export", key)
        if hit is not None:
            output, problems = hit
            repo.warnings += [ReadError(msg, path, line) for msg, path, line in problems]
            return bytes(output)
    before = len(repo.warnings)
    output = _export_lines(repo)
    if memo is not None:
        found = [(w.message, w.path, w.line) for w in repo.warnings[before:]]
        memo.put("export", key, (output, found))
        memo.save(prune=True)
    return output


_RECORDS = b', "records": [\n'


def folders_json_bytes(parts: list[tuple[str, Store]]) -> bytes:
    """The export of several folders (a monorepo) as one: the records of each, in the order
    configured, each starting with its ``folder``; ``folders`` gives each folder's
    convention, and ``convention`` is theirs when they share one, else ``mixed``."""
    lines: list[bytes] = []
    folders = []
    for name, repo in parts:
        doc = archlog_json_bytes(repo)  # from its caches when nothing changed
        body = doc[doc.index(_RECORDS) + len(_RECORDS) : -len(b"\n]}\n")]
        head = b'{"folder": ' + json.dumps(name, ensure_ascii=False).encode() + b", "
        lines += [head + line.rstrip(b",")[1:] for line in body.split(b"\n") if line]
        folders.append({"folder": name, "convention": repo.convention.name})
    shared = {f["convention"] for f in folders}
    head_doc = {
        "format": "archlog",
        "version": 1,
        "tool": {"name": "archlog", "version": __version__},
        "convention": shared.pop() if len(shared) == 1 else "mixed",
        "folders": folders,
    }
    opening = json.dumps(head_doc, ensure_ascii=False)[:-1].encode("utf-8")
    return opening + _RECORDS + b",\n".join(lines) + b"\n]}\n"


def _export_lines(repo: Store) -> bytes:
    """The export made from each file's kept lines (a file's records' sort keys and lines
    of JSON, and the warnings its reading gave, kept under its content key), writing lines
    only for the files whose content is new."""
    store = _export_cache(repo)
    rows: list[Row] = []
    if store is None:
        repo.detail(repo.records)
        rows = [(repo.order_key(r), _line(repo, r)) for r in repo.records]
    else:
        contents = repo.contents()
        kept: dict[str, tuple[list[Row], list[tuple[str, int | None]]]] = {}
        for item in contents:
            hit = store.get(item.name, item.key) if item.key is not None else None
            if hit is not None:  # plain values: each sort key comes back as a list
                lines, problems = hit
                kept[item.name] = ([(tuple(k), bytes(line)) for k, line in lines], problems)
        if len(kept) == len(contents) and not repo.parsed:  # nothing new: no record needed
            for item in contents:
                lines, problems = kept[item.name]
                rows += lines
                repo.warnings += [ReadError(msg, item.path, line) for msg, line in problems]
        else:  # the records (and every file's warnings), from the bytes just read
            by_file: dict[str, list[Record]] = {}
            for record in repo.records:
                by_file.setdefault(repo.key_of(record).split("#", 1)[0], []).append(record)
            problems_of = _problems_by_file(repo)
            for item in contents:
                members = by_file.get(item.name, [])
                settled = not all(repo.as_parsed(r) for r in members)
                hit = kept.get(item.name)
                if hit is not None and not settled:
                    rows += hit[0]
                    continue
                repo.detail(members)
                lines = [(repo.order_key(r), _line(repo, r)) for r in members]
                rows += lines
                if item.key is not None and not settled:
                    store.put(item.name, item.key, (lines, problems_of.get(str(item.path), [])))
        rows.sort(key=lambda row: row[0])  # as the records sort: by number, then id
        store.save(prune=True)
    head = {
        "format": "archlog",
        "version": 1,
        "tool": {"name": "archlog", "version": __version__},
        "convention": repo.convention.name,
    }
    opening = json.dumps(head, ensure_ascii=False)[:-1].encode("utf-8")  # the object, still open
    body = b",\n".join(line for _, line in rows)
    return opening + b', "records": [\n' + body + b"\n]}\n"


def _line(repo: Store, record: Record) -> bytes:
    return json.dumps(record.to_json(folder=repo.folder, full=True), ensure_ascii=False).encode()


Row = tuple[tuple[str, int, int, str], bytes]  # a record's place in the order, its JSON line


def _export_cache(repo: Store) -> ParseCache | None:
    """The export's side cache (per file: its records' sort keys and lines, its warnings),
    salted with archlog's code."""
    from archlog.read.cache import code_digest

    return repo.side_cache("export", code_digest())


def _problems_by_file(repo: Store) -> dict[str, list[tuple[str, int | None]]]:
    """The warnings reading gave, by file."""
    out: dict[str, list[tuple[str, int | None]]] = {}
    for problem in repo.warnings:
        if problem.path is not None:
            out.setdefault(problem.path, []).append((problem.message, problem.line))
    return out


def json_adr(repo: Store) -> dict[str, Any]:
    records = repo.records
    numbers = _numbers(records)
    dates = _fallback_dates(repo, records)
    adrs = []
    for record in records:
        adr: dict[str, Any] = {
            "number": numbers[record.target],
            "title": record.title,
            "status": record.status,
            "date": record.date if is_iso_date(record.date or "") else dates[record.path.name],
        }
        for name in ("deciders", "consulted", "informed", "tags"):
            if getattr(record, name):
                adr[name] = list(getattr(record, name))
        adr.update(_content_fields(record))
        links = [
            {"type": rel.type, "target": numbers[rel.target]}
            for rel in record.relations
            if rel.target in numbers
        ]
        if links:
            adr["links"] = links
        adr["path"] = os.path.relpath(record.path, repo.folder).replace(os.sep, "/")
        adrs.append(adr)
    return {
        "version": "1.0.0",
        "generated_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "tool": {"name": "archlog", "version": __version__},
        "repository": {"name": repo.config.root.name, "adr_directory": _shown(repo)},
        "adrs": adrs,
    }


def _numbers(records: list[Record]) -> dict[int | str, int]:
    """Each record's JSON-ADR number (by how relations name it): its own where no other
    record has it; a record numbered 0, not numbered, or sharing its number with an
    earlier one (numbers restarting per area) gets the next after the folder's highest."""
    out: dict[int | str, int] = {}
    taken: set[int] = set()
    for record in records:
        if record.number and record.number not in taken:
            out[record.target] = record.number
            taken.add(record.number)
    free = max(taken, default=0) + 1
    for record in records:
        if record.target not in out:
            out[record.target] = free
            free += 1
    return out


def _fallback_dates(repo: Store, records: list[Record]) -> dict[str, str]:
    from archlog.infra.git import added_times

    added = added_times(repo.folder) if any(not is_iso_date(r.date or "") for r in records) else {}
    out = {}
    for record in records:
        when = added.get(record.path.name)
        if when is None:
            try:
                when = record.path.stat().st_mtime
            except OSError:
                when = 0.0
        out[record.path.name] = datetime.fromtimestamp(when, timezone.utc).date().isoformat()
    return out


def _content_fields(record: Record) -> dict[str, Any]:
    from archlog.ops.drafts import own_sections  # the import path's: not at start-up

    sections = own_sections(record)
    used: set[int] = set()
    out: dict[str, Any] = {}
    for name, concept in SECTION_FIELDS.items():
        for i, (heading, _level, body) in enumerate(sections):
            if i not in used and section_of(heading) == concept and body.strip():
                used.add(i)
                text = body.strip()
                if name in ("decision_drivers", "consequences"):
                    items = _bullets(text)
                    out[name] = items if items else [text]
                elif name == "considered_options":
                    items = _bullets(text)
                    out[name] = [{"name": n} for n in items] if items else [{"name": text}]
                else:
                    out[name] = text
                break
    custom = {h: b.strip() for i, (h, _, b) in enumerate(sections) if i not in used and b.strip()}
    if custom:
        out["custom_sections"] = custom
    return out


def _bullets(text: str) -> list[str]:
    """The items of a plain bullet list (None when the text is anything more)."""
    items: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped[:2] in ("- ", "* ", "+ "):
            items.append(stripped[2:].strip())
        elif line.startswith((" ", "\t")) and items:
            items[-1] += " " + stripped
        else:
            return []
    return items


def _shown(repo: Store) -> str:
    try:
        return os.path.relpath(repo.folder, repo.config.root).replace(os.sep, "/")
    except ValueError:
        return str(repo.folder)
