"""Who and when, from git: each record's authors and the days it was created and last
edited, and the timeline's events. All of it from the one ``git log -p`` of the folder
that the build makes (:func:`archlog.infra.git.read_patches`).

A shallow clone's history starts at its oldest commit, which would seem to create every
file: the site then shows nothing from git, and says so once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from archlog.errors import ArchlogError
from archlog.infra.git import PatchHistory
from archlog.model import Record

SHALLOW = (
    "a shallow clone: the site leaves out the authors, dates and status changes git "
    "would give (fetch the history with git fetch --unshallow)"
)


def read_history(folder: Path) -> tuple[PatchHistory | None, ArchlogError | None]:
    """The folder's history (None outside git, or in a shallow clone: then the warning)."""
    from archlog.infra.git import read_patches, repository_root

    history = read_patches(folder, pending=False)
    if history is not None and history.shallow:  # said of the repository: once for a monorepo
        return None, ArchlogError(SHALLOW, repository_root(folder) or folder)
    return history, None


@dataclass(frozen=True)
class WhoWhen:
    """A record's authors (in the order they first committed to it) and the days its file
    was created and last changed."""

    authors: tuple[str, ...]
    created: str
    edited: str


def who_when(history: PatchHistory | None, record: Record) -> WhoWhen | None:
    """What git says of ``record``'s file (None outside git, and for a log's entries: the
    file's history is every entry's)."""
    if history is None or record.entry:
        return None
    commits = [commit for commit, _lines in history.patches.get(record.path.name, [])]
    days = [history.dates[c] for c in commits if history.dates.get(c)]
    if not days:
        return None
    authors = dict.fromkeys(history.authors[c] for c in commits if history.authors.get(c))
    return WhoWhen(tuple(authors), days[0], days[-1])


@dataclass(frozen=True)
class Event:
    """A day of the timeline: a record written (with the status it was written with, when
    git knows it), or its status changed."""

    day: str
    record: Record
    kind: str  # "created" or "status"
    status: str | None = None


def timeline(records: list[Record], history: PatchHistory | None) -> list[Event]:
    """One event per thing that happened, oldest first: each record's creation — on its
    own date, else the day git first saw it — and each later status change git recorded.
    A status written by the commit that added the file belongs to the creation."""
    from archlog.features.lint.git_rules import status_changes

    events: list[Event] = []
    for record in records:
        changes: list[tuple[str, str]] = []
        added = None
        if history is not None and not record.entry:
            changes = status_changes(history, record.path.name)
            first = history.patches.get(record.path.name)
            added = history.dates.get(first[0][0]) if first else None
        initial = changes.pop(0)[1] if changes and changes[0][0] == added else None
        created = record.date or added
        if created:
            events.append(Event(created, record, "created", initial))
        events += [Event(day, record, "status", status) for day, status in changes]
    events.sort(key=lambda e: (e.day, e.record.sort_key(), e.kind != "created"))
    return events
