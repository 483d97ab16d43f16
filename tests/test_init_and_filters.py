"""`init` never makes a second ADR folder beside the one a repository has, and dates its
first record as told; the dates of `list`'s filters are real dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import TODAY, Run

CONVENTIONS = ["nygard", "madr", "madr2", "index-table", "header-fields", "detailed", "log"]


@pytest.mark.parametrize("convention", CONVENTIONS)
def test_init_writes_the_date_it_is_given_into_the_first_record(run: Run, convention: str) -> None:
    assert run("init", "--convention", convention, "--date", "2020-01-02").code == 0
    listed = json.loads(run("list", "--format", "json").out)
    assert [(r["number"], r["date"]) for r in listed] == [(1, "2020-01-02")]
    text = run("show", "1", "--raw").out
    assert "2020-01-02" in text and TODAY not in text  # the date given, not today's


def test_init_refuses_a_date_that_is_not_one(run: Run, tmp_path: Path) -> None:
    refused = run("init", "--date", "2020-02-30")
    assert refused.code == 2 and "2020-02-30" in refused.err, refused.err
    assert not (tmp_path / "doc").exists()


def test_init_refuses_a_second_folder_beside_an_existing_one(run: Run, tmp_path: Path) -> None:
    existing = tmp_path / "docs" / "decisions"
    existing.mkdir(parents=True)
    (existing / "0001-use-queues.md").write_text("# 1. Use queues\n\n## Status\n\nAccepted\n")
    refused = run("init")
    assert refused.code == 2
    assert refused.err.startswith("archlog: error: docs/decisions: an ADR folder is here already")
    assert "doc/adr" in refused.err and "Traceback" not in refused.err
    assert not (tmp_path / "doc").exists()
    # from a sub-folder too: the repository's folder is found walking up
    (tmp_path / ".git").mkdir()
    (tmp_path / "src").mkdir()
    assert run("init", cwd=tmp_path / "src").code == 2
    assert not (tmp_path / "src" / "doc").exists()
    # a DIRECTORY given on purpose is made
    assert run("init", "doc/adr").code == 0
    assert (tmp_path / "doc" / "adr" / "0001-record-architecture-decisions.md").is_file()


def test_init_in_the_usual_folder_itself_is_not_refused(run: Run, tmp_path: Path) -> None:
    (tmp_path / "doc" / "adr").mkdir(parents=True)  # made by hand, still empty
    assert run("init").code == 0
    assert (tmp_path / "doc" / "adr" / "README.md").is_file()


def test_init_with_configured_folders_asks_which(run: Run, tmp_path: Path) -> None:
    (tmp_path / ".archlog.toml").write_text('folders = ["a/doc/adr", "b/doc/adr"]\n')
    refused = run("init")
    assert refused.code == 2 and "a/doc/adr, b/doc/adr" in refused.err, refused.err
    assert run("init", "a/doc/adr").code == 0


@pytest.mark.parametrize("bad", ["2017-02-30", "2017-13", "2017-00", "2023-02-29", "17-02"])
def test_list_refuses_a_date_that_is_not_one(run: Run, bad: str) -> None:
    assert run("init", "--date", "2024-02-29").code == 0
    for option in ("--since", "--until"):
        result = run("list", option, bad)
        assert result.code == 2 and result.out == ""
        assert result.err == (
            f"archlog: error: {option} wants a real date as YYYY, YYYY-MM or YYYY-MM-DD, "
            f"not {bad!r}\n"
        )


def test_list_takes_partial_and_leap_day_dates(run: Run) -> None:
    assert run("init", "--date", "2024-02-29").code == 0
    for since in ("2024", "2024-02", "2024-02-29"):
        listed = json.loads(run("list", "--since", since, "--format", "json").out)
        assert [r["date"] for r in listed] == ["2024-02-29"], since
    assert json.loads(run("list", "--since", "2024-03", "--format", "json").out) == []


def test_the_api_refuses_an_impossible_since(tmp_path: Path) -> None:
    from archlog.api import Repository
    from archlog.errors import UsageError

    repo = Repository.init(tmp_path / "adr", date="2024-01-10")
    with pytest.raises(UsageError, match="2017-02-30"):
        repo.select(since="2017-02-30")
