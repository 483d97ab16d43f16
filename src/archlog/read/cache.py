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
import marshal
import os
import sys
from pathlib import Path
from typing import Any

from archlog.model import Record, Relation, Span

#: Modules whose code decides what a file parses to.
_PARSER_MODULES = ("model.py", "read/*.py", "conventions/*.py")
_MAGIC = "archlog-parse-cache-1"
#: Core fields in the order the cache stores them.
_CORE = ("id", "title", "number", "status", "status_text", "date", "deciders", "consulted",
         "informed", "tags", "category", "entry", "problems", "styles", "extra")  # fmt: skip

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

    def lookup(self, path: Path, name: str, key: bytes) -> list[Record] | None:
        """The records of ``path`` (named ``name``) if its content is the one cached."""
        self._seen.add(name)
        hit = self.entries.get(name)
        if hit is None or hit[0] != key:
            return None
        try:
            return [_restore(row, path, self.folder) for row in hit[1]]
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
    row = {name: getattr(record, name) for name in _CORE}
    row["relations"] = [
        (r.type, r.target, r.text, tuple(r.span) if r.span else None) for r in record.relations
    ]
    row["_json"] = record.json_line(folder)
    from archlog.read.summary import summary  # its regexes: only when a file is new

    row["_summary"] = summary(record)
    return row


def _restore(cached: dict[str, Any], path: Path, folder: Path) -> Record:
    record: Record = Record.__new__(Record)
    row = dict(cached)  # the cached row stays plain data: it may be written back
    row["deciders"], row["consulted"] = list(row["deciders"]), list(row["consulted"])
    row["informed"], row["tags"] = list(row["informed"]), list(row["tags"])
    row["problems"] = list(row["problems"])
    row["styles"], row["extra"] = dict(row["styles"]), dict(row["extra"])
    if row["relations"]:
        row["relations"] = [
            Relation(t, target, text, Span(*span) if span else None)
            for t, target, text, span in row["relations"]
        ]
    row["path"] = path
    row["_json"] = (folder, row["_json"])
    row["_reload"] = _reload
    record.__dict__ = row
    return record


def _reload(record: Record) -> None:
    """Fill in a restored record's details by reading its file again."""
    from archlog.errors import ReadError
    from archlog.read.reader import decode, parse_file

    path = record.path
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror}", path) from None
    text, _bom = decode(data, path)
    for fresh in parse_file(text, path):
        if fresh.entry == record.entry and fresh.id == record.id:
            record.__dict__.pop("_json", None)
            record.__dict__.pop("_summary", None)
            # values the store gave the record after reading it (a date from the index)
            given = {
                k: record.__dict__[k]
                for k in record.__dict__.get("_given", ())
                if k in record.__dict__
            }
            record.__dict__.update(fresh.__dict__)
            record.__dict__.update(given)
            return
    raise ReadError("changed while archlog was reading it; run the command again", path)
