"""What only the whole folder can say about its records, decided once every file is read.

A file's name and text say what they can; the folder settles the rest:

- which names really number records: a prefix that the folder's other records do not share
  (``use-http2-for-api``) is part of a slug, and the numbers of a folder whose files mostly
  share them (``0-org-policies``, ``0-cicd-plan``, ``1-network-ranges``) are categories;
- which files are not decisions: templates (by placeholder content — a ``## ADR-NNN``
  heading, a ``YYYY-MM-DD`` date and a choice of statuses), indexes (a page of links to the
  records), placeholder pages (a title and nothing else);
- each record's unique id (qualified by its area where ids repeat), whether numbers run
  across the folder or restart per area, and the records' relations resolved to the
  records they name;
- a status only a folder states (``deprecated/``), and a title left as the template's.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from archlog.conventions.vocabulary import fold
from archlog.model import NameInfo, Record, Relation, id_prefix
from archlog.read.names import ID_WORDS

K = TypeVar("K")

#: Folder names that state their records' status.
_STATUS_FOLDERS = {
    "deprecated": "deprecated",
    "superseded": "superseded",
    "rejected": "rejected",
    "archive": "deprecated",
    "archived": "deprecated",
    "obsolete": "deprecated",
    "retired": "deprecated",
    "proposed": "proposed",
    "drafts": "draft",
    "draft": "draft",
    "accepted": "accepted",
}


@dataclass
class Settled:
    """The folder's records, and what settling found out about the folder."""

    records: list[Record]
    #: ``global`` when numbers run across the folder, ``area`` when they restart per area.
    numbering: str = "global"
    #: Records settling changed (their JSON kept from the cache is stale).
    changed: set[int] = field(default_factory=set)
    #: Files that are not records, and why: (record, reason).
    dropped: list[tuple[Record, str]] = field(default_factory=list)


def settle(
    records: Sequence[Record],
    names: Mapping[Path, NameInfo | None],
    *,
    template_titles: Sequence[str] = (),
) -> Settled:
    """Decide what every file of a folder is (see the module's doc); ``names`` gives what
    each file's (or record folder's) name says."""
    out = Settled(list(records))
    _names(out, names)
    _non_records(out, names, template_titles)
    _numbering(out)
    _scope(out)
    _ids(out)
    _statuses(out)
    _resolve(out)
    return out


# ------------------------------------------------------------------ names


def not_numbers(names: Sequence[tuple[K, str | None, NameInfo | None]]) -> set[K]:
    """The files whose name's number is not a record number, from names alone (so ``new``
    can answer without reading the folder): ``(file, area, name)`` for each file, the
    files as they are named in the result.

    In each area, a prefix no other file shares and that is no id word (``use-http`` of
    ``use-http2-for-api``) is part of a slug; and when the numbered files mostly share
    their numbers (``0-org-policies``, ``0-cicd``, ``1-ranges``), the numbers are
    categories."""
    by_scope: dict[str, list[tuple[K, str, int]]] = defaultdict(list)
    keys: dict[str, str] = {}  # a name's prefix (all before its number) → its key
    for file, area, info in names:
        if info is not None and info.number is not None:
            key = keys.get(info.prefix)
            if key is None:
                key = keys[info.prefix] = _prefix_key(info.id)
            by_scope[area or ""].append((file, key, info.number))
    out: set[K] = set()
    for members in by_scope.values():
        prefixes = Counter(key for _, key, _ in members)
        categories = len(members) >= 3 and len({n for _, _, n in members}) * 2 <= len(members)
        if not categories and all(k == "" or k in ID_WORDS for k in prefixes):
            continue  # every prefix is an id's: no number here is a slug's
        for file, key, _number in members:
            shared = prefixes[key] >= 2 or prefixes[key] * 2 >= len(members)
            if categories or not (key == "" or key in ID_WORDS or shared):
                out.add(file)
    return out


