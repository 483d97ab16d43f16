"""The ADR model: plain dataclasses, no I/O.

Line numbers in :class:`Span` are 1-based and inclusive, the way editors and error messages
count them. Every field a reader extracts carries the span of the lines it came from, so an
edit can rewrite exactly the lines a field owns.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

#: The normalised status vocabulary (see docs/formats.md). Order is the usual lifecycle.
STATUSES: tuple[str, ...] = (
    "draft",
    "proposed",
    "pending",
    "accepted",
    "implemented",
    "rejected",
    "deprecated",
    "superseded",
    "amended",
    "unknown",
)

#: Relation types archlog knows, each with its inverse. Custom pairs come from configuration.
RELATION_INVERSES: dict[str, str] = {
    "supersedes": "superseded-by",
    "superseded-by": "supersedes",
    "amends": "amended-by",
    "amended-by": "amends",
    "clarifies": "clarified-by",
    "clarified-by": "clarifies",
    "relates-to": "relates-to",
}


def inverses(custom: dict[Any, Any] | None = None) -> dict[str, str]:
    """Every relation type with its inverse: the built-in pairs and configured ones
    (``[tool.archlog.relations]``, e.g. ``extends = "extended-by"``)."""
    pairs = dict(RELATION_INVERSES)
    for a, b in (custom or {}).items():
        a_, b_ = "-".join(str(a).lower().split()), "-".join(str(b).lower().split())
        pairs[a_], pairs[b_] = b_, a_
    return pairs


class NameInfo(NamedTuple):
    """What a file name says: ``number``, ``id`` as written, the ``sub`` number, the slug.

    A tuple: one is made per file of a folder, and tuples are cheap to make."""

    id: str
    number: int | None
    sub: int | None
    slug: str
    prefix: str = ""
    width: int = 0
    date: str | None = None


class Span(NamedTuple):
    """Lines ``start``..``end`` of a file, 1-based and inclusive (a tuple: cheap to make)."""

    start: int
    end: int

    def to_json(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True)
class Relation:
    """A typed link from one record to another.

    ``target`` is the other record's number, or its id where records have no number
    (date-named files). ``text`` is the link as written, ``span`` the line it sits on.
    """

    type: str
    target: int | str
    text: str = ""
    span: Span | None = None

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "target": self.target}


@dataclass(slots=True)
class Section:
    """A heading and the text under it, up to the next heading of the same or higher level."""

    heading: str
    level: int
    body: str
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {"heading": self.heading, "level": self.level, "body": self.body}


@dataclass
class Record:
    """One architecture decision, as read from a file or from an entry of a decision log."""

    path: Path
    id: str
    title: str
    number: int | None = None
    status: str = "unknown"
    status_text: str = ""
    date: str | None = None
    deciders: list[str] = field(default_factory=list)
    consulted: list[str] = field(default_factory=list)
    informed: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    category: str | None = None
    relations: list[Relation] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    #: Metadata found beside the known fields (e.g. ``context``, ``summary``), key → value.
    extra: dict[str, str] = field(default_factory=dict)
    #: Source line span of each field (``title``, ``status``, ``date``, ``deciders``, …,
    #: ``front_matter``, ``metadata``, ``record`` for the whole record).
    spans: dict[str, Span] = field(default_factory=dict)
    #: How the record writes its metadata: ``front-matter``, ``bold``, ``bold-inside``,
    #: ``plain``, ``bullets`` or ``section`` (for the status); used to write it back alike.
    styles: dict[str, str] = field(default_factory=dict)
    #: For a record inside a single-file log: the entry's anchor (``ADR-001``).
    entry: str | None = None
    #: Problems the reader worked around (invalid front matter, no title heading, …).
    problems: list[tuple[int | None, str]] = field(default_factory=list)  # (line, message)

    if not TYPE_CHECKING:  # hidden from type checkers: attribute typos must stay errors

        def __getattr__(self, name: str) -> Any:
            # Reached only for a field a record restored from the parse cache does not carry
            # yet (sections, spans): read the file again, once, and fill it in.
            if name in _DETAIL_FIELDS:
                reload = self.__dict__.pop("_reload", None)
                if reload is not None:
                    reload(self)
                    return self.__dict__[name]
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @property
    def target(self) -> int | str:
        """How relations name this record: its number, or its id where it has none."""
        return self.number if self.number is not None else self.id

    @property
    def ref(self) -> str:
        """The path as users name it: the file name, or ``FILE#ID`` for a log entry."""
        return f"{self.path.name}#{self.entry}" if self.entry else self.path.name

    def section(self, name: str) -> Section | None:
        """The first section whose heading matches ``name`` (case-insensitive)."""
        wanted = name.casefold()
        for sec in self.sections:
            if sec.heading.casefold() == wanted:
                return sec
        return None

    def summary(self, limit: int = 200) -> str:
        """One line: the record's ``summary`` field, else its Decision's first sentence."""
        cached = self.__dict__.get("_summary")
        if cached is not None:
            return str(cached)
        given = self.extra.get("summary")
        if given:
            return _one_line(given, limit)
        for name in ("Decision", "Decision Outcome", "Summary"):
            section = self.section(name)
            if section is None:
                continue
            for para in _PARAGRAPHS.split(section.body):
                text = _one_line(para, 10_000)
                if text and not text.startswith(("#", "|", "```", "~~~")):
                    first = _SENTENCE_END.split(text, maxsplit=1)[0]
                    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"
        return ""

    def relation_targets(self, type_: str) -> list[int | str]:
        return [rel.target for rel in self.relations if rel.type == type_]

    def sort_key(self) -> tuple[int, int, str]:
        return (0 if self.number is not None else 1, self.number or 0, self.id)

    def json_line(self, folder: Path | None = None) -> str:
        """``to_json()`` as one line of JSON (kept by the parse cache, so listing is cheap)."""
        cached = self.__dict__.get("_json")
        if cached is not None and cached[0] == folder:
            return str(cached[1])
        return json.dumps(self.to_json(folder=folder), ensure_ascii=False)

    def to_json(self, *, folder: Path | None = None, full: bool = False) -> dict[str, Any]:
        """The stable public shape (see docs/formats.md); ``full`` adds sections and spans."""
        path = self.path
        if folder is not None:
            with contextlib.suppress(ValueError):
                path = self.path.relative_to(folder)
        ref = path.as_posix() + (f"#{self.entry}" if self.entry else "")
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
        }
        if full:
            data["extra"] = dict(self.extra)
            data["sections"] = [sec.to_json() for sec in self.sections]
            data["spans"] = {name: span.to_json() for name, span in sorted(self.spans.items())}
        return data


#: Fields a record restored from the parse cache reads from its file on first use.
_DETAIL_FIELDS = frozenset({"sections", "spans"})

_PARAGRAPHS = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(`*_\[])")
_MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_`]{1,3}|<!--.*?-->")


def _one_line(text: str, limit: int) -> str:
    plain = _MARKUP.sub(lambda m: m.group(1) or "", text)
    plain = " ".join(plain.replace("|", "\\|").split())
    return plain if len(plain) <= limit else plain[: limit - 1].rstrip() + "…"
