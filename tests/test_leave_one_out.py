"""Leave one out, over every real corpus: the newest record taken away, ``archlog new`` with
its title writes a record in the folder's own style — the same file-name pattern and title
heading, and the metadata and sections the removed record shares with its siblings (see
tests/leave_one_out.py). docs/leave-one-out.md shows the same results, and is checked here
to be current."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, corpus, corpus_cases, corpus_dirs
from tests.leave_one_out import ASPECTS, leave_one_out

DOC = ROOT / "docs" / "leave-one-out.md"


@pytest.mark.parametrize("name", corpus_cases())
def test_a_new_record_is_written_as_the_newest_one_was(name: str, tmp_path: Path) -> None:
    outcome = leave_one_out(corpus(name), tmp_path)
    differs = {aspect: why for aspect, why in outcome.in_style().items() if why}
    assert not differs, (outcome.removed, outcome.written, differs, outcome.new.aspects())


@pytest.mark.needs("corpora")
def test_the_documented_results_are_current(tmp_path: Path) -> None:
    from scripts.leave_one_out import table

    outcomes = [leave_one_out(folder, tmp_path / folder.name) for folder in corpus_dirs()]
    assert table(outcomes) in DOC.read_text(encoding="utf-8"), (
        "docs/leave-one-out.md is stale: run python scripts/leave_one_out.py"
    )
    assert len(outcomes) == 16 and all(len(o.matches()) == len(ASPECTS) for o in outcomes)
