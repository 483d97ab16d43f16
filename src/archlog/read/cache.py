"""A parse cache: what the reader found in each file, keyed on the file's content.

Reading a record's metadata costs far more than reading its bytes, and on a folder of 10,000
records that cost decides how fast ``list`` answers. The cache keeps, per file, the SHA-256 of
its bytes and the metadata of its records as plain values (plus each record's JSON line), in
one file per folder under the user's cache directory (:func:`archlog.infra.state.cache_dir`),
never in the ADR folder.

The cache is data, not trust:

- a cache file holds plain values only (MessagePack: strings, numbers, lists, maps, bytes —
  nothing that can carry code), and is signed (HMAC-SHA256) with a key of this user's kept in
  archlog's private state folder: a file another hand wrote or changed (a shared cache folder,
  a CI cache restored from elsewhere) is not used;
- a cache folder that another user owns or can write to is not used at all (one warning);
- only a regular file of a sane size is read: a FIFO or a device in its place is refused;
- an entry is used only for the file whose bytes, just read, have the content key it claims:
  correctness does not depend on time stamps, and every command still reads every file.

A record restored from the cache carries its metadata; its sections and spans are read from
the file on first use (see :meth:`archlog.model.Record.__getattr__`). The cache is also keyed
on the code that parses: a fingerprint of the reader's modules, the vocabulary it reads
(``words.toml``) and the Python version, so a new archlog never trusts an old archlog's
results. Any problem with a cache file (missing, corrupt, unsigned, unwritable) makes it
empty, never an error.

``ARCHLOG_CACHE_DIR`` moves it; ``ARCHLOG_NO_CACHE=1`` (or ``cache = false`` in the
configuration) turns it off.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import hmac
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from archlog.model import Record, Trace
from archlog.read.cache_rows import freeze, pack_trace, restore_row, unpack_trace

#: Modules whose code decides what a file parses to.
_PARSER_MODULES = ("model.py", "read/*.py", "conventions/*.py", "conventions/words.toml")
_MAGIC = b"archlog-cache-5\n"
_MAC_SIZE = 32
_SUFFIX = ".msgpack"
#: A cache file larger than this is not read (10,000 records take about 10 MB).
MAX_CACHE_BYTES = 512 << 20

_fingerprint: str | None = None
_code: str | None = None
_usable: dict[Path, tuple[bytes | None, str | None]] = {}


def digest(data: bytes) -> bytes:
    """The content key of a file (SHA-256, truncated: collisions stay out of reach)."""
    return hashlib.sha256(data).digest()[:16]


def cache_dir() -> Path:
    """The user's cache folder for archlog (``ARCHLOG_CACHE_DIR`` overrides it)."""
    from archlog.infra.state import cache_dir as where

    return where()


def enabled(configured: object = True) -> bool:
    if os.environ.get("ARCHLOG_NO_CACHE", "").strip() not in ("", "0"):
        return False
    return configured is not False


def problem() -> str | None:
    """Why the cache folder cannot be used (another user's, or others may write to it),
    else None. Checked once a process."""
    return _signing()[1]


def _signing() -> tuple[bytes | None, str | None]:
    """The signing key, or why there is none (None: quietly no cache), for the cache folder
    in force (made private if missing)."""
    from archlog.infra.state import ensure_private, secret_key

    folder = cache_dir()
    known = _usable.get(folder)
    if known is None:
        why = ensure_private(folder)
        if why is not None and "cannot create" in why:
            known = (None, None)  # no place to keep a cache: quietly none
        elif why is not None:
            known = (None, f"the cache folder {why}; working without a cache")
        else:
            known = (secret_key(), None)
        _usable[folder] = known
    return known


def fingerprint() -> str:
    """A hash of the parsing code and the interpreter."""
    global _fingerprint
    if _fingerprint is None:
        h = hashlib.sha256(_MAGIC + sys.version.encode())
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
        h = hashlib.sha256(_MAGIC + sys.version.encode())
        here = Path(__file__).resolve().parent.parent
        templates = here / "conventions" / "templates"
        for source in sorted([*here.rglob("*.py"), *templates.glob("*.md")]):
            h.update(source.name.encode())
            h.update(source.read_bytes())
        _code = h.hexdigest()[:16]
    return _code


def load_file(path: Path) -> tuple[str, dict[str, Any]] | None:
    """The stamp (code fingerprint and salt) and entries of one cache file, if it is a
    regular file of a sane size, signed with this user's key; else None."""
    from archlog.infra.fs import read_regular

    key, _why = _signing()
    if key is None:
        return None
    try:
        raw = read_regular(path, MAX_CACHE_BYTES, follow=False)
    except OSError:
        return None
    head = len(_MAGIC) + _MAC_SIZE
    if len(raw) < head or not raw.startswith(_MAGIC):
        return None
    body = memoryview(raw)[head:]
    if not hmac.compare_digest(raw[len(_MAGIC) : head], hmac.digest(key, body, "sha256")):
        return None
    import msgpack

    was_enabled = gc.isenabled()
    gc.disable()  # tens of thousands of containers, no cycles: the collector's passes
    try:  # over them while they are made would cost as much as making them
        data = msgpack.unpackb(body, raw=False, use_list=True)
    except (ValueError, TypeError, msgpack.UnpackException):
        return None
    finally:
        if was_enabled:
            gc.enable()
    if not (isinstance(data, list) and len(data) == 2 and isinstance(data[0], str)):
        return None
    return (data[0], data[1]) if isinstance(data[1], dict) else None


