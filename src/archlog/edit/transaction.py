"""Changes to several files that land together or not at all.

A change that touches several files (supersede, link, renumber) is checked first — every
file still holds what the command read, every file is writable — and then written:

1. each new content goes to a temporary file in ``.archlog-txn/`` inside the folder, and
   each file about to change is hard-linked there too (its old content, kept for free);
2. a journal naming them is written (atomically) beside them;
3. each file is replaced by a rename, so no reader ever sees half a file;
4. the folder ``.archlog-txn/`` is removed.

If a write fails, the files already replaced are restored at once. If the process dies in
step 3, the next archlog command in that folder finds the journal and undoes the change
(:func:`recover`), so every file is either fully old or fully new. All of it runs under the
folder lock (:func:`archlog.infra.fs.folder_lock`).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
from dataclasses import dataclass
from pathlib import Path

from archlog.errors import ArchlogError

TXN_DIR = ".archlog-txn"
JOURNAL = "journal.json"


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
    if len(writes) == 1 and writes[0].expect is None and writes[0].data is not None:
        # one new file: an exclusive create is atomic already, no journal needed
        from archlog.infra.fs import create_exclusive

        writes[0].path.parent.mkdir(parents=True, exist_ok=True)
        create_exclusive(writes[0].path, writes[0].data)
        return
    txn = folder / TXN_DIR
    if txn.exists():
        recover(folder)
    try:
        for w in writes:
            if w.data is not None:
                w.path.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ArchlogError(f"cannot create the folder: {exc.strerror}", folder) from None
    try:
        txn.mkdir()
    except OSError as exc:
        raise ArchlogError(f"cannot write in the folder: {exc.strerror}", folder) from None
    entries = []
    try:
        for i, w in enumerate(writes):
            entry: dict[str, str | None] = {"path": str(w.path), "new": None, "old": None}
            if w.data is not None:
                new = txn / f"new-{i}"
                _write_file(new, w.data, mode_of=w.path)
                entry["new"] = new.name
            if w.expect is not None:
                old = txn / f"old-{i}"
                _keep(w.path, old)
                entry["old"] = old.name
            entries.append(entry)
        _write_file(txn / f"{JOURNAL}.tmp", json.dumps({"entries": entries}).encode())
        os.replace(txn / f"{JOURNAL}.tmp", txn / JOURNAL)
        _sync_dir(txn)
    except OSError as exc:
        shutil.rmtree(txn, ignore_errors=True)
        raise ArchlogError(f"cannot prepare the change: {exc.strerror}", folder) from None
    crash_after = os.environ.get("ARCHLOG_TEST_CRASH_AFTER_WRITES")
    done = 0
    try:
        for entry in entries:
            target = Path(str(entry["path"]))
            if entry["new"] is not None and entry["old"] is None:
                os.link(txn / str(entry["new"]), target)  # a new file: fails if it appeared
                os.unlink(txn / str(entry["new"]))
            elif entry["new"] is not None:
                os.replace(txn / str(entry["new"]), target)
            else:
                os.unlink(target)
            done += 1
            if crash_after is not None and done == int(crash_after):
                os.kill(os.getpid(), signal.SIGKILL)  # the fault test: die between two writes
        _sync_dir(folder)
    except OSError as exc:
        _undo(txn, entries)
        shutil.rmtree(txn, ignore_errors=True)
        raise ArchlogError(f"cannot write: {exc.strerror}; nothing was changed",
                           Path(str(entries[done]["path"]))) from None  # fmt: skip
    shutil.rmtree(txn, ignore_errors=True)


def recover(folder: Path) -> str | None:
    """Undo a change an earlier process left half done; a message saying so, or None."""
    txn = folder / TXN_DIR
    if not txn.is_dir():
        return None
    try:
        data = json.loads((txn / JOURNAL).read_text(encoding="utf-8"))
        entries = data["entries"]
    except (OSError, ValueError, KeyError, TypeError):
        entries = None  # died before the journal was complete: nothing was replaced yet
    if entries:
        _undo(txn, entries)
    shutil.rmtree(txn, ignore_errors=True)
    if not entries:
        return None
    names = ", ".join(sorted({Path(str(e["path"])).name for e in entries}))
    return f"an interrupted edit was undone; these files are as they were before it: {names}"


def _undo(txn: Path, entries: list[dict[str, str | None]]) -> None:
    for entry in entries:
        target = Path(str(entry["path"]))
        old = txn / str(entry["old"]) if entry["old"] else None
        with contextlib.suppress(OSError):
            if old is not None and old.exists():
                os.replace(old, target)
            elif old is None and entry["new"] is not None and _created(txn / entry["new"], target):
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


def _write_file(path: Path, data: bytes, mode_of: Path | None = None) -> None:
    with open(path, "wb") as fh:
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
