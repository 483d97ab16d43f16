"""Every regular expression archlog runs on file content, with the worst input tried for each
(shared by tests/test_regexes.py and bench/regexes.py, which prints docs/regexes.md's table).

A :class:`Case` names a pattern (``module.NAME``, or a builder ``module.name(arg)`` for the
patterns made at run time), what it matches, how archlog applies it, the shape of 100 KB of
hostile text that costs it most, and the public path that hands it that text: a ``place`` in a
repository (:data:`PLACES`) and a command (:data:`COMMANDS`). :func:`watch` stands in for the
pattern while the command runs and records the longest text it was given, so a case also
proves that its path reaches its pattern. The cases are data, one table each, in
tests/regex_cases.toml beside this module.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

#: The size of every hostile input.
N = 100_000
#: Seconds a pattern may take on one hostile input, and a whole command (the CLI's own start
#: included) on a repository holding it.
PATTERN_LIMIT = 0.5
COMMAND_LIMIT = 1.0
#: ``site build`` renders Markdown with markdown-it first, which is linear but slow on some
#: shapes (about 3 s on 100 KB of ``![``), and the build renders and sanitises the record's
#: HTML more than once: its bound is three times markdown-it's own time on the same text plus
#: :data:`COMMAND_LIMIT`.
SITE_COMMAND = "site"


def _run(unit: str, n: int = N, *, head: str = "", tail: str = "") -> str:
    """``unit`` repeated to ``n`` characters, between ``head`` and ``tail``."""
    return head + unit * max(1, (n - len(head) - len(tail)) // len(unit)) + tail


#: The hostile shapes, each 100 KB: long runs of what a pattern repeats, openers never closed,
#: table-like lines, alternations that fail at the last character.
SHAPES: dict[str, Callable[[], str]] = {
    "spaces then x": lambda: _run(" ", tail="x"),
    "tabs and spaces then x": lambda: _run(" \t", tail="x"),
    "spaces then #": lambda: _run(" ", head="a", tail="#x"),
    "#'s then x": lambda: _run("#", tail="x"),
    "' #' runs": lambda: _run(" #", tail="x"),
    "[ runs": lambda: _run("["),
    "[a runs": lambda: _run("[a"),
    "![ runs": lambda: _run("!["),
    "[x]( runs": lambda: _run("[x]("),
    "[x](y  runs": lambda: _run("[x](y "),
    "[x](0001-t.md runs": lambda: _run("[x](", tail="0001-t.md"),
    "]( runs": lambda: _run("]("),
    "( runs": lambda: _run("("),
    "{ runs": lambda: _run("{"),
    "{{ runs": lambda: _run("{{"),
    "{a runs": lambda: _run("{a"),
    "< runs": lambda: _run("<"),
    "<a runs": lambda: _run("<a"),
    "<a  runs": lambda: _run("<a "),
    "<!-- runs": lambda: _run("<!--"),
    "<a:b runs": lambda: _run("<a:b"),
    "` runs": lambda: _run("`"),
    "* runs": lambda: _run("*"),
    "** runs": lambda: _run("**"),
    "_ runs": lambda: _run("_"),
    "*a runs": lambda: _run("*a"),
    "- runs": lambda: _run("-"),
    "'- ' runs": lambda: _run("- "),
    "'# ' runs": lambda: _run("# "),
    "| runs": lambda: _run("|"),
    "'| a ' table line": lambda: _run("| a ", tail="|"),
    "'|-' rule line": lambda: _run("|-"),
    "backslash-pipe runs": lambda: _run("\\|"),
    ": runs": lambda: _run(":"),
    "'x:' runs": lambda: _run("x:"),
    "'**a**: ' runs": lambda: _run("**a**: "),
    "'a ' words": lambda: _run("a "),
    "letters then !": lambda: _run("a", tail="!"),
    "X runs": lambda: _run("X", tail="!"),
    "N runs": lambda: _run("N", tail="!"),
    "digits then x": lambda: _run("1", tail="x"),
    "'1-' runs": lambda: _run("1-"),
    "'1.' runs": lambda: _run("1."),
    "'1 Jan ' runs": lambda: _run("1 Jan "),
    "'Jan 1 ' runs": lambda: _run("Jan 1 "),
    "'ADR-' runs": lambda: _run("ADR-"),
    "'ADR ' runs": lambda: _run("ADR "),
    "'ADR-1-' runs": lambda: _run("ADR-1-"),
    "'adr-1 ' runs": lambda: _run("adr-1 "),
    "'supersedes ADR-' runs": lambda: _run("supersedes ADR-"),
    "', ' runs": lambda: _run(", "),
    "'. ' runs": lambda: _run("a. "),
    "'a.' runs": lambda: _run("a."),
    "newlines": lambda: _run("\n"),
    "' \\n' runs": lambda: _run(" \n"),
    "'\\n\\n ' runs": lambda: _run("\n \n"),
    "'--- ' runs": lambda: _run("--- "),
    "'&' runs": lambda: _run("&"),
    "'%' runs": lambda: _run("%"),
    "'%1' runs": lambda: _run("%1"),
    "'{1' runs": lambda: _run("{1"),
    "'http://' runs": lambda: _run("http://"),
    "'<pre>' unclosed": lambda: _run("<pre>"),
    "'<h1>' unclosed": lambda: _run("<h1>"),
    "'<a ' attributes": lambda: _run(' b="c"', head="<a"),
    "'<code>' unclosed": lambda: _run("<code>"),
    "' id=\"' runs": lambda: _run(' id="'),
    "CJK then x": lambda: _run("漢", tail="x"),
    "control characters": lambda: _run("\x01"),
    "'date' line": lambda: _run(" ", head="date", tail="x"),
    "'new-' runs": lambda: _run("new-"),
    "'scope:' line": lambda: _run(" ", head="scope:", tail=""),
    "'a,b' runs": lambda: _run("a,"),
    "' or ' runs": lambda: _run(" or "),
    "'NUMBER' runs": lambda: _run("NUMBERS"),
}

#: Where a shape goes in a repository: the files (relative path → text) around ``s``.
RECORD_HEAD = "# 1. T\n\n## Status\n\nAccepted\n\n"
OTHER = ("doc/adr/0002-u.md", "# 2. U\n\n## Status\n\nAccepted\n\n## Context\n\nSee ADR-1.\n")


def _record(text: str, *more: tuple[str, str]) -> dict[str, str]:
    return {"doc/adr/0001-t.md": text, OTHER[0]: OTHER[1], **dict(more)}


def _front_matter(s: str) -> dict[str, str]:
    # Front matter is refused past 64 KB: the value is what is left of the limit.
    value = json.dumps(s[:60_000])
    return _record(f"---\nstatus: accepted\ndate: {value}\ndeciders: {value}\n---\n# T\n")


PLACES: dict[str, Callable[[str], dict[str, str]]] = {
    "body": lambda s: _record(f"{RECORD_HEAD}## Context\n\n{s}\n"),
    "title": lambda s: _record(f"# 1. {s}\n\n## Status\n\nAccepted\n"),
    "heading": lambda s: _record(f"{RECORD_HEAD}## {s}\n\nx\n"),
    "status": lambda s: _record(f"# 1. T\n\n## Status\n\n{s}\n"),
    "fields": lambda s: _record(f"# 1. T\n\nStatus: {s}\nDate: {s}\nDeciders: {s}\n"),
    "bullets": lambda s: _record(f"# 1. T\n\n* Status: {s}\n* Date: {s}\n* Deciders: {s}\n"),
    "table": lambda s: _record(f"# 1. T\n\n| Status | {s} |\n|---|---|\n| Date | {s} |\n"),
    "front matter": _front_matter,
    "relation": lambda s: _record(f"{RECORD_HEAD}Supersedes {s}\n\n* Amends [ADR-2]({s})\n"),
    "decision": lambda s: _record(f"{RECORD_HEAD}## Decision\n\n{s}\n\n## Consequences\n\n{s}\n"),
    "index": lambda s: _record(
        f"{RECORD_HEAD}x\n",
        (
            "doc/adr/README.md",
            f"# Decisions\n\n<!-- archlog:index:start -->\n{s}\n{s}\n<!-- archlog:index:end -->\n",
        ),
    ),
    "jinja template": lambda s: _record(
        f"{RECORD_HEAD}x\n", ("doc/adr/templates/template.md", f"# {{{{ heading }}}}\n\n{s}\n")
    ),
    "template": lambda s: _record(
        f"{RECORD_HEAD}x\n", ("doc/adr/templates/template.md", f"# NUMBER. TITLE\n\n{s}\n")
    ),
    "git file": lambda s: _record(f"{RECORD_HEAD}x\n", (".git", f"gitdir: {s}\n")),
    "import": lambda s: {
        **_record(f"{RECORD_HEAD}x\n"),
        "in.json": json.dumps({"title": "T", "status": s, "context": s}),
    },
}

COMMANDS: dict[str, tuple[str, ...]] = {
    "list": ("list",),
    "lint": ("lint",),
    "search": ("search", "zzz"),
    "show": ("show", "1", "--format", "json"),
    "export": ("export", "--format", "json"),
    "context": ("context",),
    "graph": ("graph",),
    "site": ("site", "build", "--out", "site"),
    "index": ("index",),
    "new": ("new", "A title"),
    "status": ("status", "1", "deprecated"),
    "renumber": ("renumber", "1", "5"),
    "import": ("import", "in.json"),
    "convert": ("convert", "--to", "madr"),
}


@dataclass(frozen=True)
class Case:
    """One pattern, its worst shape and the public path that hands it to the pattern."""

    pattern: str
    what: str
    use: str
    shape: str
    place: str
    command: str
    #: The builder's argument, for patterns made at run time.
    arg: object = None
    #: Why the path never hands the pattern 100 KB (a file name, a value cut short).
    bounded: str = ""

    @property
    def id(self) -> str:
        return self.pattern if self.arg is None else f"{self.pattern}({self.arg})"


def compiled(case: Case) -> re.Pattern[str]:
    """The pattern itself (made by its builder for the ones made at run time)."""
    module, name = case.pattern.rsplit(".", 1)
    value = getattr(importlib.import_module(module), name)
    made = value(case.arg) if callable(value) and not isinstance(value, re.Pattern) else value
    assert isinstance(made, re.Pattern)
    return made


def apply(pattern: re.Pattern[str], use: str, text: str) -> None:
    """Run ``pattern`` on ``text`` as archlog does (``use``: the method it calls)."""
    if use == "sub":
        pattern.sub("", text)
    elif use in ("finditer", "findall"):
        for _ in pattern.finditer(text):
            pass
    elif use == "split":
        pattern.split(text)
    else:
        getattr(pattern, use)(text)


def time_pattern(case: Case) -> float:
    """Seconds the pattern takes on its shape (the best of up to three tries)."""
    pattern, text = compiled(case), SHAPES[case.shape]()
    return best(lambda: apply(pattern, case.use, text))


def best(call: Callable[[], object], *, tries: int = 3, enough: float = 0.05) -> float:
    """The fastest of up to ``tries`` runs of ``call`` (a shared, busy machine slows some);
    a first run that took more than ten times ``PATTERN_LIMIT`` is not tried again."""
    times: list[float] = []
    for _ in range(tries):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
        if times[-1] < enough or times[-1] > 10 * PATTERN_LIMIT:
            break
    return min(times)


class Watched:
    """A stand-in for a compiled pattern: the same methods, and the longest text given."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.longest = 0

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.pattern, name)
        if not callable(method):
            return method

        def call(*args: Any, **kwargs: Any) -> Any:
            for value in (*args, *kwargs.values()):
                if isinstance(value, str):
                    self.longest = max(self.longest, len(value))
            return method(*args, **kwargs)

        return call


