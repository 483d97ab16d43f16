"""The reader raises nothing but archlog's own error, whatever the text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from archlog.errors import ArchlogError
from archlog.read.reader import decode, parse_file

PIECES = st.sampled_from(
    [
        "# ",
        "## ",
        "### ",
        "---\n",
        "```\n",
        "~~~\n",
        "<!--",
        "-->",
        "**Status**: ",
        "Status:",
        "* Status: ",
        "Date: ",
        "2024-01-01",
        "ADR-001: ",
        "12. ",
        "Superseded by [3. X](0003-x.md)",
        "supersedes ADR-",
        "| Status | x |",
        "\n",
        "\r\n",
        "\ufeff",
        "\u200b",
        "⌛️",
        ": [",
        "{",
        "&",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXT, st.sampled_from(["0001-x.md", "DECISIONS.md", "20200101-x.md", "notes.md"]))
def test_parse_never_raises_anything_else(text: str, name: str) -> None:
    try:
        records = parse_file(text, Path(name))
    except ArchlogError:
        return
    for record in records:
        record.to_json(full=True)
        assert record.title is not None
        for span in record.spans.values():
            assert 1 <= span.start <= span.end


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_decode_raises_only_archlog_errors(data: bytes) -> None:
    try:
        text, _ = decode(data, Path("x.md"))
        parse_file(text, Path("0001-x.md"))
    except ArchlogError:
        pass


NAME_PIECES = st.sampled_from(
    [
        "0001",
        "12",
        "ADR-",
        "adr_",
        "017-1",
        "2020",
        "20201016",
        "-",
        "_",
        " ",
        ".",
        "-10-16",
        "use-x",
        "template",
        "x",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(NAME_PIECES, st.text(max_size=4)), max_size=6).map("".join))
def test_quick_number_agrees_with_parse_name(stem: str) -> None:
    from archlog.read.names import parse_name, quick_number

    info = parse_name(stem)
    assert quick_number(stem) == (info.number if info else None)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(NAME_PIECES, st.text(max_size=4)), max_size=6).map("".join))
@example("0042-use-x")
@example("0001--5-tier")
@example("12_ab")
@example("7 . x")
@example("1234567890-x")
@example("2023-13-01-x")
def test_the_plain_name_shortcut_reads_as_the_long_way(stem: str) -> None:
    """A name read by the ``0042-slug`` shortcut is read as the character-by-character
    reader reads it."""
    from archlog.read.names import _PLAIN_NUMBERED, _numbered, parse_name

    info = parse_name(stem)
    if _PLAIN_NUMBERED.match(stem) is not None and info is not None and info.date is None:
        assert info == _numbered(stem)
