"""For each convention: ``init`` then three ``new`` give files equal to the golden files.

Set ARCHLOG_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change, then
review the diff like any other change.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from archlog.conventions.catalog import CONVENTIONS
from tests.conftest import FIXTURES, Run, assert_same_tree

GOLDEN = FIXTURES / "golden"


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("name", list(CONVENTIONS))
def test_init_then_three_new(run: Run, tmp_path: Path, name: str) -> None:
    target = tmp_path / "adr"
    assert run("init", "--convention", name, str(target)).code == 0
    titles = ["Use PostgreSQL for persistence", "Publish domain events", "Adopt ÜberCache (v2)"]
    for title in titles:
        result = run("new", title, "--dir", str(target), "--deciders", "Ana, Bo")
        assert result.code == 0, result.err
    got = tree(target)
    expected_dir = GOLDEN / name
    if os.environ.get("ARCHLOG_UPDATE_GOLDEN"):
        shutil.rmtree(expected_dir, ignore_errors=True)
        for rel, text in got.items():
            (expected_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / rel).write_text(text, encoding="utf-8")
    assert_same_tree(got, tree(expected_dir), name)
    # and what was written reads back as written
    listed = json.loads(run("list", "--format", "json", "--dir", str(target)).out)
    assert [r["title"] for r in listed] == ["Record architecture decisions", *titles]
    assert [r["number"] for r in listed] == [1, 2, 3, 4]
    assert [r["status"] for r in listed] == ["accepted", "proposed", "proposed", "proposed"]
    if name not in ("nygard", "index-table", "sub-numbered", "detailed", "log"):
        assert listed[1]["deciders"] == ["Ana", "Bo"]


@pytest.mark.parametrize("name", list(CONVENTIONS))
def test_new_follows_an_inferred_convention(run: Run, tmp_path: Path, name: str) -> None:
    """A folder made in a convention, then its configuration forgotten: new records still
    look like their neighbours (same file-name pattern, heading and metadata style)."""
    target = tmp_path / "adr"
    run("init", "--convention", name, str(target))
    run("new", "Second", "--dir", str(target))
    for tpl in target.glob("templates/*"):
        tpl.unlink()  # no template to copy: inference alone must get it right
    result = run("new", "Third", "--dir", str(target))
    second = json.loads(run("list", "--format", "json", "--dir", str(target)).out)
    assert [r["title"] for r in second][-2:] == ["Second", "Third"]
    two, three = second[-2], second[-1]
    assert len(two["id"]) == len(three["id"])
    assert two["status"] == three["status"] == "proposed"
    assert two["status_text"] == three["status_text"]
    assert result.code == 0
