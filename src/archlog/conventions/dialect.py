"""A dialect: how one folder (or one built-in convention) names, writes and indexes records.

A :class:`Convention` is plain data. The built-in conventions (:mod:`.catalog`) are written
by hand; a folder's own is voted from its newest records' traces (:mod:`.infer`). Every
writer — ``new``, the status and relation edits, the index, ``convert`` — renders from this
description; none asks which convention it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from archlog.conventions import vocabulary

LIFECYCLE: dict[str, tuple[str, ...]] = {
    "draft": ("proposed", "rejected"),
    "proposed": ("accepted", "rejected", "pending", "draft"),
    "pending": ("accepted", "rejected", "proposed"),
    "accepted": ("implemented", "deprecated", "superseded", "amended"),
    "implemented": ("deprecated", "superseded", "amended"),
    "amended": ("deprecated", "superseded", "accepted"),
    "rejected": (),
    "deprecated": ("superseded",),
    "superseded": (),
    "unknown": vocabulary.STATUSES[:-2],
}


@dataclass(frozen=True)
class Convention:
    """How one family of ADR folders names, writes and indexes its records."""

    name: str
    description: str
    #: Template in ``archlog/conventions/templates`` (package data); None: records are
    #: written from this description alone (a folder's dialect with no template).
    template: str | None = None
    #: The template ``init`` saves in a new folder for the team to adapt (default:
    #: ``template``); adr-tools reads the same file, so nygard's uses its placeholders.
    folder_template: str | None = None
    #: Where ``archlog init`` puts a new folder when none is named or configured.
    default_folder: str = "doc/adr"
    # ---- names
    #: How records are kept: ``file`` (one file each), ``folder`` (one folder each, the
    #: record in ``record_file``) or ``log`` (entries of ``single_file``).
    layout: str = "file"
    record_file: str = "README.md"
    #: A new record's file (or folder) name. Fields: ``prefix``, ``number`` (padded to
    #: ``width``), ``slug``, ``date`` (``YYYYMMDD``) and ``day`` (``YYYY-MM-DD``).
    file_pattern: str = "{prefix}{number}-{slug}.md"
    prefix: str = ""
    width: int = 4
    #: How a slug writes its words: ``lower``, ``keep`` (the title's capitals) or ``title``
    #: (each word capitalised), and the character that joins them.
    slug_case: str = "lower"
    slug_joiner: str = "-"
    #: A single-file log keeps every record in this file (e.g. ``DECISIONS.md``).
    single_file: str | None = None
    #: How the record's id is written, from ``number`` padded to ``width`` (and the name's
    #: ``prefix``: ``ADR047``, ``API-012``, as the reader names such records).
    id_pattern: str = "{number}"
    # ---- the title
    #: The title heading's text; fields ``number`` (padded to ``heading_width``, 0: not
    #: padded), ``id``, ``title`` and ``year`` (the record's date's, for ids numbered
    #: within their year: ``DEC-{year}-{number}``). Level ``title_level`` (a log's entries: 2 or 3).
    title_pattern: str = "ADR-{id}: {title}"
    heading_width: int = 0
    title_level: int = 1
    #: Where the title is when no heading holds it: this front-matter key, as ``title_form``.
    title_key: str | None = None
    title_form: str = "{title}"
    # ---- metadata
    #: Where the status lives: ``section``, ``front-matter``, ``bullets``, ``bold``,
    #: ``bold-inside``, ``plain`` or ``table``; likewise the date (``none``: not dated;
    #: ``entry``: in a log entry's heading, ``### ADR-7: Title (2025-12-09)``).
    status_style: str = "section"
    date_style: str = "plain"
    #: The label each field is written with (``Status``, ``Estado``, ``状态``); unlisted
    #: fields take the vocabulary's word in ``language``.
    labels: dict[str, str] = field(default_factory=dict)
    #: Fields written under the title, in order, and the bullet of bullet lines.
    meta_fields: tuple[str, ...] = ()
    meta_bullet: str = "*"
    #: How a bullet line's key is written: ``""`` (``* Status: x``), ``bold``
    #: (``- **Status**: x``) or ``bold-inside`` (``- **Status:** x``).
    meta_emphasis: str = ""
    #: What parts a plain or bullet line's key from its value (``" : "`` in French
    #: typography, ``"："``).
    meta_sep: str = ": "
    #: How a metadata table opens: its header row (``""``: the first field's row is the
    #: header, ``| Status | Accepted |``) and the rule under it.
    meta_table_head: str = "| Metadata | Value |"
    meta_table_rule: str = "|---|---|"
    #: The metadata lines go above the title heading (at the top of the file), not under it.
    meta_first: bool = False
    #: Front-matter keys a new record carries: ``(key, value)`` — a value to copy as it is,
    #: ``{next}`` one past the highest the folder has (Jekyll's ``nav_order``), ``{id}``,
    #: ``{number}``, ``{title}`` or ``{heading}``.
    front_matter: tuple[tuple[str, str], ...] = ()
    #: The order the folder's records write their front-matter keys in (keys not named
    #: here come after, in the order written).
    front_order: tuple[str, ...] = ()
    #: A blank line parts the front matter from the title heading.
    front_gap: bool = True
    # ---- statuses
    #: The statuses the convention uses, and how it spells each (learned from a folder:
    #: ``✅ Accepted``, ``通过``); unlisted ones follow ``status_case`` in ``language``.
    statuses: tuple[str, ...] = ("proposed", "accepted", "rejected", "deprecated", "superseded")
    status_words: dict[str, str] = field(default_factory=dict)
    status_case: str = "title"  # title | lower | upper
    #: How a Status section writes it: ``word``, ``dated`` (``2020-03-25 accepted``) or
    #: ``history`` (a dated line per change, the newest last).
    status_form: str = "word"
    default_status: str = "proposed"
    #: Allowed status transitions; a status missing here may move anywhere.
    lifecycle: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(LIFECYCLE))
    #: Whether a status change updates the record's date (MADR: date = last update).
    date_on_status_change: bool = False
    # ---- sections
    #: The language records are written in, their sections in order (as headed) at
    #: ``section_level``; those in ``required`` must be present.
    language: str = "en"
    sections: tuple[str, ...] = ("Status", "Context", "Decision", "Consequences")
    section_level: int = 2
    required: tuple[str, ...] = ("Context", "Decision", "Consequences")
    # ---- index
    #: Index style for the README: ``table``, ``grouped`` or ``list``.
    index_style: str = "table"
    index_columns: tuple[str, ...] = ("number", "title", "status", "date")
    # ---- relations
    #: How a relation line is written. Fields: ``phrase`` (``Superseded by``), ``label``
    #: (``3. Title``), ``ref`` (``ADR-0003``), ``id``, ``number``, ``title``, ``file`` (the
    #: other record's file, relative) and ``stem`` (its name without ``.md``).
    link_pattern: str = "{phrase} [{label}]({file})"
    #: The phrase each relation type is written with, as the folder writes it
    #: (``superseded-by`` → ``Remplacé par``); unlisted types take the vocabulary's in
    #: ``language``.
    phrases: dict[str, str] = field(default_factory=dict)
    #: Where relation lines go: ``status`` (after the status, in the Status section),
    #: ``meta`` (after the metadata lines under the title) or ``section:NAME`` (a section,
    #: added at the end when missing); and the bullet they start with.
    link_place: str = "status"
    link_bullet: str = ""
    #: How a superseded record names its successors: ``replace-status`` (a link line takes
    #: the status word's place, as adr-tools does), ``status-text`` (the status reads
    #: ``superseded_text``, e.g. ``superseded by ADR-0123``) or ``status-word`` (status
    #: Superseded, plus a link line).
    superseded_style: str = "replace-status"
    #: For ``status-text``: the status, with ``{refs}`` the successors as ``status_ref``.
    superseded_text: str = "superseded by {refs}"
    status_ref: str = "{ref}"
    #: Whether a ``status-text`` record also gets a link line to each successor.
    successor_links: bool = False

    # ------------------------------------------------------------------ writing

    def file_name(self, number: int | None, slug: str, day: str = "") -> str:
        """A new record's file name (a record folder's: ``NAME/README.md``); ``day``
        (``YYYY-MM-DD``) serves date-named folders."""
        name = self.file_pattern.format(
            prefix=self.prefix,
            number=self.pad(number) if number is not None else "",
            slug=slug,
            date=day.replace("-", ""),
            day=day,
        )
        if self.layout == "folder":
            return f"{name.removesuffix('.md')}/{self.record_file}"
        return name

    def heading(self, number: int | None, title: str, date: str = "") -> str:
        """The title heading's text for a record numbered ``number`` (dated ``date`` where
        the dialect writes the date in the heading: ``ADR-7: Title (2025-12-09)``)."""
        if number is None:
            text = title
        else:
            shown = str(number).zfill(self.heading_width) if self.heading_width else str(number)
            text = self.title_pattern.format(
                number=shown, id=self.record_id(number), title=title, year=date[:4]
            )
        return f"{text} ({date})" if date and self.date_style == "entry" else text

    def pad(self, number: int) -> str:
        """``number`` with the zero padding of file names."""
        return str(number).zfill(self.width)

    def record_id(self, number: int) -> str:
        """A record's id, as ``id_pattern`` writes it."""
        return self.id_pattern.format(number=self.pad(number), prefix=self.prefix)

    def label(self, name: str) -> str:
        """How this convention labels field ``name``."""
        return self.labels.get(name) or vocabulary.field_label(name, self.language)

    def phrase(self, type_: str) -> str:
        """How this convention writes relation ``type_`` (``Superseded by``, ``取代：``;
        ``被…取代``: the references go where ``…`` is)."""
        return self.phrases.get(type_) or vocabulary.relation_phrase(type_, self.language)

    def status_word(self, status: str) -> str:
        """The convention's spelling of a normalised status (``accepted`` → ``Accepted``)."""
        given = self.status_words.get(status)
        if given:
            return given
        word = vocabulary.status_word(status, self.language)
        if not word.isascii():
            return word
        if self.status_case == "lower":
            return word.lower()
        if self.status_case == "upper":
            return word.upper()
        return word[:1].upper() + word[1:]

    def section_heading(self, concept: str) -> str:
        """How this convention heads the section that holds ``concept`` (``context`` …):
        its own heading when it has one, else the vocabulary's in its language."""
        for heading in self.sections:
            if vocabulary.section_of(heading) == concept:
                return heading
        return vocabulary.section_heading(concept, self.language)

    def with_overrides(self, **changes: Any) -> Convention:
        """A copy with some settings changed."""
        return replace(self, **changes)

    def describe(self) -> dict[str, Any]:
        """Every setting as plain data (for ``archlog conventions --format json`` and docs)."""
        out = {k: v for k, v in self.__dict__.items() if k != "lifecycle"}
        out["lifecycle"] = {k: list(v) for k, v in self.lifecycle.items()}
        out["front_matter"] = [list(pair) for pair in self.front_matter]
        return out
