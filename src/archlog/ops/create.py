"""Creating records: ``new`` (the next record) and ``init`` (a new folder), as plans.

The next number is one past the highest the folder has ever used — files present, log
entries, and files its git history deleted — so numbers are never reused and gaps are never
filled. Both are plans for a :class:`~archlog.edit.change.Change`: applied, the number is
chosen and the file created while the folder lock is held, and the file is created
exclusively, so concurrent ``new`` commands always get distinct numbers.

Where the record goes and its number are :mod:`archlog.ops.new_place`'s; the form it is
written in and its text, :mod:`archlog.ops.new_form`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archlog.errors import UsageError
from archlog.infra.clock import today
from archlog.infra.journal import TXN_DIR
from archlog.ops.first_record import FIRST_TITLE, fill_first_record
from archlog.ops.folder_start import folder_template, readme_text
from archlog.ops.log_entries import log_header, with_entry
from archlog.ops.new_form import Form, new_record_text, own_form, template_form
from archlog.ops.new_place import area_of, in_area, next_number
from archlog.ops.written import read_back
from archlog.read.names import OWN_TEMPLATE, slugify
from archlog.read.status import normalise_status

if TYPE_CHECKING:
    from archlog.conventions.catalog import Convention
    from archlog.edit.workspace import Workspace
    from archlog.model import Record


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
    #: The sub-folder the record goes in, where the folder keeps records by area.
    area: str | None = None


def check_values(request: NewRecord) -> None:
    """Each person and tag on one line, with no control characters: a value is written on a
    line of its own kind (a metadata line, a front-matter key), never across lines."""
    for option, values in _options(request).items():
        for value in values:
            if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
                raise UsageError(f"--{option} must be one line of text: {value!r}")
            if not value.strip():
                raise UsageError(f"--{option} is empty")


def _options(request: NewRecord) -> dict[str, Sequence[str]]:
    return {
        "deciders": request.deciders,
        "consulted": request.consulted,
        "informed": request.informed,
        "tag": request.tags,
    }


def check_title(title: str) -> str:
    """The title on one line, with single spaces; an error for an empty or multi-line one."""
    if any(ch in title for ch in "\n\r\x00"):
        raise UsageError("the title must be one line")
    clean = " ".join(title.split())
    if not clean:
        raise UsageError("the title is empty")
    return clean


def plan_new(
    ws: Workspace, request: NewRecord, *, convention: Convention | None = None, first: bool = False
) -> Path:
    """Add the next record to the workspace; its path (the log file, for a log).

    With ``request.supersedes``, each record named there is marked superseded by the new
    one, and the new one links back to it (see :func:`archlog.ops.lifecycle.supersede`).
    ``first`` fills the first record of a new folder with real text.
    """
    store = ws.repo
    check_title(request.title)  # a bad title or value fails before anything else
    check_values(request)
    request = replace(request, area=area_of(store, request.area, request.date))
    conv = convention or store.convention
    wanted = request.status or store.config.get("default_status") or conv.default_status
    _check_status(wanted)
    olds = [store.get(ref) for ref in request.supersedes]  # unknown ids fail before any write
    if olds:
        from archlog.ops.lifecycle import check_transition

        for old in olds:
            if old.status != "superseded":
                check_transition(conv, old, "superseded", force=request.force)
    conv, context, form = _draft(ws, request, conv, wanted)
    text, origin = new_record_text(store, conv, context, form)
    number, slug, day = context["number"], context["slug"], context["date"]
    if first:
        text = fill_first_record(text, blank_after_heading=conv.single_file is None)
    if store.is_log:
        path = store.log_file or next(r.path for r in store.records if r.entry)
    else:
        folder = store.folder / request.area if request.area else store.folder
        path = folder / conv.file_name(number, slug, day)
    given = [name for name, value in (("status", request.status), ("date", request.date)) if value]
    read_back(store, text, path, context, given)
    if request.date and origin == conv.name and conv.date_style == "none":
        store.warnings.append(
            UsageError("the records here state no date; --date was not written", store.folder)
        )
    if store.is_log:
        current = ws.new_text(path)
        if current is None:
            current = str(ws.text(path)) if path.exists() else log_header()
        ws.put(path, with_entry(current, text, path))
    else:
        ws.create(path, text)
    if olds:
        _supersede_by_new(ws, conv, olds, path, number, force=request.force)
    return path


def _draft(
    ws: Workspace, request: NewRecord, conv: Convention, wanted: str
) -> tuple[Convention, dict[str, Any], Form | None]:
    """The dialect the record is written in (its area's), what its template is rendered
    with, and the template (None: the record is written from the dialect)."""
    store = ws.repo
    title = check_title(request.title)
    conv = in_area(store, conv, request.area)
    day = request.date or today()
    slug = slugify(title, case=conv.slug_case, joiner=conv.slug_joiner)
    form = template_form(ws, conv, request.template)
    number = next_number(store, conv, request.area, day)
    context: dict[str, Any] = {
        "number": number,
        "id": conv.record_id(number) if number is not None else slug,
        "title": title,
        "heading": conv.heading(number, title, day),
        "area": request.area or "",
        "date": day,
        "status": request.status or conv.status_word(normalise_status(wanted)),
        "deciders": list(request.deciders),
        "consulted": list(request.consulted),
        "informed": list(request.informed),
        "tags": list(request.tags),
        "links": list(request.links),
        "slug": slug,
    }
    return conv, context, form


def check_new(ws: Workspace, request: NewRecord) -> None:
    """Render the repository's template once before the folder lock is taken: one that
    fails or runs into its limits then fails without holding the lock (and the rendering
    under the lock reuses this one when the number has not changed). A record written from
    a built-in template or from the dialect has nothing to fail there: without a template
    of the repository's, only the title, the values and the status are checked."""
    check_title(request.title)
    check_values(request)
    store = ws.repo
    _check_status(request.status or store.config.get("default_status"))
    if own_form(ws, request.template) is None:
        return
    request = replace(request, area=area_of(store, request.area, request.date))
    conv = store.convention
    wanted = request.status or store.config.get("default_status") or conv.default_status
    if normalise_status(wanted) == "unknown":
        return  # plan_new says so
    conv, context, form = _draft(ws, request, conv, wanted)
    new_record_text(store, conv, context, form)


def _check_status(wanted: object) -> None:
    if wanted and normalise_status(str(wanted)) == "unknown":
        raise UsageError(f"unknown status {wanted!r}")


def _supersede_by_new(
    ws: Workspace,
    conv: Convention,
    olds: Sequence[Record],
    path: Path,
    number: int | None,
    *,
    force: bool,
) -> None:
    """Link the record just planned to those it replaces, in the same workspace."""
    from archlog.ops.lifecycle import supersede

    made = ws.records(path)
    new = next((r for r in made if r.number == number), made[-1])
    for old in olds:
        supersede(ws, old, new, conv, force=force)


# ------------------------------------------------------------------ init


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
