"""YAML front matter: loaded safely, with every way a hostile file could make it costly
bounded.

PyYAML's safe loader builds plain values only (libyaml's when present: ten times faster on
front-matter folders), and is imported on the first front matter, so a folder of Nygard
records never pays for it. Dates and numbers are left as the text written, for archlog to
judge. Aliases are the one way a few hundred bytes of YAML can stand for gigabytes when
walked (a "billion laughs"): a front matter with more aliases than :data:`MAX_ALIASES` is
refused, as is one longer than :data:`MAX_BYTES`.

Most front matter is a few ``key: value`` lines of plain words: those are read without the
loader (:func:`_plain_mapping`), giving what it gives — a mapping of strings — and anything
else goes to it.
"""

from __future__ import annotations

import functools
from typing import Any

MAX_BYTES = 64 * 1024
MAX_ALIASES = 64


class FrontMatterError(ValueError):
    """Front matter that is not valid YAML (or too costly to read): ``line`` is 1-based in
    the file (the opening ``---`` is line 1)."""

    def __init__(self, problem: str, line: int) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


#: Implicit types left as the text written: a date that does not exist, a number of
#: 5,000 digits or ``3.11`` stay strings, read (and judged) by archlog itself.
_AS_TEXT = frozenset(
    {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
)


@functools.cache
def _loader() -> type[Any]:
    try:
        from yaml import CSafeLoader as Base
    except ImportError:  # pragma: no cover - depends on the PyYAML build
        from yaml import SafeLoader as Base  # type: ignore[assignment]

    class Loader(Base):  # type: ignore[misc,valid-type,unused-ignore]
        """The safe loader, leaving dates and numbers as text."""

    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in _AS_TEXT]
        for first, resolvers in Base.yaml_implicit_resolvers.items()
    }
    return Loader


#: What a value read without the loader may hold besides letters and digits: nothing YAML
#: gives a meaning to inside a plain scalar (``:``, ``#``, quotes, brackets, ``&``, ``*``).
_VALUE_PUNCTUATION = frozenset(" ,.-_/()+'")
_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
#: Plain scalars YAML reads as something else than a string (booleans, null), folded.
_NOT_STRINGS = frozenset({"yes", "no", "true", "false", "on", "off", "null"})


def _plain_mapping(text: str) -> dict[str, str] | None:
    """The mapping ``text`` states when every line is ``key: value`` with a key of letters,
    digits, ``_`` and ``-`` and a one-line value of words (letters, digits, spaces and
    :data:`_VALUE_PUNCTUATION`, opening with a letter or digit), no key twice: what YAML
    reads as strings, read the same without the loader. None for anything else."""
    if "\r" in text or "\t" in text:
        return None
    out: dict[str, str] = {}
    for line in text.split("\n"):
        if not line.strip(" "):
            continue
        key, colon, value = line.partition(": ")
        value = value.strip(" ")
        if (
            not colon
            or not key
            or not key[0].isalpha()
            or not _KEY_CHARS.issuperset(key)
            or key in out
            or not value
            or not value[0].isalnum()
            or value.lower() in _NOT_STRINGS
            or key.lower() in _NOT_STRINGS
            or not all(ch.isalnum() or ch in _VALUE_PUNCTUATION for ch in value)
        ):
            return None
        out[key] = value
    return out


def load(text: str) -> Any:
    """The value the front matter's YAML states (a mapping, usually)."""
    if len(text) > MAX_BYTES:
        raise FrontMatterError(f"front matter longer than {MAX_BYTES // 1024} KB", 1)
    plain = _plain_mapping(text)
    if plain:
        return plain
    if "*" in text and "&" in text and _aliases(text) > MAX_ALIASES:
        raise FrontMatterError(f"more than {MAX_ALIASES} YAML aliases", 1)
    import yaml

    try:
        return yaml.load(text, Loader=_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 1
        raise FrontMatterError(getattr(exc, "problem", None) or "syntax error", line) from None
    except (ValueError, OverflowError, RecursionError) as exc:
        raise FrontMatterError(str(exc).split("\n", 1)[0] or "invalid value", 1) from None


def _aliases(text: str) -> int:
    """How many YAML aliases (``*name``) the text uses, counted with the scanner itself."""
    import yaml

    count = 0
    try:
        for token in yaml.scan(text, Loader=_loader()):
            if isinstance(token, yaml.AliasToken):
                count += 1
                if count > MAX_ALIASES:
                    break
    except yaml.YAMLError:
        return 0  # the load reports it
    return count