def dump_file(path: Path, stamp: str, entries: dict[str, Any]) -> bool:
    """Write one cache file (signed; through a temporary file made exclusively beside it);
    whether it was written."""
    key, _why = _signing()
    if key is None:
        return False
    import msgpack

    try:
        body = msgpack.packb([stamp, entries], use_bin_type=True)
    except (ValueError, TypeError, OverflowError):  # a value the format cannot hold
        return False
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(_MAGIC + hmac.digest(key, body, "sha256") + body)
        os.replace(tmp, path)
    except OSError:  # a cache that cannot be written is no cache, not an error
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return False
    return True


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
            f"{name}{_SUFFIX}" if kind == "parse" else f"{name}.{kind}{_SUFFIX}"
        )
        self.salt = salt
        self._entries: dict[str, Any] | None = None
        self._seen: set[str] = set()
        #: id(record) → the record and its packed trace (see trace); the record is held so
        #: that its id is not reused by another while the entry stands.
        self._traces: dict[int, tuple[Record, bytes]] = {}
        #: id(record) → the record and its row as parsed (see row_of), held the same way.
        self._rows: dict[int, tuple[Record, list[Any]]] = {}
        self._dirty = False

    @property
    def entries(self) -> dict[str, Any]:
        if self._entries is None:
            loaded = load_file(self.file)
            ok = loaded is not None and loaded[0] == fingerprint() + self.salt
            self._entries = loaded[1] if loaded is not None and ok else {}
        return self._entries

    def _hit(self, name: str, key: bytes) -> Any:
        self._seen.add(name)
        hit = self.entries.get(name)  # [content key, value]: signed, so as this code wrote it
        return hit[1] if hit is not None and hit[0] == key else None

    def lookup(self, path: Path, name: str, key: bytes) -> tuple[list[Record], list[str]] | None:
        """The records of ``path`` (named ``name``) if its content is the one cached, with
        the JSON line of each as it was when parsed."""
        rows = self._hit(name, key)
        if not isinstance(rows, list):
            return None
        records = self.restore(rows, [path] * len(rows))
        if records is None:
            return None
        for record, row in zip(records, rows, strict=True):
            self._rows[id(record)] = (record, row)
        return records, [str(row[-1]) for row in rows]

    def restore(self, rows: list[Any], paths: list[Path]) -> list[Record] | None:
        """Records from cached rows (one path each), their packed traces kept here; None
        when a row is not what this code writes."""
        try:
            records = [restore_row(row, path) for row, path in zip(rows, paths, strict=True)]
        except (TypeError, ValueError, KeyError, IndexError):
            return None
        for record, row in zip(records, rows, strict=True):
            if isinstance(row[-2], bytes):
                self._traces[id(record)] = (record, row[-2])
        return records

    def rows(self, records: list[Record], lines: list[str] | None = None) -> list[list[Any]]:
        """Cache rows of ``records``, each with its JSON line as given."""
        return freeze(records, self.folder, lines)

    def keep_trace(self, record: Record) -> None:
        """Keep ``record``'s trace with the row stored for it (rows are stored without
        one: only the records a dialect is voted from need theirs)."""
        row = self.row_of(record)
        if row is not None and row[-2] is None and record.trace is not None:
            row[-2] = pack_trace(record.trace)
            self._dirty = True

    def trace(self, record: Record) -> Trace | None:
        """The trace of a record this cache restored, unpacked now (the rows keep it packed:
        only the newest records need one); None when it kept none."""
        kept = self._traces.pop(id(record), None)
        if record.trace is None and kept is not None and kept[0] is record:
            record.trace = unpack_trace(kept[1])
        return record.trace

    def get(self, name: str, key: bytes) -> Any:
        """The plain value stored for ``name`` with content key ``key``, else None."""
        return self._hit(name, key)

    def put(self, name: str, key: bytes, value: Any) -> None:
        self._seen.add(name)
        self.entries[name] = [key, value]
        self._dirty = True

    def store(self, name: str, key: bytes, records: list[Record]) -> list[str]:
        """Keep the records parsed from the file ``name`` (content key ``key``), without
        their traces (see :meth:`keep_trace`); the JSON line of each, as kept."""
        rows = freeze(records, self.folder, traced=False)
        self.put(name, key, rows)
        for record, row in zip(records, rows, strict=True):
            self._rows[id(record)] = (record, row)
        return [row[-1] for row in rows]

    def row_of(self, record: Record) -> list[Any] | None:
        """The row kept for ``record`` as its file alone says it is (stored or looked up
        here), else None: what a cache of the settled records may keep of it unchanged."""
        kept = self._rows.get(id(record))
        return kept[1] if kept is not None and kept[0] is record else None

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
        dump_file(self.file, fingerprint() + self.salt, entries)
