"""What some tests need from outside the repository, and what happens when it is missing.

A test names what it needs with ``@pytest.mark.needs("corpora", "chromium")`` (checked before
its fixtures are set up) or by calling :func:`need` / :func:`need_program` / :func:`corpus`.
When the thing is missing the test is skipped with the reason, whose ``[group]`` prefix lets
the summary at the end of the run name each skipped group once; with
``ARCHLOG_REQUIRE_ALL=1`` (CI sets it) the test fails instead.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: The shared reference material (the real ADR corpora, the benchmark's generator): beside
#: the checkout, as the project's machines lay it out, or wherever ``ARCHLOG_SHARED`` says.
SHARED = Path(os.environ.get("ARCHLOG_SHARED") or ROOT.parent / "shared")
CORPORA = SHARED / "corpora"
#: pre-commit, from the development tools beside the interpreter running the tests.
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
#: import-linter's command (``make lint``'s import contracts), from the same tools.
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
#: The Mermaid bundle the package build puts beside the site's static files.
MERMAID_JS = ROOT / "src" / "archlog" / "features" / "site" / "static" / "vendor" / "mermaid.min.js"


@dataclass(frozen=True)
class Need:
    """Something outside the repository: how to tell it is missing, and how to get it."""

    missing: Callable[[], bool]
    reason: str


def _no_program(name: str) -> Callable[[], bool]:
    return lambda: shutil.which(name) is None


def _no_module(name: str) -> Callable[[], bool]:
    def missing() -> bool:
        try:
            __import__(name)
        except ImportError:
            return True
        return False

    return missing


NEEDS: dict[str, Need] = {
    "corpora": Need(
        lambda: not CORPORA.is_dir(),
        f"the shared ADR corpora are not at {CORPORA} "
        "(ARCHLOG_SHARED names the folder that holds corpora/)",
    ),
    "chromium": Need(
        _no_program("chromium"), "Chromium is not installed: apt-get install chromium"
    ),
    "playwright": Need(
        _no_module("playwright"), "Playwright is not installed: pip install -e '.[test]'"
    ),
    "mermaid": Need(
        lambda: not MERMAID_JS.is_file(),
        "the package was installed without Mermaid: reinstall it (make test) where the npm "
        "registry can be reached",
    ),
    "axe": Need(
        _no_module("axe_playwright_python"),
        "axe-core is not installed: pip install -e '.[test]' (axe-playwright-python ships it)",
    ),
    "graphviz": Need(_no_program("dot"), "Graphviz is not installed: apt-get install graphviz"),
    "adr-tools": Need(_no_program("adr"), "adr-tools is not installed: apt-get install adr-tools"),
    "git": Need(_no_program("git"), "git is not installed: apt-get install git"),
    "bash": Need(_no_program("bash"), "bash is not installed: apt-get install bash"),
    "pre-commit": Need(
        lambda: not PRE_COMMIT.exists(), "pre-commit is not installed: pip install -e '.[dev]'"
    ),
    "import-linter": Need(
        lambda: not LINT_IMPORTS.exists(), "import-linter is not installed: pip install -e '.[dev]'"
    ),
}
#: The need that provides each outside program, by the program's name.
PROGRAMS = {
    "chromium": "chromium",
    "dot": "graphviz",
    "adr": "adr-tools",
    "git": "git",
    "bash": "bash",
}

_GROUP = re.compile(r"^\[([\w-]+)\] (.*)", re.DOTALL)


def require_all() -> bool:
    """Whether a missing need fails the test (``ARCHLOG_REQUIRE_ALL``, as in CI)."""
    return os.environ.get("ARCHLOG_REQUIRE_ALL", "").strip() not in ("", "0")


def missing(name: str) -> bool:
    """Whether the need called ``name`` is missing here."""
    return NEEDS[name].missing()


def need(*names: str) -> None:
    """Skip the running test (or fail it, under ``ARCHLOG_REQUIRE_ALL``) unless every named
    need is here."""
    for name in names:
        if NEEDS[name].missing():
            message = f"[{name}] {NEEDS[name].reason}"
            if require_all():
                pytest.fail(f"{message} (ARCHLOG_REQUIRE_ALL is set)", pytrace=False)
            pytest.skip(message)


def need_program(name: str) -> str:
    """The path of an outside program; skip (or fail, under ARCHLOG_REQUIRE_ALL) if absent."""
    if name in PROGRAMS:
        need(PROGRAMS[name])
    path = shutil.which(name)
    if path is None:
        message = f"[{name}] {name} is not installed"
        if require_all():
            pytest.fail(f"{message} (ARCHLOG_REQUIRE_ALL is set)", pytrace=False)
        pytest.skip(message)
    return path


def corpus(name: str) -> Path:
    """The folder of one shared corpus (the test needs the corpora)."""
    need("corpora")
    folder = CORPORA / name
    assert folder.is_dir(), f"the shared corpora have no {name}"
    return folder


def corpus_dirs() -> list[Path]:
    """Every shared corpus folder; none when the corpora are not here."""
    if not CORPORA.is_dir():
        return []
    return sorted(p for p in CORPORA.iterdir() if p.is_dir())


def skip_group(reason: str) -> tuple[str, str]:
    """The group and the reason of a skip message (``[group] reason``); a message without
    a group is its own group."""
    reason = reason.removeprefix("Skipped: ")
    match = _GROUP.match(reason)
    return (match.group(1), match.group(2)) if match else (reason, "")
