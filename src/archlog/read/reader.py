"""The one tolerant reader: Markdown text → :class:`~archlog.model.Record`, with line spans.

Every convention is read by the same code: the scan finds front matter, headings and code
fences; the title heading gives the title (and maybe a number); metadata comes from front
matter, from the lines between the title and the first section (bold, plain, bullet or table
rows), or from a ``Status``/``Date`` section; relations come from wherever they are stated.
Nothing inside a code fence or an HTML comment is ever taken for metadata.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archlog.errors import ArchlogError, ReadError
from archlog.model import NameInfo, Record, Relation, Section, Span
from archlog.read import metadata as fields
from archlog.read import relations
from archlog.read.names import parse_name, slugify, without_sub
from archlog.read.scan import Heading, Scan, scan
from archlog.read.scan import decode as decode  # the reader's API too
from archlog.read.status import clean_status_text, normalise_status

# Title headings: "12. Title", "ADR-012: Title", "ADR 12 - Title", "ADR: Title", "0001 - Title".
_TITLE = re.compile(
    r"^(?:(?P<adr>ADR)[-\s_#]*(?P<anum>\d+(?:-\d+)?)?\s*[:.\-–—]\s*"
    r"|(?P<num>\d+)(?:\.\s*|\s*[:\-–—]\s+))(?P<title>.+)$",
    re.IGNORECASE,
)
_ENTRY = re.compile(r"^ADR[-\s_]?(?P<num>\d+)(?:-(?P<sub>\d+))?\s*[:.\-–—]\s*(?P<title>.+)$", re.I)
_STATUS_HEADINGS = frozenset(k for k, v in fields.KEYS.items() if v == "status")
_DATE_HEADINGS = frozenset(k for k, v in fields.KEYS.items() if v == "date")
_RELATED_HEADINGS = frozenset(
    {"related", "related adrs", "related decisions", "related records", "links", "references",
     "see also", "relations", "related documents", "supersedes", "superseded by",
     "more information"}
)  # fmt: skip
_PLACEHOLDER_TITLE = re.compile(r"^[\[{<].*[\]}>]$|\btemplate\b|^title$", re.IGNORECASE)
_BULLET = re.compile(r"^[ \t]*(?:[*+\-]|\d+[.)])[ \t]+")


@functools.cache
def _yaml_loader() -> type[Any]:
    """PyYAML's safe loader, imported on the first front matter (a folder of Nygard records
    never pays for it): libyaml's when present, ten times faster on front-matter folders."""
    try:
        from yaml import CSafeLoader

        return CSafeLoader
    except ImportError:  # pragma: no cover - depends on the PyYAML build
        from yaml import SafeLoader

        return SafeLoader


@dataclass
class _Meta:
    """Metadata collected for one record before it becomes a Record."""

    values: dict[str, tuple[Any, int, str]] = field(
        default_factory=dict
    )  # field→(val, line, style)
    extra: dict[str, str] = field(default_factory=dict)
    rels: list[Relation] = field(default_factory=list)

    def put(self, name: str, value: Any, line: int, style: str) -> None:
        self.values.setdefault(name, (value, line, style))

    def relate(self, type_: str, target: int | str, text: str, line: int | None) -> None:
        if any(r.type == type_ and r.target == target for r in self.rels):
            return
        self.rels.append(Relation(type_, target, text.strip(), Span(line, line) if line else None))


def parse_file(text: str, path: Path) -> list[Record]:
    """Parse one file: one record, or several when the file is a single-file decision log.

    Raises :class:`ReadError` for a file that holds no record (e.g. an empty file).
    """
    s = scan(text)
    entries = _log_entries(s)
    if entries:
        return [_entry_record(s, path, i, entries) for i in range(len(entries))]
    return [parse_record(text, path, s)]


def parse_record(text: str, path: Path, s: Scan | None = None) -> Record:
    """Parse a file that holds one record."""
    s = s or scan(text)
    if not text.strip():
        raise ReadError("empty file", path)
    warnings: list[tuple[int | None, str]] = []
    meta = _Meta()
    fm = _front_matter(s, path, meta, warnings)
    title_h = next((h for h in s.headings if h.level == 1), None)
    if title_h is None:
        title_h = next(iter(s.headings), None)
    info = parse_name(path.stem)
    number, ident, title, title_style = _identity(title_h, info, fm, path, warnings)
    after = title_h.end if title_h else s.body_start
    sections = [h for h in s.headings if h is not title_h and h.start >= after]
    record = _assemble(s, path, meta, title_h, sections, len(s.text), title_style)
    record.number, record.id, record.title = number, ident, title
    if s.front_matter_lines:
        record.spans["front_matter"] = Span(*s.front_matter_lines)
    record.problems.extend(warnings)
    return record


