"""What a new folder starts with besides its first record: the convention's template saved
for the team, and a README with empty index markers (``init``; ``convert`` writes them too)."""

from __future__ import annotations

from archlog.conventions.catalog import Convention
from archlog.conventions.rendering import builtin_template
from archlog.errors import UsageError


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
