"""The decisions in force as a compact Markdown digest, for coding agents and for people.

For each decision in force (accepted or implemented, and not superseded): its id and title
linked to its file, the decision in one or two sentences, and what it supersedes; grouped
by area (category, else first tag). Given paths, the decisions that concern them come
first: a record may name what it governs with ``scope:`` or ``affects:`` globs (in front
matter, or a labelled line such as ``Scope: src/payments/**, db/*.sql``); otherwise the
mentions of the paths and of their module names in its text count. A budget (in tokens,
about four characters each) keeps the most relevant decisions that fit.

The digest says nothing that changes from one run to the next (no time stamps): written
into ``AGENTS.md`` between markers, it changes only when the decisions do.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from archlog.features.listing import in_force
from archlog.model import Record
from archlog.read.comments import without_comments

START = "<!-- archlog:context:start -->"
END = "<!-- archlog:context:end -->"
#: Characters per token, as budgets count them.
CHARS_PER_TOKEN = 4
#: Files an agent reads its instructions from (``--write`` takes any, these are the usual).
AGENT_FILES = ("AGENTS.md", "CLAUDE.md", ".github/copilot-instructions.md", "llms.txt")
SCOPE_KEYS = ("scope", "affects")

_SCOPE_LINE = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?(?P<key>scope|affects)(?:\*\*|__)?[ \t]*:"
    r"(?:\*\*|__)?[ \t]*(?P<value>[^\n]{1,1000})$",
    re.IGNORECASE | re.MULTILINE,
)
_SENTENCE = re.compile(r"(?<=[.!?。！？])\s*(?=\S)")
#: An image, a link (its label kept) or emphasis; comments are dropped before, in one pass.
#: No class repeats ``[`` or ``(``, which open the next try: a run of them is one pass.
_MARKUP = re.compile(
    r"!\[[^\[\]\n]{0,500}\]\([^()\n]{0,2000}\)|\[([^\[\]\n]{0,500})\]\([^()\n]{0,2000}\)|[*_`]{1,3}"
)
#: A scope key opening a line (of front matter), before it is read as YAML.
_SCOPE_KEY = re.compile(r"^(?:scope|affects)[ \t]*:", re.IGNORECASE | re.MULTILINE)
#: Globs in one written value: commas, semicolons or spaces apart.
_SCOPE_SPLIT = re.compile(r"[,;\s]+")
#: Where a glob's literal head ends.
_GLOB_MAGIC = re.compile(r"[*?\[]")
#: Paragraphs: lines apart by a blank one.
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")


@dataclass
class Entry:
    """One decision of the digest, and why it ranks where it does."""

    record: Record
    area: str
    decision: str
    supersedes: list[str]
    relevance: int = 0
    scoped: list[str] = field(default_factory=list)
    line: str = ""


@dataclass
class Digest:
    """The digest's text (without markers), the entries it shows and those left out."""

    text: str
    entries: list[Entry]
    omitted: list[Entry]
    total: int


def scopes(record: Record, source: str) -> list[str]:
    """The globs a record says it governs: ``scope``/``affects`` in its front matter (a
    list or a comma-separated string) or on a labelled line."""
    found: list[str] = []
    span = record.spans.get("front_matter")
    if span is not None and _SCOPE_KEY.search(source):
        import yaml

        lines = source.splitlines()[span.start : span.end - 1]
        try:
            data = yaml.safe_load("\n".join(lines))
        except yaml.YAMLError:
            data = None
        if isinstance(data, dict):
            for key in SCOPE_KEYS:
                found += _globs(data.get(key))
    for key in SCOPE_KEYS:
        found += _globs(record.extra.get(key))
    body = source.splitlines()[span.end :] if span is not None else source.splitlines()
    for m in _SCOPE_LINE.finditer("\n".join(body)):
        found += _globs(m.group("value"))
    return list(dict.fromkeys(found))


def _globs(value: object) -> list[str]:
    if isinstance(value, str):
        items: list[object] = _SCOPE_SPLIT.split(value)
    elif isinstance(value, list):
        items = value
    else:
        return []
    out = []
    for item in items:
        text = str(item).strip().strip("`'\"").strip()
        if text and len(text) <= 300:
            out.append(text.removeprefix("./"))
    return out


