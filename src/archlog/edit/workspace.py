"""The files one edit command works on: read once, edited in memory, written together.

A :class:`Workspace` belongs to a repository. It reads a file the first time an edit asks
for it, keeps its text as a :class:`~archlog.edit.text.Text`, parses records back from the
edited text between steps (so every step sees the spans of the text as it now is), shows the
result as unified diffs, and writes every changed file in one transaction.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from archlog.edit.text import Text
from archlog.edit.transaction import Write, commit
from archlog.errors import ArchlogError, NotFoundError, ReadError
from archlog.model import Record

if TYPE_CHECKING:
    from archlog.read.store import Store


@dataclass
class _File:
    original: bytes | None  # None: a file this command creates
    text: Text
    moved_from: Path | None = None


class Workspace:
    def __init__(self, repo: Store, root: Path | None = None):
        self.repo = repo
        self.root = root or repo.folder  # where the transaction prepares its files
        self.files: dict[Path, _File] = {}
        self.removed: dict[Path, bytes] = {}
        #: Status changes leave dates alone (a migration copies them as they are).
        self.keep_dates = False

    def text(self, path: Path) -> Text:
        entry = self.files.get(path)
        if entry is None:
            from archlog.infra.fs import MAX_RECORD_BYTES, read_regular

            self._check_inside(path)
            try:
                data = read_regular(path, MAX_RECORD_BYTES)
            except OSError as exc:
                raise ReadError(f"cannot read: {exc.strerror}", path) from None
            entry = self.files[path] = _File(data, Text.decode(data, path))
        return entry.text

    def _check_inside(self, path: Path) -> None:
        """Refuse a file that leads (through a symbolic link) outside the repository and the
        folder this edit writes: it is neither read nor written."""
        from archlog.infra.fs import resolves_inside

        if not self.repo.contains(path) and not resolves_inside(self.root, path):
            raise ArchlogError("leads outside the repository; not read or written", path)

    def create(self, path: Path, content: str) -> None:
        if path.exists() or path in self.files:
            raise ArchlogError("already exists", path)
        self.files[path] = _File(None, Text.parse(content))

    def remove(self, path: Path) -> None:
        entry = self.files.pop(path, None)
        if entry is None:
            self.text(path)  # read as every other file is (checked, bounded)
            original = self.files.pop(path).original
            assert original is not None
            self.removed[path] = original
        elif entry.original is not None:
            self.removed[path] = entry.original

    def put(self, path: Path, content: str) -> None:
        """Make ``path`` hold ``content``: created if missing, else replaced (its BOM kept)."""
        if path in self.removed:  # removed, then written again: an edit of the old file
            self.files[path] = _File(self.removed.pop(path), Text.parse(content))
            return
        if path not in self.files and not path.exists():
            self.create(path, content)
            return
        text = self.text(path)
        text.lines = Text.parse(content).lines

    def rename(self, old: Path, new: Path) -> None:
        """Move a file (its edits go along)."""
        if new.exists() or new in self.files:
            raise ArchlogError("already exists; choose another number", new)
        text = self.text(old)
        entry = self.files.pop(old)
        if entry.original is not None:
            self.removed[old] = entry.original
        self.files[new] = _File(None, text, moved_from=old)

    def records(self, path: Path) -> list[Record]:
        from archlog.read.reader import parse_file

        return parse_file(str(self.text(path)), path)

    def record(self, ref: Record) -> Record:
        """``ref`` as the edited text now reads (same file, same entry)."""
        for record in self.records(ref.path):
            if record.entry == ref.entry and (record.entry or record.path == ref.path):
                return record
        raise NotFoundError(f"record {ref.id} is gone from its file after an edit", ref.path)

    def find(self, target: int | str) -> Record | None:
        """The record numbered (or, without a number, named) ``target``: as edited here if
        its file is in the workspace, else as the repository read it."""
        for path in list(self.files):
            for record in self.records(path):
                if record.target == target:
                    return record
        for record in self.repo.records:
            here = record.path in self.files or record.path in self.removed
            if not here and record.target == target:
                return record
        return None

    def changed(self) -> list[Path]:
        out = [p for p, f in self.files.items() if f.original != f.text.to_bytes()]
        return sorted(out + list(self.removed))

    def diff(self) -> str:
        """A unified diff of every change (paths relative to the working directory)."""
        chunks = []
        for path in self.changed():
            entry = self.files.get(path)
            if entry is None:  # moved away: shown with its new name
                continue
            before_path = entry.moved_from or path
            before = self._original_text(entry, before_path)
            after = str(entry.text)
            label_a, label_b = _shown(before_path), _shown(path)
            if entry.moved_from is not None:
                chunks.append(f"rename {label_a} → {label_b}\n")
            lines_a, lines_b = before.splitlines(keepends=True), after.splitlines(keepends=True)
            chunks.extend(
                difflib.unified_diff(
                    lines_a, lines_b, fromfile=f"a/{label_a}", tofile=f"b/{label_b}"
                )
            )
            if chunks and not chunks[-1].endswith("\n"):
                chunks[-1] += "\n\\ No newline at end of file\n"
        return "".join(chunks)

    def new_text(self, path: Path) -> str | None:
        """The text ``path`` holds after the edits (None when it is removed or untouched)."""
        entry = self.files.get(path)
        return None if entry is None else str(entry.text)

    def _original_text(self, entry: _File, path: Path) -> str:
        data = entry.original if entry.moved_from is None else self.removed.get(path)
        if data is None:
            return ""
        return str(Text.decode(data, path))

    def commit(self) -> list[Path]:
        """Write every changed file together; the paths written."""
        for path in [*self.removed, *self.files]:
            self._check_inside(path)
        writes = [Write(p, None, data) for p, data in self.removed.items()]
        written = []
        for path, entry in self.files.items():
            data = entry.text.to_bytes()
            if data != entry.original:
                writes.append(Write(path, data, entry.original))
                written.append(path)
        commit(self.root, writes)
        self.repo.refresh()
        return sorted(written)


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
