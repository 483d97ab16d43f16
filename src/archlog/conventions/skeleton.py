"""A record written from a dialect alone: what ``new`` and ``convert`` write for a folder
that has no template of its own (and whose nearest built-in template does not fit it).

The description says everything: the front matter it carries, the title heading's form (or
the front-matter key that holds the title), each field's place and label in order, the
status words and how a Status section writes them, the section headings in the folder's
language. :func:`render` puts it together; the reader reads it back to the same values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from archlog.conventions.dialect import Convention

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

#: Field places written as lines under the title.
LINE_STYLES = ("bold", "bold-inside", "plain", "bullets", "table")
#: Fields that hold lists: a front-matter key the folder's records carry, with no value
#: given, is written as an empty list (as a line of the metadata block is written empty).
_LISTS = ("tags", "deciders", "consulted", "informed")


@dataclass
class Values:
    """What a new (or converted) record holds. ``status`` is the word as written; ``date``
    ISO; ``sections`` maps a heading (as the dialect writes it) to its text; ``front`` the
    values of carried front-matter keys; ``links`` relation lines to write."""

    number: int | None
    title: str
    status: str
    date: str = ""
    people: Mapping[str, Sequence[str]] = field(default_factory=dict)
    tags: Sequence[str] = ()
    sections: Mapping[str, str] = field(default_factory=dict)
    front: Mapping[str, str] = field(default_factory=dict)
    links: Sequence[str] = ()


def title_text(conv: Convention, number: int | None, title: str) -> str:
    """The title as front matter holds it, in the dialect's form (``ADR: {title}``,
    ``ADR {number} – {title}``)."""
    if number is None:
        numbered = "{number}" in conv.title_form or "{id}" in conv.title_form
        return title if numbered else conv.title_form.replace("{title}", title)
    shown = str(number).zfill(conv.heading_width) if conv.heading_width else str(number)
    form = conv.title_form.replace("{number}", shown).replace("{id}", conv.record_id(number))
    return form.replace("{title}", title)


def meta_line(
    style: str, key: str, value: str, bullet: str = "*", emphasis: str = "", sep: str = ": "
) -> str:
    """One metadata line in ``style`` (``bold``: ``**Key**: v``, ``bold-inside``:
    ``**Key:** v``, ``bullets``: ``* Key: v`` — its key bold as ``emphasis`` says —,
    ``table``: ``| Key | v |``, else plain); ``sep`` parts a plain or bullet line's key
    from its value."""
    if style == "bold":
        return f"**{key}**: {value}".rstrip()
    if style == "bold-inside":
        return f"**{key}:** {value}".rstrip()
    if style == "bullets":
        if emphasis in ("bold", "bold-inside"):
            return f"{bullet} {meta_line(emphasis, key, value)}".rstrip()
        return f"{bullet} {key}{sep}{value}".rstrip()
    if style == "table":
        return f"| {key} | {value} |"
    return f"{key}{sep}{value}".rstrip()


def place_of(conv: Convention, name: str) -> str:
    """Where the dialect writes field ``name``: ``front-matter``, a line style, ``section``
    or ``none``."""
    if name == "status":
        return conv.status_style
    if name == "date":
        return conv.date_style
    if conv.status_style == "front-matter" or conv.date_style == "front-matter":
        return "front-matter"
    return block_style(conv)


def block_style(conv: Convention) -> str:
    """The style of the metadata lines under the title."""
    for style in (conv.status_style, conv.date_style):
        if style in LINE_STYLES:
            return style
    return "bold"


def field_value(values: Values, name: str) -> str:
    """A field's value as text (lists joined with ``, ``)."""
    if name == "status":
        return values.status
    if name == "date":
        return values.date
    if name == "tags":
        return ", ".join(values.tags)
    return ", ".join(values.people.get(name, ()))


@dataclass(frozen=True)
class _Draft:
    """What the parts of a record are written from."""

    conv: Convention
    values: Values
    #: The fields written, in order; and those of them written as lines under the title.
    fields: list[str]
    block: list[str]

    @property
    def meta_first(self) -> bool:
        """The metadata lines come before the title heading."""
        return bool(self.block) and self.conv.meta_first and not self.conv.title_key


def render(conv: Convention, values: Values) -> str:
    """The record's text in the dialect."""
    fields = _fields(conv, values)
    draft = _Draft(conv, values, fields, _meta_block(conv, values, fields))
    lines: list[str] = []
    for part, blank_before in _PARTS:
        written = part(draft)
        if written and blank_before(draft, lines):
            lines.append("")
        lines += written
    return "\n".join(_trim(lines)) + "\n"


def _front_matter(draft: _Draft) -> list[str]:
    """The front matter: the keys the folder's records carry, the title where a key holds
    it, and the fields the dialect keeps there, in the folder's order."""
    from archlog.conventions.rendering import yaml_value

    conv, values = draft.conv, draft.values
    counted = {k for k, rule in conv.front_matter if rule == "{next}"}  # nav_order: 14
    carried = [(k, values.front.get(k, v)) for k, v in conv.front_matter]
    if conv.title_key and conv.layout != "log":
        carried.insert(0, (conv.title_key, title_text(conv, values.number, values.title)))
    written = [(k, v if k in counted and v.isdigit() else yaml_value(v)) for k, v in carried if v]
    for name in draft.fields:
        if place_of(conv, name) == "front-matter":
            value = _front_value(values, name)
            if value:
                written.append((conv.label(name), value))
    if not written or conv.layout == "log":
        return []
    order = {key: i for i, key in enumerate(conv.front_order)}
    written.sort(key=lambda pair: order.get(pair[0], len(order)))  # stable: as written
    return ["---", *(f"{k}: {v}" for k, v in written), "---"]


