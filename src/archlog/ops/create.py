"""Creating records: ``init`` (a new folder) and ``new`` (the next record).

The next number is one past the highest the folder has ever used — files present, log
entries, and files its git history deleted — so numbers are never reused and gaps are never
filled. The number is chosen and the file created while holding the folder lock, and the file
is created exclusively, so concurrent ``new`` commands always get distinct numbers.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archlog.conventions.catalog import Convention, get_convention
from archlog.conventions.rendering import builtin_template, render
from archlog.errors import ArchlogError, UsageError
from archlog.infra.fs import atomic_write, create_exclusive, folder_lock, today
from archlog.read.names import OWN_TEMPLATE, slugify
from archlog.read.status import normalise_status

if TYPE_CHECKING:
    from archlog.model import Record
    from archlog.read.store import Repository

FIRST_TITLE = "Record architecture decisions"


def _check_title(title: str) -> str:
    clean = " ".join(title.split())
    if not clean:
        raise UsageError("the title is empty")
    if any(ch in title for ch in "\n\r\x00"):
        raise UsageError("the title must be one line")
    return clean


def _template_source(repo: Repository, conv: Convention, template: Path | None) -> tuple[str, str]:
    """The template text and where it came from: ``--template``, configuration, the folder's
    ``templates/template.md``, or the convention's built-in one."""
    candidates = [template, repo.config.path("template")]
    if not repo.is_log:
        candidates.append(repo.folder / OWN_TEMPLATE)
    for candidate in candidates:
        if candidate is not None and (candidate is template or candidate.is_file()):
            try:
                return candidate.read_text(encoding="utf-8"), str(candidate)
            except (OSError, UnicodeDecodeError) as exc:
                raise ArchlogError(f"cannot read template: {exc}", candidate) from None
    return builtin_template(conv.template), conv.template


def new_record(
    repo: Repository,
    title: str,
    *,
    status: str | None = None,
    date: str | None = None,
    deciders: Sequence[str] = (),
    consulted: Sequence[str] = (),
    informed: Sequence[str] = (),
    tags: Sequence[str] = (),
    template: Path | None = None,
    links: Sequence[str] = (),
    convention: Convention | None = None,
    supersedes: Sequence[str] = (),
    force: bool = False,
) -> Path:
    """Create the next record and return its path (``FILE`` for a log, with the entry added).

    With ``supersedes``, each record named there is marked superseded by the new one, and
    the new one links back to it (see :func:`archlog.ops.lifecycle.supersede`).
    """
    title = _check_title(title)
    # Everything under the folder lock, on the folder as it is now: the number chosen is
    # then one no concurrent `new` can take, and the folder is listed once.
    with folder_lock(repo.folder):
        repo.refresh()
        conv = convention or repo.convention
        wanted = status or repo.config.get("default_status") or conv.default_status
        if normalise_status(wanted) == "unknown":
            raise UsageError(f"unknown status {wanted!r}")
        olds = [repo.get(ref) for ref in supersedes]  # unknown ids fail before any write
        if olds:
            from archlog.ops.lifecycle import check_transition

            for old in olds:
                if old.status != "superseded":
                    check_transition(conv, old, "superseded", force=force)
        day, slug = date or today(), slugify(title)
        source, origin = _template_source(repo, conv, template)
        number = max(repo.used_numbers(), default=0) + 1
        context: dict[str, Any] = {
            "number": number,
            "id": conv.record_id(number),
            "title": title,
            "heading": conv.heading(number, title),
            "date": day,
            "status": status or conv.status_word(normalise_status(wanted)),
            "deciders": list(deciders),
            "consulted": list(consulted),
            "informed": list(informed),
            "tags": list(tags),
            "links": list(links),
            "slug": slug,
        }
        text = render(source, context, origin)
        _warn_unplaced(repo, text, origin, deciders=deciders, consulted=consulted,
                       informed=informed, tag=tags)  # fmt: skip
        if repo.is_log:
            path = repo.log_file or next(r.path for r in repo.records if r.entry)
            _append_entry(path, text)
        else:
            path = repo.folder / conv.file_name(number, slug, day)
            create_exclusive(path, text.encode("utf-8"))
        if olds:
            _supersede_by_new(repo, conv, olds, path, number, force=force)
        return path