def _glob_tokens(glob: str) -> list[str]:
    """``glob`` in tokens: ``**/``, ``**``, ``*``, ``?`` and single characters."""
    if glob.endswith("/"):
        glob += "**"
    out: list[str] = []
    i = 0
    while i < len(glob):
        for token in ("**/", "**", "*", "?"):
            if glob.startswith(token, i):
                break
        else:
            token = glob[i]
        out.append(token)
        i += len(token)
    return out


def glob_matches(glob: str, path: str) -> bool:
    """Whether ``path`` matches ``glob`` whole (``*`` and ``?`` within a name, ``**`` across
    names, ``**/`` any folders or none). The set of places the path can be at after each
    token, one pass per token: no regex, so a glob of many stars costs its length times the
    path's, never a backtracking search."""
    at = {0}
    size = len(path)
    for token in _glob_tokens(glob):
        if not at:
            return False
        if token == "**":
            at = set(range(min(at), size + 1))
        elif token == "**/":
            first = min(at)
            at |= {k + 1 for k in range(first, size) if path[k] == "/"}
        elif token == "*":
            reach: set[int] = set()
            for j in sorted(at):
                if j in reach:
                    continue
                reach.add(j)
                k = j
                while k < size and path[k] != "/":
                    k += 1
                    if k in reach:
                        break
                    reach.add(k)
            at = reach
        elif token == "?":
            at = {j + 1 for j in at if j < size and path[j] != "/"}
        else:
            at = {j + 1 for j in at if j < size and path[j] == token}
    return size in at


def covers(glob: str, path: str) -> bool:
    """Whether ``glob`` (a record's scope) concerns ``path`` (a file or folder, relative to
    the repository's root): it matches the path or something under it, or lies under it."""
    folder = path.rstrip("/")
    if glob_matches(glob, folder) or glob_matches(glob, folder + "/"):
        return True
    literal = _GLOB_MAGIC.split(glob, maxsplit=1)[0]
    return bool(folder) and literal.startswith(folder + "/")


def mentions(text: str, path: str) -> int:
    """How often ``text`` names ``path``, or its module name (``payments`` for
    ``src/payments/``, ``queue`` for ``lib/queue.py``), as a whole word."""
    folder = path.rstrip("/")
    if not folder:
        return 0
    count = 10 * text.count(folder)
    name = PurePosixPath(folder).stem
    if len(name) >= 3:
        count += sum(1 for _ in word_pattern(name).finditer(text))
    return count


@functools.lru_cache(maxsize=256)
def word_pattern(name: str) -> re.Pattern[str]:
    """``name`` as a whole word (a module's name in prose), any case."""
    return re.compile(rf"(?<![\w/.-]){re.escape(name)}(?![\w-])", re.IGNORECASE)


def decision_text(record: Record, limit: int = 280) -> str:
    """The decision in one or two sentences: the ``summary`` field, else the first
    paragraph of the Decision (or Decision Outcome) section."""
    given = record.extra.get("summary")
    paragraph = given or ""
    if not paragraph:
        for name in ("Decision", "Decision Outcome", "决策", "Summary"):
            section = record.section(name)
            if section is None:
                continue
            for para in _PARAGRAPHS.split(section.body):
                plain = without_comments(para)
                text = " ".join(_MARKUP.sub(lambda m: m.group(1) or "", plain).split())
                if text and not text.startswith(("#", "|", "```", "~~~")):
                    paragraph = text
                    break
            if paragraph:
                break
    if not paragraph:
        return record.summary(limit)
    text = " ".join(_SENTENCE.split(" ".join(paragraph.split()))[:2])
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def build(
    records: Sequence[Record],
    *,
    paths: Sequence[str] = (),
    budget: int | None = None,
    link: Any = None,
    sources: Any = None,
    heading: str = "Architecture decisions in force",
) -> Digest:
    """The digest of ``records``' decisions in force. ``link(record)`` gives the link to
    its file; ``sources(record)`` its Markdown (for scopes and mentions; only with paths)."""
    chosen = in_force(records)
    by_target = {r.target: r for r in records}
    entries = []
    for record in chosen:
        replaced = [
            by_target[t].id if t in by_target else str(t)
            for t in record.relation_targets("supersedes")
        ]
        area = record.category or (record.tags[0] if record.tags else "General")
        entries.append(Entry(record, area, decision_text(record), replaced))
    entries.sort(key=lambda e: _age(e.record), reverse=True)  # newest first among equals
    if paths:
        for entry in entries:
            source = sources(entry.record) if sources is not None else ""
            globs = scopes(entry.record, source)
            entry.scoped = [p for p in paths if any(covers(g, p) for g in globs)]
            text = f"{entry.record.title}\n{source}"
            entry.relevance = 1000 * len(entry.scoped) + sum(mentions(text, p) for p in paths)
        entries.sort(key=lambda e: -e.relevance)
    for entry in entries:
        entry.line = _line(entry, link)
    return _fit(entries, budget, heading, paths, len(chosen))


