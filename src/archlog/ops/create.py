"""Creating records: ``new`` (the next record) and ``init`` (a new folder), as plans.

The next number is one past the highest the folder has ever used — files present, log
entries, and files its git history deleted — so numbers are never reused and gaps are never
filled. Both are plans for a :class:`~archlog.edit.change.Change`: applied, the number is
chosen and the file created while the folder lock is held, and the file is created
exclusively, so concurrent ``new`` commands always get distinct numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archlog.conventions.catalog import Convention
from archlog.conventions.rendering import builtin_template, render
from archlog.errors import ArchlogError, UsageError
from archlog.infra.clock import today
from archlog.infra.journal import TXN_DIR
from archlog.ops.first_record import FIRST_TITLE, fill_first_record
from archlog.ops.log_entries import log_header, with_entry
from archlog.read.names import OWN_TEMPLATE, slugify
from archlog.read.status import normalise_status

if TYPE_CHECKING:
    from archlog.edit.workspace import Workspace
    from archlog.model import Record
    from archlog.read.store import Store


#: A template larger than this is not read.
MAX_TEMPLATE_BYTES = 1 << 20


@dataclass(frozen=True)
class NewRecord:
    """What ``archlog new`` is asked for. ``date`` is ISO (``YYYY-MM-DD``; default today);
    ``supersedes`` names records the new one replaces (they are marked superseded)."""

    title: str
    status: str | None = None
    date: str | None = None
    deciders: Sequence[str] = ()
    consulted: Sequence[str] = ()
    informed: Sequence[str] = ()
    tags: Sequence[str] = ()
    template: Path | None = None
    links: Sequence[str] = ()
    supersedes: Sequence[str] = ()
    force: bool = False


def check_title(title: str) -> str:
    """The title on one line, with single spaces; an error for an empty or multi-line one."""
    if any(ch in title for ch in "\n\r\x00"):
        raise UsageError("the title must be one line")
    clean = " ".join(title.split())
    if not clean:
        raise UsageError("the title is empty")
    return clean


def _template_source(ws: Workspace, conv: Convention, template: Path | None) -> tuple[str, str]:
    """The template text and where it came from: ``--template``, configuration, the folder's
    ``templates/template.md`` (as this change leaves it), or the convention's built-in one."""
    store = ws.repo
    candidates = [template, store.config.path("template")]
    if not store.is_log:
        own = store.folder / OWN_TEMPLATE
        planned = ws.new_text(own)
        if planned is not None:
            return planned, str(own)
        candidates.append(own)
    for candidate in candidates:
        if candidate is not None and (candidate is template or candidate.is_file()):
            if candidate is not template and not store.contains(candidate):
                store.warnings.append(
                    ArchlogError("the template leads outside the repository; not read", candidate)
                )
                continue
            return _read_template(candidate), str(candidate)
    return builtin_template(conv.template), conv.template


def _read_template(path: Path) -> str:
    """A template's text: a regular file of a sane size, in UTF-8."""
    from archlog.infra.fs import read_regular

    try:
        return read_regular(path, MAX_TEMPLATE_BYTES).decode("utf-8")
    except OSError as exc:
        raise ArchlogError(f"cannot read template: {exc.strerror}", path) from None
    except UnicodeDecodeError as exc:
        raise ArchlogError(f"cannot read template: {exc}", path) from None


def plan_new(
    ws: Workspace, request: NewRecord, *, convention: Convention | None = None, first: bool = False
) -> Path:
    """Add the next record to the workspace; its path (the log file, for a log).

    With ``request.supersedes``, each record named there is marked superseded by the new
    one, and the new one links back to it (see :func:`archlog.ops.lifecycle.supersede`).
    ``first`` fills the first record of a new folder with real text.
    """
    store = ws.repo
    title = check_title(request.title)
    conv = convention or store.convention
    wanted = request.status or store.config.get("default_status") or conv.default_status
    if normalise_status(wanted) == "unknown":
        raise UsageError(f"unknown status {wanted!r}")
    olds = [store.get(ref) for ref in request.supersedes]  # unknown ids fail before any write
    if olds:
        from archlog.ops.lifecycle import check_transition

        for old in olds:
            if old.status != "superseded":
                check_transition(conv, old, "superseded", force=request.force)
    day, slug = request.date or today(), slugify(title)
    source, origin = _template_source(ws, conv, request.template)
    number = max(store.used_numbers(), default=0) + 1
    text = render(source, _context(request, conv, number, wanted), origin)
    if first:
        text = fill_first_record(text, blank_after_heading=conv.single_file is None)
    _warn_unplaced(
        store,
        text,
        origin,
        deciders=request.deciders,
        consulted=request.consulted,
        informed=request.informed,
        tag=request.tags,
    )
    if store.is_log:
        path = store.log_file or next(r.path for r in store.records if r.entry)
        current = ws.new_text(path)
        if current is None:
            current = str(ws.text(path)) if path.exists() else log_header()
        ws.put(path, with_entry(current, text, path))
    else:
        path = store.folder / conv.file_name(number, slug, day)
        ws.create(path, text)
    if olds:
        _supersede_by_new(ws, conv, olds, path, number, force=request.force)
    return path


