"""A repository of records: one ADR folder, or one single-file decision log.

``Store.open()`` finds the folder (``--dir``, configuration, or the usual places),
reads every file once, and keeps the problems it met as warnings so one bad file never hides
the others. Records are sorted by number, then id.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import NamedTuple, cast

from archlog.conventions.catalog import Convention, get_convention
from archlog.errors import ArchlogError, NotFoundError, ReadError, UsageError
from archlog.infra import config as config_mod
from archlog.model import NameInfo, Record
from archlog.read.cache import ParseCache, digest
from archlog.read.names import (
    LOG_STEMS,
    is_non_record_name,
    is_record_name,
    is_template_name,
    parse_name,
    quick_number,
    sub_number,
)

#: Where an edit prepares its files (archlog.edit.transaction.TXN_DIR; not imported: start-up).
TXN_DIR = ".archlog-txn"
_REF = re.compile(r"^(?:ADR)?[-\s_#]*0*(?P<num>\d+)(?:-(?P<sub>\d+))?$", re.IGNORECASE)


class Content(NamedTuple):
    """One record file as read: its path, name, bytes and content key (the digest the
    caches are keyed on; None when they are off)."""

    path: Path
    name: str
    data: bytes
    key: bytes | None


@dataclass
class Folder:
    """What a folder holds before parsing: candidate record files and what their names say
    (parsed on first use: listing does not need it)."""

    files: list[Path]
    #: Every name in the folder (records or not), as listed: lets questions such as "does
    #: this link's target exist?" be answered without a ``stat`` per link.
    listed: frozenset[str] = frozenset()

    @cached_property
    def entries(self) -> list[tuple[Path, NameInfo | None]]:
        return [(path, parse_name(path.name[:-3])) for path in self.files]

    @property
    def names(self) -> list[NameInfo]:
        return [info for _, info in self.entries if info is not None]

    @cached_property
    def numbers(self) -> list[tuple[int | None, Path]]:
        """Each file's number (None without one), found the cheap way."""
        return [(quick_number(path.name[:-3]), path) for path in self.files]


