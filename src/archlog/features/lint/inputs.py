"""What the rules look at: the folder's records, their text, the settings, and git."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from archlog.errors import ArchlogError
from archlog.features.lint.lint_config import Settings
from archlog.model import Record
from archlog.read.names import OWN_TEMPLATE

if TYPE_CHECKING:
    from archlog.conventions.catalog import Convention
    from archlog.infra.git import PatchHistory
    from archlog.read.store import Store

_DISABLE = re.compile(r"<!--\s*archlog:\s*disable\s*=\s*([A-Za-z0-9_,\s-]+?)\s*-->", re.IGNORECASE)


@dataclass
class Context:
    repo: Store
    conv: Convention
    records: list[Record]
    settings: Settings
    today: str
    #: The folder's git history, when git checks run (``--git``, ``--against``).
    history: PatchHistory | None = None
    against: str | None = None
    #: Relative links per record, where the lint cache knows them: (path, entry) → links.
    links: dict[tuple[Path, str | None], list[tuple[int, str]]] = field(default_factory=dict)
    _texts: dict[Path, list[str]] = field(default_factory=dict)
    #: What the file system answered for link targets the folder listing could not: (path,
    #: exists). A kept report is trusted only if these answers still hold.
    asked: list[tuple[str, bool]] = field(default_factory=list)

    @cached_property
    def by_target(self) -> dict[int | str, list[Record]]:
        out: dict[int | str, list[Record]] = {}
        for record in self.records:
            out.setdefault(record.target, []).append(record)
        return out

    @cached_property
    def dates_records(self) -> bool:
        """Whether the folder dates its records: its dialect writes a date, or some record
        has one (from its index, say)."""
        return self.conv.date_style != "none" or any(r.date for r in self.records)

    @cached_property
    def template_sources(self) -> list[str]:
        """The text of the convention's template and of the folder's own template."""
        from archlog.conventions.rendering import builtin_template
        from archlog.read.guarded import read_inside

        sources = [builtin_template(self.conv.template)] if self.conv.template else []
        try:
            data = read_inside(self.repo, self.repo.folder / OWN_TEMPLATE)
        except ArchlogError:
            data = None  # one that cannot be read (or leads outside) holds no template text
        if data is not None:
            sources.append(data.decode("utf-8", errors="replace"))
        return sources

    @cached_property
    def template_texts(self) -> set[str]:
        """The section texts of the templates (:attr:`template_sources`): a record still
        holding one was not written yet."""
        from archlog.read.reader import parse_file

        out: set[str] = set()
        for source in self.template_sources:
            try:
                for record in parse_file(source, Path("template.md")):
                    out.update(s.body.strip() for s in record.sections if len(s.body.strip()) > 20)
            except ArchlogError:
                continue
        return out

    def lines(self, record: Record) -> list[str]:
        """The lines of the record's file (read once per file)."""
        lines = self._texts.get(record.path)
        if lines is None:
            from archlog.edit.text import Text

            try:
                text = str(Text.decode(record.path.read_bytes(), record.path))
            except (OSError, ArchlogError):  # already reported by the reader
                text = ""
            lines = self._texts[record.path] = text.split("\n")
        return lines

    def own_lines(self, record: Record) -> list[tuple[int, str]]:
        """(line number, text) of the lines that belong to the record."""
        lines = self.lines(record)
        if not record.entry:  # the whole file (and no need for the record's spans)
            return list(enumerate(lines, 1))
        span = record.spans.get("record")
        start, end = (span.start, span.end) if span else (1, len(lines))
        return [(n, lines[n - 1]) for n in range(start, min(end, len(lines)) + 1)]

    @cached_property
    def _listed(self) -> tuple[str, frozenset[str]]:
        """The folder (as a string) and every name its listing holds."""
        return str(self.repo.folder), self.repo.scan_folder().listed

    def exists(self, here: str, href: str) -> bool:
        """Whether the relative link ``href`` in a file of the folder ``here`` points at
        something: a plain name in the repository's folder is looked up in the folder
        listing already made (a ``stat`` per link costs more than the rest of the rule);
        anything else, or a name the listing lacks (another spelling of it, say), asks the
        file system."""
        folder, listed = self._listed
        if here == folder and "/" not in href and os.sep not in href and href in listed:
            return True
        target = os.path.join(here, href)
        found = os.path.exists(target)
        self.asked.append((target, found))
        return found

    def disabled(self, record: Record) -> set[str]:
        """Rules an ``<!-- archlog: disable=ADR012 -->`` comment turns off in this record."""
        out: set[str] = set()
        for _n, line in self.own_lines(record):
            if "archlog" in line:
                for m in _DISABLE.finditer(line):
                    out.update(x.strip().upper() for x in m.group(1).split(",") if x.strip())
        return out
