"""Creating records: ``new`` (the next record) and ``init`` (a new folder), as plans.

The next number is one past the highest the folder has ever used — files present, log
entries, and files its git history deleted — so numbers are never reused and gaps are never
filled. Both are plans for a :class:`~archlog.edit.change.Change`: applied, the number is
chosen and the file created while the folder lock is held, and the file is created
exclusively, so concurrent ``new`` commands always get distinct numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archlog.conventions.catalog import Convention
from archlog.conventions.rendering import builtin_template
from archlog.errors import ArchlogError, UsageError
from archlog.infra.clock import today
from archlog.infra.journal import TXN_DIR
from archlog.ops.first_record import FIRST_TITLE, fill_first_record
from archlog.ops.log_entries import log_header, with_entry
from archlog.ops.template_fill import fill
from archlog.ops.written import read_back
from archlog.read.headings import year_sequence
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


def _template_source(
    ws: Workspace, conv: Convention, template: Path | None
) -> tuple[str, str] | None:
    """The template text and where it came from: ``--template``, configuration, the folder's
    own (``templates/template.md`` as this change leaves it, or any usual name and place),
    the convention's built-in one — or None: the record is written from the dialect."""
    store = ws.repo
    candidates = [template, store.config.path("template")]
    if not store.is_log:
        own = store.folder / OWN_TEMPLATE
        planned = ws.new_text(own)
        if planned is not None:
            return planned, str(own)
        candidates.append(own)
        candidates.append(store.template_path())
    for candidate in candidates:
        if candidate is not None and (candidate is template or candidate.is_file()):
            if candidate is not template and not store.contains(candidate):
                store.warnings.append(
                    ArchlogError("the template leads outside the repository; not read", candidate)
                )
                continue
            return _read_template(candidate), str(candidate)
    if conv.template is None:
        return None
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
    check_title(request.title)  # a bad title or value fails before anything else
    check_values(request)
    request = _with_year_area(store, request)
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
    conv, context, source = _draft(ws, request, conv, wanted)
    text, origin = _text(store, conv, context, source)
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
) -> tuple[Convention, dict[str, Any], tuple[str, str] | None]:
    """The dialect the record is written in (its area's), what its template is rendered
    with, and the template (None: the record is written from the dialect)."""
    store = ws.repo
    title = check_title(request.title)
    conv = _in_area(store, conv, request.area)
    day = request.date or today()
    slug = slugify(title, case=conv.slug_case, joiner=conv.slug_joiner)
    source = _template_source(ws, conv, request.template)
    scope = request.area if store.numbering == "area" else None
    number: int | None = max(store.used_numbers(scope), default=0) + 1
    if "{year}" in conv.title_pattern:  # DEC-2026-01: numbered within the record's year
        number = _next_in_year(store, day[:4])
    elif store.is_log and store.numbering == "area":  # ADR-PAY-003: numbered per prefix
        prefix = conv.title_pattern.split("{number}", 1)[0]
        mine = [r.number for r in store.records if r.number and r.number_scope == prefix]
        number = max(mine, default=0) + 1
    if "{number}" not in conv.file_pattern and conv.layout != "log":
        number = None if "{number}" not in conv.title_pattern else number
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
    return conv, context, source


def _text(
    store: Store, conv: Convention, context: dict[str, Any], source: tuple[str, str] | None
) -> tuple[str, str]:
    """The new record's text, and where its form came from."""
    if source is not None:
        return fill(source[0], source[1], conv, context), source[1]
    return _from_dialect(store, conv, context), conv.name


def check_new(ws: Workspace, request: NewRecord) -> None:
    """Render the new record's template once before the folder lock is taken: a repository
    template that fails or runs into its limits then fails without holding the lock (and
    the rendering under the lock reuses this one when the number has not changed)."""
    store = ws.repo
    request = _with_year_area(store, request)
    conv = store.convention
    wanted = request.status or store.config.get("default_status") or conv.default_status
    if normalise_status(wanted) == "unknown":
        return  # plan_new says so
    conv, context, source = _draft(ws, request, conv, wanted)
    _text(store, conv, context, source)


def _next_in_year(store: Store, year: str) -> int:
    """One past the highest number the ids of ``year`` have (``DEC-2024-02`` → 3)."""
    highest = 0
    for record in store.records:
        tail = record.id.rsplit("-", 2)[-2:]
        found = year_sequence("-".join(tail)) if len(tail) == 2 else None
        if found is not None and str(found[0]) == year:
            highest = max(highest, found[1])
    return highest + 1


def _with_year_area(store: Store, request: NewRecord) -> NewRecord:
    """A folder that keeps its records by year (``2023/``, ``2024/``): a record asked for
    without ``--area`` goes in its date's year."""
    if request.area is not None:
        return request
    areas = store.areas()
    if not areas or not all(_is_year(area) for area in areas):
        return request
    if any(s.area is None for s in store.listing.sources):
        return request
    return replace(request, area=(request.date or today())[:4])


def _is_year(name: str) -> bool:
    return len(name) == 4 and name.isdigit() and name[:2] in ("19", "20")


def _in_area(store: Store, conv: Convention, area: str | None) -> Convention:
    """The dialect as an area writes records (its names: ``api/API-001-…``,
    ``cli/CLI-002-…``; its headings, fields and sections where it has records enough)."""
    if area is None:
        areas = store.areas()
        if areas and not any(s.area is None for s in store.listing.sources):
            raise UsageError(
                f"this folder keeps records by area ({', '.join(areas)}): choose one with --area"
            )
        return conv
    if conv is store.convention:
        conv = store.convention_in(area)
    names = [n for n in store.names(area) if n.number is not None]
    if not names:
        return conv
    from collections import Counter

    prefix = Counter(n.prefix for n in names).most_common(1)[0][0]
    padded = [n.width for n in names if n.id[len(n.prefix) : len(n.prefix) + 1] == "0"]
    width = Counter(padded).most_common(1)[0][0] if padded else 1
    return conv.with_overrides(prefix=prefix, width=width)


def _from_dialect(store: Store, conv: Convention, context: dict[str, Any]) -> str:
    """A new record written from the dialect alone (no template fits the folder)."""
    from archlog.conventions.skeleton import Values, render

    people = {n: list(context[n]) for n in ("deciders", "consulted", "informed")}
    front: dict[str, str] = {}
    for key, rule in conv.front_matter:
        if rule == "{next}":
            front[key] = str(_next_value(store, key))
        elif "{" in rule:
            front[key] = rule.format_map(_Blank(context))
    values = Values(
        number=context["number"],
        title=str(context["title"]),
        status=str(context["status"]),
        date=str(context["date"]),
        people=people,
        tags=list(context["tags"]),
        front=front,
        links=list(context["links"]),
    )
    return render(conv, values)


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def _next_value(store: Store, key: str) -> int:
    """One past the highest value the folder's newest records give front-matter ``key``."""
    highest = 0
    for record in store.sample():
        if record.trace is None:
            continue
        for k, v in record.trace.front_matter:
            if k == key and v.lstrip("-").isdigit():
                highest = max(highest, int(v))
    return highest + 1


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


def folder_template(conv: Convention) -> str:
    """The convention's template, saved in the folder for the team to adapt (adr-tools
    reads the same file: the nygard one uses its placeholders NUMBER, TITLE, DATE, STATUS)."""
    name = conv.folder_template or conv.template
    if name is None:
        raise UsageError(f"the {conv.name} convention has no template to save in a folder")
    return builtin_template(name)


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