class Store:
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
    ) -> Store:  # fmt: skip
        """Find and open the repository: ``dir`` if given, else configuration, else the usual
        folders walking up from ``cwd``."""
        here = Path(cwd) if cwd else Path.cwd()
        cfg = configuration(here)
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
            repo = cls(target.parent, cfg, log_file=target)
        elif must_exist and not target.is_dir():
            raise NotFoundError("no such folder", target)
        else:
            repo = cls(target, cfg)
        repo._note_interrupted_edit()
        return repo

    def _note_interrupted_edit(self) -> None:
        """Say so when an edit a killed process left half done is pending: reading writes
        nothing, so it is the next edit that finishes it (see archlog.edit.change)."""
        if os.path.isdir(os.path.join(self.folder, TXN_DIR)):
            self.warnings.append(
                ArchlogError(
                    "an interrupted edit is pending; the next archlog edit here undoes it",
                    self.folder,
                )
            )

    # ------------------------------------------------------------------ reading

    def refresh(self) -> None:
        """Forget what was read, so the next question reads the folder again."""
        for name in ("records", "_folder", "_contents"):
            self.__dict__.pop(name, None)

    def scan_folder(self) -> Folder:
        """Record files and what their names say, without reading them (enough for ``new``)."""
        return self._folder

    @cached_property
    def _folder(self) -> Folder:
        if self.log_file is not None:
            return Folder([self.log_file] if self.log_file.exists() else [])
        found: list[Path] = []
        try:
            names = sorted(os.listdir(self.folder))
        except FileNotFoundError:  # a folder not made yet (init): nothing in it
            return Folder([])
        except OSError as exc:
            raise ReadError(f"cannot read folder: {exc.strerror}", self.folder) from None
        child = _child_maker(self.folder)
        for name in names:
            if not name.lower().endswith(".md") or name.startswith("."):
                continue
            if is_non_record_name(name[:-3]):
                continue
            found.append(child(name))
        return Folder(found, frozenset(names))

    def contents(self) -> list[Content]:
        """Every record file's bytes and content key, each file read once: enough for a
        result kept under the files' keys (lint's report, the export) to answer without
        parsing. Kept until :attr:`records` parses them, so nothing is read twice."""
        kept: list[Content] | None = self.__dict__.get("_contents")
        if kept is None:
            files = self.scan_folder().files
            kept = self.__dict__["_contents"] = list(self._load(files, keyed=True))
        return kept

    @property
    def parsed(self) -> bool:
        """Whether the records have been parsed already."""
        return "records" in self.__dict__

    def contents_key(self) -> bytes | None:
        """One key for every record file's name and content at once (for a result computed
        from all of them); None when the caches are off or a file could not be read."""
        contents = self.contents()
        if len(contents) != len(self.scan_folder().files):
            return None
        keys = [item.key for item in contents]
        if None in keys:
            return None
        h = hashlib.sha256("\0".join([item.name for item in contents]).encode())
        h.update(b"".join(cast("list[bytes]", keys)))
        return h.digest()[:16]

    @cached_property
    def records(self) -> list[Record]:
        with _no_gc_pauses():
            source = self.__dict__.pop("_contents", None)  # read already: parse those bytes
            if source is None:  # else read and parse file by file: the bytes are not kept
                source = self._load(self.scan_folder().files, keyed=True)
            out = self._parse(source, whole=True)
            out.sort(key=Record.sort_key)
        if self.log_file is None and any(r.date is None for r in out):
            from archlog.read.index_file import merge_index_dates  # the index may date them

            merge_index_dates(self.folder, self.config, out)
        return out

    def sample(self, size: int = 25) -> list[Record]:
        """The newest ``size`` records (highest numbers), read without reading the rest:
        enough to infer how the folder writes records today. (A command that reads every
        record anyway should read them first: the sample then comes from them.)"""
        if self.log_file is not None:
            return self.records
        numbers = self.scan_folder().numbers
        named = [(n, path.name, path) for n, path in numbers if n is not None]
        if len(named) < len(numbers):  # files without a number in their name: read them all
            return self.records
        named.sort()
        newest = [path for _, _, path in named[-size:]]
        if "records" in self.__dict__:  # already read: the same records, not all of them
            wanted, found = set(newest), []
            for record in reversed(self.records):  # sorted by number: the newest are last
                if record.path in wanted:
                    found.append(record)
                    wanted.discard(record.path)
                    if not wanted:
                        break
            return found[::-1]
        kept = self.__dict__.get("_contents")
        if kept is not None:  # read already (not parsed): those bytes, in the same order
            at = {name: i for i, (_, name, _, _) in enumerate(kept)}
            chosen = [kept[at[path.name]] for path in newest if path.name in at]
            return self._parse(chosen, warn=False, cached=False)
        # a few files parse faster than the whole folder's parse cache loads
        return self._parse(self._load(newest, warn=False), warn=False, cached=False)

    @cached_property
    def parse_cache(self) -> ParseCache | None:
        """The content-keyed parse cache of this folder, unless turned off."""
        from archlog.read import cache

        if not cache.enabled(self.config.values.get("cache", True)):
            return None
        return cache.ParseCache(self._place, self.folder)

    def side_cache(self, kind: str, salt: str) -> ParseCache | None:
        """A cache of results derived from this folder's files (lint's findings, the
        export, the site's pages), salted with what else they depend on; on only when the
        parse cache is."""
        if self.parse_cache is None:
            return None
        return ParseCache(self._place, self.folder, kind=kind, salt=salt)

    @cached_property
    def _place(self) -> Path:
        """What the caches are named after: the folder, or the log file."""
        return (self.log_file or self.folder).resolve()

    def _load(
        self, paths: Iterable[Path], *, warn: bool = True, keyed: bool = False
    ) -> Iterator[Content]:
        """Each file's bytes (and, with ``keyed`` and a parse cache, its content key)."""
        keyed = keyed and self.parse_cache is not None
        # in a folder, open by the folder's path joined as a string: str(Path) costs more
        base = None if self.log_file is not None else str(self.folder) + os.sep
        for path in paths:
            name = path.name
            try:
                data = _read_bytes(base + name if base else str(path))
            except OSError as exc:
                if warn:
                    self.warnings.append(ReadError(f"cannot read: {exc.strerror}", path))
                continue
            yield Content(path, name, data, digest(data) if keyed else None)

    def _parse(
        self, source: Iterable[Content], *, warn: bool = True, whole: bool = False,
        cached: bool = True,
    ) -> list[Record]:  # fmt: skip
        """The records of each file read (from the parse cache when its key is known)."""
        out: list[Record] = []
        store = self.parse_cache if cached else None
        explicit = self.log_file is not None
        for path, name, data, key in source:
            try:
                parsed = None
                if store is not None and key is not None:
                    parsed = store.lookup(path, name, key)
                if parsed is None:
                    from archlog.read.reader import decode, parse_file

                    text, _bom = decode(data, path)
                    parsed = parse_file(text, path)
                    if store is not None and key is not None:
                        store.store(name, key, parsed)
            except ArchlogError as exc:
                if warn:
                    self.warnings.append(exc)
                continue
            for record in parsed:
                if key is not None:
                    record.__dict__["_digest"] = key  # derived caches (lint) key on it too
                if explicit or record.entry or _reads_as_record(record):
                    out.append(record)
                    if warn and record.problems:
                        self.warnings.extend(
                            ReadError(msg, path, ln) for ln, msg in record.problems
                        )
        if store is not None:
            store.save(prune=whole)
        return out

    @property
    def is_log(self) -> bool:
        """Whether records live in one decision-log file rather than a file each."""
        if self.log_file is not None:
            return True
        if any(is_record_name(path.name[:-3]) for path in self.scan_folder().files):
            return False
        return any(r.entry for r in self.records)

    @cached_property
    def convention(self) -> Convention:
        """The configured convention, else the one inferred from the folder."""
        from archlog.conventions.infer import infer

        name = self.config.values.get("convention")
        sample = self.sample()
        if name and not sample:
            return get_convention(str(name))
        names = [info for r in sample if (info := parse_name(r.path.stem)) is not None]
        conv = infer(sample, names, base=str(name) if name else None)
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
        from archlog.infra.git import names_ever_in

        if names is None:
            used = {n for n, _path in self.scan_folder().numbers if n is not None}
        else:
            used = {n.number for n in names if n.number is not None}
        if self.is_log:
            used.update(r.number for r in self.records if r.number is not None)
        for gone in names_ever_in(self.folder):
            if gone.lower().endswith(".md"):
                info = parse_name(gone[:-3])
                if info is not None and info.number is not None and not is_template_name(gone):
                    used.add(info.number)
        return used


