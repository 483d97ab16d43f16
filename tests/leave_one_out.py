"""Leave one out: take a folder's newest record away, ask ``archlog new`` for one with its
title, and compare the two records' skeletons — how the file is named, how its title heading
is written, which metadata labels it carries and where, and its section headings.

The skeleton is read from the reader's trace of each record (:class:`archlog.model.Trace`),
so both sides are described the same way. Used by tests/test_leave_one_out.py (over every
real corpus) and by scripts/leave_one_out.py, which writes the table in
docs/leave-one-out.md.
"""

from __future__ import annotations

import datetime
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from archlog.api import Repository
from archlog.model import Record

#: The aspects compared, in the order the table shows them.
ASPECTS = ("file name", "heading", "metadata", "sections")


@dataclass(frozen=True)
class Skeleton:
    """What a record's form is, aspect by aspect: the name and heading as patterns, the
    metadata as ``label@place`` items, the sections as headings."""

    file_name: str
    heading: str
    metadata: tuple[str, ...]
    sections: tuple[str, ...]

    def aspects(self) -> dict[str, str]:
        return {
            "file name": self.file_name,
            "heading": self.heading,
            "metadata": ", ".join(self.metadata) or "(none)",
            "sections": " | ".join(self.sections) or "(none)",
        }


@dataclass
class Outcome:
    """One folder's result: the removed record, the new one, how their skeletons compare,
    and what the removed record's siblings share (the yardstick of "in the folder's style":
    a field at least a third of them carry, a section at least half of them have — or the
    folder's template has)."""

    corpus: str
    removed: str
    written: str
    old: Skeleton
    new: Skeleton
    shared_fields: frozenset[str] = frozenset()
    shared_sections: frozenset[str] = frozenset()
    #: The siblings' section headings (folded), each record's in its order.
    orders: list[tuple[str, ...]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def matches(self) -> dict[str, bool]:
        """Aspect by aspect: the same as the removed record's, exactly."""
        old, new = self.old.aspects(), self.new.aspects()
        return {name: old[name] == new[name] for name in ASPECTS}

    def in_style(self) -> dict[str, str]:
        """Aspect by aspect: "" when the new record is written as the removed one is, as far
        as its siblings write alike; else what differs."""
        out = {}
        old, new = self.old, self.new
        out["file name"] = "" if old.file_name == new.file_name else "name"
        out["heading"] = "" if old.heading == new.heading else "heading"
        out["metadata"] = _compare(old.metadata, new.metadata, self.shared_fields, [])
        out["sections"] = _compare(
            tuple(_fold(s) for s in old.sections),
            tuple(_fold(s) for s in new.sections),
            self.shared_sections,
            self.orders,
        )
        return out


def _compare(
    old: tuple[str, ...],
    new: tuple[str, ...],
    shared: frozenset[str],
    orders: list[tuple[str, ...]],
) -> str:
    """What differs between ``old`` and ``new`` beyond what is the removed record's own (not
    ``shared``): a shared item missing, an item no sibling has, or two items the other way
    round from the removed record when most siblings (``orders``) have them its way."""
    expected = [item for item in old if item in shared]
    missing = [item for item in expected if item not in new]
    extra = [item for item in new if item not in shared and item not in old]
    problems = []
    if missing:
        problems.append("missing " + ", ".join(missing))
    if extra:
        problems.append("not the folder's: " + ", ".join(extra))
    swapped = [
        (a, b)
        for i, a in enumerate(expected)
        for b in expected[i + 1 :]
        if a in new and b in new and new.index(b) < new.index(a) and _usual(orders, a, b)
    ]
    if swapped:
        problems.append("out of order: " + ", ".join(f"{a} before {b}" for a, b in swapped))
    return "; ".join(problems)


def _usual(orders: list[tuple[str, ...]], a: str, b: str) -> bool:
    """Whether ``a`` comes before ``b`` in the records that have both, most often (with no
    such records: yes, the removed record's order is all there is to go by)."""
    both = [o for o in orders if a in o and b in o]
    before = sum(1 for o in both if o.index(a) < o.index(b))
    return not both or before * 2 > len(both)


def _fold(heading: str) -> str:
    return " ".join(heading.casefold().split())


def skeleton(record: Record, folder: Path) -> Skeleton:
    """The form of ``record`` (read with its details)."""
    trace = record.trace
    assert trace is not None, record.path
    return Skeleton(
        file_name=_name_form(record, folder),
        heading=_heading_form(record),
        metadata=tuple(f"{f.label}@{f.place}" for f in trace.fields),
        sections=tuple(trace.sections),
    )


def shared(
    repo: Repository, removed: Record
) -> tuple[frozenset[str], frozenset[str], list[tuple[str, ...]]]:
    """The fields (``label@place``) a third of the removed record's siblings carry and the
    sections (folded) half of them have, or the folder's template has: in its area when the
    area has three records or more (areas may write records their own way)."""
    kind = removed.entry is None
    siblings = [r for r in repo.records if r is not removed and (r.entry is None) == kind]
    in_area = [r for r in siblings if r.area == removed.area]
    if removed.area and len(in_area) + 1 >= 3:
        siblings = in_area
    siblings = siblings[-25:]  # the newest, as a folder writes today
    repo.detail(siblings)
    fields: dict[str, int] = {}
    sections: dict[str, int] = {}
    orders = []
    for record in siblings:
        trace = record.trace
        if trace is None:
            continue
        orders.append(tuple(_fold(s) for s in trace.sections))
        for item in {f"{f.label}@{f.place}" for f in trace.fields}:
            fields[item] = fields.get(item, 0) + 1
        for item in {_fold(s) for s in trace.sections}:
            sections[item] = sections.get(item, 0) + 1
    n = max(1, len(siblings))
    common_fields = {k for k, c in fields.items() if c * 3 >= n}
    common_sections = {k for k, c in sections.items() if c * 2 >= n}
    template = repo.store.template_record
    if template is not None:
        repo.detail([template])
        if template.trace is not None:
            common_fields |= {f"{f.label}@{f.place}" for f in template.trace.fields}
            common_sections |= {_fold(s) for s in template.trace.sections}
    return frozenset(common_fields), frozenset(common_sections), orders


def _name_form(record: Record, folder: Path) -> str:
    """The file's name with its number, slug and date as placeholders: ``NNNN-{slug}.md``,
    ``ADR-NNN_{Slug}.md``, ``{date}-{slug}/README.md``, ``DECISIONS.md#entry``."""
    trace = record.trace
    assert trace is not None
    if record.entry:
        return f"{record.path.name}#entry"
    rel = record.path.relative_to(folder).as_posix()
    if record.area:
        rel = rel[len(record.area) + 1 :]
    info = trace.name
    if info is None:
        return "{title}.md" if rel.count("/") == 0 else "{title}/" + rel.rsplit("/", 1)[1]
    inner = rel.split("/", 1)[0]  # a record folder's own name, or the file's
    stem = inner[:-3] if inner.endswith(".md") else inner
    form = stem
    if info.date:
        form = form.replace(info.date, "{date}", 1)
    if info.number is not None:
        digits = str(info.number).zfill(info.width) if info.width else str(info.number)
        form = form.replace(info.prefix + digits, info.prefix + "N" * max(info.width, 1), 1)
    if info.slug:
        form = form.replace(info.slug, "{" + _slug_style(info.slug) + "}", 1)
    return form + rel[len(stem) :]


def _slug_style(slug: str) -> str:
    joiner = "_" if "_" in slug and "-" not in slug else "-"
    words = [w for w in re.split(r"[-_]", slug) if w]
    if all(w.islower() or w.isdigit() for w in words):
        case = "lower"
    elif all(w[:1].isupper() or w.isdigit() for w in words):
        case = "Title"
    else:
        case = "mixed"
    return f"slug:{case}{joiner}"


def _heading_form(record: Record) -> str:
    trace = record.trace
    assert trace is not None
    if trace.heading is None:
        if trace.title_key:
            return f"front matter {trace.title_key}: {trace.title_form or '{title}'}"
        return "(no title heading)"
    width = f", digits {trace.heading_width}" if trace.heading_width else ""
    return "#" * trace.heading_level + " " + trace.heading + width


def newest(repo: Repository) -> Record:
    """The folder's newest record: the highest number (the latest date where records have
    none; the last in the folder's order otherwise)."""
    records = [r for r in repo.records if r.title]
    numbered = [r for r in records if r.number is not None]
    if numbered:
        return max(numbered, key=lambda r: (r.number or 0, r.date or "", r.id))
    dated = [r for r in records if r.date]
    if dated:
        return max(dated, key=lambda r: (r.date or "", r.id))
    return records[-1]


def remove(record: Record, folder: Path) -> None:
    """Take ``record`` out of the folder: its file, its record folder, or its log entry."""
    if record.entry:
        span = record.spans["record"]
        lines = record.path.read_text(encoding="utf-8").split("\n")
        del lines[span.start - 1 : span.end]
        record.path.write_text("\n".join(lines), encoding="utf-8")
        return
    parent = record.path.parent
    own_folder = parent != folder and (not record.area or parent != folder / record.area)
    if own_folder and record.path.name.lower() in ("readme.md", "index.md"):
        shutil.rmtree(parent)  # a record folder: the record is the folder
        return
    record.path.unlink()


def leave_one_out(corpus: Path, work: Path) -> Outcome:
    """Copy ``corpus`` to ``work``, take its newest record out, write a new one with that
    record's title (in its area, on its date) and compare the two."""
    folder = work / corpus.name
    shutil.copytree(corpus, folder)
    for path in [folder, *folder.rglob("*")]:  # the corpora are kept read-only
        path.chmod(path.stat().st_mode | 0o200)
    source = _source(folder)
    repo = Repository.open(source)
    old_record = repo.get(newest(repo).id)
    old = skeleton(old_record, repo.folder)
    common_fields, common_sections, orders = shared(repo, old_record)
    removed = _shown(old_record, repo.folder)
    remove(old_record, repo.folder)
    again = Repository.open(source)
    day = old_record.date if old_record.date and len(old_record.date) == 10 else None
    applied = again.new(
        old_record.title,
        date=datetime.date.fromisoformat(day) if day else None,
        area=old_record.area,
    ).apply()
    after = Repository.open(source)
    made = _made(after, applied.value, old_record)
    outcome = Outcome(
        corpus.name,
        removed,
        _shown(made, after.folder),
        old,
        skeleton(after.get(made.id), after.folder),
        common_fields,
        common_sections,
        orders,
    )
    outcome.notes += [str(w) for w in applied.warnings]
    return outcome


def _source(folder: Path) -> Path:
    """What to open: the folder, or its decision log when the corpus is one file."""
    markdown = [p for p in folder.iterdir() if p.suffix == ".md"]
    if len(markdown) == 1 and not any(p.is_dir() for p in folder.iterdir()):
        return markdown[0]
    return folder


def _made(repo: Repository, path: Path, old: Record) -> Record:
    """The record ``new`` wrote (in a log: the entry with the title asked for)."""
    for record in repo.records:
        if record.path == path and (not record.entry or record.title == old.title):
            return record
    raise AssertionError(f"the new record at {path} does not read back")


def _shown(record: Record, folder: Path) -> str:
    rel = record.path.relative_to(folder).as_posix() if record.path != folder else record.path.name
    return rel + (f"#{record.entry}" if record.entry else "")
