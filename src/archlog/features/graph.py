"""The records as a graph: Mermaid (GitHub and GitLab draw it) or Graphviz DOT.

Nodes are records (id and title), styled by status; edges are typed relations. Each pair is
drawn once, in its active direction: ``B superseded-by A`` and ``A supersedes B`` are one
edge ``A → B`` labelled *supersedes*.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from archlog.model import Record

#: What may not stand in a Mermaid or DOT node id.
_NOT_ID = re.compile(r"\W")

#: Relation types drawn from the record that names them; their inverses are turned around.
_PASSIVE = {"superseded-by": "supersedes", "amended-by": "amends", "clarified-by": "clarifies"}
_SYMMETRIC = {"relates-to"}

#: Fill, stroke and text colours per status (WCAG-contrast text on each fill).
STATUS_COLOURS: dict[str, tuple[str, str, str]] = {
    "draft": ("#fff8e1", "#a67c00", "#3d2e00"),
    "proposed": ("#fff3cd", "#a67c00", "#3d2e00"),
    "pending": ("#fff3cd", "#a67c00", "#3d2e00"),
    "accepted": ("#d4edda", "#1e7e34", "#0b3d17"),
    "implemented": ("#cce5ff", "#004085", "#002752"),
    "rejected": ("#f8d7da", "#a71d2a", "#4a0d12"),
    "deprecated": ("#e2e3e5", "#6c757d", "#2b2f33"),
    "superseded": ("#e2e3e5", "#6c757d", "#2b2f33"),
    "amended": ("#e8daef", "#6f42c1", "#2e1a52"),
    "unknown": ("#ffffff", "#6c757d", "#212529"),
}
START = "<!-- archlog:graph:start -->"
END = "<!-- archlog:graph:end -->"


Edge = tuple[Record, str, Record]


def edges(records: Sequence[Record], custom: dict[str, str] | None = None) -> list[Edge]:
    """Each relation once, in its active direction, between records that exist."""
    by_target = {r.target: r for r in records}
    passive = dict(_PASSIVE)
    for a, b in (custom or {}).items():
        passive[b] = a
    seen: set[tuple[int, str, int]] = set()
    out = []
    for record in records:
        for rel in record.relations:
            other = by_target.get(rel.target)
            if other is None or other is record:
                continue
            src, kind, dst = record, rel.type, other
            if kind in passive:
                src, kind, dst = other, passive[kind], record
            key = (id(src), kind, id(dst))
            if kind in _SYMMETRIC:
                key = (min(id(src), id(dst)), kind, max(id(src), id(dst)))
            if key in seen:
                continue
            seen.add(key)
            out.append((src, kind, dst))
    return out


def _label(record: Record) -> str:
    number = f"{record.number}. " if record.number is not None else ""
    return f"{number}{record.title}"


def _node_id(record: Record, prefix: str = "adr_") -> str:
    return prefix + _NOT_ID.sub("_", record.entry or record.path.stem)


#: The records of each folder of a monorepo (its name as configured, its records, its custom
#: relation pairs); a graph of one folder is one part named "".
Part = tuple[str, Sequence[Record], dict[str, str] | None]


def mermaid(records: Sequence[Record], custom: dict[str, str] | None = None) -> str:
    return mermaid_folders([("", records, custom)])


def mermaid_folders(parts: Sequence[Part]) -> str:
    """A Mermaid flowchart; several folders are a ``subgraph`` each (relations stay within
    a folder: numbers are a folder's own)."""
    lines = ["graph TD"]
    for i, (name, records, custom) in enumerate(parts):
        prefix, pad = (f"f{i}_adr_", "    ") if name else ("adr_", "  ")
        if name:
            lines.append(f'  subgraph f{i}["{name.replace(chr(34), "#quot;")}"]')
        for record in records:
            label = _label(record).replace('"', "#quot;")
            lines.append(f'{pad}{_node_id(record, prefix)}["{label}"]:::{record.status}')
        if name:
            lines.append("  end")
        for src, kind, dst in edges(records, custom):
            arrow = "-.-" if kind in _SYMMETRIC else "-->"
            lines.append(
                f"  {_node_id(src, prefix)} {arrow}|{kind.replace('-', ' ')}| "
                f"{_node_id(dst, prefix)}"
            )
    records = [r for _, part, _ in parts for r in part]
    for status in _used(records):
        fill, stroke, text = STATUS_COLOURS.get(status, STATUS_COLOURS["unknown"])
        dash = ",stroke-dasharray:4 3" if status in ("superseded", "deprecated") else ""
        lines.append(f"  classDef {status} fill:{fill},stroke:{stroke},color:{text}{dash}")
    return "\n".join(lines) + "\n"


def dot(records: Sequence[Record], custom: dict[str, str] | None = None) -> str:
    return dot_folders([("", records, custom)])


def dot_folders(parts: Sequence[Part]) -> str:
    """Graphviz DOT; several folders are a ``cluster`` subgraph each."""
    lines = [
        "digraph adr {",
        "  rankdir=LR;",
        '  node [shape=box, style="rounded,filled", fontname="Helvetica"];',
    ]
    for i, (name, records, custom) in enumerate(parts):
        prefix, pad = (f"f{i}_adr_", "    ") if name else ("adr_", "  ")
        if name:
            lines += [f"  subgraph cluster_{i} {{", f"    label={_quote(name)};"]
        for record in records:
            fill, stroke, text = STATUS_COLOURS.get(record.status, STATUS_COLOURS["unknown"])
            retired = record.status in ("superseded", "deprecated")
            style = ', style="rounded,filled,dashed"' if retired else ""
            lines.append(
                f"{pad}{_quote(_node_id(record, prefix))} [label={_quote(_label(record))}, "
                f'fillcolor="{fill}", color="{stroke}", fontcolor="{text}"{style}];'
            )
        if name:
            lines.append("  }")
        for src, kind, dst in edges(records, custom):
            extra = ", dir=none, style=dashed" if kind in _SYMMETRIC else ""
            label = _quote(kind.replace("-", " "))
            lines.append(
                f"  {_quote(_node_id(src, prefix))} -> {_quote(_node_id(dst, prefix))} "
                f"[label={label}{extra}];"
            )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _used(records: Iterable[Record]) -> list[str]:
    return sorted({r.status for r in records})