def _context(request: NewRecord, conv: Convention, number: int, wanted: str) -> dict[str, Any]:
    """What a template is rendered with."""
    title = check_title(request.title)
    return {
        "number": number,
        "id": conv.record_id(number),
        "title": title,
        "heading": conv.heading(number, title),
        "date": request.date or today(),
        "status": request.status or conv.status_word(normalise_status(wanted)),
        "deciders": list(request.deciders),
        "consulted": list(request.consulted),
        "informed": list(request.informed),
        "tags": list(request.tags),
        "links": list(request.links),
        "slug": slugify(title),
    }


def check_new(ws: Workspace, request: NewRecord) -> None:
    """Render the new record's template once before the folder lock is taken: a repository
    template that fails or runs into its limits then fails without holding the lock (and
    the rendering under the lock reuses this one when the number has not changed)."""
    store = ws.repo
    conv = store.convention
    wanted = request.status or store.config.get("default_status") or conv.default_status
    source, origin = _template_source(ws, conv, request.template)
    number = max(store.used_numbers(), default=0) + 1
    render(source, _context(request, conv, number, wanted), origin)


def _supersede_by_new(
    ws: Workspace, conv: Convention, olds: Sequence[Record], path: Path, number: int, *, force: bool
) -> None:
    """Link the record just planned to those it replaces, in the same workspace."""
    from archlog.ops.lifecycle import supersede

    new = next(r for r in ws.records(path) if r.number == number)
    for old in olds:
        supersede(ws, old, new, conv, force=force)


def _warn_unplaced(store: Store, text: str, origin: str, **given: Sequence[str]) -> None:
    """Warn about values given on the command line that the template did not write."""
    for option, values in given.items():
        missing = [v for v in values if v not in text]
        if missing:
            message = f"the template has no place for --{option}; not written: "
            store.warnings.append(UsageError(message + ", ".join(missing), Path(origin)))


# ------------------------------------------------------------------ init


def folder_template(conv: Convention) -> str:
    """The convention's template, saved in the folder for the team to adapt (adr-tools
    reads the same file: the nygard one uses its placeholders NUMBER, TITLE, DATE, STATUS)."""
    return builtin_template(conv.folder_template or conv.template)


def readme_text(conv: Convention) -> str:
    """The README of a new folder: what it is, and empty index markers."""
    return (
        "# Architecture Decision Records\n\n"
        "This folder records the architecture decisions of this project, one file each,\n"
        f'in the `{conv.name}` convention. Create one with `archlog new "Title"`;\n'
        "the index below is kept by `archlog index`.\n\n"
        "<!-- archlog:index:start -->\n<!-- archlog:index:end -->\n"
    )


def plan_init(ws: Workspace, conv: Convention, *, date: str | None = None) -> list[Path]:
    """A new folder (or log) in the workspace: its template, a README with empty index
    markers, and record 1. The paths, in the order made."""
    store = ws.repo
    created: list[Path] = []
    if store.log_file is not None:
        if store.log_file.exists():
            raise UsageError("already exists; archlog init does not overwrite", store.log_file)
    else:
        folder = store.folder
        if folder.is_dir() and any(p.suffix.lower() == ".md" for p in folder.iterdir()):
            raise UsageError(
                "already holds Markdown files; archlog init does not overwrite", folder
            )
        template = folder / OWN_TEMPLATE
        ws.create(template, folder_template(conv))
        readme = folder / "README.md"
        ws.create(readme, readme_text(conv))
        created += [template, readme]
        if not folder.exists():  # a folder init makes: an edit's staging is never committed
            ignore = folder / ".gitignore"
            ws.create(ignore, f"{TXN_DIR}/\n")
            created.append(ignore)
    request = NewRecord(FIRST_TITLE, status=conv.status_word("accepted"), date=date)
    created.append(plan_new(ws, request, convention=conv, first=True))
    return created
