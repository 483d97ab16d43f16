"""Hostile values for fuzzing the reader, ``import`` and the edit commands (shared by the
suite's bounded run, tests/test_fuzz.py, and the long one, bench/fuzz.py).

Each target takes one generated input and must raise nothing but :class:`ArchlogError`,
within :data:`TIME_LIMIT` seconds."""

from __future__ import annotations

import contextlib
import json
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from archlog.errors import ArchlogError

if TYPE_CHECKING:
    from archlog.api import Change

#: Seconds one input may take before it counts as a hang.
TIME_LIMIT = 10.0

HUGE = "9" * 5000
SPECIALS = [
    "\n",
    "\r\n",
    "\r",
    "\x00",
    "\t",
    "\x0b",
    "\u2028",
    "\ufeff",
    "\u202e",
    "---",
    "...",
    ": ",
    "- ",
    "? ",
    "&a ",
    "*a",
    "<<: *a",
    "!!python/object/apply:os.system ['true']",
    "!!binary aGk=",
    "{",
    "}",
    "[",
    "]",
    "'",
    '"',
    "#",
    "|",
    ">",
    "%YAML 1.1",
    "yes",
    "no",
    "null",
    "~",
    "3.11",
    "0x1F",
    "1e400",
    "-1",
    "0",
    HUGE,
    "ADR-" + HUGE,
    "2024-02-30",
    "[" * 300,
    "{a: " * 100,
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "../../../etc/passwd",
    "/etc/passwd",
    "é",
    "日本",
    "{{ 7 * 7 }}",
    "{% include 'x' %}",
    "# Heading",
    "## Status",
    "Superseded by [ADR-" + HUGE + "](x.md)",
    "|a|b|\n|-|-|",
]


def values(pieces: list[str]) -> st.SearchStrategy[str]:
    """One value as a user or a repository might give it: pieces and plain text."""
    return st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=12)), max_size=6).map(
        "".join
    )


VALUE = values(SPECIALS)

_LINES = st.sampled_from(
    [
        "# 1. Title",
        "# ADR-{v}: {v}",
        "## Status",
        "## Context",
        "## Decision",
        "---",
        "status: {v}",
        "date: {v}",
        "tags: [{v}]",
        "deciders: {v}",
        "number: {v}",
        "* Status: {v}",
        "**Status**: {v}",
        "Date: {v}",
        "Superseded by [{v}]({v}.md)",
        "Amends [ADR-{v}]",
        "| Status | {v} |",
        "{v}",
        "```",
        "<!-- {v} -->",
    ]
)


def record_text(pieces: list[str]) -> st.SearchStrategy[str]:
    """A record's text: structural lines with hostile values in them."""
    return st.lists(st.tuples(_LINES, values(pieces)), max_size=25).map(
        lambda rows: "\n".join(line.replace("{v}", value) for line, value in rows)
    )


RECORD_TEXT = record_text(SPECIALS)

