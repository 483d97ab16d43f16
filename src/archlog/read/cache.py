"""A parse cache: what the reader found in each file, keyed on the file's content.

Reading a record's metadata costs far more than reading its bytes, and on a folder of 10,000
records that cost decides how fast ``list`` answers. The cache keeps, per file, the SHA-256 of
its bytes and the metadata of its records as plain tuples (plus each record's JSON line), in
one ``marshal`` file per folder under the user's cache directory, never in the ADR folder.

Correctness does not depend on time stamps: every command still reads every file, and a
record comes from the cache only when the digest of the bytes just read matches. A record
restored from the cache carries its metadata; its sections and spans are read from the file on
first use (see :meth:`archlog.model.Record.__getattr__`).

The cache is also keyed on the code that parses: a fingerprint of the reader's modules and
the Python version, so a new archlog never trusts an old archlog's results. Any problem with
the cache file (missing, corrupt, unwritable) makes it empty, never an error.

``ARCHLOG_CACHE_DIR`` moves it; ``ARCHLOG_NO_CACHE=1`` (or ``cache = false`` in the
configuration) turns it off.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import marshal
import os
import sys
from dataclasses import fields as dataclass_fields
from pathlib import Path
from typing import Any

from archlog.model import FieldTrace, NameInfo, Record, Relation, Signs, Span, Trace

#: Modules whose code decides what a file parses to.
_PARSER_MODULES = ("model.py", "read/*.py", "conventions/*.py")
_MAGIC = "archlog-parse-cache-1"
#: Core fields in the order the cache stores them.
_CORE = (
    "id",
    "title",
    "number",
    "status",
    "status_text",
    "date",
    "date_text",
    "deciders",
    "consulted",
    "informed",
    "authors",
    "tags",
    "category",
    "area",
    "entry",
    "problems",
    "styles",
    "extra",
    "synopsis",
)
_LISTS = ("deciders", "consulted", "informed", "authors", "tags", "problems")

_fingerprint: str | None = None
_code: str | None = None


def digest(data: bytes) -> bytes:
    """The content key of a file (SHA-256, truncated: collisions stay out of reach)."""
    return hashlib.sha256(data).digest()[:16]


def cache_dir() -> Path:
    explicit = os.environ.get("ARCHLOG_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "archlog"


def enabled(configured: object = True) -> bool:
    if os.environ.get("ARCHLOG_NO_CACHE", "").strip() not in ("", "0"):
        return False
    return configured is not False


def fingerprint() -> str:
    """A hash of the parsing code and the interpreter (marshal's format is per version)."""
    global _fingerprint
    if _fingerprint is None:
        h = hashlib.sha256(f"{_MAGIC} {sys.version}".encode())
        package = Path(__file__).resolve().parent.parent
        for pattern in _PARSER_MODULES:
            for source in sorted(package.glob(pattern)):
                h.update(source.name.encode())
                h.update(source.read_bytes())
        _fingerprint = h.hexdigest()
    return _fingerprint


def code_digest() -> str:
    """A hash of all of archlog's code and built-in templates: the salt of results that any
    module may shape (lint's findings and report, the export)."""
    global _code
    if _code is None:
        h = hashlib.sha256(f"{_MAGIC} {sys.version}".encode())
        here = Path(__file__).resolve().parent.parent
        templates = here / "conventions" / "templates"
        for source in sorted([*here.rglob("*.py"), *templates.glob("*.md")]):
            h.update(source.name.encode())
            h.update(source.read_bytes())
        _code = h.hexdigest()[:16]
    return _code


class ParseCache:
    """The cached parse results of one folder (or one decision-log file).

    ``kind`` and ``salt`` make a side cache for results derived from the same files (lint's
    per-record findings, keyed also on the settings that shape them): :meth:`get` and
    :meth:`put` store plain values under a name and a content key.
    """

    def __init__(self, key: Path, folder: Path, *, kind: str = "parse", salt: str = ""):
        self.folder = folder
        name = hashlib.sha256(os.fsencode(key)).hexdigest()[:24]
        self.file = cache_dir() / (
            f"{name}.marshal" if kind == "parse" else f"{name}.{kind}.marshal"
        )
        self.salt = salt
        self._entries: dict[str, tuple[bytes, Any]] | None = None
        self._seen: set[str] = set()
        self._dirty = False

    @property
    def entries(self) -> dict[str, tuple[bytes, Any]]:
        if self._entries is None:
            self._entries = self._load()
        return self._entries

    def _load(self) -> dict[str, tuple[bytes, Any]]:
        try:
            with open(self.file, "rb") as fh:
                raw = fh.read()  # load(fh) reads in small pieces: slower
        except OSError:
            return {}
        was_enabled = gc.isenabled()
        gc.disable()  # tens of thousands of containers, no cycles: the collector's passes
        try:  # over them while they are made would cost as much as making them
            data = marshal.loads(raw)
        except (EOFError, ValueError, TypeError):
            return {}
        finally:
            if was_enabled:
                gc.enable()
        if (
            isinstance(data, tuple) and len(data) == 3 and data[0] == _MAGIC
            and data[1] == fingerprint() + self.salt and isinstance(data[2], dict)
        ):  # fmt: skip
            return data[2]
        return {}

    def lookup(self, path: Path, name: str, key: bytes) -> tuple[list[Record], list[str]] | None:
        """The records of ``path`` (named ``name``) if its content is the one cached, with
        the JSON line of each as it was when parsed."""
        self._seen.add(name)
        hit = self.entries.get(name)
        if hit is None or hit[0] != key:
            return None
        try:
            rows = hit[1]
            return [_restore(row, path) for row in rows], [str(row["_json"]) for row in rows]
        except (TypeError, ValueError, KeyError):  # a cache from a foreign hand
            return None

    def get(self, name: str, key: bytes) -> Any:
        """The plain value stored for ``name`` with content key ``key``, else None."""
        self._seen.add(name)
        hit = self.entries.get(name)
        return hit[1] if hit is not None and hit[0] == key else None

    def put(self, name: str, key: bytes, value: Any) -> None:
        self._seen.add(name)
        self.entries[name] = (key, value)
        self._dirty = True

    def store(self, name: str, key: bytes, records: list[Record]) -> None:
        self._seen.add(name)
        self.entries[name] = (key, [_freeze(r, self.folder) for r in records])
        self._dirty = True

    def save(self, *, prune: bool) -> None:
        """Write the cache if it changed (dropping files no longer read, with ``prune``)."""
        entries = self.entries
        if prune:
            gone = entries.keys() - self._seen
            for name in gone:
                del entries[name]
            self._dirty = self._dirty or bool(gone)
        if not self._dirty:
            return
        self._dirty = False
        tmp = self.file.with_name(f".{self.file.name}.{os.getpid()}.tmp")
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as fh:
                marshal.dump((_MAGIC, fingerprint() + self.salt, entries), fh)
            os.replace(tmp, self.file)
        except OSError:  # a cache that cannot be written is no cache, not an error
            with contextlib.suppress(OSError):
                tmp.unlink()


def _freeze(record: Record, folder: Path) -> dict[str, Any]:
    row: dict[str, Any] = {name: getattr(record, name) for name in _CORE}
    row["relations"] = [
        (r.type, r.target, r.text, tuple(r.span) if r.span else None) for r in record.relations
    ]
    row["signs"] = tuple(record.signs)
    row["trace"] = _freeze_trace(record.trace)
    row["_json"] = json.dumps(record.to_json(folder=folder), ensure_ascii=False)
    return row


def _freeze_trace(trace: Trace | None) -> tuple[Any, ...] | None:
    """A trace as plain tuples (marshal keeps tuples, not named ones)."""
    if trace is None:
        return None
    names = [f.name for f in dataclass_fields(Trace)]
    values = [getattr(trace, n) for n in names]
    at = names.index("name")
    values[at] = tuple(values[at]) if values[at] is not None else None
    at = names.index("fields")
    values[at] = tuple(tuple(f) for f in values[at])
    return tuple(values)


def _thaw_trace(frozen: tuple[Any, ...] | None) -> Trace | None:
    if frozen is None:
        return None
    names = [f.name for f in dataclass_fields(Trace)]
    values = dict(zip(names, frozen, strict=True))
    if values["name"] is not None:
        values["name"] = NameInfo(*values["name"])
    values["fields"] = tuple(FieldTrace(*f) for f in values["fields"])
    return Trace(**values)


def _restore(cached: dict[str, Any], path: Path) -> Record:
    """A record from its cached row: every field but the details (sections, spans, trace),
    which the store reads again when asked (:meth:`archlog.read.store.Store.detail`)."""
    record: Record = Record.__new__(Record)
    row = {name: cached[name] for name in _CORE}  # the cached row stays as it is
    for name in _LISTS:
        row[name] = list(row[name])
    row["styles"], row["extra"] = dict(row["styles"]), dict(row["extra"])
    row["relations"] = [
        Relation(t, target, text, Span(*span) if span else None)
        for t, target, text, span in cached["relations"]
    ]
    row["signs"] = Signs(*cached["signs"])
    row["path"] = path
    row["trace"] = _thaw_trace(cached.get("trace"))
    row["sections"], row["spans"], row["detailed"], row["scoped"] = [], {}, False, False
    record.__dict__ = row  # every field of the dataclass, set at once: the fast way
    return record
