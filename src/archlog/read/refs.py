"""Finding records in a store: one by any name a user gives it, and the numbers and names
its folder has used (what ``new`` numbers past)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from archlog.errors import NotFoundError, UsageError
from archlog.model import NameInfo, Record
from archlog.read.names import is_template_name, parse_name, sub_number
from archlog.read.store_part import StorePart

if TYPE_CHECKING:
    pass

_REF = re.compile(r"^(?:[A-Za-z]{1,12})?[-\s_#]{0,2}0*(?P<num>\d{1,9})(?:-(?P<sub>\d{1,3}))?$")


class Finding(StorePart):
    """A record by reference; the numbers and names in use."""

    def get(self, ref: str) -> Record:
        """The record named by ``ref``: a number (``12``, ``0012``, ``ADR-012``), an id, a
        unique prefix of an id (``20201016``), a file name or path."""
        wanted = ref.strip()
        records = self.records
        for record in records:
            if record.id == wanted or record.ref == wanted or record.path.name == wanted:
                return record
        name = Path(wanted).name
        stem = name[:-3] if name.lower().endswith(".md") else name
        folded = wanted.casefold()
        for record in records:
            if record.path.stem == stem or record.id.casefold() == folded:
                return record
            named = record.id.rsplit("/", 1)[-1].casefold() == folded
            folder = record.path.name.lower() in ("readme.md", "index.md")
            if (named or record.path.parent.name == stem) and (folder or "/" in record.id):
                return record
        m = _REF.match(wanted)
        if m:
            num, sub = int(m.group("num")), m.group("sub")
            hits = [r for r in records if r.number == num and (sub_number(r.id) or None) == sub]
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                choices = ", ".join(h.ref for h in hits)
                raise UsageError(f"{ref!r} is ambiguous: it names {choices}")
        prefixed = [r for r in records if r.id.casefold().startswith(folded) and len(folded) >= 4]
        if len(prefixed) == 1:
            return prefixed[0]
        if len(prefixed) > 1:
            choices = ", ".join(h.ref for h in prefixed[:5])
            raise UsageError(f"{ref!r} is ambiguous: it names {choices}")
        raise NotFoundError(f"no record {ref!r} in {self.folder}")

    def used_numbers(self, area: str | None = None) -> set[int]:
        """Every number the folder (or, where numbers restart per area, the area) has used:
        its files, its log entries, its git history."""
        from archlog.infra.git import names_ever_in

        sources = self.listing.sources
        demoted = self.listing.demoted
        scoped = [s for s in sources if area is None or s.area == area]
        used = {
            s.name.number
            for s in scoped
            if s.name is not None and s.name.number is not None and s.key not in demoted
        }
        if self.is_log:
            used.update(r.number for r in self.records if r.number is not None)
        history = self.folder / area if area else self.folder
        for gone in names_ever_in(history):
            if gone.lower().endswith(".md"):
                info = parse_name(gone[:-3])
                if info is not None and info.number is not None and not is_template_name(gone[:-3]):
                    used.add(info.number)
        return used

    def names(self, area: str | None = None) -> list[NameInfo]:
        """What the names of the folder's record files (in ``area``) say."""
        return [
            s.name
            for s in self.listing.sources
            if s.name is not None and (area is None or s.area == area)
        ]

    def areas(self) -> list[str]:
        """The sub-folders that hold records, in order."""
        return sorted({s.area for s in self.listing.sources if s.area})
