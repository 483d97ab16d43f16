"""Every regular expression archlog runs on file content stays fast on 100 KB of the text
that costs it most: the pattern alone, and the command that hands it that text (issue 14,
item 7). The cases are in tests/regex_cases.toml, their shapes and their paths in
tests/regex_cases.py; bench/regexes.py prints the same measurements as docs/regexes.md's table."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

from tests import regex_cases as rc
from tests.conftest import Run, cli_env

CASES = {case.id: case for case in rc.CASES}


def _defined_patterns() -> set[str]:
    """``module.NAME`` of every compiled pattern a module of archlog defines."""
    import archlog

    found: set[str] = set()
    for info in pkgutil.walk_packages(archlog.__path__, "archlog."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        source = Path(str(module.__file__)).read_text(encoding="utf-8")
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and re.search(rf"(?m)^{name}\s*[:=]", source):
                found.add(f"{info.name}.{name}")
    return found


def test_every_pattern_is_a_case() -> None:
    cased = {case.pattern for case in rc.CASES}
    missing = _defined_patterns() - cased - set(rc.NOT_ON_FILE_CONTENT)
    assert not missing, f"patterns without a case in tests/regex_cases.toml: {sorted(missing)}"
    assert not cased - _defined_patterns() - {c.pattern for c in rc.CASES if c.arg is not None}


def test_no_pattern_is_written_inline() -> None:
    """A pattern is a module constant or a builder's, so that it is a case here."""
    inline = re.compile(
        r"\bre\.(?:match|search|sub|subn|split|findall|finditer|fullmatch)\(r?[\"']"
    )
    src = Path(__file__).resolve().parent.parent / "src" / "archlog"
    found = [
        f"{path.relative_to(src)}:{number}"
        for path in sorted(src.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if inline.search(line)
    ]
    assert not found


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_pattern_alone_is_fast_on_its_worst_100_kb(case: rc.Case) -> None:
    assert len(rc.SHAPES[case.shape]()) >= rc.N - 10
    took = rc.time_pattern(case)
    assert took < rc.PATTERN_LIMIT, f"{case.id} took {took:.2f} s on {case.shape}"


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_its_command_is_fast_on_a_repository_holding_it(case: rc.Case, tmp_path: Path) -> None:
    timing = rc.measure(case, tmp_path, cli_env())
    assert timing.code in (0, 1, 2), timing  # 2: archlog's own one-line refusal
    assert timing.command < timing.limit, f"{case.command} took {timing.command:.2f} s"
    if timing.longest < rc.REACHED:
        assert case.bounded, f"{case.id} was given {timing.longest} characters: say why"


#: The shapes issue 14 timed before the reader's rewrite, each through ``archlog list`` (or
#: ``site build``), at the size it named: each is now a matter of milliseconds.
ISSUE_SHAPES = [
    ("table-like line, 0.8 KB", "# 1. T\n\n" + "| a " * 200 + "\n", "list"),
    ("custom relation, 9.8 KB", "# 1. T\n\nRelated to " + "a " * 4900 + "[x](y.md\n", "list"),
    ("anchored relation, 2 KB", "# 1. T\n\n" + "> - " + "!" * 2000 + "supersedes\n", "list"),
    ("people split, 7.8 KB", "# 1. T\n\nDeciders: " + " " * 7800 + "x\n", "list"),
    ("metadata line, 12 KB", "# 1. T\n\n**" + "a" * 12_000 + ":\n", "list"),
    ("title, 12 KB", "# ADR-" + "1" * 6000 + " " * 6000 + "x\n", "list"),
    ("closing hashes, 12 KB", "# T" + " " * 12_000 + "a #\n", "list"),
    ("60,000 [ in a site build", "# 1. T\n\n" + "[" * 60_000 + "\n", "site"),
]


@pytest.mark.parametrize(
    ("text", "command"), [s[1:] for s in ISSUE_SHAPES], ids=[s[0] for s in ISSUE_SHAPES]
)
def test_the_shapes_the_issue_timed(run: Run, tmp_path: Path, text: str, command: str) -> None:
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    (folder / "0001-t.md").write_text(text)
    case = rc.Case("archlog.read.scan._LINE", "", "finditer", "[ runs", "body", command)
    limit = rc.COMMAND_LIMIT + (2 * _markdown_time(text) if command == "site" else 0)
    took = rc.best(lambda: run(*rc.COMMANDS[case.command]), enough=limit)
    assert took < limit


def _markdown_time(text: str) -> float:
    from archlog.features.site.markdown import markdown_to_html

    return rc.best(lambda: markdown_to_html(text, []), tries=1)


def test_a_yaml_alias_bomb_is_refused_quickly_with_one_line(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    lines += [
        f"{c}: &{c} [{','.join(['*' + p] * 9)}]"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    bomb = "---\n" + "\n".join(lines) + "\nstatus: accepted\n---\n# 1. Bomb\n"
    assert len(bomb.encode()) < 400
    (folder / "0001-bomb.md").write_text(bomb)
    (folder / "0002-fine.md").write_text("# 2. Fine\n\n## Status\n\nAccepted\n")
    took = rc.best(lambda: run("list"), enough=rc.COMMAND_LIMIT)
    result = run("list")
    assert took < rc.COMMAND_LIMIT
    assert "Fine" in result.out
    warnings = [line for line in result.err.splitlines() if "0001-bomb.md" in line]
    assert len(warnings) == 1 and "aliases" in warnings[0]
