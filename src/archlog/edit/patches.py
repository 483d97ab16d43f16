"""Edits of one record's fields, written the way the record (or else its convention) does.

Each function changes a :class:`~archlog.edit.text.Text` in place and touches only the lines
the field owns: a value is replaced inside its line (``**Status:** Accepted`` keeps its key,
bold and spacing), a missing field is added where the convention puts it, a relation line
is added beside the others or removed with the blank line that only separated it. Callers
parse the record again after each edit, so spans always describe the current text.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from archlog.conventions.catalog import Convention
from archlog.conventions.rendering import yaml_value
from archlog.conventions.skeleton import meta_line as dialect_line
from archlog.conventions.vocabulary import field_of, relation_phrase, section_of
from archlog.edit.lines import front_matter_key, wrapping
from archlog.edit.text import Text
from archlog.errors import ArchlogError
from archlog.model import Record, Relation, Section
from archlog.read.dates import is_iso_date
from archlog.read.metadata import parse_meta_line, parse_table_row

#: Styles of metadata lines under the title (as opposed to front matter and sections).
LINE_STYLES = frozenset({"bold", "bold-inside", "plain", "bullets", "table"})


def phrase(type_: str) -> str:
    """The words of a relation type: ``superseded-by`` → ``Superseded by``."""
    return relation_phrase(type_)


@dataclass(frozen=True)
class LinkTarget:
    """The other end of a link, as the linking record's file should name it."""

    number: int | None
    id: str
    title: str
    file: str
    stem: str

    @classmethod
    def of(cls, target: Record, seen_from: Record) -> LinkTarget:
        if target.entry and target.path == seen_from.path:
            file = f"#{target.entry.lower()}"
        else:
            file = os.path.relpath(target.path, seen_from.path.parent).replace(os.sep, "/")
        return cls(target.number, target.id, target.title, file, target.path.stem)

    @property
    def ref(self) -> str:
        """``ADR-0003`` (an id that is digits only, prefixed), ``API-002`` (an id with a
        prefix of its own, as it is); a record without a number (a date-named file) is named
        by a link."""
        if self.number is None:
            return f"[{self.stem}]({self.file})"
        own = self.id.rsplit("/", 1)[-1]
        return own if own[:1].isalpha() else f"ADR-{own}"

    def fill(self, pattern: str, **more: str) -> str:
        label = f"{self.number}. {self.title}" if self.number is not None else self.title
        return pattern.format(label=label, ref=self.ref, id=self.id, number=self.number,
                              title=self.title, file=self.file, stem=self.stem, **more)  # fmt: skip


def link_line(conv: Convention, type_: str, target: LinkTarget) -> str:
    return conv.link_bullet + target.fill(conv.link_pattern, phrase=conv.phrase(type_))


# ------------------------------------------------------------------ field values


def set_value(text: Text, record: Record, conv: Convention, name: str, value: str) -> None:
    """Set metadata field ``name`` (``status``, ``date``) to ``value``, adding it if missing."""
    span = record.spans.get(name)
    style = record.styles.get(name)
    if span is None or style is None:
        _insert_field(text, record, conv, name, value)
        return
    if style == "front-matter":
        line_no = _front_matter_line(text, record, name)
        if line_no is None:
            raise ArchlogError(f"cannot find the {name!r} key in the front matter",
                               record.path, 1)  # fmt: skip
        line = text.get(line_no)
        key = front_matter_key(line)
        text.set(line_no, _front_matter_value(line, value))
        _read_back(text, record, key.key if key else name, value)
        return
    line = text.get(span.start)
    if style == "section":
        text.set(span.start, rewrap(line, value))
        return
    meta = parse_table_row(line) if style == "table" else parse_meta_line(line)
    if meta is None:
        raise ArchlogError(
            f"the {name} line changed shape; edit it by hand", record.path, span.start
        )
    start, end = meta.start, meta.end
    new = rewrap(line[start:end], value).strip()
    rest = line[end:]
    if style == "table":  # a padded cell keeps its width where its padding allows
        pad = len(rest) - len(rest.lstrip(" "))
        keep = max(1 if pad else 0, pad - (len(new) - (end - start)))
        rest = " " * keep + rest[pad:]
    text.set(span.start, line[:start] + new + rest)


def rewrap(old: str, value: str) -> str:
    """``value`` dressed as ``old`` was: same indentation, bullet and emphasis."""
    pre, em, body = wrapping(old)
    if not body.strip():
        return pre + value
    if em and not old.rstrip().endswith(em):
        em = ""
    return f"{pre}{em}{value}{em}"


