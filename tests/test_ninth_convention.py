"""A ninth convention is one data object and a template: a repository describes its own in
its configuration (``[conventions.NAME]``, the settings of ``builtin.toml``), and ``init``,
``new``, ``list``, ``lint`` and the edits work with it as with a built-in one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archlog.api import Repository
from archlog.conventions.catalog import CONVENTIONS
from tests.conftest import ROOT, Run

#: The example repository of docs/conventions.md: its configuration and its template.
EXAMPLE = ROOT / "docs" / "examples" / "card"
CONFIG = (EXAMPLE / ".archlog.toml").read_text(encoding="utf-8")
TEMPLATE = (EXAMPLE / "conventions" / "card.md").read_text(encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".archlog.toml").write_text(CONFIG)
    (tmp_path / "conventions").mkdir()
    (tmp_path / "conventions" / "card.md").write_text(TEMPLATE)
    return tmp_path


def test_it_is_listed_beside_the_built_in_ones(run: Run, repo: Path) -> None:
    result = run("conventions", "--format", "json", cwd=repo)
    names = [c["name"] for c in json.loads(result.out)]
    assert names == [*CONVENTIONS, "card"]
    assert "card" not in CONVENTIONS  # the repository's own: nothing was registered globally


def test_init_new_list_lint_and_the_edits(run: Run, repo: Path) -> None:
    assert run("init", cwd=repo).code == 0
    cards = repo / "cards"
    first = cards / "DC-001_Record_Architecture_Decisions.md"
    assert first.read_text().startswith(
        "# DC-001: Record architecture decisions\n\n| Field | Value |\n|---|---|\n"
        "| State | ACCEPTED |\n| Decided on | 2026-01-15 |\n"
    )
    assert "## Problem\n\nWe need to record" in first.read_text()

    result = run("new", "Sell gift cards", "--deciders", "Ines", cwd=repo)
    assert result.code == 0, result.err
    assert result.out.strip() == "cards/DC-002_Sell_Gift_Cards.md"
    assert (cards / "DC-002_Sell_Gift_Cards.md").read_text() == TEMPLATE.replace(
        "{{ heading }}", "DC-002: Sell gift cards"
    ).replace("{{ status }}", "PROPOSED").replace("{{ date }}", "2026-01-15").replace(
        '{{ deciders | join(", ") }}', "Ines"
    )
    assert run("new", "Sell gift boxes", cwd=repo).code == 0

    assert run("status", "2", "accepted", cwd=repo).code == 0
    assert "| State | ACCEPTED |" in (cards / "DC-002_Sell_Gift_Cards.md").read_text()
    assert run("supersede", "2", "--by", "3", cwd=repo).code == 0
    assert run("link", "3", "amends", "1", cwd=repo).code == 0
    old = (cards / "DC-002_Sell_Gift_Cards.md").read_text()
    assert "| State | SUPERSEDED |" in old
    assert old.endswith(
        "## Trade-offs\n\nWhat it costs us.\n\n"
        "- Superseded by [DC-003](DC-003_Sell_Gift_Boxes.md)\n"
    )
    new = (cards / "DC-003_Sell_Gift_Boxes.md").read_text()
    assert new.endswith(
        "- Supersedes [DC-002](DC-002_Sell_Gift_Cards.md)\n"
        "- Amends [DC-001](DC-001_Record_Architecture_Decisions.md)\n"
    )

    listed = json.loads(run("list", "--format", "json", cwd=repo).out)
    assert [
        (
            r["id"],
            r["title"],
            r["status"],
            r["deciders"],
            [(x["type"], x["target"]) for x in r["relations"]],
        )
        for r in listed
    ] == [
        ("DC-001", "Record architecture decisions", "accepted", [], [("amended-by", 3)]),
        ("DC-002", "Sell gift cards", "superseded", ["Ines"], [("superseded-by", 3)]),
        ("DC-003", "Sell gift boxes", "proposed", [], [("supersedes", 2), ("amends", 1)]),
    ]

    assert run("index", cwd=repo).code == 0
    lint = json.loads(run("lint", "--format", "json", cwd=repo).out)
    errors = [f for f in lint["findings"] if f["severity"] == "error"]
    assert errors == []
    sections = [f for f in lint["findings"] if f["rule"] == "ADR018"]  # required sections
    assert sections == []
    (cards / "DC-004_No_Choice.md").write_text(
        "# DC-004: No choice\n\n| Field | Value |\n|---|---|\n| State | PROPOSED |\n"
        "| Decided on | 2026-01-15 |\n\n## Problem\n\nNone.\n"
    )
    lint = json.loads(run("lint", "--format", "json", cwd=repo).out)
    assert [f["message"] for f in lint["findings"] if f["rule"] == "ADR018"] == [
        "no 'Choice' section (card)"
    ]


def test_the_api_opens_the_folder_in_it(
    repo: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("init", cwd=repo)
    monkeypatch.chdir(repo)
    repository = Repository.open()
    assert repository.convention.name == "card"
    assert repository.convention.label("date") == "Decided on"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('width = "three"', "convention 'card': width must be a whole number, not 'three'"),
        ("colour = 'red'", "convention 'card': unknown setting(s) colour"),
    ],
)
def test_a_convention_that_is_not_one_is_a_configuration_error(
    run: Run, repo: Path, table: str, message: str
) -> None:
    text = CONFIG.replace("width = 3", table) if "width" in table else CONFIG + table + "\n"
    (repo / ".archlog.toml").write_text(text)
    result = run("list", cwd=repo)
    assert result.code == 2 and message in result.err, result.err


def test_a_built_in_name_is_not_taken(run: Run, repo: Path) -> None:
    (repo / ".archlog.toml").write_text(CONFIG.replace("card", "madr"))
    result = run("list", cwd=repo)
    assert result.code == 2 and "convention 'madr' is built in" in result.err


def test_its_template_stays_inside_the_repository(run: Run, repo: Path) -> None:
    (repo / ".archlog.toml").write_text(CONFIG.replace("conventions/card.md", "../card.md"))
    result = run("init", cwd=repo)
    assert result.code == 2 and "leads outside the repository" in result.err, result.err
