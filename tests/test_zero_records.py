"""A folder where archlog finds no record says so — it is never reported clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Result, Run


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    (folder / "notes.txt").write_text("Not a record.\n")
    (folder / "README.md").write_text("# Decisions\n\nNone yet.\n")
    return folder


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["list"], 0),
        (["lint"], 1),
        (["index", "--check"], 1),
        (["index"], 0),
        (["site", "build"], 0),
    ],
)
def test_each_command_names_the_folder_and_what_it_looked_for(
    run: Run, empty: Path, argv: list[str], code: int
) -> None:
    result: Result = run(*argv)
    assert result.code == code, result.err
    lines = [line for line in result.err.splitlines() if "no records found" in line]
    assert len(lines) == 1, result.err
    assert str(empty) in lines[0] and "looked for" in lines[0]
    assert "clean" not in result.out.lower()


def test_a_folder_with_records_says_nothing_of_the_kind(run: Run, empty: Path) -> None:
    (empty / "0001-use-x.md").write_text(
        "# 1. Use X\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n"
    )
    result = run("list")
    assert result.code == 0 and "no records found" not in result.err
    assert "Use X" in result.out


@pytest.mark.parametrize(
    ("argv", "code"), [(["list"], 0), (["lint"], 1), (["index", "--check"], 1)]
)
def test_a_log_holding_only_its_template_has_no_records(
    run: Run, tmp_path: Path, argv: list[str], code: int
) -> None:
    log = tmp_path / "DECISIONS.md"
    log.write_text(
        "# Decisions\n\nNone yet.\n\n## Template\n\n```markdown\n## ADR-NNN: Title\n\n"
        "**Status:** Proposed\n```\n"
    )
    result = run(*argv, "--dir", str(log))
    assert result.code == code, result.err
    lines = [line for line in result.err.splitlines() if "no records found" in line]
    assert len(lines) == 1 and str(log) in lines[0], result.err
    assert "looked for entries headed like '## ADR-001: Title'" in lines[0]
    assert "DECISIONS" not in result.out  # the log's own heading is no record


def test_a_folder_of_templates_only_has_no_records(run: Run, empty: Path) -> None:
    (empty / "template.md").write_text("# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n")
    (empty / "templates").mkdir()
    (empty / "templates" / "decision.md").write_text("# ADR-NNN: Title\n\nStatus: Proposed\n")
    result = run("lint")
    assert result.code == 1
    assert sum("no records found" in line for line in result.err.splitlines()) == 1
