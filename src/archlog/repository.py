"""A repository of records: one ADR folder, or one single-file decision log.

``Repository.open()`` finds the folder (``--dir``, configuration, or the usual places),
reads every file once, and keeps the problems it met as warnings so one bad file never hides
the others. Records are sorted by number, then id.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from archlog import config as config_mod
from archlog.conventions import Convention, get_convention
from archlog.errors import ArchlogError, NotFoundError, ReadError, UsageError
from archlog.model import Record
from archlog.names import LOG_STEMS, NameInfo, is_non_record_name, is_template_name, parse_name
from archlog.reader import decode, parse_file

_REF = re.compile(r"^(?:ADR)?[-\s_#]*0*(?P<num>\d+)(?:-(?P<sub>\d+))?$", re.IGNORECASE)


@dataclass
class Folder:
    """What a folder holds before parsing: candidate record files and what their names say."""

    entries: list[tuple[Path, NameInfo | None]]

    @property
    def files(self) -> list[Path]:
        return [path for path, _ in self.entries]

    @property
    def names(self) -> list[NameInfo]:
        return [info for _, info in self.entries if info is not None]


class Repository:
    """The records of one folder (or log file), its configuration and convention."""

    def __init__(self, folder: Path, cfg: config_mod.Config, log_file: Path | None = None):
        self.folder = folder
        self.config = cfg
        self.log_file = log_file
        self.warnings: list[ArchlogError] = []

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls, dir: str | os.PathLike[str] | None = None, *, cwd: Path | None = None,
        must_exist: bool = True,
    ) -> Repository:  # fmt: skip
        """Find and open the repository: ``dir`` if given, else configuration, else the usual
        folders walking up from ``cwd``."""
        here = Path(cwd) if cwd else Path.cwd()
        cfg = config_mod.discover(here)
        if dir is not None:
            target = Path(dir)
            target = target if target.is_absolute() else here / target
        elif cfg.values.get("dir"):
            target = cfg.root / str(cfg.values["dir"])
        else:
            found = config_mod.find_usual_folder(cfg.root, here)
            if found is None and _has_records(here):
                found = here
            if found is None:
                if must_exist:
                    raise NotFoundError(
                        "no ADR folder found here (looked for doc/adr, docs/adr, docs/decisions, "
                        "…); pass --dir, or create one with `archlog init`"
                    )
                found = here / "doc" / "adr"
            target = found
        if target.is_file():
            return cls(target.parent, cfg, log_file=target)
        if must_exist and not target.is_dir():
            raise NotFoundError("no such folder", target)
        return cls(target, cfg)

    # ------------------------------------------------------------------ reading

    def scan_folder(self) -> Folder:
        """Record files and what their names say, without reading them (enough for ``new``)."""
        if self.log_file is not None:
            return Folder([(self.log_file, None)])
        found: list[tuple[Path, NameInfo | None]] = []
        try:
            entries = sorted(os.scandir(self.folder), key=lambda e: e.name)
        except OSError as exc:
            raise ReadError(f"cannot read folder: {exc.strerror}", self.folder) from None
        for entry in entries:
            name = entry.name
            if not name.lower().endswith(".md") or name.startswith("."):
                continue
            stem = name[:-3]
            if is_non_record_name(stem):
                continue
            found.append((Path(entry.path), parse_name(stem)))
        return Folder(found)

    @cached_property
    def records(self) -> list[Record]:
        out = self._read(self.scan_folder().files)
        out.sort(key=Record.sort_key)
        return out

    def sample(self, size: int = 25) -> list[Record]:
        """The newest ``size`` records (highest numbers), read without reading the rest:
        enough to infer how the folder writes records today."""
        if "records" in self.__dict__ or self.log_file is not None:
            return self.records
        entries = self.scan_folder().entries
        named = [(info, path) for path, info in entries if info is not None]
        if len(named) < len(entries):  # files without an id in their name: read everything
            return self.records
        named.sort(key=lambda pair: (pair[0].number or 0, pair[0].id))
        return self._read([path for _, path in named[-size:]], warn=False)

    def _read(self, paths: Iterable[Path], *, warn: bool = True) -> list[Record]:
        out: list[Record] = []
        for path in paths:
            try:
                with open(path, "rb") as fh:
                    data = fh.read()
                text, _bom = decode(data, path)
                parsed = parse_file(text, path)
            except ArchlogError as exc:
                if warn:
                    self.warnings.append(exc)
                continue
            except OSError as exc:
                if warn:
                    self.warnings.append(ReadError(f"cannot read: {exc.strerror}", path))
                continue
            explicit = self.log_file is not None
            for record in parsed:
                if explicit or record.entry or _is_record(record):
                    out.append(record)
                    if warn:
                        self.warnings.extend(
                            ReadError(msg, path, ln) for ln, msg in record.problems
                        )
        return out

    @property
    def is_log(self) -> bool:
        """Whether records live in one decision-log file rather than a file each."""
        if self.log_file is not None:
            return True
        if self.scan_folder().names:
            return False
        return any(r.entry for r in self.records)

    @cached_property
    def convention(self) -> Convention:
        """The configured convention, else the one inferred from the folder."""
        from archlog.infer import infer

        name = self.config.values.get("convention")
        sample = self.sample()
        if name and not sample:
            return get_convention(str(name))
        conv = infer(sample, self.scan_folder().names, base=str(name) if name else None)
        width = self.config.values.get("width")
        return conv.with_overrides(width=width) if width else conv

    def get(self, ref: str) -> Record:
        """The record named by ``ref``: a number (``12``, ``0012``, ``ADR-012``), an id, a
        file name or path."""
        wanted = ref.strip()
        records = self.records
        for record in records:
            if record.id == wanted or record.ref == wanted or record.path.name == wanted:
                return record
        name = Path(wanted).name
        stem = name[:-3] if name.lower().endswith(".md") else name
        for record in records:
            if record.path.stem == stem or record.id.casefold() == wanted.casefold():
                return record
        info = parse_name(stem)
        m = _REF.match(wanted) or (_REF.match(info.id) if info is not None else None)
        if m:
            num, sub = int(m.group("num")), m.group("sub")
            hits = [r for r in records if r.number == num and _sub_of(r) == sub]
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                choices = ", ".join(h.ref for h in hits)
                raise UsageError(f"{ref!r} is ambiguous: it names {choices}")
        raise NotFoundError(f"no record {ref!r} in {self.folder}")

    # ------------------------------------------------------------------ writing

    def used_numbers(self, names: Sequence[NameInfo] | None = None) -> set[int]:
        """Every number the folder has used: its files, its log entries, its git history."""
        from archlog.gitinfo import names_ever_in

        if names is None:
            names = self.scan_folder().names
        used = {n.number for n in names if n.number is not None}
        if self.is_log:
            used.update(r.number for r in self.records if r.number is not None)
        for gone in names_ever_in(self.folder):
            if gone.lower().endswith(".md"):
                info = parse_name(gone[:-3])
                if info is not None and info.number is not None and not is_template_name(gone):
                    used.add(info.number)
        return used

    def new(self, title: str, **options: object) -> Path:
        """Create a record; see :func:`archlog.create.new_record` for the options."""
        from archlog.create import new_record

        return new_record(self, title, **options)  # type: ignore[arg-type]


def _sub_of(record: Record) -> str | None:
    m = re.search(r"\d-(\d+)$", record.id)
    return m.group(1) if m else None


def _is_record(record: Record) -> bool:
    """A file whose name carries no id is a record only if it reads like one."""
    if parse_name(record.path.stem) is not None:
        return True
    return record.number is not None or bool(record.status_text)


def _has_records(folder: Path) -> bool:
    try:
        names: Iterable[str] = os.listdir(folder)
    except OSError:
        return False
    for name in names:
        stem = name[:-3]
        if not name.lower().endswith(".md") or is_non_record_name(stem):
            continue
        if parse_name(stem) is not None or stem.lower() in LOG_STEMS:
            return True
    return False