def _front_value(values: Values, name: str) -> str:
    """A field's front-matter value: a YAML list (empty when no value was given) for a list
    field, a YAML date for an ISO date, else a YAML scalar ("" when there is none)."""
    from archlog.conventions.rendering import yaml_value

    if name in _LISTS:
        items = list(values.tags if name == "tags" else values.people.get(name, ()))
        return yaml_value(items) if items else "[]"
    value = field_value(values, name)
    if name == "date" and _ISO_DAY.fullmatch(value):
        return value
    return yaml_value(value) if value else ""


def _block_first(draft: _Draft) -> list[str]:
    return draft.block if draft.meta_first else []


def _title(draft: _Draft) -> list[str]:
    conv, values = draft.conv, draft.values
    if conv.title_key and conv.layout != "log":
        return []  # a front-matter key holds it
    return ["#" * conv.title_level + " " + conv.heading(values.number, values.title, values.date)]


def _block_after(draft: _Draft) -> list[str]:
    return [] if draft.meta_first else draft.block


def _sections(draft: _Draft) -> list[str]:
    """Each section heading once, with what the dialect writes under it."""
    conv = draft.conv
    hashes = "#" * conv.section_level
    lines: list[str] = []
    headed: set[str] = set()
    for heading in conv.sections:
        key = heading.casefold()
        if key not in headed:
            headed.add(key)
            body = _section_body(conv, draft.values, heading)
            lines += ["", f"{hashes} {heading}", "", *([body] if body else [])]
    return lines


def _after_any(_draft: _Draft, lines: list[str]) -> bool:
    return bool(lines)


def _after_front_matter(draft: _Draft, lines: list[str]) -> bool:
    """The title heading: a blank line before it unless it sits right under the front
    matter in a folder that writes it so."""
    return bool(lines) and (draft.conv.front_gap or lines[-1] != "---")


def _always(_draft: _Draft, _lines: list[str]) -> bool:
    return True


def _never(_draft: _Draft, _lines: list[str]) -> bool:
    return False


#: The parts of a record in order, and whether a blank line goes before each.
_PARTS: tuple[tuple[Callable[[_Draft], list[str]], Callable[[_Draft, list[str]], bool]], ...] = (
    (_front_matter, _never),
    (_block_first, _after_any),
    (_title, _after_front_matter),
    (_block_after, _always),
    (_sections, _never),  # each section starts with its blank line
)


def _meta_block(conv: Convention, values: Values, fields: list[str]) -> list[str]:
    """The metadata lines (or table) of the fields written as lines, and relation lines
    that go with them."""
    block = [n for n in fields if place_of(conv, n) in LINE_STYLES]
    if not block:
        return []
    lines: list[str] = []
    style = block_style(conv)
    if style == "table" and conv.meta_table_head:
        lines += [conv.meta_table_head, conv.meta_table_rule]
    for i, name in enumerate(block):
        place, key, value = place_of(conv, name), conv.label(name), field_value(values, name)
        if place == "table":
            lines.append(table_row(key, value, conv.meta_table_head))
        else:
            lines.append(
                meta_line(place, key, value, conv.meta_bullet, conv.meta_emphasis, conv.meta_sep)
            )
        if i == 0 and style == "table" and not conv.meta_table_head:
            lines.append(conv.meta_table_rule)  # the first field's row is the header
    if conv.link_place == "meta" and values.links:
        lines += list(values.links)
    return lines


def table_row(key: str, value: str, head: str = "") -> str:
    """A metadata table's row, its cells padded as ``head`` (the table's header row) pads
    its own: ``| Status  | Accepted     |`` under ``| Field   | Value        |``,
    ``|Status  |Accepted|`` under ``|Metadata|Value|``; unpadded without one."""
    cells = head.strip().strip("|").split("|") if head.strip().startswith("|") else []
    if len(cells) != 2:
        return meta_line("table", key, value)
    out = []
    for cell, text in zip(cells, (key, value), strict=True):
        lead = len(cell) - len(cell.lstrip(" "))
        trail = len(cell) - len(cell.rstrip(" "))
        inner = len(cell) - lead - min(trail, lead)
        out.append(" " * lead + text.ljust(inner) + " " * min(trail, lead))
    return "|" + "|".join(out) + "|"


def _fields(conv: Convention, values: Values) -> list[str]:
    names = list(conv.meta_fields)
    for name in ("status", "date"):
        if name not in names and place_of(conv, name) in (*LINE_STYLES, "front-matter"):
            names.insert(0 if name == "status" else len(names), name)
    for name, given in values.people.items():
        if given and name not in names:
            names.append(name)
    if values.tags and "tags" not in names:
        names.append("tags")
    if conv.date_style == "none" or not values.date:
        names = [n for n in names if n != "date"]
    return names


def _section_body(conv: Convention, values: Values, heading: str) -> str:
    from archlog.conventions.vocabulary import field_of

    name = field_of(heading)
    if name == "status" and conv.status_style == "section":
        word = values.status
        dated = conv.status_form in ("dated", "history") and values.date
        text = f"{values.date} {word}" if dated and not word[:4].isdigit() else word
        links = "\n\n".join(values.links) if conv.link_place == "status" else ""
        return text + (f"\n\n{links}" if links else "")
    if name == "date" and conv.date_style == "section":
        return values.date
    return values.sections.get(heading, "").strip("\n")


def _trim(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return out
