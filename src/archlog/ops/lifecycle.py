"""How a decision lives: status changes, supersede, link and unlink — written on both sides.

Every function here edits a :class:`~archlog.edit.workspace.Workspace` and writes nothing:
they are the steps of plans that a :class:`~archlog.edit.change.Change` shows as a diff or
applies under the folder lock.
"""

from __future__ import annotations

import re

from archlog.conventions.catalog import Convention
from archlog.conventions.vocabulary import STATUSES, inverses
from archlog.edit import link_lines, patches
from archlog.edit.workspace import Workspace
from archlog.errors import ArchlogError, UsageError
from archlog.infra.clock import today
from archlog.model import Record, Relation
from archlog.read.relations import line_relations
from archlog.read.status import normalise_status

_FIRST_WORD = re.compile(r"[^\W\d_]+")


# ------------------------------------------------------------------ status


def wanted_status(conv: Convention, word: str, *, force: bool = False) -> str:
    """The normalised status ``word`` names; an error if it names none, or one the
    convention does not use (unless ``force``)."""
    status = normalise_status(word)
    if status == "unknown":
        known = ", ".join(s for s in STATUSES if s != "unknown")
        raise UsageError(f"unknown status {word!r}; known statuses: {known}")
    if status not in conv.statuses and not force:
        raise UsageError(
            f"the {conv.name} convention has no {status!r} status (it uses "
            f"{', '.join(conv.statuses)}); --force writes it anyway"
        )
    return status


def check_transition(conv: Convention, record: Record, status: str, *, force: bool) -> None:
    allowed = conv.lifecycle.get(record.status)
    if force or allowed is None or status in allowed:
        return
    choices = ", ".join(allowed) if allowed else "none: it is final"
    raise UsageError(
        f"{record.id} is {record.status}; moving it to {status} is not allowed "
        f"(allowed: {choices}); --force does it anyway"
    )


def status_word(record: Record, conv: Convention, status: str) -> str:
    """``status`` spelled as the record spells its status now (else as the convention does)."""
    word = conv.status_word(status)
    first = _FIRST_WORD.search(record.status_text)
    written = first.group(0) if first else ""
    if written.islower():
        return word.lower()
    if written.isupper() and len(written) > 1:
        return word.upper()
    if written:
        return word[:1].upper() + word[1:].lower()
    return word


def set_status(
    ws: Workspace, record: Record, conv: Convention, status: str, *, text: str | None = None
) -> Record:
    """Write ``status`` (or the literal status ``text``) into ``record``; the record as it
    now reads. Link lines that stood in the status line's place are kept below it."""
    record = ws.record(record)
    body = ws.text(record.path)
    value = text if text is not None else status_word(record, conv, status)
    span = record.spans.get("status")
    if (
        span is not None
        and record.styles.get("status") == "section"
        and _links_on(record, span.start)
    ):
        body.insert(span.start, [patches.rewrap(body.get(span.start), value), ""])
    else:
        patches.set_value(body, record, conv, "status", value)
    record = ws.record(record)
    if not ws.keep_dates and _dates_follow_status(ws, conv):
        patches.set_value(body, record, conv, "date", today())
        record = ws.record(record)
    return record


def change_status(
    ws: Workspace, record: Record, conv: Convention, word: str, *, force: bool = False
) -> Record:
    """``archlog status``: move ``record`` to the status ``word`` names."""
    status = wanted_status(conv, word, force=force)
    if status == record.status and not force:
        raise UsageError(f"{record.id} is already {status}")
    if status == "superseded" and not force:
        raise UsageError(
            f"name the successor: archlog supersede {record.id} --by NEW (--force sets the "
            "status alone)"
        )
    check_transition(conv, record, status, force=force)
    return set_status(ws, record, conv, status)


def _dates_follow_status(ws: Workspace, conv: Convention) -> bool:
    configured = ws.repo.config.values.get("date_on_status_change")
    return bool(conv.date_on_status_change if configured is None else configured)


