#!/usr/bin/env python3
"""The package's import graph, every import counted: at the top of a module, inside a
function, and under ``TYPE_CHECKING``.

    python scripts/import_graph.py [--check]

Prints the module count, the largest modules, the longest import chain and every cycle;
``--check`` exits 1 on a cycle or on two modules with the same file name (``__init__`` and
``__main__`` aside). import-linter's contracts say which layer may import which; this says
that no module, however it imports, leads back to itself.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "archlog"


@dataclass
class Graph:
    """Modules by dotted name, with their file and the modules each imports."""

    files: dict[str, Path]
    imports: dict[str, set[str]]

    def cycles(self) -> list[list[str]]:
        """Every strongly connected group of more than one module (or one importing itself)."""
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        stack: list[str] = []
        on_stack: set[str] = set()
        groups: list[list[str]] = []

        def visit(node: str) -> None:  # Tarjan's algorithm; the graph is a few hundred nodes
            index[node] = low[node] = len(index)
            stack.append(node)
            on_stack.add(node)
            for nxt in sorted(self.imports[node]):
                if nxt not in index:
                    visit(nxt)
                    low[node] = min(low[node], low[nxt])
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if low[node] == index[node]:
                group = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    group.append(top)
                    if top == node:
                        break
                if len(group) > 1 or node in self.imports[node]:
                    groups.append(sorted(group))

        for node in sorted(self.imports):
            if node not in index:
                visit(node)
        return groups

    def longest_chain(self) -> list[str]:
        """The longest path of imports (the graph must have no cycle)."""
        best: dict[str, list[str]] = {}

        def chain(node: str) -> list[str]:
            if node not in best:
                tails = [chain(n) for n in sorted(self.imports[node])]
                best[node] = [node, *max(tails, key=len, default=[])]
            return best[node]

        return max((chain(n) for n in sorted(self.imports)), key=len, default=[])


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(tree: ast.Module, name: str, is_package: bool, known: set[str]) -> Iterator[str]:
    """The package's modules that ``tree`` imports, anywhere in it."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = name.split(".") if is_package else name.split(".")[:-1]
                here = here[: len(here) - node.level + 1]
                base = ".".join([*here, base] if base else here)
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
            # a name that is a module counts as that module, else the module it comes from
            targets = [t for t in targets[:-1] if t in known] or [base]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                yield target


def build(package: Path = PACKAGE) -> Graph:
    files = {module_name(p, package): p for p in sorted(package.rglob("*.py"))}
    known = set(files)
    imports = {
        name: set(imported(ast.parse(path.read_text()), name, path.stem == "__init__", known))
        for name, path in files.items()
    }
    return Graph(files, imports)


def same_names(files: dict[str, Path]) -> list[str]:
    counts = Counter(p.name for p in files.values() if p.stem not in ("__init__", "__main__"))
    return sorted(name for name, n in counts.items() if n > 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 on a cycle or a name twice")
    args = parser.parse_args(argv)
    graph = build()
    sizes = sorted(
        ((len(p.read_text().splitlines()), n) for n, p in graph.files.items()), reverse=True
    )
    cycles = graph.cycles()
    twice = same_names(graph.files)
    print(f"modules: {len(graph.files)}")
    print("largest: " + ", ".join(f"{n} ({lines} lines)" for lines, n in sizes[:3]))
    print(f"imports: {sum(len(v) for v in graph.imports.values())}")
    for group in cycles:
        print("cycle: " + " ↔ ".join(group))
    if not cycles:
        chain = graph.longest_chain()
        print(f"longest chain ({len(chain)} modules): " + " → ".join(chain))
        print("cycles: none")
    for name in twice:
        print(f"file name twice: {name}")
    return 1 if args.check and (cycles or twice) else 0


if __name__ == "__main__":
    sys.exit(main())