def _age(record: Record) -> tuple[str, int]:
    return (record.date or "", record.number or 0)


def _line(entry: Entry, link: Any) -> str:
    record = entry.record
    target = link(record) if link is not None else record.path.name
    label = f"{record.id} {record.title}".replace("[", "\\[").replace("]", "\\]")
    line = f"- [{label}]({target.replace(' ', '%20')})"
    if entry.decision:
        line += f": {entry.decision}"
    if entry.supersedes:
        line += f" Supersedes {', '.join(entry.supersedes)}."
    return line


def _fit(
    entries: list[Entry], budget: int | None, heading: str, paths: Sequence[str], total: int
) -> Digest:
    kept = entries
    if budget is not None:
        # room for the markers, and for the header and footer lines, whose counts vary
        room = budget * CHARS_PER_TOKEN - len(START) - len(END) - 2
        used = len(_render([], heading, paths, total)) + 60
        areas: set[str] = set()
        kept = []
        for entry in entries:
            cost = len(entry.line) + 1 + (0 if entry.area in areas else len(entry.area) + 7)
            if used + cost <= room:
                kept.append(entry)
                used += cost
                areas.add(entry.area)
        while kept and len(_render(kept, heading, paths, total)) > room:
            kept.pop()
    chosen = set(map(id, kept))
    omitted = [e for e in entries if id(e) not in chosen]
    return Digest(_render(kept, heading, paths, total), kept, omitted, total)


def _render(kept: list[Entry], heading: str, paths: Sequence[str], total: int) -> str:
    lines = [f"## {heading}", ""]
    order_ = (
        f"those concerning {', '.join(f'`{p}`' for p in paths)} first" if paths else "newest first"
    )
    shown = f"{len(kept)} of {total}" if len(kept) < total else f"{total}"
    lines.append(
        f"{shown} decisions in force, {order_}. Generated by `archlog context`; "
        "edit the records, not this list."
    )
    order: dict[str, list[Entry]] = {}
    for entry in kept:
        order.setdefault(entry.area, []).append(entry)
    for area, members in order.items():
        lines += ["", f"### {area}", ""]
        lines += [e.line for e in members]
    if len(kept) < total:
        lines += ["", f"{total - len(kept)} more in force: `archlog search --in-force` finds them."]
    return "\n".join(lines) + "\n"


def relative_link(record: Record, base: Path) -> str:
    """The record's file as a link from ``base`` (a folder), with ``/`` separators."""
    try:
        rel = os.path.relpath(record.path, base)
    except ValueError:  # another drive
        rel = str(record.path)
    anchor = f"#{record.entry.lower()}" if record.entry else ""
    return rel.replace(os.sep, "/") + anchor


def to_json(digest: Digest, folder: Path) -> dict[str, Any]:
    """The digest as data: each decision shown (with why it ranks there), and how many
    were left out."""
    return {
        "total": digest.total,
        "omitted": [e.record.id for e in digest.omitted],
        "decisions": [
            {
                **e.record.to_json(folder=folder),
                "area": e.area,
                "decision": e.decision,
                "supersedes": e.supersedes,
                "relevance": e.relevance,
                "scoped": e.scoped,
            }
            for e in digest.entries
        ],
    }
