"""The form a new record is written in, and its text: the repository's template (``--template``,
configuration, the folder's own), else the convention's built-in one, else the dialect alone
(:mod:`archlog.conventions.skeleton`: headings, fields and sections as the folder writes them).

A repository's Jinja template is rendered in a sandbox with limits on steps and time, once
before the folder lock is taken (:func:`archlog.ops.create.check_new`), and that rendering
reused under the lock when the number has not changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from archlog.conventions.rendering import builtin_template
from archlog.errors import ArchlogError
from archlog.ops.template_fill import fill
from archlog.read.names import OWN_TEMPLATE

if TYPE_CHECKING:
    from archlog.conventions.catalog import Convention
    from archlog.edit.workspace import Workspace
    from archlog.read.store import Store


#: A template larger than this is not read.
MAX_TEMPLATE_BYTES = 1 << 20


class Form(NamedTuple):
    """A template's text and where it came from (a path, or the built-in template's name)."""

    text: str
    origin: str


def template_form(ws: Workspace, conv: Convention, template: Path | None) -> Form | None:
    """The template the new record is filled from: the repository's (see :func:`own_form`),
    else the convention's built-in one — or None: the record is written from the dialect."""
    own = own_form(ws, template)
    if own is not None:
        return own
    if conv.template is None:
        return None
    return Form(builtin_template(conv.template), conv.template)


def own_form(ws: Workspace, template: Path | None) -> Form | None:
    """The repository's template: ``--template``, configuration, the folder's own
    (``templates/template.md`` as this change leaves it — archlog's, when the change saves
    it —, or any usual name and place); None when it has none."""
    store = ws.repo
    candidates = [template, store.config.path("template")]
    if not store.is_log:
        own = store.folder / OWN_TEMPLATE
        planned = ws.new_text(own)
        if planned is not None:
            return Form(planned, str(own))
        candidates.append(own)
        candidates.append(store.template_path())
    for candidate in candidates:
        if candidate is not None and (candidate is template or candidate.is_file()):
            if candidate is not template and not store.contains(candidate):
                store.warnings.append(
                    ArchlogError("the template leads outside the repository; not read", candidate)
                )
                continue
            return Form(read_template(candidate), str(candidate))
    return None


def read_template(path: Path) -> str:
    """A template's text: a regular file of a sane size, in UTF-8."""
    from archlog.infra.fs import read_regular

    try:
        return read_regular(path, MAX_TEMPLATE_BYTES).decode("utf-8")
    except OSError as exc:
        raise ArchlogError(f"cannot read template: {exc.strerror}", path) from None
    except UnicodeDecodeError as exc:
        raise ArchlogError(f"cannot read template: {exc}", path) from None


def new_record_text(
    store: Store, conv: Convention, context: dict[str, Any], form: Form | None
) -> tuple[str, str]:
    """The new record's text, and where its form came from (the template's origin, or the
    convention's name)."""
    if form is None:
        return _from_dialect(store, conv, context), conv.name
    return fill(form.text, form.origin, conv, context), form.origin


def _from_dialect(store: Store, conv: Convention, context: dict[str, Any]) -> str:
    """A new record written from the dialect alone (no template fits the folder)."""
    from archlog.conventions.skeleton import Values, render

    people = {n: list(context[n]) for n in ("deciders", "consulted", "informed")}
    front: dict[str, str] = {}
    for key, rule in conv.front_matter:
        if rule == "{next}":
            front[key] = str(_next_value(store, key))
        elif "{" in rule:
            front[key] = rule.format_map(_Blank(context))
    values = Values(
        number=context["number"],
        title=str(context["title"]),
        status=str(context["status"]),
        date=str(context["date"]),
        people=people,
        tags=list(context["tags"]),
        front=front,
        links=list(context["links"]),
    )
    return render(conv, values)


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def _next_value(store: Store, key: str) -> int:
    """One past the highest value the folder's newest records give front-matter ``key``."""
    highest = 0
    for record in store.sample():
        if record.trace is None:
            continue
        for k, v in record.trace.front_matter:
            if k == key and v.lstrip("-").isdigit():
                highest = max(highest, int(v))
    return highest + 1