def _links_on(record: Record, line: int) -> bool:
    return any(r.span is not None and r.span.start == line for r in record.relations)


# ------------------------------------------------------------------ supersede


def supersede(
    ws: Workspace, old: Record, new: Record, conv: Convention, *, force: bool = False
) -> None:
    """Mark ``old`` superseded by ``new`` (its other successors kept) and link both ways."""
    if _same(old, new):
        raise UsageError(f"{old.id} cannot supersede itself")
    if _reaches(ws.repo.records, new, old):
        raise UsageError(f"{new.id} is already superseded by {old.id}: that would be a cycle")
    old = ws.record(old)
    if new.target in old.relation_targets("superseded-by"):
        raise UsageError(f"{old.id} is already superseded by {new.id}")
    if old.status != "superseded":
        check_transition(conv, old, "superseded", force=force)
    _mark_superseded(ws, old, new, conv)
    new = ws.record(new)
    if old.target not in new.relation_targets("supersedes"):
        _add_link(ws, new, "supersedes", old, conv)


def _mark_superseded(ws: Workspace, old: Record, new: Record, conv: Convention) -> None:
    body = ws.text(old.path)
    target = link_lines.LinkTarget.of(new, old)
    style = conv.superseded_style
    if style == "replace-status":
        span = old.spans.get("status")
        line = link_lines.link_line(conv, "superseded-by", target)
        if (
            span is not None
            and old.styles.get("status") == "section"
            and not _links_on(old, span.start)
            and normalise_status(line) == "superseded"  # the line still says the status
        ):
            body.set(
                span.start,
                patches.rewrap(body.get(span.start), line.removeprefix(conv.link_bullet)),
            )
            return
        if old.status != "superseded":
            old = set_status(ws, old, conv, "superseded")
        _add_link(ws, old, "superseded-by", new, conv)
        return
    if style == "status-text":
        successors = [_linked(ws, old, t) for t in old.relation_targets("superseded-by")]
        refs = ", ".join(t.fill(conv.status_ref) for t in [*successors, target] if t)
        word = status_word(old, conv, "superseded")
        value = conv.superseded_text.format(refs=refs)
        value = (
            word + value[len("superseded") :] if value.lower().startswith("superseded") else value
        )
        old = set_status(ws, old, conv, "superseded", text=value)
        if conv.successor_links:
            _add_link(ws, old, "superseded-by", new, conv)
        return
    if old.status != "superseded":
        old = set_status(ws, old, conv, "superseded")
    _add_link(ws, old, "superseded-by", new, conv)


def _linked(ws: Workspace, record: Record, target: int | str) -> link_lines.LinkTarget | None:
    other = ws.find(target)
    return link_lines.LinkTarget.of(other, record) if other is not None else None


# ------------------------------------------------------------------ link / unlink


def relation_type(ws: Workspace, word: str) -> tuple[str, str]:
    """A relation type and its inverse, from built-in pairs or configured ones."""
    name = "-".join(word.strip().lower().replace("_", " ").split())
    pairs = inverses(ws.repo.config.values.get("relations"))
    if name in ("superceded-by", "replaced-by"):
        name = "superseded-by"
    if name not in pairs:
        known = ", ".join(sorted(pairs))
        raise UsageError(
            f"unknown relation {word!r}; known: {known} (add pairs under [tool.archlog.relations])"
        )
    return name, pairs[name]


def link(
    ws: Workspace, a: Record, word: str, b: Record, conv: Convention, *, force: bool = False
) -> None:
    """``A TYPE B`` written in A, and its inverse in B."""
    type_, inverse = relation_type(ws, word)
    if type_ == "superseded-by":
        supersede(ws, a, b, conv, force=force)
        return
    if type_ == "supersedes":
        supersede(ws, b, a, conv, force=force)
        return
    if _same(a, b):
        raise UsageError(f"{a.id} cannot be linked to itself")
    if b.target in ws.record(a).relation_targets(type_):
        raise UsageError(f"{a.id} already {link_lines.phrase(type_).lower()} {b.id}")
    _add_link(ws, a, type_, b, conv)
    if a.target not in ws.record(b).relation_targets(inverse):
        _add_link(ws, b, inverse, a, conv)


