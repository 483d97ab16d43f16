"""Writing whole records from the model, in any convention: for ``convert`` and ``import``.

A :class:`Draft` is a record as plain data (what JSON carries). :func:`write_folder` turns
drafts into files of a convention inside a :class:`~archlog.edit.workspace.Workspace`: each record
from the convention's template (title, status, date, people), its sections copied as they
are, the fields the template has no place for added where the convention keeps metadata,
then the relations written the way the convention writes them (:mod:`archlog.ops.lifecycle`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archlog.conventions.catalog import Convention
from archlog.conventions.rendering import builtin_template, render
from archlog.conventions.vocabulary import field_of
from archlog.edit import link_lines, patches
from archlog.edit.text import Text
from archlog.edit.workspace import Workspace
from archlog.errors import UsageError
from archlog.infra.clock import today
from archlog.model import Record
from archlog.read.metadata import is_placeholder_line
from archlog.read.names import slugify
from archlog.read.reader import parse_file

#: Sections whose content is a field: the template writes them from the field.
_FIELD_SECTIONS = frozenset({"status", "date"})


@dataclass
class Draft:
    """A record to write: its fields (a :class:`Record` not yet on disk — what JSON
    carries) and the text of its content sections."""

    record: Record
    sections: list[tuple[str, int, str]] = field(default_factory=list)  # heading, level, body

    @classmethod
    def of(cls, record: Record) -> Draft:
        return cls(record, own_sections(record))

    @property
    def target(self) -> int | str:
        return self.record.target


def content_sections(record: Record) -> list[Any]:
    """The record's sections that are content, not fields (a Status or Date section is a
    field, written by the convention)."""
    return [s for s in record.sections if field_of(s.heading) not in _FIELD_SECTIONS]


def own_sections(record: Record) -> list[tuple[str, int, str]]:
    """Each content section with its own text only (up to its first sub-section), without
    the relation lines the reader took from it: the relations are fields, written again by
    the target convention. A section left empty by that is dropped."""
    relation_lines = {r.span.start for r in record.relations if r.span is not None}
    sections = record.sections
    out = []
    for i, section in enumerate(sections):
        if field_of(section.heading) in _FIELD_SECTIONS:
            continue
        lines = section.body.split("\n")
        nxt = sections[i + 1].span.start if i + 1 < len(sections) else None
        if nxt is not None and nxt <= section.span.end:
            lines = lines[: nxt - section.span.start - 1]
        first = section.span.start + 1
        had_relations = any(first + k in relation_lines for k in range(len(lines)))
        kept = [ln for k, ln in enumerate(lines) if first + k not in relation_lines]
        body = "\n".join(kept)
        has_children = nxt is not None and nxt <= section.span.end
        if had_relations and not body.strip() and not has_children:
            continue
        out.append((section.heading, section.level, body))
    return out


def file_name(conv: Convention, draft: Draft) -> str:
    """A draft's file name in ``conv`` (its id's stem where it has no number)."""
    if draft.record.number is None:
        stem = draft.record.id.rsplit("/", 1)[-1] or slugify(draft.record.title)
        name = stem if stem.endswith(".md") else f"{stem}.md"
        return f"{stem}/{conv.record_file}" if conv.layout == "folder" else name
    return conv.file_name(
        draft.record.number, slugify(draft.record.title), draft.record.date or today()
    )


def record_text(conv: Convention, draft: Draft) -> str:
    """The record in ``conv``: template, then sections, then fields the template lacks."""
    rec = draft.record
    number = rec.number
    heading = conv.heading(number, rec.title) if number is not None else rec.title
    context: dict[str, Any] = {
        "number": number,
        "id": conv.record_id(number) if number is not None else rec.id,
        "title": rec.title,
        "heading": heading,
        "date": rec.date or "",
        "status": _status_text(conv, draft),
        "deciders": rec.deciders,
        "consulted": rec.consulted,
        "informed": rec.informed,
        "tags": rec.tags,
        "links": [],
        "slug": slugify(rec.title),
    }
    if conv.template is not None:
        rendered = render(builtin_template(conv.template), context, conv.template)
    else:
        from archlog.conventions.skeleton import Values
        from archlog.conventions.skeleton import render as write_dialect

        people = {n: getattr(rec, n) for n in ("deciders", "consulted", "informed")}
        values = Values(number, rec.title, context["status"], rec.date or "", people, rec.tags)
        rendered = write_dialect(conv, values)
    probe = Path(f"{draft.record.number or 0}.md")
    skeleton = parse_file(rendered, probe)[0]
    lines = rendered.split("\n")
    keep = len(lines)
    for section in skeleton.sections:
        key = field_of(section.heading)
        if key not in _FIELD_SECTIONS:
            keep = section.span.start - 1
            break
    if draft.record.date is None:  # no date: no empty Date section either
        for section in reversed(skeleton.sections):
            if field_of(section.heading) == "date":
                del lines[section.span.start - 1 : section.span.end]
                keep -= section.span.end - section.span.start + 1
    head = [ln for ln in lines[:keep] if not is_placeholder_line(ln)]
    while head and not head[-1].strip():
        head.pop()
    if draft.record.date is None:
        head = [ln for ln in head if not _EMPTY_DATE.match(ln)]
    body = _sections(draft.sections, base=3 if conv.single_file else 2)
    text = "\n".join(head) + "\n" + ("\n" + body if body else "")
    return _add_missing_fields(conv, draft, text, probe)


#: A date line left empty (``**Date:**``, ``* Date:``, ``date:``).
_EMPTY_DATE = re.compile(
    r"^\s*(?:[*-]\s+)?(?:\*\*)?date(?:\*\*)?:?(?:\*\*)?:?\s*$|^date:\s*$", re.IGNORECASE
)


def _status_text(conv: Convention, draft: Draft) -> str:
    """The status as the record wrote it when that still says the same (``Approved``,
    ``✅ Accepted``), else the convention's word; nothing for a record without a status.
    Successors are written by the relations, never copied from the old text."""
    from archlog.read.relations import inline_relations
    from archlog.read.status import normalise_status

    written = draft.record.status_text.strip()
    if draft.record.status == "unknown":
        return written if normalise_status(written) == "unknown" and "[" not in written else ""
    same = written and normalise_status(written) == draft.record.status and "](" not in written
    if same and not list(inline_relations(written)):
        return written
    return conv.status_word(draft.record.status)


def _sections(sections: Sequence[tuple[str, int, str]], base: int) -> str:
    if not sections:
        return ""
    top = min(level for _, level, _ in sections)
    out = []
    for heading, level, body in sections:
        hashes = "#" * min(6, base + level - top)
        content = body.strip("\n")
        out.append(
            f"{hashes} {heading}\n\n{content}\n" if content.strip() else f"{hashes} {heading}\n"
        )
    return "\n".join(out)


def _add_missing_fields(conv: Convention, draft: Draft, text: str, probe: Path) -> str:
    body = Text.parse(text)
    wanted: list[tuple[str, str]] = []
    record = parse_file(str(body), probe)[0]
    if draft.record.date and record.date != draft.record.date:
        wanted.append(("date", draft.record.date))
    for name in ("deciders", "consulted", "informed", "tags"):
        values: list[str] = getattr(draft.record, name)
        if values and getattr(record, name) != values:
            wanted.append((name, ", ".join(values)))
    if draft.record.category and record.category != draft.record.category:
        wanted.append(("category", draft.record.category))
    for name, value in wanted:
        record = parse_file(str(body), probe)[0]
        patches.set_value(body, record, conv, name, value)
    for key, value in draft.record.extra.items():
        record = parse_file(str(body), probe)[0]
        if record.extra.get(key) != value and "\n" not in value:
            patches.add_extra(body, record, key, value)
    return str(body)


def write_folder(
    ws: Workspace,
    conv: Convention,
    folder: Path,
    drafts: Sequence[Draft],
    *,
    log_file: Path | None = None,
    header: str = "",
) -> list[Path]:
    """Create the drafts' files in ``folder`` (or entries of ``log_file``), then their
    relations. The paths written."""
    ws.keep_dates = True
    texts = [(d, record_text(conv, d)) for d in drafts]
    if log_file is not None:
        paths = _put_entries(ws, log_file, header, texts)
    else:
        paths = _put_files(ws, conv, folder, texts)
    records: dict[int | str, Record] = {}  # a draft's target → the record written for it
    for draft in drafts:
        written = ws.records(paths[draft.target])
        if log_file is not None:
            written = [r for r in written if r.number == draft.record.number][:1]
        if written:
            records[draft.target] = written[0]
    for draft in drafts:
        me = records.get(draft.target)
        if me is not None:
            _write_relations(ws, conv, draft, me, records)
    return sorted(set(paths.values()))


def _put_entries(
    ws: Workspace, log_file: Path, header: str, texts: Sequence[tuple[Draft, str]]
) -> dict[int | str, Path]:
    """The drafts as entries of a single-file log (after ``header`` in a new one)."""
    from archlog.ops.log_entries import with_entry

    if any(d.record.number is None for d, _ in texts):
        raise UsageError(
            "a single-file log numbers its entries: records without a number cannot go into one"
        )
    if any(d.record.area for d, _ in texts):
        raise UsageError(
            "a single-file log has no sub-folders: records kept by area cannot go into one"
        )
    fresh = log_file in ws.removed or (log_file not in ws.files and not log_file.exists())
    content = header if fresh else str(ws.text(log_file))
    for _, entry in texts:
        content = with_entry(content, entry, log_file)
    ws.put(log_file, content)
    return {d.target: log_file for d, _ in texts}


def _put_files(
    ws: Workspace, conv: Convention, folder: Path, texts: Sequence[tuple[Draft, str]]
) -> dict[int | str, Path]:
    """The drafts as files of ``folder`` (in their areas' sub-folders)."""
    paths: dict[int | str, Path] = {}
    for draft, text in texts:
        home = folder / draft.record.area if draft.record.area else folder
        path = home / file_name(conv, draft)
        ws.put(path, text)
        paths[draft.target] = path
    return paths


def _write_relations(
    ws: Workspace, conv: Convention, draft: Draft, me: Record, records: dict[int | str, Record]
) -> None:
    """The draft's relations, written in ``me`` (the record written for it) and in the
    records they name; one naming a record that is gone is kept as text."""
    from archlog.ops import lifecycle

    for rel in draft.record.relations:
        other = records.get(rel.target)
        if other is None:
            current = ws.record(me)
            line = _gone_line(conv, rel.type, rel.target)
            link_lines.add_link_line(ws.text(current.path), current, conv, line)
        elif rel.type == "superseded-by" and draft.record.status in ("superseded", "unknown"):
            lifecycle._mark_superseded(ws, ws.record(me), other, conv)
        else:
            lifecycle._add_link(ws, me, rel.type, other, conv)


def _gone_line(conv: Convention, type_: str, target: int | str) -> str:
    """A relation line naming a record that is not written (by its id)."""
    ref = f"ADR-{conv.pad(target)}" if isinstance(target, int) else str(target)
    said = conv.phrase(type_)
    if conv.link_place == "meta":
        return (
            link_lines.stated(said, ref) if link_lines.carries_form(said) else f"**{said}**: {ref}"
        )
    return conv.link_bullet + link_lines.stated(said, ref)
