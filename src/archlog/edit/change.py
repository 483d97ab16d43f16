"""A change to a folder: planned, shown as a diff, applied — the one recipe for every write.

A :class:`Change` holds a *plan*: a function that makes its edits in a fresh
:class:`~archlog.edit.workspace.Workspace` over the store and returns a value (the path of
a new record, the renumbering done, …). Nothing is written until :meth:`Change.apply`:

1. take the folder's lock (so concurrent writers never lose an edit);
2. finish or undo an edit an earlier process left half done (its journal);
3. read the folder again and run the plan on the files as they are *now* — the preview a
   caller looked at may be stale, and a number chosen without the lock may be taken;
4. commit every changed file together through the transaction journal.

The preview (:meth:`Change.diff`, :attr:`Change.files`) runs the plan without the lock and
writes nothing, not even the lock file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from archlog.edit.workspace import Workspace
from archlog.errors import ArchlogError

if TYPE_CHECKING:
    from archlog.read.store import Store

T = TypeVar("T")

#: A plan edits a workspace over the store and returns what it made.
Plan = Callable[[Workspace], T]


@dataclass
class Applied(Generic[T]):
    """What :meth:`Change.apply` did: the files written (removed ones included), the plan's
    value, and the warnings met on the way."""

    written: list[Path]
    value: T
    warnings: list[ArchlogError] = field(default_factory=list)


class Change(Generic[T]):
    """Edits of one folder, computed but not written. ``root`` is where the transaction
    prepares its files (the folder, or the ``--out`` folder of a conversion); ``check``, run
    on a workspace before the lock is taken, fails early what needs no lock (a repository
    template that will not render)."""

    def __init__(
        self,
        store: Store,
        plan: Plan[T],
        *,
        root: Path | None = None,
        make_workspace: Callable[[Store], Workspace] | None = None,
        check: Plan[object] | None = None,
    ) -> None:
        self.store = store
        self._plan = plan
        self._check = check
        self._root = root
        self._make = make_workspace
        self._preview: tuple[Workspace, T] | None = None

    def _workspace(self) -> Workspace:
        if self._make is not None:
            return self._make(self.store)
        return Workspace(self.store, root=self._root)

    def _planned(self) -> tuple[Workspace, T]:
        if self._preview is None:
            ws = self._workspace()
            value = self._plan(ws)
            self._preview = (ws, value)
        return self._preview

    # ------------------------------------------------------------------ preview

    @property
    def value(self) -> T:
        """What the plan made, as previewed (e.g. the path a new record would get)."""
        return self._planned()[1]

    @property
    def files(self) -> list[Path]:
        """Every file the change would write, create or remove."""
        return self._planned()[0].changed()

    @property
    def removed(self) -> list[Path]:
        """The files the change would remove."""
        return sorted(self._planned()[0].removed)

    @property
    def empty(self) -> bool:
        """Whether the change would write nothing (an index that is current, say)."""
        return not self.files

    def diff(self) -> str:
        """A unified diff of every file the change would write (renames shown as such)."""
        return self._planned()[0].diff()

    def text_of(self, path: Path) -> str | None:
        """The text ``path`` would hold after the change (None: removed or untouched)."""
        return self._planned()[0].new_text(path)

    @property
    def warnings(self) -> list[ArchlogError]:
        """Problems the preview met (a value the template had no place for, …)."""
        self._planned()
        return list(self.store.warnings)

    # ------------------------------------------------------------------ applying

    def apply(self) -> Applied[T]:
        """Lock, recover, plan on the files as they are now, and commit them together."""
        from archlog.edit.transaction import recover
        from archlog.infra.locks import folder_lock

        store = self.store
        before = len(store.warnings)
        if self._check is not None and self._preview is None:
            self._check(self._workspace())  # what can fail without the lock fails before it
        with folder_lock(store.folder):
            for place in dict.fromkeys([store.folder, self._root or store.folder]):
                message = recover(place)
                if message:
                    store.warnings.append(ArchlogError(message, place))
            store.refresh()
            ws = self._workspace()
            value = self._plan(ws)
            written = ws.commit()
        self._preview = None
        return Applied(written, value, store.warnings[before:])