def _supersede_by_new(repo: Repository, conv: Convention, olds: Sequence[Record], path: Path,
                      number: int, *, force: bool) -> None:  # fmt: skip
    """Link the record just created (still under the folder lock) to those it replaces."""
    from archlog.edit.workspace import Workspace
    from archlog.ops.lifecycle import supersede

    repo.refresh()
    ws = Workspace(repo)
    new = next(r for r in ws.records(path) if r.number == number)
    for old in olds:
        supersede(ws, old, new, conv, force=force)
    ws.commit()


def _warn_unplaced(repo: Repository, text: str, origin: str, **given: Sequence[str]) -> None:
    """Warn about values given on the command line that the template did not write."""
    for option, values in given.items():
        missing = [v for v in values if v not in text]
        if missing:
            message = f"the template has no place for --{option}; not written: "
            repo.warnings.append(UsageError(message + ", ".join(missing), Path(origin)))


def _append_entry(path: Path, entry: str) -> None:
    """Add an entry to a decision log file (see :func:`with_entry`)."""
    from archlog.read.reader import decode

    data = path.read_bytes()
    text, bom = decode(data, path)
    atomic_write(path, (b"\xef\xbb\xbf" if bom else b"") + with_entry(text, entry, path).encode())


def with_entry(text: str, entry: str, path: Path) -> str:
    """A decision log's text with ``entry`` added: before its trailing template section,
    else at the end. Line endings are kept; everything else stays byte for byte."""
    from archlog.read.reader import parse_file

    crlf = "\r\n" in text
    records = parse_file(text, path) if text.strip() else []
    end = len(text)
    if records and records[-1].entry:
        last = records[-1].spans["record"].end
        lines = text.split("\n")
        # the first non-entry level-2 heading after the last entry (e.g. "## Template")
        for i in range(last, len(lines)):
            if lines[i].startswith("## "):
                end = sum(len(line) + 1 for line in lines[:i])
                break
    head, tail = text[:end], text[end:]
    body = entry.strip("\n") + "\n"
    if tail:
        stripped = head.rstrip()
        if stripped.endswith("---"):
            head = stripped[:-3].rstrip() + "\n\n---\n\n"
        insert = body + "\n---\n\n"
    else:
        head = head.rstrip() + "\n\n---\n\n"
        insert = body
    new = head + insert + tail
    if crlf:
        new = new.replace("\r\n", "\n").replace("\n", "\r\n")
    return new


def init(
    target: Path, convention: str = "nygard", *, date: str | None = None
) -> tuple[Path, list[Path]]:
    """Create an ADR folder (or log) with its template, a README index and record 1."""
    from archlog.infra.config import Config
    from archlog.read.store import Repository

    conv = get_convention(convention)
    folder = target
    created: list[Path] = []
    if conv.single_file:
        if target.suffix.lower() == ".md":
            folder = target.parent
        log = target if target.suffix.lower() == ".md" else target / conv.single_file
        if log.exists():
            raise UsageError("already exists; archlog init does not overwrite", log)
        folder.mkdir(parents=True, exist_ok=True)
        create_exclusive(log, _log_header(conv).encode("utf-8"))
        created.append(log)
        repo = Repository(folder, Config({}, None, folder), log_file=log)
    else:
        if folder.is_dir() and any(p.suffix.lower() == ".md" for p in folder.iterdir()):
            raise UsageError(
                "already holds Markdown files; archlog init does not overwrite", folder
            )
        template = folder / OWN_TEMPLATE
        template.parent.mkdir(parents=True, exist_ok=True)
        create_exclusive(template, _folder_template(conv).encode("utf-8"))
        created.append(template)
        readme = folder / "README.md"
        create_exclusive(readme, _readme(conv).encode("utf-8"))
        created.append(readme)
        repo = Repository(folder, Config({}, None, folder))
    first = new_record(
        repo, FIRST_TITLE, status=conv.status_word("accepted"), date=date, convention=conv
    )
    _fill_first_record(first, conv)
    created.append(first)
    if not conv.single_file:
        _write_first_index(folder / "README.md", conv, first)
    return folder, created


def _folder_template(conv: Convention) -> str:
    """The convention's template, saved in the folder for the team to adapt. adr-tools reads
    the same file, so the nygard one uses its placeholders (NUMBER, TITLE, DATE, STATUS)."""
    if conv.name == "nygard":
        return builtin_template("nygard-folder.md")
    return builtin_template(conv.template)


