"""A bounded fuzz of the reader, ``import`` and the edit commands with hostile values
(newlines, YAML specials, huge numbers, deep nesting, NUL): nothing but archlog's own error,
no hang. The long run (50,000 inputs and more) is ``make fuzz`` (bench/fuzz.py)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import hostile

FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
NAMES = st.sampled_from(["0001-x.md", "DECISIONS.md", "ADR-0001-x.md", "notes.md"])


@FUZZ
@given(hostile.record_text(hostile.SPECIALS), NAMES)
def test_the_reader_takes_hostile_text(text: str, name: str) -> None:
    hostile.read_record(text, name)


@pytest.mark.parametrize(
    "text",
    [
        "# 1. T\n\n## Status\n\nSuperseded by [ADR-" + hostile.HUGE + "](x.md)\n",
        "---\nnumber: " + hostile.HUGE + "\n---\n# T\n",
        "---\ndate: 2024-02-30\n---\n# T\n",
    ],
)
def test_the_reader_takes_huge_numbers_and_impossible_dates(text: str) -> None:
    hostile.read_record(text, "0001-x.md")


def test_lint_takes_a_heading_with_a_huge_number() -> None:
    """Found by the long run: a title of 5,000 digits, then lint's heading rule."""
    hostile.edit(("new", "ADR-" + hostile.HUGE + ": x", [], []), "madr")


@FUZZ
@given(hostile.IMPORT_TEXT, st.sampled_from(["nygard", "madr"]))
def test_import_takes_hostile_files(text: str, convention: str) -> None:
    hostile.import_file(text, convention)


@FUZZ
@given(hostile.EDIT, st.sampled_from(["nygard", "madr"]))
def test_edits_take_hostile_values(command: tuple[object, ...], convention: str) -> None:
    hostile.edit(command, convention)
