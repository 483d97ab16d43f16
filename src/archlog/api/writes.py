"""Writing through the API: every edit of records as a :class:`~archlog.edit.change.Change`.

New records, status, supersede, link, renumber, fixes, import, conversion, the agents'
digest.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from archlog.api.arguments import area_path, iso_date
from archlog.api.queries import Queries
from archlog.edit.change import Change
from archlog.errors import UsageError

if TYPE_CHECKING:
    from archlog.conventions.catalog import Convention
    from archlog.edit.workspace import Workspace
    from archlog.features.lint.findings import Report
    from archlog.model import Record
    from archlog.ops.renumber import Plan as RenumberPlan


class Writes(Queries):
    """The edits :class:`~archlog.api.Repository` plans.

    Each returns a change, written only when applied.
    """

    def change(self, plan: Callable[..., object], *, root: Path | None = None) -> Change[object]:
        """A change made by ``plan(workspace)``: for edits the API does not name."""
        return Change(self._store, plan, root=root)

    def new(
        self,
        title: str,
        *,
        status: str | None = None,
        date: datetime.date | str | None = None,
        deciders: Sequence[str] = (),
        consulted: Sequence[str] = (),
        informed: Sequence[str] = (),
        tags: Sequence[str] = (),
        template: str | os.PathLike[str] | None = None,
        supersedes: Sequence[str] = (),
        force: bool = False,
        area: str | None = None,
    ) -> Change[Path]:
        """The next record, written in the folder's own style.

        Numbered one past the highest the folder has ever used. The change's value is the
        new file (or the log).

        ``area``: the sub-folder it goes in, where the folder keeps records by area
        (``api``, ``2024``); numbered one past the highest of that area where numbers
        restart per area. A folder that keeps every record in an area needs one.
        """
        from archlog.ops.create import NewRecord, check_new, check_title, plan_new

        request = NewRecord(
            check_title(title),
            status=status,
            date=iso_date(date, "date"),
            deciders=tuple(deciders),
            consulted=tuple(consulted),
            informed=tuple(informed),
            tags=tuple(tags),
            template=Path(template) if template is not None else None,
            supersedes=tuple(supersedes),
            force=force,
            area=area_path(area),
        )
        return Change(
            self._store, lambda ws: plan_new(ws, request), check=lambda ws: check_new(ws, request)
        )

    def set_status(self, ref: str | int, status: str, *, force: bool = False) -> Change[Record]:
        """Move a record to ``status`` (any spelling of a known status).

        As the convention's lifecycle allows (``force`` overrides it).
        """
        from archlog.ops.lifecycle import change_status

        store = self._store
        return Change(
            store,
            lambda ws: change_status(
                ws, store.get(str(ref)), store.convention, status, force=force
            ),
        )

    def supersede(
        self, old: str | int, *, by: str | int | Sequence[str | int], force: bool = False
    ) -> Change[None]:
        """Mark ``old`` superseded by ``by`` (one record or several), linked both ways."""
        from archlog.ops.lifecycle import supersede

        store = self._store
        successors = [by] if isinstance(by, (str, int)) else list(by)

        def plan(ws: Workspace) -> None:
            for ref in successors:
                supersede(
                    ws, store.get(str(old)), store.get(str(ref)), store.convention, force=force
                )

        return Change(store, plan)

    def link(
        self, a: str | int, relation: str, b: str | int, *, force: bool = False
    ) -> Change[None]:
        """``A relation B`` written in A, and its inverse in B.

        ``relation`` is a built-in type (``amends``, ``relates-to``, …) or a configured pair.
        """
        from archlog.ops.lifecycle import link

        store = self._store
        return Change(
            store,
            lambda ws: link(
                ws, store.get(str(a)), relation, store.get(str(b)), store.convention, force=force
            ),
        )

    def unlink(self, a: str | int, b: str | int) -> Change[int]:
        """Remove every relation between A and B, on both sides (the value: how many)."""
        from archlog.ops.lifecycle import unlink

        store = self._store
        return Change(
            store, lambda ws: unlink(ws, store.get(str(a)), store.get(str(b)), store.convention)
        )

    def renumber(self, ref: str | int, number: int, *, force: bool = False) -> Change[RenumberPlan]:
        """Give a record another number: its file renamed, every reference rewritten."""
        from archlog.ops.renumber import check_target, renumber

        store = self._store

        def plan(ws: Workspace) -> RenumberPlan:
            record = store.get(str(ref))
            check_target(store, record, number, force=force)
            return renumber(ws, [(record, number)])

        return Change(store, plan)

    def renumber_duplicates(self) -> Change[RenumberPlan]:
        """Give every record that shares a number with an earlier one the next free number."""
        from archlog.ops.renumber import duplicate_moves, renumber

        store = self._store

        def plan(ws: Workspace) -> RenumberPlan:
            moves, duplicated = duplicate_moves(store)
            return renumber(ws, moves, duplicated=duplicated)

        return Change(store, plan)

    def update_context(
        self,
        file: str | os.PathLike[str],
        *,
        paths: Sequence[str | os.PathLike[str]] = (),
        budget: int | None = None,
    ) -> Change[Path]:
        """The digest kept in ``file`` (``AGENTS.md``, ``CLAUDE.md``, …).

        Between ``<!-- archlog:context:start -->`` and ``<!-- archlog:context:end -->``; the
        rest of the file is left as it is (the block is added at the end the first time). An
        empty change means the file is current.
        """
        from archlog.edit.text import Text
        from archlog.features import context
        from archlog.features.index import place

        target = Path(file).absolute()

        def plan(ws: Workspace) -> Path:
            digest = self.context(paths, budget=budget, base=target.parent)
            block = digest.text.rstrip("\n").split("\n")
            old = str(Text.decode(target.read_bytes(), target)) if target.exists() else None
            try:
                new = place(old or "", block, [], start=context.START, end=context.END)
            except ValueError as exc:
                raise UsageError(str(exc), target) from None
            if new != old:
                ws.put(target, new)
            return target

        return Change(self._store, plan)

    def fix(self, report: Report, *, names: bool = False) -> Change[list[str]]:
        """The safe fixes of what ``report`` found (the value: what each fix did).

        With ``names``, files whose name does not follow their title are renamed too (the
        links to them inside the folder rewritten; links from elsewhere are not).
        """
        from archlog.features.lint import fixes

        store = self._store
        return Change(store, lambda ws: fixes.apply(store, ws, report, names=names))

    def import_(self, file: str | os.PathLike[str]) -> Change[list[tuple[int | str, int]]]:
        """Records from a JSON-ADR file or an archlog export, in the folder's convention.

        The value: each ``(number in the file, number given)``.
        """
        from archlog.ops.importing import plan_import

        return Change(self._store, lambda ws: plan_import(ws, Path(file)))

    def convert(
        self, to: str | Convention, *, out: str | os.PathLike[str] | None = None
    ) -> Change[int]:
        """The folder written again in convention ``to``.

        ``to`` is a name, or a convention such as another folder's. Into ``out``, a new
        folder, when given. The value: how many records.
        """
        from archlog.conventions.catalog import get_convention
        from archlog.ops.convert import check_out_folder, plan_convert

        conv = get_convention(to, self._store.config) if isinstance(to, str) else to
        target = Path(out).resolve() if out is not None else None
        if target is not None:
            check_out_folder(target)

        def plan(ws: Workspace) -> int:
            from archlog.features.index import index_converted, index_new_folder

            count = plan_convert(ws, conv, target)
            if target is not None and not conv.single_file:
                index_new_folder(ws, target, conv)  # the new README lists the records
            elif target is None and not conv.single_file and not self._store.is_log:
                index_converted(ws, self._store, conv)  # its entries follow the new files
            return count

        return Change(self._store, plan, root=target or self.folder)