def _names(out: Settled, names: Mapping[Path, NameInfo | None]) -> None:
    """Demote numbers a folder does not use as ids (a slug's digits, category numbers)."""
    listed = [(r.path, r.area, names.get(r.path)) for r in out.records if r.entry is None]
    demoted = not_numbers(listed)
    for record in out.records:
        if record.path in demoted and record.entry is None and record.number is not None:
            _unnumber(record, out)


def _prefix_key(ident: str) -> str:
    """An id's prefix as settling compares prefixes: folded, without spaces."""
    at = next((i for i, ch in enumerate(ident) if ch.isdigit()), len(ident))
    return fold(ident[:at]).replace(" ", "")


def _unnumber(record: Record, out: Settled) -> None:
    record.number = None
    record.id = (
        record.path.parent.name
        if record.path.name.lower() in ("readme.md", "index.md")
        else record.path.stem
    )
    out.changed.add(id(record))


# ------------------------------------------------------------------ not records


def _non_records(
    out: Settled, names: Mapping[Path, NameInfo | None], template_titles: Sequence[str]
) -> None:
    kept: list[Record] = []
    stems = {_stem(r) for r in out.records}
    templates = {fold(t) for t in template_titles if t}
    for record in out.records:
        reason = _not_a_record(record, stems)
        if reason is not None:
            out.dropped.append((record, reason))
            continue
        if templates and fold(record.title) in templates and record.number is not None:
            info = names.get(record.path)
            slug = info.slug if info is not None else ""
            if slug:
                record.title = slug.replace("-", " ").replace("_", " ").strip().capitalize()
                message = "the title heading is the template's; the title is the file name's"
                record.problems.append((None, message))
                out.changed.add(id(record))
        kept.append(record)
    out.records = kept


def records_only(records: Sequence[Record]) -> list[Record]:
    """``records`` without the files that are not decisions (templates, indexes, empty
    pages), judged by each file alone (for a sample read without the rest)."""
    stems = {_stem(r) for r in records}
    return [r for r in records if _not_a_record(r, stems) is None]


def _stem(record: Record) -> str:
    if record.path.name.lower() in ("readme.md", "index.md"):
        return record.path.parent.name
    return record.path.stem


def _not_a_record(record: Record, stems: set[str]) -> str | None:
    if record.entry is not None:
        return None
    if record.signs.placeholder_id:
        return "a template: its heading's id is a placeholder"
    if _template_signals(record) >= 2:
        return "a template: its fields hold placeholders"
    if record.number is not None or record.status_text:
        return None
    if len({s for s in record.signs.links if s in stems and s != _stem(record)}) >= 2:
        return "an index: it lists the records"
    if not record.synopsis and not record.signs.body:
        return "not a record: no number, no status and no text"
    return None


def _template_signals(record: Record) -> int:
    signals = 2 if record.signs.placeholders >= 2 else record.signs.placeholders
    if record.signs.status_choice:
        signals += 1
    if record.date is None and record.date_text and "y" in record.date_text.lower():
        signals += 1
    title = record.title.strip()
    if (title[:1] in "[{<" and title[-1:] in "]}>") or fold(title) in ("title", "short title"):
        signals += 1
    return signals


# ------------------------------------------------------------------ ids and numbering


