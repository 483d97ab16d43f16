"""The index reader, the index writer and the placeholder check run regexes on a README and on
records, that is on anyone's text: each stays linear on pathological input of 100 KB."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from archlog.features.index_lines import LAST_UPDATED
from archlog.model import Section, Span
from archlog.read.index_file import as_date, find_block
from archlog.read.index_parts import column_key, parse_block
from archlog.read.placeholders import placeholder_in

N = 100_000

LINES = [
    "[" * N,
    "{" * N,
    "`" * N,
    "<!--" * (N // 4),
    "[a](" * (N // 4),
    "](" * (N // 2),
    "[Describe " * (N // 10),
    "{{" + " x" * (N // 2),
    "- " * (N // 2) + "TODO",
    "Deciders: " + "TBD " * (N // 4),
    "### a" + " " * N + "b",
    "|" * N,
    "| " + "a | " * (N // 4),
    "|" + "-" * N + "|",
    "- [" * (N // 3),
    "  - **" + "a" * N + ":",
    "  - **Status**:" + " " * N + "x",
    "* [1. " + "a" * N + "](0001-a.md)",
]


def _fast(call: Callable[[], object]) -> None:
    start = time.perf_counter()
    call()
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("line", LINES, ids=lambda line: repr(line[:12]))
def test_reading_an_index_line_is_linear(line: str) -> None:
    _fast(lambda: parse_block([line, line]))
    _fast(lambda: find_block([line, "| x | y |", line], {"0001-a.md"}))
    _fast(lambda: placeholder_in(line))
    _fast(lambda: column_key(line))
    _fast(lambda: as_date(line))
    _fast(lambda: LAST_UPDATED.match("**Last Updated**: " + line))


@pytest.mark.parametrize(
    "body",
    ["A. " * (N // 3), "x:" * (N // 2), "[" * N, "<!--" * (N // 4)],
    ids=["sentences", "colons", "brackets", "comments"],
)
def test_a_summary_from_pathological_text_is_linear(body: str) -> None:
    from archlog.read.synopsis import synopsis_of

    sections = [Section("Decision", 2, body, Span(1, 1))]
    _fast(lambda: synopsis_of(sections, {}))
    _fast(lambda: synopsis_of([], {"summary": body}))
