"""Every regular expression archlog runs on file content, with the worst input tried for each
(shared by tests/test_regexes.py and bench/regexes.py, which prints docs/regexes.md's table).

A :class:`Case` names a pattern (``module.NAME``, or a builder ``module.name(arg)`` for the
patterns made at run time), what it matches, how archlog applies it, the shape of 100 KB of
hostile text that costs it most, and the public path that hands it that text: a ``place`` in a
repository (:data:`PLACES`) and a command (:data:`COMMANDS`). :func:`watch` stands in for the
pattern while the command runs and records the longest text it was given, so a case also
proves that its path reaches its pattern.
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
        m for m in list(sys.modules.values())
        if getattr(m, "__name__", "").startswith("archlog") and getattr(m, name, None) is original
    ]  # fmt: skip
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


def _c(pattern: str, what: str, use: str, shape: str, place: str, command: str, **kw: Any) -> Case:
    return Case(pattern, what, use, shape, place, command, **kw)


#: Every pattern archlog runs on file content (records, the README index, templates,
#: front matter, configuration-named files, import files, ``.git`` files). ``bounded``
#: says why a pattern never sees 100 KB through its path (a file name, a value cut short
#: before it), where it does not.
#: The command hands this shape none of its text (the tokenizer and the site's search text
#: take other paths); the pattern is linear by construction and tested on 100 KB directly.
_NOT_ON_PATH = "the command hands this shape none of its text (measured: 0 characters)"

CASES: list[Case] = [
    # ---- reading a record: the scan, front matter, headings, names
    _c("archlog.read.scan._LINE", "each line that opens a fence, heading, comment or table", "finditer", "'# ' runs", "body", "list"),
    _c("archlog.read.scan._FRONT_MATTER_END", "the line that closes front matter", "search", "'--- ' runs", "front matter", "list"),
    _c("archlog.read.headings._TRAILING_DATE", "a date in brackets ending a title", "search", "spaces then x", "title", "list"),
    _c("archlog.read.headings._PLACEHOLDER_DIGITS", "a template's number placeholder (NNN, XXXX)", "match", "N runs", "title", "list"),
    _c("archlog.read.headings._PLACEHOLDER_TAIL", "a placeholder number ending a word (ADR-NNN)", "match", "N runs", "title", "list"),
    _c("archlog.read.names._DATE_NAMED", "a date opening a file name", "match", "digits then x", "body", "list", bounded="file name"),
    _c("archlog.read.names._SUB_NUMBER", "a sub-number ending an id (12-2)", "search", "'1-' runs", "body", "list", bounded="the id's last 12 characters"),
    _c("archlog.read.names._PLACEHOLDER_ID", "a template's file name (adr-XXXX)", "match", "X runs", "body", "list", bounded="file name"),
    _c("archlog.read.names._NON_WORD", "what separates a title's words (slugs)", "split", "'&' runs", "title", "list"),
    _c("archlog.read.relations._ID_PARTS", "the parts of an id's prefix (ADR-PAY)", "split", "'&' runs", "body", "list"),
    _c("archlog.conventions.infer_names._SLUG_WORDS", "what separates a sibling's slug words", "split", "'&' runs", "title", "new", bounded="file name"),
    _c("archlog.conventions.infer_names._TITLE_WORDS", "what separates a sibling's title words", "split", "'&' runs", "title", "new"),
    _c("archlog.read.names._APOSTROPHES", "an apostrophe inside a word (slugs)", "sub", "'a ' words", "title", "list"),
    _c("archlog.read.reader._PLACEHOLDER", "template placeholders in front-matter values", "search", "< runs", "front matter", "list"),
    _c("archlog.read.dates._YMD", "a year-first date", "match", "'1-' runs", "fields", "list"),
    _c("archlog.read.dates._DMY", "a day-first date", "match", "'1.' runs", "fields", "list"),
    _c("archlog.read.dates._YM", "a year and month", "match", "digits then x", "fields", "list"),
    _c("archlog.read.dates._YEAR", "a year alone", "fullmatch", "digits then x", "fields", "list"),
    _c("archlog.read.dates._WORDY_DAY_FIRST", "1st January 2024", "match", "'1 Jan ' runs", "fields", "list"),
    _c("archlog.read.dates._WORDY_MONTH_FIRST", "January 1, 2024", "match", "'Jan 1 ' runs", "fields", "list"),
    _c("archlog.read.dates._MONTH_YEAR", "January 2024", "match", "letters then !", "fields", "list"),
    _c("archlog.read.dates._WRAPPERS", "emphasis and brackets around a date", "sub", "* runs", "fields", "list"),
    _c("archlog.read.dates._YEAR_MONTH", "a partial ISO date", "fullmatch", "digits then x", "fields", "list"),
    _c("archlog.read.status._EMPHASIS", "emphasis in a status", "sub", "** runs", "status", "list"),
    _c("archlog.read.status._LEADING_JUNK", "punctuation opening a status", "sub", "- runs", "status", "list"),
    _c("archlog.read.status._LEADING_DATE", "a date opening a status", "sub", "'1-' runs", "status", "list"),
    _c("archlog.read.status._TOKEN", "a status's words", "findall", "'a ' words", "status", "list"),
    _c("archlog.read.status._COLON", "a label before a status", "split", ": runs", "status", "list"),
    _c("archlog.read.status._CHOICE_SPLIT", "a template's status choices (a | b / c or d)", "split", "' or ' runs", "status", "list"),
    _c("archlog.read.relations._SPACES", "whitespace in a relation phrase", "sub", "tabs and spaces then x", "relation", "list"),
    _c("archlog.read.relations._MENTION", "an id mentioned in a relation (ADR-12)", "finditer", "'ADR-1-' runs", "relation", "list"),
    _c("archlog.read.relations._BARE", "a bare number after a relation phrase", "match", "spaces then x", "relation", "list"),
    _c("archlog.read.relations._NUMBERED_TEXT", "a number opening a link's text", "match", "spaces then x", "relation", "list"),
    _c("archlog.read.relations._FIRST_WORD", "a line's first word (relation phrases)", "match", "letters then !", "relation", "list"),
    _c("archlog.read.refs._REF", "a reference to a record (ADR-12, 12)", "match", "'ADR ' runs", "relation", "list"),
    _c("archlog.read.placeholders._MARKUP", "template markup ({{ x }}, [Describe …])", "search", "{{ runs", "body", "lint"),
    _c("archlog.read.placeholders._NOT_TEXT", "links, autolinks and code, not text", "sub", "[ runs", "body", "lint"),
    _c("archlog.read.placeholders._LEAD", "list and heading marks opening a line", "sub", "'# ' runs", "body", "lint"),
    _c("archlog.read.placeholders._FIELD", "a Key: value line", "match", "spaces then x", "body", "lint"),
    _c("archlog.read.synopsis._PARAGRAPHS", "blank lines between paragraphs", "split", "'\\n\\n ' runs", "decision", "index"),
    _c("archlog.read.synopsis._SENTENCE_END", "where a sentence ends", "split", "'. ' runs", "decision", "index"),
    _c("archlog.read.synopsis._LIST_START", "a list item", "match", "- runs", "decision", "index"),
    _c("archlog.read.synopsis._WORD", "a word", "findall", "'a ' words", "decision", "index"),
    _c("archlog.read.synopsis._MARKUP", "links and emphasis in a summary", "sub", "[x]( runs", "decision", "index"),
    _c("archlog.conventions.vocabulary._SPACES", "separators in a label", "sub", "tabs and spaces then x", "title", "list"),
    _c("archlog.conventions.infer._LEADING_DATE", "a date opening a status (inference)", "sub", "'1-' runs", "status", "new"),
    # ---- the README index
    _c("archlog.read.index_parts.LINK", "a link in an index entry", "search", "[ runs", "index", "index"),
    _c("archlog.read.index_parts._HEADING", "a heading in the index", "match", "'# ' runs", "index", "index"),
    _c("archlog.read.index_parts._ITEM", "a list item in the index", "match", "'- ' runs", "index", "index"),
    _c("archlog.read.index_parts._SUB", "a sub-item (  - Status: …)", "match", "spaces then x", "index", "index"),
    _c("archlog.read.index_parts._RULE_CELL", "a table's rule cell", "match", "- runs", "index", "index"),
    _c("archlog.read.index_parts._CELL_SPLIT", "a table's cell borders", "split", "backslash-pipe runs", "index", "index"),
    _c("archlog.read.index_file._DATE", "a date cell", "match", "digits then x", "index", "index"),
    _c("archlog.features.index_lines.LAST_UPDATED", "the index's Last Updated line", "match", "spaces then x", "index", "index"),
    _c("archlog.features.index_lines._NUMBER", "numbers in an entry", "findall", "digits then x", "index", "index"),
    _c("archlog.features.index_lines._NUMBER_PREFIX", "an entry's number before its title", "match", "spaces then x", "index", "index"),
    _c("archlog.features.index_lines._LABEL", "an entry's link label", "search", "[ runs", "index", "index"),
    _c("archlog.features.index_merge._SCHEME", "a URL scheme in an entry's link", "match", "letters then !", "index", "index"),
    # ---- lint
    _c("archlog.features.lint.inputs._DISABLE", "an archlog:disable comment", "finditer", "<!-- runs", "body", "lint"),
    _c("archlog.features.lint.structure_rules._HEADING_NUMBER", "the number in a title heading", "match", "spaces then x", "title", "lint"),
    _c("archlog.features.lint.structure_rules._MD_LINK", "a Markdown link", "finditer", "[x]( runs", "body", "lint"),
    _c("archlog.features.lint.structure_rules._SCHEME", "a URL scheme", "match", "letters then !", "body", "lint"),
    _c("archlog.features.lint.guideline_rules._NEGATIVE", "a negative word in the consequences", "search", "'a ' words", "decision", "lint"),
    _c("archlog.features.lint.guideline_rules._SENTENCE", "a sentence's end", "findall", "'. ' runs", "decision", "lint"),
    _c("archlog.features.lint.fixes._NUMBERED", "a file name up to its number", "match", "digits then x", "body", "lint", bounded="file name"),
    # ---- search, context, listing, graph
    _c("archlog.features.search_words.RUN", "a run of letters and digits", "finditer", "CJK then x", "body", "search"),
    _c("archlog.features.search_words._CJK_SPLIT", "CJK runs inside a word", "split", "CJK then x", "body", "search"),
    _c("archlog.features.search_words.CJK_ONLY", "a CJK word", "fullmatch", "CJK then x", "body", "search"),
    _c("archlog.features.search_words._LINK", "a link or image (its label kept)", "sub", "![ runs", "body", "search"),
    _c("archlog.features.search_words._URL", "a bare URL", "sub", "'http://' runs", "body", "search"),
    _c("archlog.features.search_words._TAG", "an HTML tag", "sub", "<a runs", "body", "search"),
    _c("archlog.features.search_snippets._PIECES", "CJK and other pieces of a word (snippets)", "finditer", "CJK then x", "body", "search"),
    _c("archlog.features.search_shards._ASCII_KEY", "a term's shard key", "fullmatch", "letters then !", "body", "site", bounded="a term's first two letters"),
    _c("archlog.features.context._SCOPE_LINE", "a scope: line", "finditer", "'scope:' line", "body", "context"),
    _c("archlog.features.context._SCOPE_KEY", "a scope key in front matter", "search", "'scope:' line", "front matter", "context"),
    _c("archlog.features.context._SCOPE_SPLIT", "globs in a scope value", "split", "tabs and spaces then x", "body", "context"),
    _c("archlog.features.context._GLOB_MAGIC", "the literal head of a glob", "split", "[ runs", "body", "context"),
    _c("archlog.features.context._SENTENCE", "where a sentence ends (the digest)", "split", "'. ' runs", "decision", "context"),
    _c("archlog.features.context._MARKUP", "links and emphasis (the digest)", "sub", "[x]( runs", "decision", "context"),
    _c("archlog.features.context._PARAGRAPHS", "blank lines between paragraphs (the digest)", "split", "'\\n\\n ' runs", "decision", "context"),
    _c("archlog.features.context.word_pattern", "a module's name as a word", "finditer", "'a ' words", "body", "context", arg="payments"),
    _c("archlog.features.listing._ISO_PREFIX", "an ISO date's head", "match", "digits then x", "fields", "list"),
    _c("archlog.features.graph._NOT_ID", "what may not stand in a node id", "sub", "'&' runs", "body", "graph", bounded="file name"),
    # ---- the site
    _c("archlog.features.site.markdown._ANY_TAG", "a tag (search snippets)", "sub", "< runs", "body", "site"),
    _c("archlog.features.site.markdown._BLOCK_TAG", "a block tag (search snippets)", "sub", "'<h1>' unclosed", "body", "site", bounded=_NOT_ON_PATH),
    _c("archlog.features.site.searchfiles._NAME", "a kept search file's name", "fullmatch", "letters then !", "body", "site", bounded="the names the side cache holds, checked before use"),
    _c("archlog.features.site.markdown._CODE_OR_HEADING", "a code block or heading opening", "finditer", "'<pre>' unclosed", "body", "site"),
    _c("archlog.features.site.markdown._NO_LINKS_INSIDE", "a link or code opening (issue links)", "match", "'<code>' unclosed", "body", "site"),
    _c("archlog.features.site.markdown._LINK_TAG", "an <a> or <img> tag", "sub", "'<a ' attributes", "body", "site"),
    _c("archlog.features.site.markdown._ATTR", "a tag's attributes", "findall", "'<a ' attributes", "body", "site"),
    _c("archlog.features.site.markdown._ID", "an element id", "findall", "' id=\"' runs", "body", "site"),
    _c("archlog.features.site.markdown._CLASS_WORD", "a word of a class attribute", "fullmatch", "letters then !", "body", "site", bounded="one word of a class"),
    _c("archlog.features.site.settings._UNSAFE", "what may not stand in a page name", "sub", "'&' runs", "body", "site", bounded="file name"),
    # ---- writing: new, templates, edits
    _c("archlog.conventions.rendering._ADR_TOOLS", "adr-tools placeholders in a template", "sub", "'NUMBER' runs", "template", "new"),
    _c("archlog.ops.template_fill._ADR_TOOLS", "whether a template marks its blanks", "search", "'NUMBER' runs", "template", "new"),
    _c("archlog.conventions.sandbox._WIDE_FORMAT", "a huge width in a Jinja format", "search", "'%1' runs", "jinja template", "new"),
    _c("archlog.conventions.skeleton._ISO_DAY", "an ISO date (a YAML date)", "fullmatch", "digits then x", "front matter", "new", bounded="the date given"),
    _c("archlog.ops.first_record._LOG_ENTRY", "a log entry's heading", "match", "'ADR-' runs", "body", "new", bounded="the first record's template"),
    _c("archlog.ops.drafts._EMPTY_DATE", "an empty date line (convert)", "match", "'date' line", "fields", "convert"),
    _c("archlog.ops.lifecycle._FIRST_WORD", "a status's first word", "search", "letters then !", "status", "status"),
    _c("archlog.ops.importing._CONTROL", "control characters in an import", "search", "control characters", "import", "import"),
    _c("archlog.ops.renumber._DIGITS", "a file name's number", "search", "digits then x", "body", "renumber", bounded="file name"),
    _c("archlog.ops.renumber._MENTION_ANY", "any ADR mention on a line", "search", "'ADR ' runs", "body", "renumber"),
    _c("archlog.ops.renumber.heading_number", "the title's number", "sub", "'# ' runs", "title", "renumber", arg=1),
    _c("archlog.ops.renumber.mention_pattern", "a mention of the record moved", "sub", "'ADR-1-' runs", "body", "renumber", arg=1),
    _c("archlog.ops.renumber.link_to", "a link to the file renamed", "sub", "[x](0001-t.md runs", "relation", "renumber", arg="0001-t.md"),
    _c("archlog.ops.renumber.number_pattern", "the number in a link's label", "sub", "digits then x", "relation", "renumber", arg=1),
    _c("archlog.ops.renumber.name_word", "the file's name as a word", "sub", "'1-' runs", "relation", "renumber", arg="0001-t.md"),
    _c("archlog.ops.renumber.value_number", "the number in a front-matter value", "sub", "'1.' runs", "front matter", "renumber", arg=1),
    # ---- files a repository names
    _c("archlog.infra.git._GITDIR", "a .git file's gitdir line", "match", "spaces then x", "git file", "lint"),
    _c("archlog.infra.journal._STAGED", "a journal's staged name", "fullmatch", "'new-' runs", "body", "list", bounded="names in the journal"),
]  # fmt: skip

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


#: Why a path hands its pattern less than 100 KB: the text is cut, or checked, before.
_TITLE = "a title's first 400 characters"
_UNREACHED = "not reached by this shape: a cheaper check turns the text away first"
_CUT: dict[str, str] = {
    **dict.fromkeys(
        ["_YMD", "_DMY", "_YM", "_YEAR", "_WORDY_DAY_FIRST", "_WORDY_MONTH_FIRST",
         "_MONTH_YEAR", "_WRAPPERS"], "a date's first 80 characters"),
    **dict.fromkeys(
        ["read.status._EMPHASIS", "read.status._LEADING_JUNK", "read.status._LEADING_DATE",
         "read.status._TOKEN", "read.status._CHOICE_SPLIT", "infer._LEADING_DATE"],
        "a status's first 200 characters"),
    **dict.fromkeys(
        ["relations._MENTION", "relations._BARE", "relations._FIRST_WORD"],
        "a relation line's first 2,000 characters"),
    **dict.fromkeys(
        ["headings._TRAILING_DATE", "headings._PLACEHOLDER_DIGITS", "headings._PLACEHOLDER_TAIL",
         "names._NON_WORD", "names._APOSTROPHES", "refs._REF", "infer_names._TITLE_WORDS"], _TITLE),
    "synopsis._WORD": "a summary's first 200 words",
    **dict.fromkeys(
        ["reader._PLACEHOLDER", "dates._YEAR_MONTH", "status._COLON", "relations._SPACES",
         "relations._NUMBERED_TEXT", "relations._ID_PARTS", "placeholders._NOT_TEXT", "placeholders._LEAD",
         "placeholders._FIELD", "inputs._DISABLE", "structure_rules._SCHEME",
         "guideline_rules._SENTENCE", "search_snippets._PIECES", "context._SCOPE_LINE", "context._SCOPE_KEY",
         "context._SCOPE_SPLIT", "context._GLOB_MAGIC", "context.word_pattern",
         "listing._ISO_PREFIX", "sandbox._WIDE_FORMAT", "drafts._EMPTY_DATE",
         "lifecycle._FIRST_WORD", "importing._CONTROL", "renumber._MENTION_ANY",
         "index_parts.", "index_file._DATE", "index_lines.", "index_merge._SCHEME",
         "markdown._NO_LINKS_INSIDE", "markdown._ATTR", "search_words.CJK_ONLY", "search_words._LINK", "git._GITDIR",
         "renumber.link_to", "renumber.number_pattern", "renumber.name_word",
         "renumber.value_number"], _UNREACHED),
}  # fmt: skip
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
