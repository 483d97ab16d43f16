"""The terminal: the one module that uses Rich (a record rendered, a progress bar)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from types import TracebackType

from archlog.model import Record


def render_record(record: Record, source: str) -> None:
    from rich.console import Console
    from rich.markdown import Markdown
    from rich.table import Table

    console = Console()
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    meta.add_row("Record", f"{record.id} — {record.ref}")
    meta.add_row(
        "Status", f"{record.status} ({record.status_text})" if record.status_text else record.status
    )
    if record.date:
        meta.add_row("Date", record.date)
    for name in ("deciders", "consulted", "informed", "tags"):
        values = getattr(record, name)
        if values:
            meta.add_row(name.capitalize(), ", ".join(values))
    for rel in record.relations:
        meta.add_row(rel.type, str(rel.target))
    console.print(meta)
    console.rule()
    body = source
    if record.spans.get("front_matter"):
        end = record.spans["front_matter"].end
        body = "".join(source.splitlines(keepends=True)[end:])
    console.print(Markdown(body))


class Progress:
    """A Rich progress bar on a terminal; nothing in CI or when piped. Entered, it gives the
    ``(done, total)`` callback a long job reports to."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.bar: object | None = None

    def __enter__(self) -> Callable[[int, int], None]:
        from rich.progress import Progress as Bar

        bar = Bar(transient=True) if sys.stderr.isatty() and not os.environ.get("CI") else None
        self.bar = bar
        task = None
        if bar is not None:
            bar.start()
            task = bar.add_task(self.what, total=None)

        def tick(done: int, total: int) -> None:
            if bar is not None and task is not None:
                bar.update(task, completed=done, total=total)

        return tick

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        from rich.progress import Progress as Bar

        if isinstance(self.bar, Bar):
            self.bar.stop()
