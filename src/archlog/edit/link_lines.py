"""Relation lines, written the way the record's convention does: a line naming the other
record (``* Superseded by [3. Use X](0003-use-x.md)``) added where the convention keeps them
— the status section, a section of links, the metadata lines — or removed with the blank
line that only separated it."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass

from archlog.conventions.catalog import Convention
from archlog.conventions.vocabulary import COLONS, GAP, relation_phrase, section_of
from archlog.edit.patches import insert_meta
from archlog.edit.record_sections import (
    append_section,
    last_content_line,
    own_end,
    section_like,
    status_section,
)
from archlog.edit.text import Text
from archlog.model import Record

_BULLETS = ("* ", "- ", "+ ")


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
        """``pattern`` (a convention's link pattern) filled in with this target."""
        label = f"{self.number}. {self.title}" if self.number is not None else self.title
        return pattern.format(
            label=label,
            ref=self.ref,
            id=self.id,
            number=self.number,
            title=self.title,
            file=self.file,
            stem=self.stem,
            **more,
        )


def link_line(conv: Convention, type_: str, target: LinkTarget) -> str:
    """The line that says ``type_`` of ``target``, as the convention writes it; a phrase
    that carries its own form (a colon, the place of its references) sets the line's form,
    the pattern only how the record is named (``取代：[3. X](0003-x.md)``)."""
    said = conv.phrase(type_)
    if carries_form(said):
        named = conv.link_pattern.split("{phrase}", 1)[-1].lstrip("*:： ")
        return conv.link_bullet + stated(said, target.fill(named))
    return conv.link_bullet + target.fill(conv.link_pattern, phrase=said)


def carries_form(said: str) -> bool:
    """Whether a phrase sets its line's form: it holds its references' place
    (``被…取代``) or ends with its colon (``取代：``, as the folder writes it)."""
    return GAP in said or said.endswith(COLONS)


def stated(said: str, refs: str) -> str:
    """The phrase ``said`` naming ``refs``: ``Supersedes ADR-3``, ``取代：ADR-3`` (no space
    after a full-width mark), ``被 ADR-3 取代`` (the references in the phrase's place)."""
    head, gap, tail = said.partition(GAP)
    if gap:
        return " ".join(part for part in (head.strip(), refs, tail.strip()) if part)
    closed = said and unicodedata.east_asian_width(said[-1]) == "F"
    return f"{said}{'' if closed else ' '}{refs}"


def add_link_line(text: Text, record: Record, conv: Convention, line: str) -> None:
    """Add a relation line where the convention keeps them."""
    place = conv.link_place
    status = status_section(record)
    if place == "status" and status is not None:
        last = last_content_line(text, status.span.start, own_end(record, status))
        text.insert(last + 1, ["", line])
        return
    if place.startswith("section:"):
        name = place.split(":", 1)[1]
        section = section_like(record, name)
        if section is None:
            append_section(text, record, conv.section_heading(section_of(name) or name), [line])
            return
        last = last_content_line(text, section.span.start, own_end(record, section))
        in_list = last > section.span.start and text.get(last).lstrip()[:2] in _BULLETS
        gap = [] if (line[:2] in _BULLETS and in_list) else [""]
        text.insert(last + 1, [*gap, line])
        return
    insert_meta(text, record, [line])


def remove_line(text: Text, number: int) -> None:
    """Delete a line, and the blank line before it when it only separated this one."""
    before_blank = text.is_blank(number - 1)
    after = number + 1
    after_blank_or_end = after > len(text) or text.is_blank(after)
    if before_blank and after_blank_or_end and number > 1:
        text.delete(number - 1, number)
    else:
        text.delete(number)