@contextlib.contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Hold the cyclic garbage collector while reading: records are made by the ten thousand
    and hold no cycles, so its passes would only rescan them again and again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()  # what was read stays: keep it out of later passes too
            gc.enable()


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)  # O_BINARY: Windows only


def _read_bytes(path: str) -> bytes:
    """The whole file, read with plain system calls: a Python file object costs about as
    much to make as a small record costs to read, and a folder holds thousands of them."""
    fd = os.open(path, _READ_FLAGS)
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 16):  # to the empty read: short reads are allowed
            chunks.append(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


def _child_maker(folder: Path) -> Callable[[str], Path]:
    """A fast ``folder / name`` for plain names (what ``Path.iterdir()`` itself uses, where
    this Python has it: joining re-parses the whole path, once per file)."""
    fast = getattr(folder, "_make_child_relpath", None)
    if callable(fast):
        return cast("Callable[[str], Path]", fast)
    return folder.joinpath


def _sub_of(record: Record) -> str | None:
    return sub_number(record.id) or None


def _reads_as_record(record: Record) -> bool:
    """A file is a record if its name carries an id, or else if it reads like one."""
    if record.number is not None or record.status_text:
        return True
    return parse_name(record.path.stem) is not None


def configuration(start: Path | None = None) -> config_mod.Config:
    """The configuration nearest to ``start``, checked whole (the convention included)."""
    return config_mod.discover(start, validate=convention_problems)


def convention_problems(values: dict[str, object]) -> list[str]:
    """A configured convention archlog does not know (a configuration check)."""
    from archlog.conventions.catalog import CONVENTIONS

    name = values.get("convention")
    if isinstance(name, str) and name not in CONVENTIONS:
        return [f"unknown convention {name!r} (known: {', '.join(CONVENTIONS)})"]
    return []


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