def _add_link(ws: Workspace, record: Record, type_: str, other: Record, conv: Convention) -> None:
    record = ws.record(record)
    line = link_lines.link_line(conv, type_, link_lines.LinkTarget.of(other, record))
    link_lines.add_link_line(ws.text(record.path), record, conv, line)


def unlink(ws: Workspace, a: Record, b: Record, conv: Convention) -> int:
    """Remove every relation between A and B, on both sides; how many were removed."""
    if _same(a, b):
        raise UsageError(f"{a.id} is not linked to itself")
    removed = _drop_links(ws, a, b, conv) + _drop_links(ws, b, a, conv)
    if not removed:
        raise UsageError(f"{a.id} and {b.id} are not linked")
    return removed


def _drop_links(ws: Workspace, record: Record, other: Record, conv: Convention) -> int:
    removed = 0
    while True:
        record = ws.record(record)
        rel = next((r for r in record.relations if r.target == other.target), None)
        if rel is None:
            return removed
        _drop_one(ws, record, rel, conv)
        removed += 1


def _drop_one(ws: Workspace, record: Record, rel: Relation, conv: Convention) -> None:
    body = ws.text(record.path)
    if rel.span is None:
        raise ArchlogError(
            f"the link to {rel.target} is in the front matter; remove it by hand", record.path
        )
    line_no = rel.span.start
    line = body.get(line_no)
    status_span = record.spans.get("status")
    on_status = status_span is not None and status_span.start == line_no
    others = [r for r in record.relations if r is not rel and r.span and r.span.start == line_no]
    if on_status:
        successors = [t for t in record.relation_targets("superseded-by") if t != rel.target]
        if rel.type == "superseded-by" and successors and conv.superseded_style == "status-text":
            refs = ", ".join(
                t.fill(conv.status_ref) for t in (_linked(ws, record, s) for s in successors) if t
            )
            value = conv.superseded_text.format(refs=refs)
            word = status_word(record, conv, "superseded")
            set_status(ws, record, conv, "superseded", text=word + value[len("superseded") :])
            return
        fallback = "superseded" if successors else "accepted"
        set_status(ws, record, conv, fallback)
        record = ws.record(record)
        if _links_on(record, line_no):  # the link line was kept below the new status
            rel2 = next(r for r in record.relations if r.target == rel.target)
            if rel2.span is not None:
                link_lines.remove_line(ws.text(record.path), rel2.span.start)
        return
    if others or not list(line_relations(line, allow_custom=True)):
        raise ArchlogError(
            f"the link to {rel.target} shares its line with other text; edit it by hand",
            record.path,
            line_no,
        )
    link_lines.remove_line(body, line_no)
    if rel.type == "superseded-by":
        record = ws.record(record)
        if record.status == "superseded" and not record.relation_targets("superseded-by"):
            set_status(ws, record, conv, "accepted")


# ------------------------------------------------------------------ helpers


def _same(a: Record, b: Record) -> bool:
    return a.path == b.path and a.entry == b.entry


def _reaches(records: list[Record], start: Record, goal: Record) -> bool:
    """Whether ``start`` is superseded, directly or through others, by ``goal``."""
    by_target = {r.target: r for r in records}
    successors: dict[int | str, set[int | str]] = {}
    for r in records:
        for t in r.relation_targets("superseded-by"):
            successors.setdefault(r.target, set()).add(t)
        for t in r.relation_targets("supersedes"):
            successors.setdefault(t, set()).add(r.target)
    seen: set[int | str] = set()
    todo = [start.target]
    while todo:
        node = todo.pop()
        if node == goal.target:
            return True
        if node in seen:
            continue
        seen.add(node)
        todo.extend(t for t in successors.get(node, ()) if t in by_target)
    return False