_JSON_LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**20, max_value=10**60),
    st.floats(allow_nan=True, allow_infinity=True),
    VALUE,
)
JSON_VALUE = st.recursive(
    _JSON_LEAF,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(VALUE, inner, max_size=4)),
    max_leaves=12,
)
_FIELD = st.one_of(VALUE, JSON_VALUE)
_ADR = st.fixed_dictionaries(
    {},
    optional={
        "title": _FIELD,
        "number": st.one_of(st.integers(), _FIELD),
        "status": _FIELD,
        "date": _FIELD,
        "deciders": st.lists(_FIELD, max_size=3),
        "tags": _FIELD,
        "context": _FIELD,
        "decision": _FIELD,
        "consequences": _FIELD,
        "id": _FIELD,
        "links": st.lists(st.fixed_dictionaries({"type": _FIELD, "target": _FIELD}), max_size=3),
        "custom_sections": st.dictionaries(VALUE, _FIELD, max_size=3),
        "path": _FIELD,
        "relations": st.lists(
            st.fixed_dictionaries({"type": _FIELD, "target": _FIELD}), max_size=3
        ),
        "sections": st.lists(
            st.fixed_dictionaries({"heading": _FIELD, "level": _FIELD, "body": _FIELD}), max_size=3
        ),
        "extra": st.dictionaries(VALUE, _FIELD, max_size=3),
        "category": _FIELD,
    },
)
_DOCUMENT = st.one_of(
    st.fixed_dictionaries({"version": st.just("1.0.0"), "adrs": st.lists(_ADR, max_size=3)}),
    st.fixed_dictionaries({"version": st.just("1.0.0"), "adr": st.one_of(_ADR, JSON_VALUE)}),
    st.fixed_dictionaries({"format": st.just("archlog"), "records": st.lists(_ADR, max_size=3)}),
    JSON_VALUE,
)
#: An import file's text: JSON-ADR or an archlog export with hostile values, deep nesting,
#: huge numbers, or not JSON at all.
IMPORT_TEXT = st.one_of(
    _DOCUMENT.map(lambda doc: json.dumps(doc, ensure_ascii=False)),
    st.integers(min_value=1, max_value=200_000).map(lambda n: "[" * n + "]" * n),
    st.just('{"version": "1.0.0", "adrs": [{"title": "T", "number": ' + HUGE + "}]}"),
    VALUE,
)
#: An edit: a command and its (hostile) arguments.
EDIT = st.one_of(
    st.tuples(st.just("new"), VALUE, st.lists(VALUE, max_size=2), st.lists(VALUE, max_size=2)),
    st.tuples(st.just("status"), st.sampled_from(["1", "2", "ADR-0001", "9999"]), VALUE),
    st.tuples(st.just("link"), st.sampled_from(["1", "2"]), VALUE, st.sampled_from(["1", "2"])),
    st.tuples(st.just("supersede"), st.sampled_from(["1", "2"]), st.sampled_from(["1", "2"])),
)

_NYGARD = (
    "# {n}. Decision {n}\n\nDate: 2024-05-0{n}\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n"
)
_MADR = "---\nstatus: accepted\ndate: 2024-05-0{n}\n---\n\n# Decision {n}\n\n## Context and Problem Statement\n\nWhy.\n"


class Hang(Exception):
    """One input took longer than :data:`TIME_LIMIT`."""


@contextlib.contextmanager
def bounded(seconds: float = TIME_LIMIT) -> Iterator[None]:
    """Raise :class:`Hang` in the body after ``seconds`` (POSIX timers; main thread)."""

    def ring(_signum: int, _frame: object) -> None:
        raise Hang(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read_record(text: str, name: str) -> None:
    """Parse ``text`` as the file ``name`` and use every record's fields."""
    from archlog.read.reader import parse_file

    with bounded():
        try:
            for record in parse_file(text, Path(name)):
                record.to_json(full=True)
                record.summary()
        except ArchlogError:
            pass


@contextlib.contextmanager
def folder(convention: str = "nygard") -> Iterator[Path]:
    """A fresh ADR folder of two records, in a temporary place removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="archlog-fuzz-") as tmp:
        root = Path(tmp)
        target = root / "doc" / "adr"
        target.mkdir(parents=True)
        (root / ".git").mkdir()  # the repository's root: configuration is not looked for above
        shape = _MADR if convention == "madr" else _NYGARD
        for n in (1, 2):
            (target / f"{n:04d}-decision-{n}.md").write_text(shape.format(n=n))
        yield target


def _read_back(path: Path) -> None:
    from archlog.api import Repository

    repo = Repository.open(path)
    for record in repo.records:
        record.to_json(full=True)
    repo.export()
    repo.lint()


def import_file(text: str, convention: str = "nygard") -> None:
    """Import ``text`` into a fresh folder, then read, lint and export the folder."""
    from archlog.api import Repository

    with folder(convention) as target, bounded():
        source = target.parent / "import.json"
        source.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            Repository.open(target).import_(source).apply()
            _read_back(target)
        except ArchlogError:
            pass


def edit(command: tuple[Any, ...], convention: str = "nygard") -> None:
    """Run one edit with hostile arguments on a fresh folder, then read it back."""
    from archlog.api import Repository

    with folder(convention) as target, bounded():
        try:
            repo = Repository.open(target)
            kind, *args = command
            change: Change[Any]
            if kind == "new":
                title, deciders, tags = args
                change = repo.new(title, deciders=deciders, tags=tags)
            elif kind == "status":
                change = repo.set_status(args[0], args[1], force=True)
            elif kind == "link":
                change = repo.link(args[0], args[1], args[2], force=True)
            else:
                change = repo.supersede(args[0], by=args[1], force=True)
            change.diff()
            change.apply()
            _read_back(target)
        except ArchlogError:
            pass
