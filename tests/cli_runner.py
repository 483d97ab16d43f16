"""Run the ``archlog`` command as a user would, in this process or in a new one.

In this process (:func:`invoke`) the command is what ``python -m archlog`` would run — the
same entry point, the same error handling and exit codes — with what a new process would
have been given put in place for the call and taken back afterwards: the environment
(replaced whole, as ``subprocess`` does), the working directory, standard input, output and
error (kept apart), and the process-wide caches that a later command must not see
(the git history, read once per process).

A few tests need a real process — start-up time, signals, concurrency, a crash — and use
:func:`spawn` (the ``run_process`` fixture).
"""

from __future__ import annotations

import os
import subprocess
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

#: Variables that make archlog end its own process on purpose (fault-injection tests):
#: a command given one runs in a process of its own, never in the test's.
_PROCESS_ENDING = ("ARCHLOG_TEST_CRASH_AFTER_WRITES",)


@dataclass
class Result:
    code: int
    out: str
    err: str


def spawn(args: tuple[str, ...], cwd: Path, env: dict[str, str], input: str | None) -> Result:
    """``python -m archlog ARGS`` in a new process."""
    proc = subprocess.run(
        [sys.executable, "-m", "archlog", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        input=input,
        timeout=120,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def invoke(args: tuple[str, ...], cwd: Path, env: dict[str, str], input: str | None) -> Result:
    """``archlog ARGS`` in this process, as if it were a new one."""
    if any(name in env for name in _PROCESS_ENDING):
        return spawn(args, cwd, env, input)
    from click import formatting
    from click.testing import CliRunner

    from archlog.cli import main
    from archlog.infra import git

    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    os.environ.clear()
    os.environ.update(env)
    git.history.cache_clear()
    try:
        os.chdir(cwd)
        with CliRunner().isolation(input=input) as (out, err, _mixed):
            formatting.FORCED_WIDTH = None  # as wide as COLUMNS says, as in a new process
            code = _exit_code(main, list(args))
            sys.stdout.flush()
            sys.stderr.flush()
            return Result(code, _text(out.getvalue()), _text(err.getvalue()))
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        git.history.cache_clear()


def _exit_code(main: object, args: list[str]) -> int:
    """What the process would exit with: ``sys.exit``'s code, 1 and a traceback on standard
    error for an exception nothing caught (as the interpreter does)."""
    assert callable(main)
    try:
        main(args)
    except SystemExit as exc:
        if exc.code is None:
            return 0
        if isinstance(exc.code, int):
            return exc.code
        sys.stderr.write(f"{exc.code}\n")
        return 1
    except Exception:
        sys.stderr.write(traceback.format_exc())
        return 1
    return 0


def _text(data: bytes) -> str:
    """Output as ``subprocess.run(text=True)`` gives it (universal newlines)."""
    return data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