def _front_matter_line(text: Text, record: Record, name: str) -> int | None:
    span = record.spans.get("front_matter")
    if span is None:
        return None
    for number in range(span.start + 1, span.end):
        m = front_matter_key(text.get(number))
        if m and field_of(m.key) == name:
            return number
    return None


def _front_matter_value(line: str, value: str) -> str:
    m = front_matter_key(line)
    assert m is not None
    old = m.value
    if old[:1] == '"' and old[-1:] == '"' and len(old) > 1:
        new = json.dumps(value, ensure_ascii=False)  # the double quotes it had
    elif old[:1] == "'" and old[-1:] == "'" and len(old) > 1:
        new = "'" + value.replace("'", "''") + "'"  # the single quotes it had
    else:
        new = yaml_scalar(value)
    return line[: m.value_start] + new + m.comment


def _read_back(text: Text, record: Record, key: str, value: str) -> None:
    """The front matter as edited holds ``value`` under ``key`` (an error naming both and the
    file otherwise, before anything is written)."""
    from archlog.edit.readback import check_front_matter

    check_front_matter(str(text), record.path, {key: value})


def yaml_scalar(value: str) -> str:
    """``value`` as a YAML scalar that reads back as the same string (quoted when YAML
    would take it for another value: ``yes``, ``3.11``, ``O'Brien: lead``); a date is
    written as a date."""
    if is_iso_date(value):
        return value
    return yaml_value(value)


def _insert_field(text: Text, record: Record, conv: Convention, name: str, value: str) -> None:
    key = conv.label(name)
    wanted = conv.status_style if name == "status" else conv.date_style
    present = [s for k, s in record.styles.items() if k != "title" and s in LINE_STYLES]
    if wanted == "none":  # the folder's records state none: where this one says most
        wanted = "front-matter" if "front_matter" in record.spans else "bold"
    if "front_matter" in record.spans and wanted == "front-matter":
        span = record.spans["front_matter"]
        text.insert(span.end, [f"{key}: {yaml_scalar(value)}"])
        _read_back(text, record, key, value)
        return
    if wanted == "front-matter" and not present and not record.entry:
        text.insert(1, ["---", f"{key}: {yaml_scalar(value)}", "---", ""])
        _read_back(text, record, key, value)
        return
    if wanted == "section" and not present and name in ("status", "date"):
        _insert_section(text, record, key, [value], after_status=name == "date")
        return
    style = present[0] if present else (wanted if wanted in LINE_STYLES else "bold")
    line = meta_line(style, key, value, example=_first_meta_line(text, record))
    _insert_meta(text, record, [line])


def add_extra(text: Text, record: Record, conv: Convention, key: str, value: str) -> None:
    """Add a field archlog has no name for (``summary``, ``context``…): a front-matter key
    where the record has front matter, else a bold metadata line (any key reads back)."""
    if "front_matter" in record.spans:
        text.insert(record.spans["front_matter"].end, [f"{key}: {yaml_scalar(value)}"])
        _read_back(text, record, key, value)
        return
    name = key.replace("_", " ").replace("-", " ")
    _insert_meta(text, record, [meta_line("bold", name[:1].upper() + name[1:], value)])


def meta_line(style: str, key: str, value: str, example: str | None = None) -> str:
    """A metadata line in ``style``, its bullet (and a bullet's bold key) as ``example``
    has it."""
    bullet = example.lstrip()[:1] if example and example.lstrip()[:1] in "*-+" else "*"
    written = parse_meta_line(example) if example else None
    emphasis = written.emphasis if written is not None else ""
    return dialect_line(style, key, value, bullet, emphasis)


def _meta_lines(record: Record) -> list[int]:
    return [
        record.spans[k].end
        for k, s in record.styles.items()
        if k != "title" and k in record.spans and s in LINE_STYLES
    ]


def _first_meta_line(text: Text, record: Record) -> str | None:
    lines = _meta_lines(record)
    return text.get(min(lines)) if lines else None


