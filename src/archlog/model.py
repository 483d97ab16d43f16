"""The ADR model: plain dataclasses, no I/O.

Line numbers in :class:`Span` are 1-based and inclusive, the way editors and error messages
count them. Every field a reader extracts carries the span of the lines it came from, so an
edit can rewrite exactly the lines a field owns; beside the values, :class:`Trace` says how
the record wrote each of them, which is what a folder's dialect is learned from.

A record's ``date`` is ISO 8601 text, full (``2024-03-05``) or of reduced precision
(``2024-03``, ``2024``); :attr:`Record.day` gives the full ones as :class:`datetime.date`.
"""

from __future__ import annotations

import contextlib
import datetime
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple


class NameInfo(NamedTuple):
    """What a file (or record folder) name says: the id as written, the ``number``, the
    ``sub`` number, the slug; how it is written (``prefix``, digits ``width``, the
    ``separator`` before the slug), and for date-named files the ``date`` as written.

    A tuple: one is made per file of a folder, and tuples are cheap to make."""

    id: str
    number: int | None
    sub: int | None
    slug: str
    prefix: str = ""
    width: int = 0
    date: str | None = None
    separator: str = ""


class Span(NamedTuple):
    """Lines ``start``..``end`` of a file, 1-based and inclusive (a tuple: cheap to make)."""

    start: int
    end: int

    def to_json(self) -> list[int]:
        """``[start, end]``."""
        return [self.start, self.end]


def id_prefix(ident: str) -> str:
    """An id without its number (and sub-number): ``ADR-PAY-`` of ``ADR-PAY-001``,
    ``API-`` of ``API-002``, ``""`` of ``0007``."""
    start = end = len(ident)  # digit groups joined by single dashes, read from the end:
    while end and ident[end - 1].isdigit():  # string methods, as a regex would be quadratic
        while start and ident[start - 1].isdigit():
            start -= 1
        if start < 2 or ident[start - 1] != "-" or not ident[start - 2].isdigit():
            break
        end = start - 1
        start = end
    return ident[:start]


def relative_posix(path: Path, folder: Path | None) -> str:
    """``path`` relative to ``folder`` (``/``-separated), or whole when it is not inside
    it: ``path.relative_to(folder).as_posix()``, by comparing their text when one is the
    other's prefix (pathlib's comparison part by part costs more than the rest of a
    record's JSON)."""
    if folder is None:
        return path.as_posix()
    whole, base = str(path), str(folder)
    if isinstance(path, PurePosixPath) and isinstance(folder, PurePosixPath):
        cut = len(base) if base.endswith("/") else len(base) + 1
        if whole.startswith(base) and len(whole) > cut and whole[cut - 1] == "/":
            return whole[cut:]
    with contextlib.suppress(ValueError):
        return path.relative_to(folder).as_posix()
    return path.as_posix()


@dataclass(frozen=True)
class Relation:
    """A typed link from one record to another.

    ``target`` is how the other record is named: its number, or its id where records have
    none (date-named files) or where numbers restart per area. ``text`` is the link as
    written, ``span`` the line it sits on (None: in front matter).
    """

    type: str
    target: int | str
    text: str = ""
    span: Span | None = None

    def to_json(self) -> dict[str, Any]:
        """``{type, target}``."""
        return {"type": self.type, "target": self.target}


@dataclass(slots=True)
class Section:
    """A heading and the text under it, up to the next heading of the same or higher level."""

    heading: str
    level: int
    body: str
    span: Span

    def to_json(self) -> dict[str, Any]:
        """``{heading, level, body}``."""
        return {"heading": self.heading, "level": self.level, "body": self.body}