def _identity(
    title_h: Heading | None,
    info: NameInfo | None,
    fm: dict[str, Any],
    path: Path,
    warnings: list[tuple[int | None, str]],
) -> tuple[int | None, str, str, str]:
    """Number, id, title and title style from the heading, the file name and front matter."""
    heading_num: str | None = None
    style = "plain"
    if title_h is not None:
        title = title_h.text
        m = _TITLE.match(title)
        if m:
            heading_num = m.group("anum") or m.group("num")
            style = "adr" if m.group("adr") else "numbered"
            title = m.group("title").strip()
    elif fm.get("title"):
        title = str(fm["title"]).strip()
    else:
        title = (info.slug if info else path.stem).replace("-", " ").replace("_", " ").strip()
        title = title[:1].upper() + title[1:]
        warnings.append((None, "no title heading; the title is taken from the file name"))
    # "0007-3-tier-architecture": the 3 belongs to the slug when the title starts with it.
    if (
        info is not None
        and info.sub is not None
        and (re.match(rf"{info.sub}\b", title) or slugify_safe(title).startswith(f"{info.sub}-"))
    ):
        info = without_sub(info)
    if info is not None:
        return info.number, info.id, title, style
    fm_num = fm.get("number") or fm.get("id")
    if isinstance(fm_num, int) or (isinstance(fm_num, str) and fm_num.isdigit()):
        return int(fm_num), str(fm_num), title, style
    if heading_num:
        base = heading_num.split("-")[0]
        ident = f"ADR-{heading_num}" if style == "adr" else heading_num
        return int(base), ident, title, style
    return None, path.stem, title, style


def slugify_safe(title: str) -> str:
    try:
        return slugify(title)
    except ArchlogError:
        return ""


