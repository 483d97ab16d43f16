"""The safe fixes of ``archlog lint --fix``, made with the byte-preserving edits of the
lifecycle commands: missing reciprocal links, status spelling, dates to ISO, a stale index.
Renaming a file whose name does not follow its title (the links to it inside the folder
rewritten) is asked for apart (``--fix-names``): links from outside the folder would break."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from archlog.conventions.vocabulary import inverses
from archlog.edit import patches
from archlog.features.lint.findings import Report
from archlog.ops import lifecycle
from archlog.read.names import slugify

if TYPE_CHECKING:
    from pathlib import Path

    from archlog.conventions.catalog import Convention
    from archlog.edit.workspace import Workspace
    from archlog.model import Record
    from archlog.read.store import Store

FIXABLE = ("ADR009", "ADR012", "ADR015", "ADR024", "ADR025")
#: A file name up to the end of its number.
_NUMBERED = re.compile(r"\D*\d+")


def apply(repo: Store, ws: Workspace, report: Report, *, names: bool = False) -> list[str]:
    """Fix what the report found that is safe to fix (with ``names``, rename the files whose
    name does not follow their title too); what was done, one line each."""
    conv = repo.convention
    ws.keep_dates = True  # a fix never restamps a decision
    done: list[str] = []
    records = {r.path: r for r in repo.records}
    by_target = {r.target: r for r in repo.records}
    wanted = [f for f in report.findings if f.rule in FIXABLE and (names or f.rule != "ADR009")]
    for finding in (f for f in wanted if f.rule == "ADR012"):
        done += _reciprocal(ws, records, by_target, finding.path, conv)
    for finding in wanted:
        record = records.get(finding.path)
        if finding.rule == "ADR024" and record is not None:
            current = ws.record(record)
            lifecycle.set_status(
                ws, current, conv, current.status, text=conv.status_word(current.status)
            )
            done.append(f"{record.ref}: status spelt {conv.status_word(current.status)!r}")
        elif finding.rule == "ADR025" and record is not None and record.date:
            current = ws.record(record)
            patches.set_value(ws.text(record.path), current, conv, "date", record.date)
            done.append(f"{record.ref}: date written {record.date}")
    if any(f.rule == "ADR015" for f in wanted):
        from archlog.features.index import update

        path, _old, new = update(repo)
        ws.put(path, new)
        done.append(f"{path.name}: index updated")
    for finding in (f for f in wanted if f.rule == "ADR009"):
        record = records.get(finding.path)
        if record is not None and not record.entry:
            done += _rename(repo, ws, record)
    return _unique(done)


def _reciprocal(
    ws: Workspace,
    records: dict[Path, Record],
    by_target: dict[int | str, Record],
    path: Path,
    conv: Convention,
) -> list[str]:
    record = records.get(path)
    if record is None:
        return []
    done = []
    pairs = inverses(ws.repo.config.values.get("relations"))
    for rel in ws.record(record).relations:
        inverse = pairs.get(rel.type)
        other = by_target.get(rel.target)
        if inverse is None or other is None:
            continue
        current_other = ws.record(other)
        if record.target in current_other.relation_targets(inverse):
            continue
        if inverse == "superseded-by":
            lifecycle._mark_superseded(ws, current_other, record, conv)
        else:
            lifecycle._add_link(ws, current_other, inverse, record, conv)
        done.append(f"{other.ref}: {inverse} {record.target} written")
    return done


def _rename(repo: Store, ws: Workspace, record: Record) -> list[str]:
    from archlog.ops.renumber import rename

    new_name = repo.convention.file_name(record.number or 0, slugify(record.title))
    if record.number is None or new_name == record.path.name:
        return []
    new_path = record.path.with_name(_keep_width(record.path.name, new_name))
    if new_path.exists():
        return []
    rename(ws, record, new_path)
    return [f"{record.path.name} renamed {new_path.name}"]


def _keep_width(old: str, new: str) -> str:
    """The new name with the old name's number as written (width, prefix)."""
    old_m, new_m = _NUMBERED.match(old), _NUMBERED.match(new)
    if old_m and new_m:
        return old_m.group(0) + new[new_m.end() :]
    return new


def _unique(lines: list[str]) -> list[str]:
    return list(dict.fromkeys(lines))
