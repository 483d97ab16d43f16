"""The parts of a line an edit rewrites, found with string methods rather than regexes.

A lazy group followed by optional whitespace (``(?P<value>.*?)(?P<comment>[ \\t]+#.*)?$``)
retries the whitespace at every length of the group: quadratic on a line of spaces. These
scans read the line once, and split it as those patterns did.
"""

from __future__ import annotations

from typing import NamedTuple


class FrontMatterKey(NamedTuple):
    """A ``key: value  # comment`` line of front matter."""

    key: str
    value: str
    #: Where the value starts in the line.
    value_start: int
    #: The comment with the whitespace before it (``""`` when there is none).
    comment: str


def _is_key(text: str) -> bool:
    return (
        bool(text)
        and (text[0].isascii() and (text[0].isalpha() or text[0] == "_"))
        and all(ch.isalnum() or ch in "_ -" for ch in text)
    )


def front_matter_key(line: str) -> FrontMatterKey | None:
    """The key (up to the first colon, without the spaces before it: letters, digits, ``_``,
    ``-`` and spaces, opening with a letter or ``_``), the value after the colon and its
    spaces, and a comment (a ``#`` after a space or tab) — None for a line that is not a
    key."""
    colon = line.find(":")
    if colon == -1:
        return None
    key = line[:colon].rstrip(" \t")
    if not _is_key(key) or "\t" in key:
        return None
    start = colon + 1
    while start < len(line) and line[start] in " \t":
        start += 1
    rest = line[start:]
    cut = len(rest)
    hash_ = rest.find("#", 1)
    while hash_ != -1:
        if rest[hash_ - 1] in " \t":
            cut = len(rest[:hash_].rstrip(" \t"))
            break
        hash_ = rest.find("#", hash_ + 1)
    return FrontMatterKey(key, rest[:cut], start, rest[cut:])


def wrapping(old: str) -> tuple[str, str, str]:
    """How a value is dressed on its line: the indentation and bullet before it, its
    emphasis (``**``, ``__``, ``*`` or ``_``; empty when none) and the value inside."""
    i = len(old) - len(old.lstrip())
    if old[i : i + 1] in ("-", "*", "+") and old[i + 1 : i + 2].isspace():
        i += 1
        while i < len(old) and old[i].isspace():
            i += 1
    pre, rest = old[:i], old[i:]
    em = next((e for e in ("**", "__", "*", "_") if rest.startswith(e)), "")
    body = rest[len(em) :].rstrip()
    if em and body.endswith(em):
        body = body[: -len(em)]
    return pre, em, body
