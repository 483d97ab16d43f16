"""Conventions as data: one description per way of keeping ADRs.

A :class:`Convention` says how files are named and numbered, how the title is written,
where each metadata field lives, the status words and lifecycle, the sections, the template
and the index style. The reader understands every convention at once; writers (``new``,
status changes, the index) consult the description of the folder's convention — configured,
or inferred from the folder by :mod:`archlog.conventions.infer`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from archlog.errors import UsageError

_LIFECYCLE: dict[str, tuple[str, ...]] = {
    "draft": ("proposed", "rejected"),
    "proposed": ("accepted", "rejected", "pending", "draft"),
    "pending": ("accepted", "rejected", "proposed"),
    "accepted": ("implemented", "deprecated", "superseded", "amended"),
    "implemented": ("deprecated", "superseded", "amended"),
    "amended": ("deprecated", "superseded", "accepted"),
    "rejected": (),
    "deprecated": ("superseded",),
    "superseded": (),
    "unknown": ("draft", "proposed", "pending", "accepted", "implemented", "rejected",
                "deprecated", "superseded"),
}  # fmt: skip


@dataclass(frozen=True)
class Convention:
    """How one family of ADR folders names, writes and indexes its records."""

    name: str
    description: str
    #: Template file in ``archlog/conventions/templates`` (package data).
    template: str
    #: The template ``init`` saves in a new folder for the team to adapt (default:
    #: ``template``); adr-tools reads the same file, so nygard's uses its placeholders.
    folder_template: str | None = None
    #: File name of a new record; fields: ``prefix``, ``number`` (padded to ``width``), ``slug``.
    file_pattern: str = "{prefix}{number}-{slug}.md"
    prefix: str = ""
    width: int = 4
    #: Where ``archlog init`` puts a new folder when none is named or configured.
    default_folder: str = "doc/adr"
    #: A single-file log keeps every record in this file (e.g. ``DECISIONS.md``).
    single_file: str | None = None
    #: How the record's id is written, from ``number`` padded to ``width``.
    id_pattern: str = "{number}"
    #: The title heading's text; fields ``number`` (unpadded), ``id`` and ``title``.
    title_pattern: str = "ADR-{id}: {title}"
    #: Where the status lives: ``section``, ``front-matter``, ``bullets``, ``bold``,
    #: ``bold-inside`` or ``plain``; likewise the date (``none``: records are not dated).
    status_style: str = "section"
    date_style: str = "plain"
    #: Status words in the convention's spelling, by normalised status.
    statuses: tuple[str, ...] = ("proposed", "accepted", "rejected", "deprecated", "superseded")
    status_case: str = "title"  # title | lower | upper
    default_status: str = "proposed"
    #: Allowed status transitions; a status missing here may move anywhere.
    lifecycle: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(_LIFECYCLE))
    #: Whether a status change updates the record's date (MADR: date = last update).
    date_on_status_change: bool = False
    #: Sections a record has, in order; those in ``required`` must be present.
    sections: tuple[str, ...] = ("Status", "Context", "Decision", "Consequences")
    required: tuple[str, ...] = ("Context", "Decision", "Consequences")
    #: Index style for the README: ``table``, ``grouped`` or ``list``.
    index_style: str = "table"
    index_columns: tuple[str, ...] = ("number", "title", "status", "date")
    #: How a relation line is written. Fields: ``phrase`` (``Superseded by``), ``label``
    #: (``3. Title``), ``ref`` (``ADR-0003``), ``id``, ``number``, ``title``, ``file`` (the
    #: other record's file, relative) and ``stem`` (its name without ``.md``).
    link_pattern: str = "{phrase} [{label}]({file})"
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

    def file_name(self, number: int, slug: str, day: str = "") -> str:
        """A new record's file name; ``day`` (``YYYY-MM-DD``) serves date-named folders."""
        return self.file_pattern.format(
            prefix=self.prefix, number=self.pad(number), slug=slug, date=day.replace("-", "")
        )

    def heading(self, number: int, title: str) -> str:
        return self.title_pattern.format(number=number, id=self.record_id(number), title=title)

    def pad(self, number: int) -> str:
        return str(number).zfill(self.width)

    def record_id(self, number: int) -> str:
        return self.id_pattern.format(number=self.pad(number))

    def status_word(self, status: str) -> str:
        """The convention's spelling of a normalised status (``accepted`` → ``Accepted``)."""
        if self.status_case == "lower":
            return status.lower()
        if self.status_case == "upper":
            return status.upper()
        return status[:1].upper() + status[1:]

    def with_overrides(self, **changes: Any) -> Convention:
        return replace(self, **changes)

    def describe(self) -> dict[str, Any]:
        """Every setting as plain data (for ``archlog conventions --format json`` and docs)."""
        out = {k: v for k, v in self.__dict__.items() if k != "lifecycle"}
        out["lifecycle"] = {k: list(v) for k, v in self.lifecycle.items()}
        return out