class FieldTrace(NamedTuple):
    """Where and how a record writes one metadata field.

    ``place`` is ``front-matter``, ``bold`` (``**Status**: x``), ``bold-inside``
    (``**Status:** x``), ``plain`` (``Status: x``), ``bullets`` (``* Status: x``),
    ``table`` (a row of a two-column table under the title), ``section`` (a ``## Status``
    section), ``heading`` (a ``## Date: x`` heading) or ``entry`` (in a log entry's
    heading); ``label`` is the key exactly as written; ``mark`` the bullet character of a
    bullet line, and ``emphasis`` how a bullet line's key is bold: ``bold``
    (``- **Status**: x``), ``bold-inside`` (``- **Status:** x``) or ``""``; ``sep`` what
    parts a plain or bullet line's key from its value when it is not ``": "``
    (``" : "``, ``"："``)."""

    name: str
    place: str
    label: str
    line: int = 0
    mark: str = ""
    emphasis: str = ""
    sep: str = ""


class Signs(NamedTuple):
    """What a file's text says about what kind of file it is, for the folder to settle
    (:mod:`archlog.read.settle`): a template, an index, a page with nothing in it."""

    #: Its title heading's id is a template's (``ADR-NNN``, ``RFC-XXXX``).
    placeholder_id: bool = False
    #: Its status offers a choice of several (``Accepted or Rejected``).
    status_choice: bool = False
    #: It has text beyond its title and metadata (or the sections of one, still empty).
    body: bool = False
    #: The stems of the Markdown files and site pages it links to (at most 50).
    links: tuple[str, ...] = ()
    #: How many front-matter values are a template's placeholders (``ADR XXX``, ``<Title>``).
    placeholders: int = 0


@dataclass(frozen=True)
class Trace:
    """How a record is written — what a folder's dialect is voted from.

    ``heading`` is the title heading as a pattern (``{number}. {title}``,
    ``ADR-{number}: {title}``, ``RFC-{number} {title}``, ``{title}``; None when the title is
    not in a heading), ``heading_width`` the digits its number is padded to (0: not
    padded). ``title_key``/``title_form`` say where the title is when only front matter has
    it (``title``, ``ADR: {title}``). ``fields`` lists the metadata fields in the order
    written. ``status_form`` is ``word``, ``dated`` (``2020-03-25 accepted``) or ``history``
    (a dated line per change). ``sections`` are the section headings as written, at
    ``section_level``; ``language`` the language they are written in. ``front_matter`` keeps
    each scalar key with its value, as text; ``table_head``/``table_rule`` how a metadata
    table opens."""

    layout: str = "file"
    name: NameInfo | None = None
    heading: str | None = None
    heading_width: int = 0
    heading_level: int = 1
    title_key: str | None = None
    title_form: str | None = None
    fields: tuple[FieldTrace, ...] = ()
    status_form: str = "word"
    sections: tuple[str, ...] = ()
    section_level: int = 2
    language: str | None = None
    front_matter: tuple[tuple[str, str], ...] = ()
    #: A metadata table's header row as written (``""``: its first row is a field's) and
    #: its rule; None: the record has no metadata table.
    table_head: str | None = None
    table_rule: str = ""
    #: The metadata lines come before the title heading (at the top of the file).
    meta_first: bool = False
    #: A blank line parts the front matter from the title heading (None: not both there).
    front_gap: bool | None = None
    #: Each relation type its lines state, with the phrase as written (``superseded-by``,
    #: ``Remplacé par``).
    phrases: tuple[tuple[str, str], ...] = ()