@contextlib.contextmanager
def watch(case: Case) -> Iterator[Watched]:
    """The case's pattern replaced by a :class:`Watched` wherever a module holds it."""
    module, name = case.pattern.rsplit(".", 1)
    original = getattr(importlib.import_module(module), name)
    stand_in: Any
    if isinstance(original, re.Pattern):
        watched = Watched(original)
        stand_in = watched
    else:  # a builder: watch every pattern it builds
        watched = Watched(re.compile(""))

        def stand_in(*args: Any, **kwargs: Any) -> Any:
            built = Watched(original(*args, **kwargs))
            built_call = built.__getattr__

            class Forward:
                def __getattr__(self, attr: str) -> Any:
                    method = built_call(attr)

                    def call(*a: Any, **k: Any) -> Any:
                        result = method(*a, **k)
                        watched.longest = max(watched.longest, built.longest)
                        return result

                    return call if callable(method) else method

            return Forward()

    holders = [
        m
        for m in list(sys.modules.values())
        if getattr(m, "__name__", "").startswith("archlog") and getattr(m, name, None) is original
    ]
    for holder in holders:
        setattr(holder, name, stand_in)
    try:
        yield watched
    finally:
        for holder in holders:
            setattr(holder, name, original)


def lay_out(root: Path, case: Case) -> None:
    """The repository of ``case``: its shape in its place."""
    for rel, text in PLACES[case.place](SHAPES[case.shape]()).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def markdown_time(case: Case) -> float:
    """Seconds markdown-it itself takes to render the case's record (``site build``'s fixed
    cost on it, which is not a regular expression of archlog's)."""
    from archlog.features.site.markdown import markdown_to_html

    text = PLACES[case.place](SHAPES[case.shape]())["doc/adr/0001-t.md"]
    return best(lambda: markdown_to_html(text, []), tries=1)