CONVENTIONS: dict[str, Convention] = {
    c.name: c
    for c in (
        Convention(
            name="nygard",
            description="adr-tools (Michael Nygard): '# 12. Title', 'Date:' line, Status section",
            template="nygard.md",
            folder_template="nygard-folder.md",
            title_pattern="{number}. {title}",
            index_style="list",
        ),
        Convention(
            name="madr",
            description="MADR 4: YAML front matter (status, date, people), '# Title', NNNN-slug.md",
            template="madr.md",
            default_folder="docs/decisions",
            title_pattern="{title}",
            status_style="front-matter",
            date_style="front-matter",
            status_case="lower",
            date_on_status_change=True,
            sections=(
                "Context and Problem Statement",
                "Decision Drivers",
                "Considered Options",
                "Decision Outcome",
                "Pros and Cons of the Options",
                "More Information",
            ),
            required=("Context and Problem Statement", "Considered Options", "Decision Outcome"),
            link_pattern="{phrase} [{ref}]({file})",
            link_place="section:More Information",
            link_bullet="* ",
            superseded_style="status-text",
        ),
        Convention(
            name="madr2",
            description="MADR 2 / log4brains: '* Status:', '* Deciders:', '* Date:' bullets",
            template="madr2.md",
            default_folder="docs/decisions",
            title_pattern="{title}",
            status_style="bullets",
            date_style="bullets",
            status_case="lower",
            date_on_status_change=True,
            sections=(
                "Context and Problem Statement",
                "Decision Drivers",
                "Considered Options",
                "Decision Outcome",
                "Pros and Cons of the Options",
                "Links",
            ),
            required=("Context and Problem Statement", "Considered Options", "Decision Outcome"),
            link_pattern="{phrase} [{stem}]({file})",
            link_place="section:Links",
            link_bullet="* ",
            superseded_style="status-text",
            status_ref="[{stem}]({file})",
        ),
        Convention(
            name="index-table",
            description="Seed 000: NNN-title.md, '# ADR-NNN: Title', Status and Date, README table",
            template="index-table.md",
            width=3,
            id_pattern="{number}",
            date_style="section",
            sections=(
                "Status",
                "Date",
                "Context",
                "Decision",
                "Consequences",
                "Alternatives Considered",
            ),
            required=("Status", "Context", "Decision", "Consequences"),
        ),
        Convention(
            name="header-fields",
            description="Seed 001: '# ADR-NNN: Title', bold Status, Date and Decision Makers lines",
            template="header-fields.md",
            width=3,
            status_style="bold",
            date_style="bold",
            sections=(
                "Context",
                "Decision",
                "Consequences",
                "Alternatives Considered",
                "References",
            ),
            index_style="grouped",
            link_pattern="**{phrase}**: [{ref}]({file})",
            link_place="meta",
            superseded_style="status-word",
        ),
        Convention(
            name="detailed",
            description="Seed 002: '# ADR-NNNN: Title', Alternatives and Risks tables",
            template="detailed.md",
            status_style="bold-inside",
            date_style="bold-inside",
            sections=(
                "Decision",
                "Context",
                "Alternatives Considered",
                "Decision Rationale",
                "Consequences",
                "Implementation Notes",
                "Related",
                "Appendix",
            ),
            required=("Decision", "Context", "Alternatives Considered", "Consequences"),
            link_pattern="**{phrase}:** {ref}",
            link_place="section:Related",
            link_bullet="- ",
            superseded_style="status-text",
            superseded_text="Superseded by {refs}",
            successor_links=True,
        ),
        Convention(
            name="log",
            description="Seed 003: one file, '## ADR-NNN: Title' entries separated by '---'",
            template="log.md",
            width=3,
            single_file="DECISIONS.md",
            status_style="bold",
            date_style="bold",
            sections=(
                "Context",
                "Decision",
                "Rationale",
                "Alternatives Considered",
                "Consequences",
            ),
            required=("Context", "Decision"),
            link_pattern="**{phrase}**: {ref}",
            link_place="meta",
            superseded_style="status-word",
        ),
        Convention(
            name="sub-numbered",
            description="Seed 004: 'NNN-title.md' with sub-numbers (017-1), Pending/Implemented",
            template="sub-numbered.md",
            width=3,
            statuses=("proposed", "pending", "accepted", "implemented", "deprecated", "superseded"),
            date_style="none",
            sections=(
                "Status",
                "Context",
                "Decision",
                "Rationale",
                "Consequences",
                "Alternatives considered",
                "Additional Notes",
            ),
            required=("Status", "Context", "Decision"),
            index_columns=("number", "title", "status"),
        ),
    )
}

DEFAULT_CONVENTION = "nygard"


def get_convention(name: str) -> Convention:
    try:
        return CONVENTIONS[name]
    except KeyError:
        known = ", ".join(CONVENTIONS)
        raise UsageError(f"unknown convention {name!r}; known conventions: {known}") from None
