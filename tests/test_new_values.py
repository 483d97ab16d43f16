"""Values given to ``new`` are written so that they read back as given: front matter through
a YAML emitter, read back before the file is written (an error naming the file and the key
otherwise, the folder untouched), and every person and tag looked for in the record as the
reader reads it (a warning naming the option and the file when it is not there)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Run

#: Values YAML would take for something else, or that break a hand-written ``key: value``.
HOSTILE = [
    "O'Brien: lead",
    "yes",
    "no",
    "3.11",
    "0x1F",
    "Null",
    "~",
    "#hash",
    "-leading",
    "*star",
    "&anchor",
    "!tag",
    "'single'",
    '"double"',
    'it\'s "both"',
    "[flow]",
    "%directive",
    "@at",
    "`tick`",
    "| pipe",
    "> fold",
    "2024-02-30",
    "9" * 400,
]


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _show(run: Run, number: int) -> dict[str, object]:
    result = run("show", str(number), "--format", "json")
    assert result.code == 0, result.err
    data: dict[str, object] = json.loads(result.out)
    return data


@pytest.fixture
def madr(run: Run, tmp_path: Path) -> Path:
    assert run("init", "--convention", "madr").code == 0
    return tmp_path / "docs" / "decisions"


@pytest.mark.usefixtures("madr")
@pytest.mark.parametrize("value", HOSTILE, ids=repr)
def test_front_matter_values_read_back_exactly(run: Run, value: str) -> None:
    result = run("new", "Use queues", "--tag", value, "--deciders", value, "--informed", value)
    assert result.code == 0, result.err
    assert result.err == ""
    record = _show(run, 2)
    assert record["tags"] == [value]
    assert record["deciders"] == [value]
    assert record["informed"] == [value]
    assert record["status"] == "proposed" and record["date"] == "2026-01-15"


@pytest.mark.usefixtures("madr")
def test_a_tag_with_a_comma_is_one_tag(run: Run) -> None:
    assert run("new", "Use queues", "--tag", "a, b", "--tag", "c").code == 0
    assert _show(run, 2)["tags"] == ["a, b", "c"]


@pytest.mark.usefixtures("madr")
def test_deciders_are_documented_as_comma_separated(run: Run) -> None:
    assert run("new", "Use queues", "--deciders", "O'Brien: lead, Null").code == 0
    assert _show(run, 2)["deciders"] == ["O'Brien: lead", "Null"]


@pytest.mark.parametrize("value", ["a\nb", "a\rb", "a\x00b", "tab\tinside"], ids=repr)
def test_a_value_on_more_than_one_line_is_refused(run: Run, madr: Path, value: str) -> None:
    before = _tree(madr)
    result = run("new", "Use queues", "--tag", value)
    assert result.code == 2
    assert result.err.count("\n") == 1 and "--tag must be one line" in result.err
    assert _tree(madr) == before


@pytest.mark.parametrize("convention", ["madr2", "header-fields", "nygard"])
@pytest.mark.parametrize("value", HOSTILE[:16], ids=repr)
def test_a_value_reads_back_or_is_warned_about(run: Run, convention: str, value: str) -> None:
    """Where values go on lines of the body, each reads back exactly or the command says
    so: never a silent change."""
    assert run("init", "--convention", convention).code == 0
    result = run("new", "Use queues", "--tag", value, "--deciders", value)
    assert result.code == 0, result.err
    record = _show(run, 2)
    for option, field in (("tag", "tags"), ("deciders", "deciders")):
        if record[field] != [value]:
            assert f"--{option}" in result.err, (field, record[field])


# ------------------------------------------------------------------ the read-back itself


def _naive(value: object) -> str:
    """An emitter that writes values as they are, as archlog once did."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (("--tag", "yes"), "tags"),
        (("--tag", "no"), "tags"),
        (("--tag", "a, b"), "tags"),
        (("--deciders", "O'Brien: lead"), None),  # not YAML at all
        (("--deciders", "Null"), "decision-makers"),
    ],
)
def test_a_value_that_would_read_back_otherwise_is_an_error_and_nothing_is_written(
    run: Run, madr: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, str], key: str | None
) -> None:
    from archlog.conventions import rendering

    monkeypatch.setattr(rendering, "yaml_value", _naive)
    before = _tree(madr)
    result = run("new", "Use queues", *args)
    assert result.code != 0
    assert result.err.count("\n") == 1, result.err
    assert "0002-use-queues.md" in result.err and "not written" in result.err
    if key is not None:
        assert f"front-matter key {key!r}" in result.err
    else:
        assert "would not read back" in result.err
    assert _tree(madr) == before


def test_a_status_edit_is_read_back_before_it_is_written(
    run: Run, madr: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from archlog.edit import patches

    monkeypatch.setattr(patches, "yaml_scalar", lambda value: "[" + value)
    before = _tree(madr)
    result = run("status", "1", "deprecated")
    assert result.code != 0
    assert result.err.count("\n") == 1, result.err
    assert "0001-" in result.err and "not written" in result.err
    assert _tree(madr) == before


# ------------------------------------------------------------------ item 13: placed or warned


def test_a_tag_that_is_a_word_of_the_title_is_still_warned_about(run: Run) -> None:
    assert run("init", "--convention", "nygard").code == 0
    result = run("new", "Use queues for jobs", "--tag", "queues", "--deciders", "jobs")
    assert result.code == 0, result.err
    assert "no place for --tag; not written: queues" in result.err
    assert "no place for --deciders; not written: jobs" in result.err
    assert "0002-use-queues-for-jobs.md" in result.err
    assert _show(run, 2)["tags"] == []


def test_people_placed_in_a_table_by_a_custom_template(run: Run, tmp_path: Path) -> None:
    assert run("init", "--convention", "nygard").code == 0
    template = tmp_path / "table.md"
    template.write_text(
        "# {{ heading }}\n\n"
        "| Field | Value |\n|---|---|\n"
        "| Status | {{ status }} |\n"
        "| Deciders | {{ deciders | join(', ') }} |\n"
        "| Tags | {{ tags | join(', ') }} |\n\n"
        "## Context\n\nx\n"
    )
    result = run(
        "new", "Use queues", "--template", str(template), "--deciders", "Ann, Bob", "--tag", "infra"
    )
    assert result.code == 0, result.err
    assert result.err == ""
    record = _show(run, 2)
    assert record["deciders"] == ["Ann", "Bob"] and record["tags"] == ["infra"]


def test_a_value_written_where_the_reader_does_not_read_it_is_warned_about(
    run: Run, tmp_path: Path
) -> None:
    """The substring is in the text, the field is not in the record: warned."""
    assert run("init", "--convention", "nygard").code == 0
    template = tmp_path / "prose.md"
    template.write_text(
        "# {{ heading }}\n\n## Status\n\n{{ status }}\n\n## Context\n\n"
        "Talk to {{ deciders | join(' and ') }} about {{ tags | join(' ') }}.\n"
    )
    result = run(
        "new", "Use queues", "--template", str(template), "--deciders", "Ann", "--tag", "infra"
    )
    assert result.code == 0, result.err
    assert "no place for --deciders; not written: Ann" in result.err
    assert "no place for --tag; not written: infra" in result.err
    assert "Talk to Ann about infra" in (tmp_path / "doc/adr/0002-use-queues.md").read_text()


def test_a_tag_read_back_as_two_is_warned_about(run: Run) -> None:
    assert run("init", "--convention", "madr2").code == 0
    result = run("new", "Use queues", "--tag", "a, b")
    assert result.code == 0, result.err
    assert "--tag 'a, b' does not read back" in result.err
    assert result.err.count("\n") == 1
