"""Bad input: one-line messages naming the file, no traceback, the rest still listed."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.conftest import Run

GOOD = "# {n}. Good {n}\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n"


def make(folder: Path) -> None:
    folder.mkdir(parents=True)
    for n in (1, 2):
        (folder / f"000{n}-good-{n}.md").write_text(GOOD.format(n=n))


def test_bad_files_warn_once_and_the_rest_are_listed(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "doc" / "adr"
    make(folder)
    (folder / "0003-latin1.md").write_bytes("# 3. Caf\xe9\n".encode("latin-1"))
    (folder / "0004-bom-crlf.md").write_bytes(
        b"\xef\xbb\xbf# 4. Bom\r\n\r\nDate: 2020-01-04\r\n\r\n## Status\r\n\r\nProposed\r\n"
    )
    (folder / "0005-no-title.md").write_text("Status: Accepted\n\nJust text.\n")
    (folder / "0006-broken-yaml.md").write_text("---\nstatus: [accepted\n---\n# Broken\n")
    (folder / "0007-empty.md").write_text("")
    os.symlink("0008-loop.md", folder / "0008-loop.md")
    result = run("list", "--format", "json")
    assert result.code == 0
    assert "Traceback" not in result.err
    numbers = [r["number"] for r in json.loads(result.out)]
    assert numbers == [1, 2, 4, 5, 6]
    lines = result.err.splitlines()
    assert all(line.startswith("archlog: warning: ") for line in lines), lines
    assert len(lines) == 5, lines
    joined = "\n".join(lines)
    assert "0003-latin1.md:1: not valid UTF-8 text" in joined
    assert "0005-no-title.md: no title" in joined
    assert "0006-broken-yaml.md:3: invalid YAML front matter" in joined
    assert "0007-empty.md: empty file" in joined
    assert "0008-loop.md: cannot read:" in joined


def test_missing_folder(run: Run, tmp_path: Path) -> None:
    result = run("list", "--dir", "nowhere")
    assert result.code == 2
    assert result.err == f"archlog: error: {tmp_path / 'nowhere'}: no such folder\n"


def test_no_folder_at_all(run: Run) -> None:
    result = run("list")
    assert result.code == 2
    assert result.err.startswith("archlog: error: no ADR folder found here")
    assert len(result.err.splitlines()) == 1


def test_bad_configuration_reports_every_problem_at_once(run: Run, tmp_path: Path) -> None:
    (tmp_path / ".archlog.toml").write_text('convention = "nope"\ncolour = 3\nwidth = "x"\n')
    result = run("list")
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert ".archlog.toml: " in result.err
    for part in ("unknown option 'colour'", "'width' must be a int", "unknown convention 'nope'"):
        assert part in result.err


def test_invalid_toml(run: Run, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.archlog\n")
    result = run("list")
    assert result.code == 2 and "pyproject.toml: invalid TOML" in result.err


def test_bad_date_and_title(run: Run) -> None:
    run("init")
    result = run("new", "X", "--date", "yesterday")
    assert result.code == 2 and "not a date" in result.err
    result = run("new", "   ")
    assert result.code == 2 and result.err == "archlog: error: the title is empty\n"


def test_init_refuses_to_overwrite(run: Run) -> None:
    run("init")
    result = run("init")
    assert result.code == 2 and "does not overwrite" in result.err
