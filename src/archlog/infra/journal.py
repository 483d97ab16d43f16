"""Where the journal of an edit in progress lives, and when one is trusted.

A change to several files prepares them in a staging folder, ``.archlog-txn/``, beside the
files (a rename must not cross file systems); the *journal* that says what to undo if the
process dies is kept apart from it, in archlog's private state folder
(:mod:`archlog.infra.state`), named by the edited folder's real path. The two are bound by a
random token written in both. So a journal is only ever one that this user's archlog wrote on
this machine for this very folder: a ``.archlog-txn/`` that came with a clone, a copy or an
archive has no journal here and is never acted on (nor removed) — archlog says so once.

A journal names files relative to the folder it was made for (its *base*); each one is checked
to resolve inside that folder, through any symbolic link, before it is touched.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from archlog.errors import ArchlogError
from archlog.infra.fs import within

TXN_DIR = ".archlog-txn"
#: The file in the staging folder that holds the journal's token.
OWNER = "owner"
_STAGED = re.compile(r"(?:new|old)-\d{1,6}")
_MAX_JOURNAL = 4 << 20

FOREIGN = (
    f"holds a {TXN_DIR} folder that no edit on this machine left (it came with a clone or a "
    "copy?); archlog neither uses nor removes it: delete it"
)


@dataclass
class Entry:
    """One file of the change: its path relative to the base, and its staged files."""

    path: str
    new: str | None
    old: str | None


@dataclass
class Journal:
    base: Path
    token: str
    phase: str  # "prepare": nothing replaced yet; "replace": files are being replaced
    entries: list[Entry]

    @property
    def staging(self) -> Path:
        return self.base / TXN_DIR

    def target(self, entry: Entry) -> Path:
        return self.base / entry.path


def journal_path(folder: Path) -> Path:
    """The journal of edits of ``folder`` (the state folder is made private if needed)."""
    from archlog.infra.fs import folder_key
    from archlog.infra.state import private_state_dir

    return private_state_dir("journals") / f"{folder_key(folder)}.json"


def save(folder: Path, journal: Journal) -> None:
    """Write the journal of an edit of ``folder`` (atomically, readable by this user only)."""
    from archlog.infra.fs import atomic_write

    data = {
        "version": 1,
        "base": str(journal.base),
        "token": journal.token,
        "phase": journal.phase,
        "entries": [[e.path, e.new, e.old] for e in journal.entries],
    }
    atomic_write(journal_path(folder), json.dumps(data).encode(), mode=0o600)


def discard(folder: Path) -> None:
    """Remove the journal of ``folder`` (the edit is done or undone)."""
    try:
        os.unlink(journal_path(folder))
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise ArchlogError(f"cannot remove the edit journal: {exc.strerror}", folder) from None


def load(folder: Path) -> Journal | None:
    """The journal of ``folder`` if there is one and it is sound; else None (a damaged one
    is an error: it is never half trusted)."""
    from archlog.infra.fs import read_regular

    path = journal_path(folder)
    try:
        raw = read_regular(path, _MAX_JOURNAL, follow=False)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ArchlogError(f"cannot read the edit journal: {exc.strerror}", path) from None
    try:
        return _parse(json.loads(raw), folder)
    except (ValueError, TypeError, KeyError, RecursionError) as exc:
        raise ArchlogError(f"the edit journal is damaged ({exc}); remove it", path) from None


def _parse(data: dict[str, object], folder: Path) -> Journal:
    base = Path(str(data["base"]))
    real = os.path.realpath(folder)
    if not base.is_absolute() or not within(str(base), real):  # the folder, or one above it
        raise ValueError("its folder is not the one being edited")
    entries = []
    for item in data["entries"]:  # type: ignore[attr-defined]
        path, new, old = item
        if not isinstance(path, str) or not inside(str(base), path):
            raise ValueError(f"it names a file outside {base}: {path!r}")
        for staged in (new, old):
            if staged is not None and not (isinstance(staged, str) and _STAGED.fullmatch(staged)):
                raise ValueError(f"it names a staged file {staged!r}")
        entries.append(Entry(path, new, old))
    token, phase = data["token"], data["phase"]
    if not isinstance(token, str) or phase not in ("prepare", "replace"):
        raise ValueError("no token or phase")
    return Journal(base, token, str(phase), entries)


def inside(base: str, relative: str) -> bool:
    """Whether ``relative`` names a file under the folder ``base``: a relative path without
    ``..``, whose folder resolves (through any symbolic link) inside ``base``."""
    if not relative or os.path.isabs(relative) or "\0" in relative:
        return False
    parts = relative.replace("\\", "/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        return False
    parent = os.path.realpath(os.path.join(base, os.path.dirname(relative)))
    return within(os.path.realpath(base), parent)


def owns(journal: Journal) -> bool:
    """Whether the staging folder beside the files is the one this journal made."""
    from archlog.infra.fs import read_regular

    try:
        token = read_regular(journal.staging / OWNER, 4096, follow=False)
    except OSError:
        return False
    return token.decode("ascii", "replace") == journal.token


def pending(folder: Path) -> str | None:
    """What a reading command should say of ``folder``'s staging folder: an edit this machine
    left half done, a foreign one, or nothing. Writes nothing."""
    if not os.path.isdir(os.path.join(folder, TXN_DIR)):
        return None
    try:
        journal = load(folder)
    except ArchlogError as exc:
        return exc.message
    if journal is not None and journal.base == Path(os.path.realpath(folder)) and owns(journal):
        return "an interrupted edit is pending; the next archlog edit here undoes it"
    return FOREIGN
