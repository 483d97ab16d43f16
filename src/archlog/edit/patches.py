"""Edits of one record's fields, written the way the record (or else its convention) does.

Each function changes a :class:`~archlog.edit.text.Text` in place and touches only the lines
the field owns: a value is replaced inside its line (``**Status:** Accepted`` keeps its key,
bold and spacing), a missing field is added where the convention puts it (see
:mod:`archlog.edit.record_sections`). Relation lines are :mod:`archlog.edit.link_lines`'.
Callers parse the record again after each edit, so spans always describe the current text.
"""

from __future__ import annotations

import json

from archlog.conventions.catalog import Convention
from archlog.conventions.rendering import yaml_value
from archlog.conventions.skeleton import meta_line as dialect_line
from archlog.conventions.vocabulary import field_of
from archlog.edit.lines import front_matter_key, wrapping
from archlog.edit.record_sections import end_of, section_level, status_section
from archlog.edit.text import Text
from archlog.errors import ArchlogError
from archlog.model import Record, Relation
from archlog.read.dates import is_iso_date
from archlog.read.metadata import parse_meta_line, parse_table_row

#: Styles of metadata lines under the title (as opposed to front matter and sections).
LINE_STYLES = frozenset({"bold", "bold-inside", "plain", "bullets", "table"})


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
            message = f"cannot find the {name!r} key in the front matter"
            raise ArchlogError(message, record.path, 1)
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
    insert_meta(text, record, [line])


def add_extra(text: Text, record: Record, key: str, value: str) -> None:
    """Add a field archlog has no name for (``summary``, ``context``…): a front-matter key
    where the record has front matter, else a bold metadata line (any key reads back)."""
    if "front_matter" in record.spans:
        text.insert(record.spans["front_matter"].end, [f"{key}: {yaml_scalar(value)}"])
        _read_back(text, record, key, value)
        return
    name = key.replace("_", " ").replace("-", " ")
    insert_meta(text, record, [meta_line("bold", name[:1].upper() + name[1:], value)])


def meta_line(style: str, key: str, value: str, example: str | None = None) -> str:
    """A metadata line in ``style``, its bullet (and a bullet's bold key) as ``example``
    has it."""
    bullet = example.lstrip()[:1] if example and example.lstrip()[:1] in "*-+" else "*"
    written = parse_meta_line(example) if example else None
    emphasis = written.emphasis if written is not None else ""
    return dialect_line(style, key, value, bullet, emphasis)


def _insert_section(
    text: Text, record: Record, heading: str, body: list[str], *, after_status: bool = False
) -> None:
    level = section_level(record)
    block = ["#" * level + " " + heading, "", *body, ""]
    anchor = status_section(record) if after_status else None
    if anchor is not None:
        following = [s for s in record.sections if s.span.start > anchor.span.end]
        at = following[0].span.start if following else end_of(text, record) + 1
    elif record.sections:
        at = record.sections[0].span.start
    else:
        at = end_of(text, record) + 1
        block = ["", *block[:-1]]
    text.insert(at, block)


def _meta_lines(record: Record) -> list[int]:
    """The last line of each of the record's metadata lines."""
    return [
        record.spans[k].end
        for k, s in record.styles.items()
        if k != "title" and k in record.spans and s in LINE_STYLES
    ]


def _first_meta_line(text: Text, record: Record) -> str | None:
    """The record's first metadata line (an example of how it writes them)."""
    lines = _meta_lines(record)
    return text.get(min(lines)) if lines else None


def insert_meta(text: Text, record: Record, lines: list[str]) -> None:
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
