"""Changes to several files that land together or not at all.

A change that touches several files (supersede, link, renumber) is checked first — every
file still holds what the command read, every file is writable — and then written:

1. a journal naming the files (relative to the folder they share, its *base*) is written in
   archlog's private state folder, bound by a random token to the staging folder
   ``.archlog-txn/`` made next in the base (see :mod:`archlog.infra.journal`);
2. each new content goes to a file created exclusively in the staging folder, and each file
   about to change is hard-linked there too (its old content, kept for free);
3. the journal is marked *replacing*, and each file is replaced by a rename, so no reader
   ever sees half a file;
4. the staging folder and the journal are removed.

If a write fails, the files already replaced are restored at once. If the process dies in
step 3, the next archlog edit of that folder finds the journal and undoes the change
(:func:`recover`), so every file is either fully old or fully new. A ``.archlog-txn/`` that
no journal here claims (one that came with a clone) is never acted on. A change of one file
needs no journal: it is one exclusive create, one rename or one removal. All of it runs
under the folder lock (:func:`archlog.infra.locks.folder_lock`).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
from dataclasses import dataclass
from pathlib import Path

from archlog.errors import ArchlogError
from archlog.infra import journal as journals
from archlog.infra.journal import OWNER, TXN_DIR, Entry, Journal

__all__ = ["TXN_DIR", "Write", "commit", "recover"]


@dataclass
class Write:
    """Make ``path`` hold ``data`` (None: remove it); ``expect`` is what it holds now
    (None: it must not exist)."""

    path: Path
    data: bytes | None
    expect: bytes | None


def commit(folder: Path, writes: list[Write]) -> None:
    """Check every write, then apply them all; on failure, restore what was written."""
    writes = [w for w in writes if w.data != w.expect]
    if not writes:
        return
    _check(writes)
    _make_folders(folder, writes)
    if len(writes) == 1:
        _commit_one(writes[0])
        return
    journal = _journal(folder, writes)
    _stage(folder, journal, writes)
    _replace(folder, journal)
    shutil.rmtree(journal.staging, ignore_errors=True)
    journals.discard(folder)


def _make_folders(folder: Path, writes: list[Write]) -> None:
    try:
        for w in writes:
            if w.data is not None:
                w.path.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ArchlogError(f"cannot create the folder: {exc.strerror}", folder) from None


def _journal(folder: Path, writes: list[Write]) -> Journal:
    """Step 1: the journal of ``writes``, saved (its entries relative to their base)."""
    # the folder the files share, by real paths: no entry ever climbs out of it with ".."
    real = [os.path.realpath(folder), *(os.path.realpath(w.path.parent) for w in writes)]
    base = Path(os.path.commonpath(real))
    if os.path.lexists(base / TXN_DIR):
        raise ArchlogError(journals.FOREIGN + ", then edit again; nothing was written", base)
    entries = [
        Entry(
            _relative(base, w.path),
            f"new-{i}" if w.data is not None else None,
            f"old-{i}" if w.expect is not None else None,
        )
        for i, w in enumerate(writes)
    ]
    journal = Journal(base, secrets.token_hex(16), "prepare", entries)
    journals.save(folder, journal)
    return journal


def _relative(base: Path, path: Path) -> str:
    """``path`` relative to ``base`` (which holds its real parent), ``/``-separated."""
    parent = os.path.relpath(os.path.realpath(path.parent), base).replace(os.sep, "/")
    return f"{parent}/{path.name}".removeprefix("./")


def _stage(folder: Path, journal: Journal, writes: list[Write]) -> None:
    """Step 2: the new contents and the old files in the staging folder; the journal then
    marked *replacing*. Nothing is left behind when that fails."""
    txn = journal.staging
    try:
        os.mkdir(txn, 0o700)
    except OSError as exc:
        journals.discard(folder)
        raise ArchlogError(f"cannot write in the folder: {exc.strerror}", journal.base) from None
    try:
        _write_file(txn / OWNER, journal.token.encode())
        for w, entry in zip(writes, journal.entries, strict=True):
            if w.data is not None and entry.new is not None:
                _write_file(txn / entry.new, w.data, mode_of=w.path)
            if w.expect is not None and entry.old is not None:
                _keep(w.path, txn / entry.old)
        _sync_dir(txn)
        journal.phase = "replace"
        journals.save(folder, journal)
    except (OSError, ArchlogError) as exc:
        shutil.rmtree(txn, ignore_errors=True)
        journals.discard(folder)
        reason = exc.strerror if isinstance(exc, OSError) else exc.message
        raise ArchlogError(f"cannot prepare the change: {reason}", folder) from None


def _replace(folder: Path, journal: Journal) -> None:
    """Step 3: each file replaced by a rename (a new one linked, failing if it appeared; a
    removed one unlinked); what was replaced is restored at once when one fails."""
    txn = journal.staging
    crash_after = os.environ.get("ARCHLOG_TEST_CRASH_AFTER_WRITES")
    done = 0
    try:
        for entry in journal.entries:
            target = journal.target(entry)
            if entry.new is not None and entry.old is None:
                os.link(txn / entry.new, target)  # a new file: fails if it appeared
                os.unlink(txn / entry.new)
            elif entry.new is not None:
                os.replace(txn / entry.new, target)
            else:
                os.unlink(target)
            done += 1
            if crash_after is not None and done == int(crash_after):
                os.kill(os.getpid(), signal.SIGKILL)  # the fault test: die between two writes
        _sync_dir(journal.base)
    except OSError as exc:
        _undo(journal)
        shutil.rmtree(txn, ignore_errors=True)
        journals.discard(folder)
        raise ArchlogError(
            f"cannot write: {exc.strerror}; nothing was changed",
            journal.target(journal.entries[done]),
        ) from None


def _commit_one(w: Write) -> None:
    """One file: created exclusively, replaced by a rename, or removed — atomic already."""
    from archlog.infra.fs import atomic_write, create_exclusive

    if w.data is None:
        try:
            os.unlink(w.path)
        except OSError as exc:
            raise ArchlogError(f"cannot remove: {exc.strerror}", w.path) from None
    elif w.expect is None:
        create_exclusive(w.path, w.data)
    else:
        atomic_write(w.path, w.data)


def recover(folder: Path) -> str | None:
    """Undo a change an earlier process left half done; a message saying so (or that a
    staging folder here is not this machine's), or None."""
    journal = journals.load(folder)
    if journal is None:
        return journals.FOREIGN if os.path.isdir(folder / TXN_DIR) else None
    txn = journal.staging
    if not os.path.isdir(txn):  # died before the staging folder was made: nothing to undo
        journals.discard(folder)
        return None
    if not journals.owns(journal):  # not the folder this journal made: leave it alone
        journals.discard(folder)
        return journals.FOREIGN
    undone = journal.phase == "replace" and bool(journal.entries)
    if undone:  # before that, nothing was replaced yet
        _undo(journal)
    shutil.rmtree(txn, ignore_errors=True)
    journals.discard(folder)
    if not undone:
        return None
    names = ", ".join(sorted({Path(e.path).name for e in journal.entries}))
    return f"an interrupted edit was undone; these files are as they were before it: {names}"


def _undo(journal: Journal) -> None:
    txn = journal.staging
    for entry in journal.entries:
        target = journal.target(entry)
        old = txn / entry.old if entry.old else None
        with contextlib.suppress(OSError):
            if old is not None and old.exists():
                os.replace(old, target)
            elif old is None and entry.new is not None and _created(txn / entry.new, target):
                os.unlink(target)  # a file this change created, and had created already


def _created(new: Path, target: Path) -> bool:
    """Whether ``target`` is the file the change created from ``new`` (linked into place:
    ``new`` is gone, or still the same file as ``target``)."""
    if not new.exists():
        return target.exists()
    try:
        return os.path.samefile(new, target)
    except OSError:
        return False


def _check(writes: list[Write]) -> None:
    for w in writes:
        try:
            now = w.path.read_bytes()
        except FileNotFoundError:
            now = None
        except OSError as exc:
            raise ArchlogError(f"cannot read: {exc.strerror}", w.path) from None
        if now != w.expect:
            what = "appeared" if w.expect is None else "changed"
            raise ArchlogError(f"{what} while archlog was working; nothing was written", w.path)
        if now is not None and not _writable(w.path):
            raise ArchlogError("the file is read-only; nothing was written", w.path)
        parent = w.path.parent
        while not parent.exists() and parent != parent.parent:
            parent = parent.parent
        if not os.access(parent, os.W_OK):
            raise ArchlogError("the folder is read-only; nothing was written", parent)


def _writable(path: Path) -> bool:
    """Writable by us, and not marked read-only (no write bit: even root should not edit)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(mode & 0o222) and os.access(path, os.W_OK)


_CREATE = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
)


def _write_file(path: Path, data: bytes, mode_of: Path | None = None) -> None:
    """Create ``path`` (exclusively: never through a name planted beforehand) with ``data``."""
    fd = os.open(path, _CREATE, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    mode = 0o644
    if mode_of is not None:
        with contextlib.suppress(OSError):
            mode = mode_of.stat().st_mode & 0o7777
    os.chmod(path, mode)


def _keep(path: Path, backup: Path) -> None:
    try:
        os.link(path, backup)  # the old content, without copying it
    except OSError:
        shutil.copy2(path, backup)


def _sync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
