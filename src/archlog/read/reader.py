"""The one tolerant reader: Markdown text → :class:`~archlog.model.Record`, with line spans
and a :class:`~archlog.model.Trace` of how each field was written.

Every dialect is read by the same code: the scan finds front matter, headings and code
fences; the title heading (or front matter) gives the title and maybe the id; metadata
comes from front matter, from the lines between the title and the first section (bold,
plain, bullet lines, a two-column table, an admonition), or from a Status/Date section in
any language; relations from wherever they are stated. Nothing inside a code fence or an
HTML comment is ever taken for metadata.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from archlog.errors import ReadError
from archlog.model import NameInfo, Record, Section, Signs, Span
from archlog.read import relations
from archlog.read.dates import read_date
from archlog.read.frontmatter import FrontMatterError
from archlog.read.frontmatter import load as load_yaml
from archlog.read.headings import (
    TitleParts,
    parse_title,
    title_heading,
    year_sequence,
)
from archlog.read.logs import log_entries
from archlog.read.metadata import plain, split_list
from archlog.read.names import LOG_STEMS, parse_name, slugify, without_sub
from archlog.read.preamble import Found, front_matter, preamble
from archlog.read.scan import Heading, Scan, scan
from archlog.read.scan import decode as decode  # the reader's API too
from archlog.read.section_fields import section_fields
from archlog.read.status import clean_status_text, is_status_choice, normalise_status
from archlog.read.synopsis import synopsis_of
from archlog.read.traces import TITLE_KEYS, trace_of


def parse_file(text: str, path: Path, *, name: NameInfo | None = None) -> list[Record]:
    """Parse one file: one record, or several when the file is a single-file decision log.

    ``name`` is what the record's name says, when it is not the file's (a record folder's
    ``README.md`` is named by its folder). Raises :class:`ReadError` for a file that holds
    no record (an empty file).
    """
    s = scan(text)
    info = name if name is not None else parse_name(path.stem)
    if info is None:
        entries = log_entries(s, named_as_log=path.stem.lower() in LOG_STEMS)
        if entries:
            return [_entry_record(s, path, entry) for entry in entries]
    return [parse_record(text, path, s, name=info)]


def parse_record(
    text: str, path: Path, s: Scan | None = None, *, name: NameInfo | None = None
) -> Record:
    """Parse a file that holds one record (``name``: what its name says, if known)."""
    s = s or scan(text)
    if not text.strip():
        raise ReadError("empty file", path)
    found = Found()
    fm = _front_matter(s, found)
    title_h = title_heading(s.headings)
    info = name if name is not None else parse_name(path.stem)
    layout = "folder" if path.name.lower() in ("readme.md", "index.md") and name else "file"
    after = title_h.end if title_h else s.body_start
    sections_h = [h for h in s.headings if h is not title_h and h.start >= after]
    if title_h is not None and title_h.start > s.body_start:
        _above_title(s, title_h, found)
    record = _assemble(s, path, found, title_h, sections_h, len(s.text))
    parts = (
        parse_title(title_h.text, file_number=info.number if info else None) if title_h else None
    )
    _identity(record, parts, info, fm, path, found)
    if s.front_matter_lines:
        record.spans["front_matter"] = Span(*s.front_matter_lines)
    record.trace = trace_of(record, found, layout, info, title_h, parts, fm)
    record.problems.extend(found.problems)
    record.signs = Signs(
        placeholder_id=bool(parts and parts.placeholder),
        status_choice=found.status_choice or is_status_choice(record.status_text),
        body=len(record.sections) >= 2 or any(sec.body.strip() for sec in record.sections),
        links=_link_stems(text) if info is None else (),
        placeholders=sum(1 for v in fm.values() if isinstance(v, str) and _PLACEHOLDER.search(v)),
    )
    if record.date is None and not record.date_text and info is not None and info.date:
        record.date = read_date(_iso_day(info.date)).iso  # a date-named file's date
    if record.date is None and not record.date_text and found.status_day:
        record.date = read_date(found.status_day).iso  # `2020-03-25 accepted`: that day
    return record


_PLACEHOLDER = re.compile(r"\bX{3,4}\b|\bN{3,4}\b|<[A-Za-z][^<>\n]{0,60}>|\{[a-z][^{}\n]{0,60}\}")


def _iso_day(written: str) -> str:
    digits = written.replace("-", "")
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"


def _link_stems(text: str) -> tuple[str, ...]:
    """The stems of the Markdown files and site pages the text links to (at most 50)."""
    out: list[str] = []
    for _start, _end, _label, href in relations.links(text[:200_000]):
        if "://" in href or href.startswith(("#", "mailto:")):
            continue
        parts = [p for p in href.split("#", 1)[0].split("/") if p and p not in (".", "..")]
        if not parts:
            continue
        name = parts[-1]
        stem = name[:-3] if name.lower().endswith(".md") else name
        if stem.lower() in ("readme", "index") and len(parts) > 1:
            stem = parts[-2]
        if stem and "." not in stem and stem not in out:
            out.append(stem)
            if len(out) >= 50:
                break
    return tuple(out)


def _front_matter(s: Scan, found: Found) -> dict[Any, Any]:
    if s.front_matter is None or not s.front_matter.strip():
        return {}
    try:
        data = load_yaml(s.front_matter)
    except FrontMatterError as exc:
        found.problems.append(
            (exc.line, f"invalid YAML front matter ({exc.problem}); it was ignored")
        )
        return {}
    if not isinstance(data, dict):
        return {}
    front_matter(data, found)
    return data


def _identity(
    record: Record,
    parts: TitleParts | None,
    info: NameInfo | None,
    fm: dict[Any, Any],
    path: Path,
    found: Found,
) -> None:
    """Number, id and title, from the name, the title heading and front matter."""
    if parts is not None:
        title = parts.title
    else:
        title = _front_matter_title(fm)
        if not title:
            found.problems.append(
                (None, "no title: neither a title heading nor a front-matter title")
            )
    # "0007-3-tier-architecture": the 3 belongs to the slug when the title starts with it.
    if info is not None and info.sub is not None and _starts_with(title, str(info.sub)):
        info = without_sub(info)
    record.title = title
    if info is not None:
        record.number, record.id = info.number, info.id
        return
    fm_num = plain(fm.get("number") or fm.get("id") or "")
    if fm_num.isdigit() and len(fm_num) <= 9:
        record.number, record.id = int(fm_num), fm_num
        return
    if parts is not None and parts.number is not None and not parts.placeholder:
        digits = parts.number
        record.number, record.id = int(digits.split("-")[0]), heading_id(parts.prefix, digits)
        return
    record.number, record.id = None, path.stem


def heading_id(prefix: str, digits: str) -> str:
    """The id a heading gives a record: its prefix and number as written (``ADR-012``,
    ``ADR014``), a space before the number written ``-`` (``ADR 12`` → ``ADR-12``)."""
    if prefix.endswith(" "):
        prefix = prefix.rstrip() + "-"
    return prefix + digits


def _starts_with(title: str, digits: str) -> bool:
    if title.startswith(digits) and not title[len(digits) : len(digits) + 1].isdigit():
        return True
    try:
        return slugify(title).startswith(f"{digits}-")
    except Exception:  # a title with nothing to slug
        return False


def _front_matter_title(fm: dict[Any, Any]) -> str:
    for key in TITLE_KEYS:
        value = fm.get(key)
        if value is not None and not isinstance(value, (dict, list)):
            return parse_title(plain(value)).title.strip()
    return ""


def _above_title(s: Scan, title_h: Heading, found: Found) -> None:
    """Metadata lines written before the title heading (``Status: Accepted`` at the top of
    the file, under any front matter)."""
    start = s.body_start
    opaque = [(s.line_of(a), s.line_of(max(a, b - 1))) for a, b in s.opaque if a < title_h.start]
    preamble(s.text[start : title_h.start].split("\n"), s.line_of(start), opaque, found)


def _assemble(
    s: Scan, path: Path, found: Found, title_h: Heading | None, headings: list[Heading], end: int
) -> Record:
    """Build a record from its title heading, section headings and the text up to ``end``."""
    text = s.text
    start = title_h.end if title_h else s.body_start
    pre_end = headings[0].start if headings else end
    first_line = title_h.line + 1 if title_h else s.line_of(start)
    opaque_lines = [
        (s.line_of(a), s.line_of(max(a, b - 1))) for a, b in s.opaque if a < pre_end and b > start
    ]
    preamble(text[start:pre_end].split("\n"), first_line, opaque_lines, found)

    sections: list[Section] = []
    last_line = s.line_of(end - 1) if end > 0 else 1
    for i, h in enumerate(headings):
        j = i + 1
        while j < len(headings) and headings[j].level > h.level:
            j += 1
        body_end = headings[j].start if j < len(headings) else end
        end_line = headings[j].line - 1 if j < len(headings) else last_line
        sections.append(Section(h.text, h.level, text[h.end : body_end], Span(h.line, end_line)))
    section_fields(sections, found)

    record = Record(path=path, id="", title="", sections=sections)
    record.spans["record"] = Span(title_h.line if title_h else 1, max(last_line, 1))
    if title_h is not None:
        record.spans["title"] = Span(title_h.line, title_h.line)
        record.styles["title"] = "heading"
    _apply(found, record)
    return record


def _apply(found: Found, record: Record) -> None:
    """Move collected metadata onto the record, normalising values and recording spans."""
    for name, (value, line, style) in found.values.items():
        if name == "status":
            raw = plain(value)
            record.status_text = clean_status_text(raw)
            record.status = normalise_status(raw)
            for type_, target in relations.inline_relations(raw):
                found.relate(type_, target, raw, line)  # the status's line: edits find it there
        elif name == "date":
            read = read_date(value)
            record.date = read.iso
            if read.iso is None or not isinstance(value, str) or read.iso != value.strip():
                record.date_text = plain(value).strip()[:80]
            if read.problem:
                record.problems.append((line, read.problem))
        elif name in ("deciders", "consulted", "informed", "authors", "tags"):
            setattr(record, name, split_list(value))
        elif name == "category":
            cats = split_list(value)
            record.category = cats[0] if cats else None
        else:
            continue
        record.spans[name] = Span(line, line)
        record.styles[name] = style
    record.relations = list(found.rels)
    record.extra.update(found.extra)
    record.synopsis = synopsis_of(record.sections, record.extra)


# ---------------------------------------------------------------- single-file decision logs


def _entry_record(s: Scan, path: Path, entry: Any) -> Record:
    head, parts, end = entry.heading, entry.parts, entry.end
    # A trailing "---" rule between entries belongs to neither record's content.
    body = s.text[head.start : end].rstrip()
    if body.endswith("---"):
        end = head.start + len(body) - 3
    headings = [h for h in s.headings if head.start < h.start < end]
    found = Found()
    if parts.date is not None:
        found.put("date", parts.date, head.line, "entry", "")
    record = _assemble(s, path, found, head, headings, end)
    ident = heading_id(parts.prefix, str(parts.number))
    # DEC-2024-01: numbered within its year, the id names it (as a date-named file's does)
    yearly = year_sequence(parts.number)
    record.number = None if yearly else int(str(parts.number).split("-")[0])
    record.id = ident
    record.title = parts.title
    record.entry = ident
    record.trace = trace_of(record, found, "log", None, head, parts, {})
    record.problems.extend(found.problems)
    return record
