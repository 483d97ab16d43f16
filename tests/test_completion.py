"""`archlog completion SHELL`: the script, sourced in a real bash, completes commands,
options, the folder's record ids and status words; zsh and fish get their own scripts."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run, cli_env, need_program


@pytest.fixture
def complete(run: Run, tmp_path: Path) -> Callable[..., list[str]]:
    """What bash offers for a command line (``COMP_WORDS``, the last word being completed),
    through the script ``archlog completion bash`` prints, sourced in a real bash."""
    bash = need_program("bash")
    script = run("completion", "bash")
    assert script.code == 0, script.err
    (tmp_path / "archlog.bash").write_text(script.out)
    bin_dir = tmp_path / "bin"  # `archlog` as the script calls it back: this checkout's
    bin_dir.mkdir()
    (bin_dir / "archlog").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m archlog "$@"\n')
    (bin_dir / "archlog").chmod(0o755)
    env = cli_env(PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")

    def _complete(*words: str, cwd: Path = tmp_path) -> list[str]:
        quoted = " ".join(f"'{w}'" for w in words)
        line = (
            f"source '{tmp_path / 'archlog.bash'}'; COMP_WORDS=({quoted}); "
            f"COMP_CWORD={len(words) - 1}; _archlog_completion archlog; "
            'printf "%s\\n" "${COMPREPLY[@]}"'
        )
        proc = subprocess.run(
            [bash, "-c", line], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
        )
        assert proc.returncode == 0 and proc.stderr == "", proc.stderr
        return proc.stdout.split()

    return _complete


def test_bash_completes_the_folders_record_ids(
    run: Run, complete: Callable[..., list[str]]
) -> None:
    assert run("init").code == 0
    assert run("new", "Use queues").code == 0
    assert run("new", "Use streams").code == 0
    assert complete("archlog", "show", "00") == ["0001", "0002", "0003"]
    assert complete("archlog", "supersede", "0002", "--by", "0003") == ["0003"]
    assert complete("archlog", "link", "1", "am") == ["amended-by", "amends"]
    assert complete("archlog", "show", "9") == []


def test_record_ids_come_from_the_folder_dir_names(
    run: Run, complete: Callable[..., list[str]], tmp_path: Path
) -> None:
    other = tmp_path / "elsewhere"
    other.mkdir()
    assert run("init", "--convention", "header-fields", "adr", cwd=other).code == 0
    assert run("new", "Use queues", cwd=other).code == 0
    assert complete("archlog", "accept", "--dir", "elsewhere/adr", "") == ["001", "002"]
    assert complete("archlog", "show", "") == []  # no folder here: nothing, and no error


def test_bash_completes_commands_options_and_status_words(
    complete: Callable[..., list[str]],
) -> None:
    assert complete("archlog", "sh") == ["show"]
    assert "completion" in complete("archlog", "")
    assert complete("archlog", "list", "--st") == ["--status"]
    assert complete("archlog", "list", "--status", "s") == ["superseded"]
    words = "draft proposed pending accepted implemented rejected deprecated superseded amended"
    assert complete("archlog", "status", "1", "") == words.split()


#: Each shell's script, and how it asks archlog to complete ``archlog show 00``.
SHELLS = {
    "zsh": ("#compdef archlog", {"COMP_WORDS": "archlog show 00", "COMP_CWORD": "2"}),
    "fish": (
        "complete --no-files --command archlog",
        {"COMP_WORDS": "archlog show", "COMP_CWORD": "00"},
    ),
}


@pytest.mark.parametrize("shell", SHELLS)
def test_zsh_and_fish_scripts_and_answers(run: Run, shell: str) -> None:
    marker, asks = SHELLS[shell]
    script = run("completion", shell)
    assert script.code == 0 and marker in script.out, script.out
    assert run("init").code == 0
    answer = run(env=cli_env(_ARCHLOG_COMPLETE=f"{shell}_complete", **asks))
    assert answer.code == 0 and "0001" in answer.out, answer


def test_an_unknown_shell_is_a_usage_error(run: Run) -> None:
    result = run("completion", "tcsh")
    assert result.code == 2 and "'tcsh' is not one of 'bash', 'zsh', 'fish'" in result.err
