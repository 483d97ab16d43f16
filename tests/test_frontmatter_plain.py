"""Front matter of plain ``key: value`` lines is read without the YAML loader: whatever that
shortcut accepts must read exactly as the loader reads it, and what it cannot be sure of
must go to the loader."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from archlog.read.frontmatter import _loader, _plain_mapping, load

#: Characters YAML gives a meaning to, beside those a word is made of (each drawn seldom:
#: most lines drawn are plain, so that the shortcut is tried on many near misses).
_TRICKY = list(":#,.'\"()+/&*!|>%@`[]{}?~=<-_\t\r")
_WORD = ["a", "Z", "0", "7", "é", "ẞ", "x1"]
_KEYS = st.lists(st.sampled_from([*_WORD * 4, "_", "-", "on", "no", "Null"]), max_size=3).map(
    "".join
)
_VALUES = st.lists(
    st.sampled_from([*_WORD * 6, *[" "] * 6, *_TRICKY, "e\u0301", "\u00a0", "true", "ON"]),
    max_size=8,
).map("".join)
_SEPARATORS = st.sampled_from([": "] * 8 + [":  ", ":", " : ", ":\t"])
_LINES = st.one_of(
    st.tuples(_KEYS, _SEPARATORS, _VALUES).map("".join),
    st.sampled_from(["", "  ", "# note", "  indented: x", "- item", "---", "..."]),
)


def _yaml(text: str) -> object:
    try:
        return yaml.load(text, Loader=_loader())
    except yaml.YAMLError:
        return "an error"


@settings(max_examples=800, deadline=None)
@given(st.lists(_LINES, max_size=6).map("\n".join))
def test_what_the_shortcut_reads_the_loader_reads_alike(text: str) -> None:
    plain = _plain_mapping(text)
    if plain:
        loaded = _yaml(text)
        assert isinstance(loaded, dict)
        assert plain == loaded
        assert list(plain) == list(loaded)  # the keys in the order written


def test_the_usual_front_matter_takes_the_shortcut() -> None:
    text = "status: accepted\ndate: 2024-03-05\ndeciders: Ana Lima, Bo (ops)\n"
    assert _plain_mapping(text) == {
        "status": "accepted",
        "date": "2024-03-05",
        "deciders": "Ana Lima, Bo (ops)",
    }
    assert load(text) == _yaml(text)


def test_what_yaml_reads_otherwise_goes_to_the_loader() -> None:
    for text in (
        "draft: yes",  # a boolean
        "on: x",  # a boolean key
        "title: a: b",  # a colon inside
        "title: x # comment",
        "title: 'quoted'",
        "tags: [a, b]",
        "title: first\n  continued",  # a scalar over two lines
        "status: accepted\nstatus: rejected",  # a key twice
        "status: accepted\r\n",
        "empty:",
    ):
        assert _plain_mapping(text) is None, text
    assert load("draft: yes\ntitle: x") == {"draft": True, "title": "x"}
