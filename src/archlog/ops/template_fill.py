"""A folder's own template, filled in for a new record — whatever kind of template it is.

archlog's own templates are Jinja (``{{ title }}``); adr-tools' use ``NUMBER``, ``TITLE``,
``DATE`` and ``STATUS``; most templates in the wild use neither (``# ADR-NNN: Title``,
``Date: YYYY-MM-DD``, a table row ``| Status | `Proposed`, `Accepted` |``, MADR's
``{short title of solved problem and solution}``). Those are read as a record first: the
reader says which line is the title heading and where each field is, and those lines are
rewritten in place — every other line of the template (its guidance, its sections) is kept.
"""

from __future__ import annotations

import re
from pathlib import Path

from archlog.conventions.dialect import Convention
from archlog.conventions.rendering import is_jinja, render, yaml_value
from archlog.edit import patches
from archlog.edit.text import Text
from archlog.errors import ArchlogError
from archlog.read.reader import parse_file

_ADR_TOOLS = re.compile(r"\b(?:NUMBER|TITLE|DATE|STATUS)\b")


def is_fill_in(source: str) -> bool:
    """Whether a template marks its blanks itself (Jinja, or adr-tools' placeholders)."""
    return is_jinja(source) or bool(_ADR_TOOLS.search(source))


def fill(source: str, origin: str, conv: Convention, context: dict[str, object]) -> str:
    """The template's text for a new record: rendered when it marks its blanks, else read
    as a record and its title, number, status and date lines rewritten."""
    if is_fill_in(source):
        return render(source, context, origin)
    text = Text.parse(source)
    try:
        record = parse_file(source, Path(origin).with_name("template.md"))[0]
    except ArchlogError:
        return source
    heading = str(context["heading"])
    title = record.spans.get("title")
    if title is not None:
        line = text.get(title.start)
        hashes = line[: len(line) - len(line.lstrip("#"))] or "#" * conv.title_level
        text.set(title.start, f"{hashes} {heading}")
    front = record.spans.get("front_matter")
    if front is not None:
        _front_matter(text, front.start, front.end, conv, context)
    for name in ("status", "date"):
        value = str(context[name])
        if name in record.spans and value:
            record = parse_file(str(text), Path(origin))[0]
            try:
                patches.set_value(text, record, conv, name, value)
            except ArchlogError:
                continue
    return str(text)


def _front_matter(
    text: Text, start: int, end: int, conv: Convention, context: dict[str, object]
) -> None:
    """Front-matter keys of the template that name the record: its title, id, number."""
    for number in range(start + 1, end):
        line = text.get(number)
        key, sep, _value = line.partition(":")
        if not sep or line[:1].isspace():
            continue
        name = key.strip().lower()
        if name in ("title", "sidebar_label") and conv.title_key:
            form = conv.title_form if name == "title" else "{title}"
            new = form.replace("{title}", str(context["title"]))
            text.set(number, f"{key}: {yaml_value(new)}")
        elif name in ("title",):
            text.set(number, f"{key}: {yaml_value(str(context['title']))}")
