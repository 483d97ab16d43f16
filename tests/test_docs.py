"""Docs that cannot drift: generated reference pages are current; every command has help."""

from __future__ import annotations

import subprocess
import sys

from archlog.cli.app import COMMANDS
from tests.conftest import ROOT


def test_generated_pages_are_current() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_docs.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_command_is_documented_and_in_the_readme() -> None:
    commands = (ROOT / "docs" / "commands.md").read_text()
    readme = (ROOT / "README.md").read_text()
    for name in COMMANDS:
        assert f"## archlog {name}\n" in commands
        assert f"archlog {name}" in readme, f"README's tour does not mention `archlog {name}`"
