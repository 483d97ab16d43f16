"""``archlog mcp``: a Model Context Protocol server over stdio, on the official SDK.

Tools read (list, get, search, related, context, lint, export) and write (init, new, set
status, supersede, link, unlink, update index); every write takes ``dry_run`` and returns
the diff, and applying goes through the same API, lock and journal as the command line.
Records are also resources, ``adr://<id>``. A failure is a tool error naming the problem;
the server stays up.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Literal, Protocol, TypeVar

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceError, ToolError
from mcp.types import Resource, ToolAnnotations
from pydantic import Field

from archlog.errors import ArchlogError
from archlog.mcp.tools import Session
from archlog.version import __version__

F = TypeVar("F", bound=Callable[..., Any])

INSTRUCTIONS = """Architecture Decision Records of this repository, read and written with archlog.
Start with list_records or search; get_record gives a record's sections and its relations
both ways; context gives the decisions in force as a compact digest (pass the paths you are
about to change). Writes return a unified diff; the destructive ones (set_status, supersede,
link, unlink, update_index) only preview unless dry_run is false."""

Ref = Annotated[
    str | int, Field(description="A record: number (12, 0012, ADR-012), id or file name")
]
Statuses = Annotated[Sequence[str], Field(description="Only records with one of these statuses")]
Tags = Annotated[
    Sequence[str], Field(description="Only records with one of these tags or categories")
]
Since = Annotated[str | None, Field(description="Only records dated on or after YYYY[-MM[-DD]]")]
Until = Annotated[str | None, Field(description="Only records dated on or before YYYY[-MM[-DD]]")]
InForce = Annotated[
    bool, Field(description="Only decisions in force (accepted or implemented, not superseded)")
]
Preview = Annotated[bool, Field(description="Only show the diff; write nothing")]

READ = ToolAnnotations(read_only_hint=True, idempotent_hint=True, open_world_hint=False)
CREATE = ToolAnnotations(read_only_hint=False, destructive_hint=False, open_world_hint=False)
EDIT = ToolAnnotations(read_only_hint=False, destructive_hint=True, open_world_hint=False)


class ArchlogServer(MCPServer[Any]):
    """The SDK's server, listing the records as resources as the folder has them now."""

    def __init__(self, session: Session) -> None:
        super().__init__(
            "archlog", version=__version__, instructions=INSTRUCTIONS, log_level="WARNING"
        )
        self.session = session

    async def list_resources(self) -> list[Resource]:
        with self.session.call():
            listed = self.session.resources()
        return [
            Resource(uri=uri, name=name, description=about, mime_type="text/markdown")
            for uri, name, about in listed
        ]


def build(dir: str | None = None) -> ArchlogServer:
    """The server of the folder ``dir`` (or the one found from the working directory)."""
    session = Session(dir)
    server = ArchlogServer(session)
    tool = _registrar(server, session)
    _read_tools(tool, session)
    _write_tools(tool, session)
    _resources(server, session)
    return server


class Register(Protocol):
    """Registers a tool (see :func:`_registrar`)."""

    def __call__(
        self, annotations: ToolAnnotations, *, inline: bool = False
    ) -> Callable[[F], F]: ...


def _registrar(server: ArchlogServer, session: Session) -> Register:
    """How a tool is registered: ``tool(annotations, inline=…)`` as a decorator; each call
    runs on the folder as it is now, one at a time, a failure a tool error naming it."""

    def tool(annotations: ToolAnnotations, *, inline: bool = False) -> Callable[[F], F]:
        """Register a tool. ``inline``: answered on the server's own loop, not in a worker
        thread (a hop that costs more than the answer: the reads a warm server answers
        from what it keeps); the others (lint, export, writes) may take long."""

        def register(fn: F) -> F:
            def answer(*args: Any, **kwargs: Any) -> Any:
                with session.call():
                    try:
                        return fn(*args, **kwargs)
                    except ArchlogError as exc:
                        raise ToolError(str(exc)) from None
                    except (OSError, ValueError) as exc:
                        raise ToolError(f"{type(exc).__name__}: {exc}") from None

            async def answer_inline(*args: Any, **kwargs: Any) -> Any:
                return answer(*args, **kwargs)

            run = functools.wraps(fn)(answer_inline if inline else answer)
            # the answer is text (JSON or Markdown): sent once, not again as structured
            # content (a list of 1,000 records is 400 kB)
            server.add_tool(run, annotations=annotations, structured_output=False)
            return fn

        return register

    return tool