def command_limit(case: Case) -> float:
    if case.command == SITE_COMMAND:
        return COMMAND_LIMIT + 3 * markdown_time(case)
    return COMMAND_LIMIT


#: The tables of tests/regex_cases.toml: a ``[[case]]`` table for each case, and the
#: ``[[cut]]`` tables that say why a path hands its pattern less than 100 KB.
_TABLES: dict[str, Any] = tomllib.loads(
    Path(__file__).with_suffix(".toml").read_text(encoding="utf-8")
)

#: Every pattern archlog runs on file content (records, the README index, templates,
#: front matter, configuration-named files, import files, ``.git`` files). ``bounded``
#: says why a pattern never sees 100 KB through its path (a file name, a value cut short
#: before it), where it does not.
CASES: list[Case] = [Case(**row) for row in _TABLES["case"]]

#: Patterns on no file content: what the command line or archlog itself gives them.
NOT_ON_FILE_CONTENT: dict[str, str] = {}


@dataclass(frozen=True)
class Timing:
    """What one case measured: the pattern alone, the command, the longest text given."""

    pattern: float
    command: float
    limit: float
    longest: int
    code: int


def clear_memos() -> None:
    """Forget what archlog's functions memoised in this process (dates, names, statuses
    read once), so that each try of a command reads as a new process would."""
    for module in list(sys.modules.values()):
        if not getattr(module, "__name__", "").startswith("archlog"):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()