def _numbering(out: Settled) -> None:
    """Whether numbers restart per area — per sub-folder, or in a log per id prefix
    (``ADR-PAY-001``, ``ADR-WEB-001``): they repeat across areas but not within one, and
    either often or with every area counting up from 1 on its own."""
    numbered = [r for r in out.records if r.number is not None]
    groups: dict[str, list[int]] = defaultdict(list)
    for r in numbered:
        groups[id_prefix(r.id) if r.entry else (r.area or "")].append(r.number or 0)
    if len(groups) < 2 or (any(r.entry for r in numbered) and any(r.area for r in numbered)):
        return
    overall = Counter(n for numbers in groups.values() for n in numbers)
    repeats = sum(1 for c in overall.values() if c > 1)
    within = Counter((g, n) for g, numbers in groups.items() for n in numbers)
    repeats_within = sum(1 for c in within.values() if c > 1)
    if repeats == 0 or repeats_within > max(1, len(within) // 10):
        return
    own_counts = all(
        min(n) <= 1 and max(n) - min(n) < len(n) + len(n) // 2 + 1 for n in groups.values()
    )
    if repeats > max(1, len(overall) // 10) or own_counts:
        out.numbering = "area"


def _ids(out: Settled) -> None:
    """Unique ids: a record whose id another record of another area has too is named by its
    area (``front-end/preferred-export``); records without a number in an area always are."""
    counts = Counter(fold(r.id) for r in out.records)
    for record in out.records:
        if record.area is None or record.entry is not None:
            continue
        if record.number is None or counts[fold(record.id)] > 1:
            qualified = f"{record.area}/{record.id}"
            if record.id != qualified:
                record.id = qualified
                out.changed.add(id(record))


def _statuses(out: Settled) -> None:
    for record in out.records:
        if record.status_text or record.status != "unknown":
            continue
        if record.relation_targets("superseded-by"):
            record.status = "superseded"
            out.changed.add(id(record))
            continue
        for part in reversed((record.area or "").split("/")):
            status = _STATUS_FOLDERS.get(part.lower())
            if status is not None:
                record.status = status
                out.changed.add(id(record))
                break


# ------------------------------------------------------------------ relations


def canonical_target(record: Record, numbering: str) -> int | str:
    """How relations name ``record``: its number where numbers run across the folder, else
    its id."""
    if record.number is not None and numbering == "global":
        return record.number
    return record.id


def _scope(out: Settled) -> None:
    """Where numbers restart per area, a record is named by its id, not its number."""
    if out.numbering == "area":
        for record in out.records:
            if record.number is not None:
                record.scoped = True


def _resolve(out: Settled) -> None:
    """Each relation's target as the record it names is named (:func:`canonical_target`);
    a reference that names no record is kept if it looks like an id, else dropped."""
    by_number: dict[int, list[Record]] = defaultdict(list)
    by_name: dict[str, list[Record]] = defaultdict(list)
    for record in out.records:
        if record.number is not None:
            by_number[record.number].append(record)
        for name in {fold(record.id), fold(_stem(record)), fold(record.id.rsplit("/", 1)[-1])}:
            by_name[name].append(record)
    prefixes = {_prefix_key(r.id.rsplit("/", 1)[-1]) for r in out.records if r.number is not None}
    for record in out.records:
        if not record.relations:
            continue
        resolved: list[Relation] = []
        for rel in record.relations:
            target = _find(rel.target, record, by_number, by_name)
            if target is not None:
                named = canonical_target(target, out.numbering)
                if target is record:
                    continue
                resolved.append(
                    rel if named == rel.target else Relation(rel.type, named, rel.text, rel.span)
                )
            elif isinstance(rel.target, int) or _prefix_key(str(rel.target)) in prefixes:
                resolved.append(rel)
        if resolved != record.relations:
            record.relations = _unique(resolved)
            out.changed.add(id(record))


def _find(
    target: int | str,
    here: Record,
    by_number: dict[int, list[Record]],
    by_name: dict[str, list[Record]],
) -> Record | None:
    if isinstance(target, int):
        found = by_number.get(target, [])
    else:
        found = by_name.get(fold(target), [])
        if not found:
            found = by_name.get(fold(_width_free(target)), [])
    if len(found) > 1:
        local = [r for r in found if r.area == here.area]
        found = local or found
    return found[0] if len(found) == 1 else None


def _width_free(ident: str) -> str:
    """``API-2`` for ``API-002``: ids compared without their padding."""
    at = next((i for i, ch in enumerate(ident) if ch.isdigit()), len(ident))
    return ident[:at] + ident[at:].lstrip("0")


def _unique(relations: list[Relation]) -> list[Relation]:
    seen: set[tuple[str, int | str]] = set()
    out = []
    for rel in relations:
        if (rel.type, rel.target) not in seen:
            seen.add((rel.type, rel.target))
            out.append(rel)
    return out
