"""Migrating a folder between conventions, single-file log and one file per record included.

Every record becomes a :class:`~archlog.ops.drafts.Draft` and is written again in the target
convention (:func:`archlog.ops.drafts.write_folder`): number, title, status, date, people,
tags, category, extra fields, every content section and every relation survive. In place,
the old record files are removed in the same transaction that writes the new ones; with
``--out``, a new folder is made and the old one is left alone.
"""

from __future__ import annotations

from pathlib import Path

from archlog.conventions.catalog import Convention
from archlog.edit.workspace import Workspace
from archlog.errors import UsageError
from archlog.ops.drafts import Draft, write_folder
from archlog.ops.folder_start import folder_template, readme_text
from archlog.ops.log_entries import log_header
from archlog.read.names import OWN_TEMPLATE


def check_out_folder(out: Path) -> None:
    """Refuse an ``--out`` folder that holds records already."""
    if out.exists() and any(out.glob("*.md")):
        raise UsageError("already holds Markdown files; choose an empty --out folder", out)


def plan_convert(ws: Workspace, conv: Convention, out: Path | None = None) -> int:
    """Write the folder again in ``conv`` into the workspace (into ``out`` when given, the
    old files removed otherwise); the number of records converted."""
    repo = ws.repo
    records = repo.records
    if not records:
        raise UsageError(f"no records to convert in {repo.folder}")
    repo.detail(records)
    drafts = [Draft.of(r) for r in records]
    folder = out if out is not None else repo.folder
    if out is not None:
        check_out_folder(out)
    else:
        for path in sorted({r.path for r in records}):
            ws.remove(path)
    log_file = folder / conv.single_file if conv.single_file else None
    write_folder(ws, conv, folder, drafts, log_file=log_file, header=log_header())
    if not conv.single_file and (conv.folder_template or conv.template):
        template = folder / OWN_TEMPLATE
        if out is not None or template.exists():
            ws.put(template, folder_template(conv))
        readme = folder / "README.md"
        if out is not None and not readme.exists():
            ws.put(readme, readme_text(conv))
    return len(records)