def measure(case: Case, root: Path, env: dict[str, str]) -> Timing:
    """Time ``case``'s pattern on its shape, then its command on a repository at ``root``
    holding the shape in its place, the pattern watched: the best of up to three runs, each
    with a new parse cache and nothing memoised."""
    from tests.cli_runner import invoke

    alone = time_pattern(case)
    lay_out(root, case)
    limit = command_limit(case)
    codes: list[int] = []
    tries = iter(range(3))

    def once() -> None:
        clear_memos()
        fresh = {**env, "ARCHLOG_CACHE_DIR": str(root / f".cache-{next(tries)}")}
        codes.append(invoke(COMMANDS[case.command], root, fresh, None).code)

    with watch(case) as watched:
        took = best(once, enough=limit)
    return Timing(alone, took, limit, watched.longest, codes[-1])


#: Why a path hands its pattern less than 100 KB: the text is cut, or checked, before (a
#: fragment of a pattern's name → the reason; the first fragment a pattern contains wins).
_CUT: dict[str, str] = {
    fragment: cut["why"] for cut in _TABLES["cut"] for fragment in cut["fragments"]
}
#: A path reaches its pattern when it hands it at least this much of the 100 KB.
REACHED = 10_000


def _with_bounds(case: Case) -> Case:
    import dataclasses

    if case.bounded:
        return case
    for key, why in _CUT.items():
        if key in case.pattern:
            return dataclasses.replace(case, bounded=why)
    return case


CASES = [_with_bounds(case) for case in CASES]