def _front_matter(
    s: Scan, path: Path, meta: _Meta, warnings: list[tuple[int | None, str]]
) -> dict[str, Any]:
    if s.front_matter is None or not s.front_matter.strip():
        return {}
    import yaml

    try:
        data = yaml.load(s.front_matter, Loader=_yaml_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 1
        problem = getattr(exc, "problem", None) or "syntax error"
        warnings.append((line, f"invalid YAML front matter ({problem}); it was ignored"))
        return {}
    if not isinstance(data, dict):
        return {}
    line = 2
    for key, value in data.items():
        name = fields.field_for(str(key))
        if name is None:
            if value is not None and not isinstance(value, (dict, list)):
                meta.extra[fields.norm_key(str(key))] = str(value)
            continue
        if name in fields.RELATION_FIELDS:
            for type_, target in relations.front_matter_relations(name, value):
                meta.relate(type_, target, f"{key}: {value}", None)
        meta.put(name, value, line, "front-matter")
    return data


def _assemble(
    s: Scan,
    path: Path,
    meta: _Meta,
    title_h: Heading | None,
    headings: list[Heading],
    end: int,
    title_style: str,
) -> Record:
    """Build a record from its title heading, section headings and the text up to ``end``."""
    text = s.text
    start = title_h.end if title_h else s.body_start
    pre_end = headings[0].start if headings else end
    first_line = title_h.line + 1 if title_h else s.line_of(start)
    _preamble(text, start, pre_end, first_line, s.opaque, meta)

    sections: list[Section] = []
    last_line = s.line_of(end - 1) if end > 0 else 1
    for i, h in enumerate(headings):
        j = i + 1
        while j < len(headings) and headings[j].level > h.level:
            j += 1
        body_end = headings[j].start if j < len(headings) else end
        end_line = headings[j].line - 1 if j < len(headings) else last_line
        sections.append(Section(h.text, h.level, text[h.end : body_end], Span(h.line, end_line)))
    for sec, h in zip(sections, headings, strict=True):
        key = fields.KEYS.get(" ".join(sec.heading.casefold().split()))
        if key == "status":
            _status_section(sec, h, meta)
        elif key == "date" and "date" not in meta.values:
            line_no, value = _first_line(sec.body, h.line + 1)
            if value:
                meta.put("date", value, line_no, "section")
        if " ".join(sec.heading.casefold().strip(" :").split()) in _RELATED_HEADINGS:
            _related_section(sec, h, meta)

    record = Record(path=path, id="", title="", sections=sections)
    record.spans["record"] = Span(title_h.line if title_h else 1, max(last_line, 1))
    if title_h is not None:
        record.spans["title"] = Span(title_h.line, title_h.line)
    record.styles["title"] = title_style
    _apply(meta, record)
    return record


def _preamble(
    text: str, start: int, end: int, line: int, opaque: list[tuple[int, int]], meta: _Meta
) -> None:
    """Metadata lines between the title and the first section."""
    pos = start
    in_blocks = [(a, b) for a, b in opaque if a < end and b > start]
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        if not any(a <= pos < b for a, b in in_blocks):
            _meta_line(text[pos:stop], line, meta)
        pos = stop + 1
        line += 1


def _meta_line(raw: str, line: int, meta: _Meta) -> None:
    if ":" not in raw and "|" not in raw:
        return
    m = fields.META_LINE.match(raw)
    if m:
        key = m.group("bk") or m.group("uk")
        if key:
            style = "bold-inside" if (m.group("bcolon") or m.group("ucolon")) else "bold"
        else:
            key, style = m.group("pk"), "plain"
        if m.group("bullet"):
            style = "bullets"
        name = fields.field_for(key)
        if style == "plain" and not m.group("bullet") and name is None:
            return
        if (
            style == "plain"
            and name is not None
            and fields.norm_key(key).replace("-", " ") not in fields.PLAIN_KEYS
        ):
            return
        value = m.group("value")
    else:
        row = fields.META_ROW.match(raw)
        if not row:
            return
        key, value, style = row.group("key"), row.group("value"), "table"
        name = fields.field_for(key)
        if name is None:
            return
    if name is None:
        if value:
            meta.extra.setdefault(fields.norm_key(key), value)
        return
    if name in fields.RELATION_FIELDS:
        type_ = "relates-to" if name == "links" else name
        for target in relations.targets_in(value):
            meta.relate(type_, target, raw, line)
        return
    meta.put(name, value, line, style)


def _first_line(body: str, line: int) -> tuple[int, str]:
    for raw in body.split("\n"):
        stripped = raw.strip()
        if stripped and not stripped.startswith("<!--"):
            return line, _BULLET.sub("", stripped)
        line += 1
    return line, ""


def _status_section(sec: Section, h: Heading, meta: _Meta) -> None:
    line = h.line + 1
    found_status = "status" in meta.values
    for raw in sec.body.split("\n"):
        stripped = raw.strip()
        if stripped.startswith("#"):
            break  # a sub-heading: the status paragraph is over
        if stripped and not stripped.startswith("<!--"):
            if not found_status:
                value = _BULLET.sub("", stripped)
                m = fields.META_LINE.match(value)
                if (
                    m
                    and fields.field_for(m.group("bk") or m.group("uk") or m.group("pk") or "")
                    == "status"
                ):
                    value = m.group("value")
                meta.put("status", value, line, "section")
                found_status = True
            for type_, target in relations.line_relations(stripped, allow_custom=True):
                meta.relate(type_, target, stripped, line)
        line += 1


def _related_section(sec: Section, h: Heading, meta: _Meta) -> None:
    line = h.line + 1
    for raw in sec.body.split("\n"):
        if raw.strip():
            for type_, target in relations.line_relations(raw):
                meta.relate(type_, target, raw, line)
        line += 1


def _apply(meta: _Meta, record: Record) -> None:
    """Move collected metadata onto the record, normalising values and recording spans."""
    for name, (value, line, style) in meta.values.items():
        span = Span(line, line)
        if name == "status":
            raw = value if isinstance(value, str) else str(value)
            record.status_text = clean_status_text(raw)
            record.status = normalise_status(raw)
            for type_, target in relations.inline_relations(raw):
                meta.relate(type_, target, raw, line)
        elif name == "date":
            record.date = fields.normalise_date(value)
        elif name in fields.PEOPLE_FIELDS:
            setattr(record, name, fields.split_list(value))
        elif name == "tags":
            record.tags = fields.split_list(value)
        elif name == "category":
            cats = fields.split_list(value)
            record.category = cats[0] if cats else None
        elif name in {"title", "number", "id"}:
            continue
        else:
            continue
        record.spans[name] = span
        record.styles[name] = style
    record.relations = list(meta.rels)
    record.extra.update(meta.extra)


# ---------------------------------------------------------------- single-file decision logs


def _log_entries(s: Scan) -> list[tuple[Heading, re.Match[str]]]:
    """The ``## ADR-001: Title`` entries of a decision log (none for an ordinary record)."""
    entries = []
    for h in s.headings:
        if h.level == 2:
            m = _ENTRY.match(h.text)
            if m and not _PLACEHOLDER_TITLE.search(m.group("title").strip()):
                entries.append((h, m))
    if not entries:
        return []
    h1 = next((h for h in s.headings if h.level == 1), None)
    if h1 is not None and _TITLE.match(h1.text):
        return []  # an ordinary numbered record that happens to quote an entry heading
    return entries


def _entry_record(
    s: Scan, path: Path, index: int, entries: list[tuple[Heading, re.Match[str]]]
) -> Record:
    head, m = entries[index]
    end = len(s.text)
    for h in s.headings:
        if h.start > head.start and h.level <= 2:
            end = h.start
            break
    # A trailing "---" rule between entries belongs to neither record's content.
    body = s.text[head.start : end].rstrip()
    if body.endswith("---"):
        end = head.start + len(body) - 3
    headings = [h for h in s.headings if head.start < h.start < end]
    meta = _Meta()
    record = _assemble(s, path, meta, head, headings, end, "adr")
    ident = f"ADR-{m.group('num')}" + (f"-{m.group('sub')}" if m.group("sub") else "")
    record.number = int(m.group("num"))
    record.id = ident
    record.title = m.group("title").strip()
    record.entry = ident
    return record
