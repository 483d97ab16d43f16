"""Shared fixtures: run the CLI (in this process, or in a real one where a test needs a
process), name what a test needs from outside, pin the clock."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli_runner import Result, invoke, spawn
from tests.generate import generate
from tests.needs import (
    CORPORA,
    ROOT,
    SHARED,
    corpus,
    corpus_dirs,
    need,
    need_program,
    skip_group,
)

__all__ = [
    "CORPORA",
    "FIXTURES",
    "ROOT",
    "SHARED",
    "TODAY",
    "Result",
    "best_times",
    "cli_env",
    "corpus",
    "corpus_cases",
    "corpus_dirs",
    "median_time",
    "need",
    "need_program",
]

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = "2026-01-15"
# The parse cache lives under the user's cache directory: keep the suite's in its own place.
if "ARCHLOG_CACHE_DIR" not in os.environ:
    os.environ["ARCHLOG_CACHE_DIR"] = tempfile.mkdtemp(prefix="archlog-test-cache-")
    atexit.register(shutil.rmtree, os.environ["ARCHLOG_CACHE_DIR"], True)
# Journals, locks and the cache key live in the user's state folder: the suite's, its own.
if "ARCHLOG_STATE_DIR" not in os.environ:
    os.environ["ARCHLOG_STATE_DIR"] = tempfile.mkdtemp(prefix="archlog-test-state-")
    atexit.register(shutil.rmtree, os.environ["ARCHLOG_STATE_DIR"], True)


def cli_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"ARCHLOG_TODAY": TODAY, "NO_COLOR": "1", "COLUMNS": "100"})
    env.pop("ARCHLOG_DIR", None)
    env.update(extra)
    return env


Run = Callable[..., Result]


@pytest.fixture
def run(tmp_path: Path) -> Run:
    """Run ``archlog ARGS`` in ``cwd`` (default: the test's tmp_path) with ``env`` (default:
    :func:`cli_env`) and ``input`` on standard input — in this process, as a new process
    would run it."""

    def _run(
        *args: str,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
        input: str | None = None,
    ) -> Result:
        return invoke(args, cwd or tmp_path, env or cli_env(), input)

    return _run


@pytest.fixture
def run_process(tmp_path: Path) -> Run:
    """:func:`run` in a real process (``python -m archlog``): for start-up, signals, exit
    codes as the operating system sees them."""

    def _run(
        *args: str,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
        input: str | None = None,
    ) -> Result:
        return spawn(args, cwd or tmp_path, env or cli_env(), input)

    return _run


def corpus_cases() -> list[object]:
    """Every corpus name as a test parameter; without the corpora, one case that needs them
    (skipped, or failed under ``ARCHLOG_REQUIRE_ALL``)."""
    folders = corpus_dirs()
    if not folders:
        return [pytest.param("", id="no-corpora", marks=pytest.mark.needs("corpora"))]
    return [p.name for p in folders]


@pytest.fixture(scope="module")
def generated_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,000 generated records (a benchmark's workload, smaller)."""
    return generate(tmp_path_factory.mktemp("generated") / "adr", 1000, seed=7)


def median_time(*args: str, runs: int = 3) -> float:
    """The median wall time of ``archlog ARGS`` in a new process (any exit code), seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "archlog", *args], capture_output=True, env=cli_env())
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


def best_times(*commands: tuple[str, ...], runs: int = 5) -> list[float]:
    """The fastest wall time of each ``archlog`` command in a new process, seconds, the
    commands taking turns so that a busy moment of the machine falls on all of them (a
    comparison of two commands that holds on a loaded machine, or with other tests
    running beside it)."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for taken, args in zip(times, commands, strict=True):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "archlog", *args], capture_output=True, env=cli_env()
            )
            taken.append(time.perf_counter() - start)
    return [min(taken) for taken in times]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "needs(*names): what the test needs from outside (tests/needs.py NEEDS)"
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("needs"):
        need(*mark.args)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line per group of skipped tests: what they need, how many, and how to get it."""
    groups: dict[tuple[str, str], int] = {}
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        key = skip_group(reason)
        groups[key] = groups.get(key, 0) + 1
    if not groups:
        return
    terminalreporter.section("skipped, by what they need", sep="-", bold=True)
    for (group, reason), count in sorted(groups.items()):
        tests = f"{count} test{'s' if count > 1 else ''}"
        line = f"{group}: {tests} skipped: {reason}" if reason else f"{tests} skipped: {group}"
        terminalreporter.line(line)


def assert_same_tree(got: dict[str, str], expected: dict[str, str], where: str = "") -> None:
    """Two folders' files are equal; else fail with the names missing or extra and a unified
    diff of each differing file (not a dump of both folders)."""
    import difflib

    problems = []
    for name in sorted(set(got) | set(expected)):
        if name not in got:
            problems.append(f"missing: {name}")
        elif name not in expected:
            problems.append(f"not expected: {name}")
        elif got[name] != expected[name]:
            diff = difflib.unified_diff(
                expected[name].splitlines(keepends=True),
                got[name].splitlines(keepends=True),
                fromfile=f"expected/{name}",
                tofile=f"got/{name}",
            )
            problems.append("".join(diff))
    assert not problems, (f"{where}\n" if where else "") + "\n".join(problems)
