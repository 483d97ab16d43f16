"""The ``run`` fixture runs the CLI in the test's process: it must say exactly what a new
process says, and leave the test's process as it found it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import Run, cli_env

CASES = [
    ("--version",),
    ("--help",),
    ("new", "--help"),
    ("conventions",),
    ("list",),
    ("list", "--format", "json"),
    ("show", "1", "--raw"),
    ("show", "1"),
    ("show", "42"),
    ("list", "--status", "banana"),
    ("new", "X", "--date", "yesterday"),
    ("frobnicate",),
    ("lint",),
    ("lint", "--format", "sarif"),
    ("index", "--check"),
    ("graph", "--format", "dot"),
]


def test_in_process_runs_say_what_a_new_process_says(
    run: Run, run_process: Run, tmp_path: Path
) -> None:
    assert run_process("init").code == 0
    (tmp_path / "doc/adr/0002-use-queues.md").write_text(
        "# 2. Use queues\r\n\r\nDate: someday\r\n\r\n## Status\r\n\r\nMaybe\r\n"
    )
    codes = set()
    for args in CASES:
        here, there = run(*args), run_process(*args)
        assert here == there, args
        codes.add(here.code)
    assert codes == {0, 1, 2}  # success, findings, usage or input error


def test_the_environment_is_replaced_whole_and_given_back(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("init").code == 0
    monkeypatch.setenv("ARCHLOG_DIR", "nowhere")
    before_env, before_cwd = dict(os.environ), os.getcwd()
    env = {k: v for k, v in cli_env().items() if k != "ARCHLOG_DIR"}
    found = run("list", env=env)  # as a new process given ``env`` would: no ARCHLOG_DIR
    assert found.code == 0, found.err
    assert run("list").code == 0  # cli_env() leaves ARCHLOG_DIR out, as before
    assert run("list", env={**env, "ARCHLOG_DIR": "nowhere"}).code == 2
    assert dict(os.environ) == before_env and os.getcwd() == before_cwd


def test_each_run_sees_the_working_directory_it_is_given(run: Run, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    assert run("init", "--convention", "madr", cwd=other).code == 0
    assert (other / "docs" / "decisions").is_dir()
    assert run("list").code == 2  # tmp_path itself has no folder
    assert "Record architecture decisions" in run("list", cwd=other).out