def _readme(conv: Convention) -> str:
    return (
        "# Architecture Decision Records\n\n"
        "This folder records the architecture decisions of this project, one file each,\n"
        f'in the `{conv.name}` convention. Create one with `archlog new "Title"`;\n'
        "the index below is kept by `archlog index`.\n\n"
        "<!-- archlog:index:start -->\n<!-- archlog:index:end -->\n"
    )


def _write_first_index(readme: Path, conv: Convention, first: Path) -> None:
    """Put the first record in the README's index, exactly as `archlog index` writes it."""
    from archlog.features.index import update
    from archlog.infra.config import Config
    from archlog.read.store import Repository

    folder = readme.parent
    repo = Repository(folder, Config({"convention": conv.name}, None, folder))
    path, _old, new = update(repo)
    atomic_write(path, new.encode("utf-8"))


def _log_header(conv: Convention) -> str:
    return (
        "# Architecture Decision Records\n\n"
        "Every decision of this project is an entry of this file. Add one with\n"
        '`archlog new "Title"`; entries are never removed, only superseded.\n'
    )


_CONTEXT = (
    "We need to record the architectural decisions made on this project, with the reasons "
    "for them, so that people joining later can understand them and revisit them knowingly."
)
_FIRST_BODY = {
    "context": _CONTEXT,
    "context and problem statement": _CONTEXT,
    "decision": "We will use Architecture Decision Records, kept in this repository and "
    "managed with archlog.",
    "considered options": "* Architecture Decision Records in the repository, managed with "
    "archlog\n* Decisions written down in a wiki\n* No written record of decisions",
    "decision outcome": "Chosen option: Architecture Decision Records in the repository, "
    "because they are reviewed and versioned with the code they explain.",
    "consequences": "Decisions and their reasons are reviewed like code and kept next to it. "
    "The cost: writing a record takes time, and records must be kept up to date when "
    "decisions change.",
    "alternatives considered": "A wiki page, which drifts away from the code it explains; no "
    "written record at all, which loses the reasons when people leave.",
    "rationale": "Records next to the code are found, reviewed and versioned with it.",
    "decision rationale": "Records next to the code are found, reviewed and versioned with it.",
}
_HEADING = re.compile(r"^(#{2,6})\s+(.*?)\s*#*\s*$")


def _fill_first_record(path: Path, conv: Convention) -> None:
    """Give the first record real text: its main sections filled, the template's other
    sections (placeholders nobody will answer) left out; Status and Date sections kept."""
    from archlog.read.metadata import KEYS, PLACEHOLDER_LINE

    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        m = _HEADING.match(lines[i])
        if m is None:
            if not PLACEHOLDER_LINE.match(lines[i]):  # "**Context:** [Link to ticket]"
                out.append(lines[i])
            i += 1
            continue
        level, name = len(m.group(1)), m.group(2).strip()
        key = " ".join(name.casefold().split())
        if KEYS.get(key) in ("status", "date") or re.match(r"ADR[-\s_]?\d", name):
            out.append(lines[i])  # a field section, or a log entry's heading: kept
            i += 1
            continue
        text = _FIRST_BODY.get(key)
        i += 1
        while i < len(lines) and lines[i].strip() != "---":  # skip the template's text
            sub = _HEADING.match(lines[i])  # (and, for a section left out, its sub-sections)
            if sub is not None and (text is not None or len(sub.group(1)) <= level):
                break
            i += 1
        if text is not None:
            blank = [""] if conv.single_file is None else []  # the log's style: no blank line
            out.extend([lines_at(m), *blank, text, ""])
    while out and not out[-1]:
        out.pop()
    atomic_write(path, ("\n".join(out) + "\n").encode("utf-8"))


def lines_at(m: re.Match[str]) -> str:
    return m.group(0)


def open_in_editor(path: Path) -> None:
    """Open ``path`` in ``$VISUAL`` or ``$EDITOR`` and wait for it."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise UsageError("--edit needs $VISUAL or $EDITOR to name an editor")
    try:
        subprocess.run([*shlex.split(editor), str(path)], check=False)
    except OSError as exc:
        raise ArchlogError(f"cannot start editor {editor!r}: {exc.strerror}") from None
