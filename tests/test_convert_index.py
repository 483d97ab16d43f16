"""`convert --out DIR` writes a README whose index lists the records it wrote, as `archlog
index` would (and shows it in the dry run); in place, the folder's index follows the records
to their new files in the same change."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run


@pytest.mark.parametrize(
    ("convention", "line"),
    [
        ("madr", "| [0002](0002-use-queues.md) | Use queues | proposed | 2024-02-01 |"),
        ("index-table", "| [002](002-use-queues.md) | Use queues | Proposed | 2024-02-01 |"),
        ("nygard", "* [2. Use queues](0002-use-queues.md)"),
    ],
)
def test_convert_out_writes_a_readme_that_lists_the_records(
    run: Run, tmp_path: Path, convention: str, line: str
) -> None:
    assert run("init", "--date", "2024-01-10").code == 0
    assert run("new", "Use queues", "--date", "2024-02-01").code == 0
    dry = run("convert", "--to", convention, "--out", "out")
    assert dry.code == 0, dry.err
    assert f"+{line}\n" in dry.out
    assert not (tmp_path / "out").exists()
    done = run("convert", "--to", convention, "--out", "out", "--apply")
    assert done.code == 0, done.err
    readme = (tmp_path / "out" / "README.md").read_text()
    block = readme.split("<!-- archlog:index:start -->\n", 1)[1].split(
        "<!-- archlog:index:end -->"
    )[0]
    assert line in block.splitlines()
    assert len([x for x in block.splitlines() if "](" in x]) == 2
    assert run("index", "--dir", "out", "--check").code == 0


def test_convert_in_place_keeps_the_index_current(run: Run, tmp_path: Path) -> None:
    assert run("init", "--convention", "index-table", "--date", "2024-01-10").code == 0
    assert run("new", "Use queues", "--date", "2024-02-01").code == 0
    assert run("index").code == 0
    readme = tmp_path / "doc" / "adr" / "README.md"
    readme.write_text(readme.read_text() + "\nOurs.\n")
    done = run("convert", "--to", "nygard", "--apply")
    assert done.code == 0, done.err
    text = readme.read_text()
    assert "| [0002](0002-use-queues.md) | Use queues | Proposed | 2024-02-01 |" in text
    assert "002-use-queues.md" not in text.replace("0002-use-queues.md", "")
    assert text.endswith("\nOurs.\n")  # the rest of the README as it was
    assert run("index", "--check").code == 0
