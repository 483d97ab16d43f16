"""The shortcuts the speed work took give the answers the long way gives."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from archlog.read.store import Store
from tests.conftest import Result, cli_env, corpus_dirs

NYGARD = (
    "# {n}. Decision {n}\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\n{body}\n"
)


def _folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "adr"
    folder.mkdir()
    for n in range(1, count + 1):
        (folder / f"{n:04d}-decision-{n}.md").write_text(NYGARD.format(n=n, body="Text."))
    return folder


def test_sample_is_the_same_whether_or_not_the_folder_was_read(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 60)
    (folder / "0061-other-layout.md").write_text("# 61. Other\n\n* Status: accepted\n")
    before = [r.path.name for r in Store.open(folder).sample()]
    repo = Store.open(folder)
    assert len(repo.records) == 61  # read everything first
    after = [r.path.name for r in repo.sample()]
    assert before == after
    assert before[0] == "0037-decision-37.md" and before[-1] == "0061-other-layout.md"


@pytest.mark.needs("corpora")
def test_convention_is_the_same_whether_or_not_the_folder_was_read() -> None:
    folders = corpus_dirs()
    for folder in folders:
        fresh = Store.open(folder).convention
        repo = Store.open(folder)
        _ = repo.records
        assert repo.convention == fresh, folder.name


def test_relative_links_checked_against_the_listing_and_the_disk(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    folder = _folder(tmp_path, 2)
    (folder / "assets").mkdir()
    (folder / "assets" / "diagram.png").write_bytes(b"png")
    (tmp_path / "NOTES.md").write_text("notes\n")
    links = (
        "[two](0002-decision-2.md) [deep](assets/diagram.png) [up](../NOTES.md) "
        "[gone](0009-missing.md) [gone deep](assets/none.png) [case](0002-DECISION-2.md) "
        "[spaced](my%20file.md)"
    )
    (folder / "my file.md").write_text("not a record\n")
    (folder / "0001-decision-1.md").write_text(NYGARD.format(n=1, body=links))
    result = run("lint", "--dir", str(folder), "--format", "json")
    found = sorted(
        f["message"] for f in json.loads(result.out)["findings"] if f["rule"] == "ADR014"
    )
    assert found == [
        "link to 0002-DECISION-2.md, which does not exist",
        "link to 0009-missing.md, which does not exist",
        "link to assets/none.png, which does not exist",
    ]


def test_a_folder_without_front_matter_never_imports_yaml(tmp_path: Path) -> None:
    plain = _folder(tmp_path, 3)
    madr = tmp_path / "madr"
    madr.mkdir()
    # (plain ``key: value`` lines are read without the loader: a list needs it)
    (madr / "0001-use-madr.md").write_text("---\nstatus: accepted\ntags: [a, b]\n---\n# Use MADR\n")
    code = (
        "import sys\nfrom archlog.read.store import Store\n"
        "records = Store.open(sys.argv[1]).records\n"
        "print(len(records), 'yaml' in sys.modules)\n"
    )
    for folder, expected in ((plain, "3 False"), (madr, "1 True")):
        proc = subprocess.run(
            [sys.executable, "-c", code, str(folder)],
            capture_output=True,
            text=True,
            check=True,
            env=cli_env(ARCHLOG_NO_CACHE="1"),
        )
        assert proc.stdout.split() == expected.split(), folder