def _read_tools(tool: Register, session: Session) -> None:
    """The tools that read: list, get, search, related, context, lint, export."""

    @tool(READ, inline=True)
    def list_records(
        status: Statuses = (),
        tag: Tags = (),
        since: Since = None,
        until: Until = None,
        in_force: InForce = False,
    ) -> str:
        """The records (number, id, title, status, date, path, relations, people, tags),
        sorted by number; filters as `archlog list`."""
        return session.list_records(status, tag, since, until, in_force)

    @tool(READ, inline=True)
    def get_record(ref: Ref) -> str:
        """One record: every field, its sections (with line spans), its Markdown, and its
        relations both ways (`related`: each with the other record's id, title, status)."""
        return _json(session.get_record(ref))

    @tool(READ, inline=True)
    def search(
        query: Annotated[str, Field(description="Words to look for (any language)")],
        status: Statuses = (),
        tag: Tags = (),
        since: Since = None,
        until: Until = None,
        in_force: InForce = False,
        limit: Annotated[int, Field(ge=1, le=200, description="At most this many hits")] = 20,
    ) -> str:
        """Records ranked by relevance to the query (BM25 over title, text, people and tags,
        as `archlog search`), each with a snippet and the offsets of its matched words."""
        return _json(session.search(query, status, tag, since, until, in_force, limit))

    @tool(READ, inline=True)
    def related(ref: Ref) -> str:
        """A record's relations both ways: those it states, and those other records state
        about it (as their inverse: a record that supersedes it shows as superseded-by)."""
        return _json(session.related(ref))

    @tool(READ)
    def context(
        paths: Annotated[
            Sequence[str],
            Field(
                description="Files or folders about to change: "
                "the decisions that concern them come first"
            ),
        ] = (),
        budget: Annotated[int | None, Field(ge=1, description="At most this many tokens")] = None,
    ) -> str:
        """The decisions in force as compact Markdown (id, title, the decision, what it
        supersedes, a link), most relevant first: read this before changing code."""
        return session.context(paths, budget)

    @tool(READ)
    def lint(
        paths: Annotated[Sequence[str], Field(description="Only these record files")] = (),
    ) -> str:
        """Check the records (structure, links, statuses, the index): the findings, as
        `archlog lint --format json`."""
        return _json(session.lint(paths))

    @tool(READ)
    def export(format: Literal["json", "jsonadr", "csv"] = "json") -> str:
        """Every record: archlog JSON (every field and section), JSON-ADR v1, or CSV."""
        return session.export(format)


def _write_tools(tool: Register, session: Session) -> None:
    """The tools that write: init, new, set status, supersede, link, unlink, update index
    (each previews its diff with ``dry_run``)."""

    @tool(CREATE)
    def init(
        convention: Annotated[
            str | None,
            Field(
                description="nygard (default), madr, madr2, "
                "index-table, header-fields, detailed, log, "
                "sub-numbered"
            ),
        ] = None,
        path: Annotated[
            str | None,
            Field(description="The folder to create (default: the convention's usual place)"),
        ] = None,
        date: Annotated[
            str | None, Field(description="The first record's date, YYYY-MM-DD (default: today)")
        ] = None,
        dry_run: Preview = False,
    ) -> str:
        """Create the ADR folder: a template, a README index and record 1. The only write
        that works before a folder exists."""
        return _json(session.init(convention, path, date, dry_run))

    @tool(CREATE)
    def new_record(
        title: Annotated[str, Field(description="The decision, as a title")],
        status: Annotated[str | None, Field(description="Default: proposed")] = None,
        date: Annotated[str | None, Field(description="YYYY-MM-DD (default: today)")] = None,
        deciders: Sequence[str] = (),
        tags: Sequence[str] = (),
        supersedes: Annotated[
            Sequence[str], Field(description="Records the new one replaces (marked superseded)")
        ] = (),
        dry_run: Preview = False,
    ) -> str:
        """Write the next record in the folder's own style; `value` is its path."""
        return _json(
            session.new_record(
                title,
                status=status,
                date=date,
                deciders=deciders,
                tags=tags,
                supersedes=supersedes,
                dry_run=dry_run,
            )
        )

    @tool(EDIT)
    def set_status(ref: Ref, status: str, force: bool = False, dry_run: Preview = True) -> str:
        """Move a record to a status (accepted, rejected, deprecated, …) as the convention's
        lifecycle allows (force overrides it)."""
        return _json(session.set_status(ref, status, force, dry_run))

    @tool(EDIT)
    def supersede(old: Ref, by: Ref, force: bool = False, dry_run: Preview = True) -> str:
        """Mark `old` superseded by `by`, linked both ways."""
        return _json(session.supersede(old, by, force, dry_run))

    @tool(EDIT)
    def link(
        a: Ref,
        relation: Annotated[
            str,
            Field(
                description="amends, clarifies, relates-to, supersedes, or a configured relation"
            ),
        ],
        b: Ref,
        dry_run: Preview = True,
    ) -> str:
        """Write `a relation b` in A and its inverse in B."""
        return _json(session.link(a, relation, b, dry_run))

    @tool(EDIT)
    def unlink(a: Ref, b: Ref, dry_run: Preview = True) -> str:
        """Remove every relation between A and B, on both sides; `value` is how many."""
        return _json(session.unlink(a, b, dry_run))

    @tool(EDIT)
    def update_index(dry_run: Preview = True) -> str:
        """Bring the README index of the records up to date (between archlog's markers)."""
        return _json(session.update_index(dry_run))


def _resources(server: ArchlogServer, session: Session) -> None:
    """Records as resources, ``adr://<id>``."""

    @server.resource(
        "adr://{id}",
        name="record",
        mime_type="text/markdown",
        description="A record's Markdown, by id",
    )
    def record(id: str) -> str:
        with session.call():
            try:
                return session.read(id)
            except ArchlogError as exc:
                raise ResourceError(str(exc)) from None


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)


def serve(dir: str | None = None) -> None:
    """Serve the folder over standard input and output until the client hangs up."""
    build(dir).run("stdio")
