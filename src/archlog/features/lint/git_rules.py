"""Lint checks that read git: the parallel-branch collision (``--against REF``), accepted
records edited afterwards, and dates and authors for records that state none (``--git``).

The history of the whole folder comes from one ``git log -p`` call (plus ``git diff HEAD``
for what is not committed yet; :func:`archlog.infra.git.read_patches`), never one call per
file. On a shallow clone git's dates are wrong, and lint says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from archlog.conventions.vocabulary import relation_types
from archlog.infra.git import PatchHistory, run_git
from archlog.read.metadata import parse_meta_line
from archlog.read.names import parse_name
from archlog.read.relations import line_relations
from archlog.read.status import normalise_status

if TYPE_CHECKING:
    from archlog.features.lint.inputs import Context
    from archlog.model import Record


# ------------------------------------------------------------------ edited after acceptance


def _status_value(line: str) -> str | None:
    text = line.strip().strip("*_").strip()
    meta = parse_meta_line(text)
    if meta is not None:
        return normalise_status(meta.value) if meta.field == "status" else None
    if len(text.split()) <= 3:
        status = normalise_status(text)
        return status if status != "unknown" else None
    return None


def _ignorable(line: str) -> bool:
    """A changed line an accepted record may still see: status, date, relations, blank."""
    text = line[1:]
    if not text.strip() or _status_value(text) is not None:
        return True
    if list(line_relations(text, allow_custom=True)):
        return True
    meta = parse_meta_line(text.strip())
    if meta is not None:
        return meta.field is not None and (meta.field == "date" or meta.field in relation_types())
    return text.strip().lower() in ("## status", "## date", "---")


def check_edited_after_acceptance(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    history = ctx.history
    if history is None or record.entry or record.status not in ("accepted", "implemented"):
        return
    accepted_in: str | None = None
    changed: list[str] = []
    for commit, lines in history.patches.get(record.path.name, []):
        if accepted_in is None:
            if any(
                ln.startswith("+") and _status_value(ln[1:]) in ("accepted", "implemented")
                for ln in lines
            ):
                accepted_in = commit
            continue
        if any(not _ignorable(ln) for ln in lines):
            changed.append(commit)
    if changed:
        shown = ", ".join("uncommitted changes" if c == "WORKTREE" else c[:10] for c in changed)
        yield (
            1,
            (
                f"edited after it was accepted in {accepted_in[:10] if accepted_in else '?'} "
                f"({shown}); supersede it instead of rewriting it"
            ),
        )


# ------------------------------------------------------------------ --against


def check_against(ctx: Context) -> Iterator[tuple[Record | Path, int, str]]:
    ref = ctx.against
    if ref is None:
        return
    folder = ctx.repo.folder
    base = run_git(["merge-base", "HEAD", ref], folder)
    if base is None:
        yield folder, 1, f"cannot compare with {ref!r}: no merge base (is it fetched?)"
        return
    base = base.strip()
    ours = _added_numbers(
        run_git(
            ["diff", "--name-status", "--no-renames", "--diff-filter=A", base, "--", "."], folder
        )
    )
    theirs = _added_numbers(
        run_git(
            ["diff", "--name-status", "--no-renames", "--diff-filter=A", base, ref, "--", "."],
            folder,
        )
    )
    free = max(ctx.repo.used_numbers() | set(theirs) | set(ours), default=0) + 1
    for number, name in sorted(ours.items()):
        other = theirs.get(number)
        if other is None or other == name:
            continue
        record = next((r for r in ctx.records if r.path.name == name), None)
        yield (
            record or folder / name,
            1,
            (
                f"{ref} also added number {number} ({other}); before merging, run "
                f"`archlog renumber {number} {free} --apply`"
            ),
        )
        free += 1


def _added_numbers(out: str | None) -> dict[int, str]:
    numbers: dict[int, str] = {}
    for line in (out or "").splitlines():
        status, _, path = line.partition("\t")
        name = path.rsplit("/", 1)[-1]
        if status == "A" and name.lower().endswith(".md"):
            info = parse_name(name[:-3])
            if info is not None and info.number is not None:
                numbers[info.number] = name
    return numbers


def status_changes(history: PatchHistory, name: str) -> list[tuple[str, str]]:
    """(date, status) each time a commit wrote a new status into the file ``name``."""
    out: list[tuple[str, str]] = []
    for commit, lines in history.patches.get(name, []):
        for line in lines:
            if line.startswith("+"):
                status = _status_value(line[1:])
                if status is not None and (not out or out[-1][1] != status):
                    out.append((history.dates.get(commit, ""), status))
                    break
    return [(day, status) for day, status in out if day]