@dataclass
class Record:
    """One architecture decision, as read from a file, a record folder or an entry of a
    decision log.

    ``sections``, ``spans`` and ``trace`` are the record's *details*: a record restored from
    the parse cache has ``detailed`` False and none of them; the store that loaded it fills
    them on demand (:meth:`archlog.read.store.Store.detail`)."""

    path: Path
    id: str
    title: str
    number: int | None = None
    status: str = "unknown"
    status_text: str = ""
    date: str | None = None
    #: The date as written, when it is not an ISO date (``Oct 29, 2024``, ``YYYY-MM-DD``).
    date_text: str = ""
    deciders: list[str] = field(default_factory=list)
    consulted: list[str] = field(default_factory=list)
    informed: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    category: str | None = None
    #: The sub-folder of the ADR folder the record sits in (``api``, ``front-end``).
    area: str | None = None
    relations: list[Relation] = field(default_factory=list)
    #: Metadata found beside the known fields (e.g. ``context``, ``summary``), key → value.
    extra: dict[str, str] = field(default_factory=dict)
    #: One line: the ``summary`` field, else the decision's first sentence.
    synopsis: str = ""
    #: For a record inside a single-file log: the entry's anchor (``ADR-001``).
    entry: str | None = None
    #: Problems the reader worked around (invalid front matter, no title, …): (line, text).
    problems: list[tuple[int | None, str]] = field(default_factory=list)
    signs: Signs = field(default_factory=Signs)
    #: How the record writes its metadata: field → place (see :class:`FieldTrace`).
    styles: dict[str, str] = field(default_factory=dict)
    # ---- details (see the class doc)
    sections: list[Section] = field(default_factory=list)
    #: Source line span of each field (``title``, ``status``, ``date``, ``deciders``, …,
    #: ``front_matter``, ``metadata``, ``record`` for the whole record).
    spans: dict[str, Span] = field(default_factory=dict)
    trace: Trace | None = None
    detailed: bool = True

    #: Numbers restart per area in this record's folder: relations name it by its id.
    scoped: bool = False

    @property
    def target(self) -> int | str:
        """How relations name this record: its number, or its id where it has none (or
        where numbers restart per area)."""
        return self.number if self.number is not None and not self.scoped else self.id

    @property
    def number_scope(self) -> str:
        """Where this record's number must be unique: where numbers restart per area, its
        area (or, for a log's entry, its id's prefix: ``ADR-PAY-`` of ``ADR-PAY-001``); else
        the whole folder (``""``)."""
        if not self.scoped:
            return ""
        return self.area or id_prefix(self.id)

    @property
    def ref(self) -> str:
        """The path as users name it: the file name, or ``FILE#ID`` for a log entry (a
        record folder: ``FOLDER/README.md``)."""
        name = self.path.name
        if self.entry is None and name.lower() in ("readme.md", "index.md"):
            name = f"{self.path.parent.name}/{name}"
        return f"{name}#{self.entry}" if self.entry else name

    @property
    def day(self) -> datetime.date | None:
        """The record's date as a :class:`datetime.date`, when it is a full date."""
        if self.date is None or len(self.date) != 10:
            return None
        with contextlib.suppress(ValueError):
            return datetime.date.fromisoformat(self.date)
        return None

    def section(self, name: str) -> Section | None:
        """The first section whose heading matches ``name`` (case-insensitive)."""
        wanted = name.casefold()
        for sec in self.sections:
            if sec.heading.casefold() == wanted:
                return sec
        return None

    def summary(self, limit: int = 200) -> str:
        """One line: the record's ``summary`` field, else its decision's first sentence."""
        text = self.synopsis
        return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

    def relation_targets(self, type_: str) -> list[int | str]:
        """The targets of the record's relations of ``type_``."""
        return [rel.target for rel in self.relations if rel.type == type_]

    def sort_key(self) -> tuple[int, int, str]:
        """Numbered records first, by number, then by id."""
        return (0 if self.number is not None else 1, self.number or 0, self.id)

    def to_json(self, *, folder: Path | None = None, full: bool = False) -> dict[str, Any]:
        """The stable public shape (see docs/formats.md); ``full`` adds sections and spans."""
        ref = relative_posix(self.path, folder) + (f"#{self.entry}" if self.entry else "")
        data: dict[str, Any] = {
            "number": self.number,
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "status_text": self.status_text,
            "date": self.date,
            "path": ref,
            "relations": [rel.to_json() for rel in self.relations],
            "deciders": list(self.deciders),
            "consulted": list(self.consulted),
            "informed": list(self.informed),
            "tags": list(self.tags),
            "category": self.category,
            "area": self.area,
            "authors": list(self.authors),
            "date_text": self.date_text,
        }
        if full:
            data["extra"] = dict(self.extra)
            data["sections"] = [sec.to_json() for sec in self.sections]
            data["spans"] = {name: span.to_json() for name, span in sorted(self.spans.items())}
        return data