def _insert_meta(text: Text, record: Record, lines: list[str]) -> None:
    """Add lines after the record's metadata lines (or right under its title)."""
    ends = _meta_lines(record)
    ends += [r.span.end for r in record.relations if r.span and _in_preamble(record, r)]
    if ends:
        last = max(ends)
        if text.get(last).lstrip().startswith("|") and not lines[0].lstrip().startswith("|"):
            lines = ["", *lines]  # below a table, not a row of it
        text.insert(last + 1, lines)
        return
    title = record.spans.get("title")
    front = record.spans.get("front_matter")
    at = title.end + 1 if title else (front.end + 1 if front else 1)
    block = ["", *lines]
    if not text.is_blank(at) and at <= len(text):
        block.append("")
    text.insert(at, block)


def _in_preamble(record: Record, rel: Relation) -> bool:
    first = record.sections[0].span.start if record.sections else record.spans["record"].end + 1
    return rel.span is not None and rel.span.start < first


def _insert_section(text: Text, record: Record, heading: str, body: list[str],
                    after_status: bool = False) -> None:  # fmt: skip
    level = _section_level(record)
    block = ["#" * level + " " + heading, "", *body, ""]
    anchor = status_section(record) if after_status else None
    if anchor is not None:
        following = [s for s in record.sections if s.span.start > anchor.span.end]
        at = following[0].span.start if following else _end_of(text, record) + 1
    elif record.sections:
        at = record.sections[0].span.start
    else:
        at = _end_of(text, record) + 1
        block = ["", *block[:-1]]
    text.insert(at, block)


def _section_level(record: Record) -> int:
    if record.sections:
        return min(s.level for s in record.sections)
    return 3 if record.entry else 2


def _end_of(text: Text, record: Record) -> int:
    """The record's last non-blank line."""
    end = min(record.spans["record"].end, len(text))
    while end > 1 and text.is_blank(end):
        end -= 1
    return end


# ------------------------------------------------------------------ relation lines


def add_link_line(text: Text, record: Record, conv: Convention, line: str) -> None:
    """Add a relation line where the convention keeps them."""
    place = conv.link_place
    status = status_section(record)
    if place == "status" and status is not None:
        last = _last_content_line(text, status.span.start, _own_end(record, status))
        text.insert(last + 1, ["", line])
        return
    if place.startswith("section:"):
        name = place.split(":", 1)[1]
        section = _section_like(record, name)
        if section is None:
            _append_section(text, record, conv.section_heading(section_of(name) or name), [line])
            return
        last = _last_content_line(text, section.span.start, _own_end(record, section))
        in_list = last > section.span.start and text.get(last).lstrip()[:2] in _BULLETS
        gap = [] if (line[:2] in _BULLETS and in_list) else [""]
        text.insert(last + 1, [*gap, line])
        return
    _insert_meta(text, record, [line])


_BULLETS = ("* ", "- ", "+ ")


def status_section(record: Record) -> Section | None:
    """The section that holds the record's status, however it is headed (``## Status``,
    ``## Estado``, ``## 状态``): the one its status line is in, else one headed by a status
    label."""
    span = record.spans.get("status")
    if span is not None and record.styles.get("status") == "section":
        for section in record.sections:
            if section.span.start <= span.start <= section.span.end:
                return section
    for section in record.sections:
        if field_of(section.heading) == "status":
            return section
    return None


def _section_like(record: Record, name: str) -> Section | None:
    """The record's section ``name``, or one that holds the same (``Links``, ``Enlaces``)."""
    found = record.section(name)
    if found is not None:
        return found
    concept = section_of(name)
    if concept is None:
        return None
    return next((s for s in record.sections if section_of(s.heading) == concept), None)


def _own_end(record: Record, section: Section) -> int:
    """The last line of a section's own text: before its first sub-section."""
    for other in record.sections:
        if section.span.start < other.span.start <= section.span.end:
            return other.span.start - 1
    return section.span.end


def _append_section(text: Text, record: Record, heading: str, body: list[str]) -> None:
    end = _end_of(text, record)
    level = _section_level(record)
    text.insert(end + 1, ["", "#" * level + " " + heading, "", *body])


def _last_content_line(text: Text, start: int, end: int) -> int:
    last = start
    for number in range(start, min(end, len(text)) + 1):
        if not text.is_blank(number):
            last = number
    return last


def remove_line(text: Text, number: int) -> None:
    """Delete a line, and the blank line before it when it only separated this one."""
    before_blank = text.is_blank(number - 1)
    after = number + 1
    after_blank_or_end = after > len(text) or text.is_blank(after)
    if before_blank and after_blank_or_end and number > 1:
        text.delete(number - 1, number)
    else:
        text.delete(number)
