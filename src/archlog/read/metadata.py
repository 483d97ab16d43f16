"""Metadata lines: a field written ``**Key**: value``, ``**Key:** value``, ``Key: value``,
``* Key: value``, or as a row of a two-column table; and how values are cleaned.

Lines are taken apart by hand, left to right, each looked at for at most
:data:`LINE_LIMIT` characters: no pattern here can take more than linear time, whatever a
file holds. Which field a key names is the vocabulary's (:func:`field_of`).
"""

from __future__ import annotations

import datetime
import itertools
from typing import NamedTuple

from archlog.conventions.vocabulary import COLONS, field_of, fold, placeholders, plain_labels

#: How much of a line is read for metadata: a field's line is short.
LINE_LIMIT = 600
#: How long a key may be.
KEY_LIMIT = 40


class MetaLine(NamedTuple):
    """A metadata line taken apart: its ``key`` as written, the field it names (None: a
    key archlog has no field for), the ``value``, where the value sits in the line (for an
    edit that rewrites it in place), the line's ``style`` and its bullet ``mark``."""

    key: str
    field: str | None
    value: str
    start: int
    end: int
    style: str
    mark: str = ""
    #: A bullet line's bold key: ``bold`` (``- **Key**: v``), ``bold-inside``
    #: (``- **Key:** v``), or ``""``.
    emphasis: str = ""
    #: What parts a plain or bullet line's key from its value when it is not the usual
    #: ``": "`` (``" : "`` in French typography, ``"："``); ``""``: the usual.
    sep: str = ""


def parse_meta_line(raw: str) -> MetaLine | None:
    """The metadata a line states, or None for a line of prose.

    A bold or bullet line accepts any key; a plain ``Key: value`` line only a key of a
    field archlog knows, so that prose with a colon is not taken for metadata."""
    line = raw[:LINE_LIMIT].rstrip("\r")
    pos = len(line) - len(line.lstrip(" \t"))
    mark = ""
    if line[pos : pos + 1] in ("*", "-", "+") and line[pos + 1 : pos + 2] in (" ", "\t"):
        mark = line[pos]
        pos += 2
        while line[pos : pos + 1] in (" ", "\t"):
            pos += 1
    for em in ("**", "__"):
        if line.startswith(em, pos):
            return _bold(line, pos, em, mark)
    colon = _colon(line, pos, pos + KEY_LIMIT + 1)
    if colon < 0:
        return None
    key = line[pos:colon].strip()
    if not key or not _label_chars(key) or line.startswith("//", colon + 1):
        return None
    name = field_of(key)
    if not mark and fold(key) not in plain_labels():
        return None
    meta = _value(line, key, name, colon + 1, "bullets" if mark else "plain", mark)
    sep = line[pos + len(line[pos:colon].rstrip()) : meta.start if meta.value else colon + 2]
    return meta if sep == ": " or len(sep) > 4 else meta._replace(sep=sep)


def _bold(line: str, pos: int, em: str, mark: str) -> MetaLine | None:
    close = line.find(em, pos + 2, pos + 2 + KEY_LIMIT + 2)
    if close < 0:
        return None
    key = line[pos + 2 : close]
    after = close + 2
    if key.endswith(COLONS):
        key, style = key[:-1].rstrip(), "bold-inside"
    else:
        colon = _colon(line, after, after + 4)
        if colon < 0 or line[after:colon].strip():
            return None
        after, style = colon + 1, "bold"
    if not key or not _label_chars(key):
        return None
    if mark:
        meta = _value(line, key, field_of(key), after, "bullets", mark)
        return meta._replace(emphasis=style)
    return _value(line, key, field_of(key), after, style, mark)


def _value(line: str, key: str, name: str | None, at: int, style: str, mark: str) -> MetaLine:
    end = len(line)
    while end > at and line[end - 1] in " \t":
        end -= 1
    if end - at >= 1 and line[end - 1] == "\\":  # a hard line break: `value \`
        end -= 1
        while end > at and line[end - 1] in " \t":
            end -= 1
    start = at
    while start < end and line[start] in " \t":
        start += 1
    return MetaLine(key, name, line[start:end], start, end, style, mark)


def _colon(line: str, start: int, stop: int) -> int:
    found = [i for i in (line.find(c, start, stop) for c in COLONS) if i >= 0]
    return min(found) if found else -1


def _label_chars(key: str) -> bool:
    return (key[0].isalpha() or key[0] == "_") and all(
        ch.isalnum() or ch in " -_'’./()&" for ch in key
    )


def parse_table_row(raw: str) -> MetaLine | None:
    """A row of a two-column metadata table (``| Status | Accepted |``); None for any other
    line (the header's rule ``|---|---|`` included)."""
    line = raw[:LINE_LIMIT].rstrip("\r")
    stripped = line.strip()
    if not stripped.startswith("|"):
        return None
    cells = _cells(line)
    if len(cells) != 2:
        return None
    (key_start, key_end), (start, end) = cells
    key = unwrap(line[key_start:key_end])
    if not key or set(key) <= set("-: ") or not _label_chars(key):
        return None
    return MetaLine(key, field_of(key), line[start:end], start, end, "table")


def _cells(line: str) -> list[tuple[int, int]]:
    """The (start, end) of each cell's text in a table row (``\\|`` does not split)."""
    bars = [i for i, ch in enumerate(line) if ch == "|" and (i == 0 or line[i - 1] != "\\")]
    if len(bars) < 2:
        return []
    out = []
    for a, b in itertools.pairwise(bars):
        start, end = a + 1, b
        while start < end and line[start] in " \t":
            start += 1
        while end > start and line[end - 1] in " \t":
            end -= 1
        out.append((start, end))
    if line.rstrip()[-1:] != "|":  # a last cell with no closing bar
        start, end = bars[-1] + 1, len(line.rstrip())
        while start < end and line[start] in " \t":
            start += 1
        out.append((start, end))
    return out


def is_table_rule(raw: str) -> bool:
    """Whether the line is a table's header rule (``|---|:---:|``)."""
    text = raw.strip()
    return text.startswith("|") and bool(text.strip("|")) and not text.strip("|-: \t")


# ------------------------------------------------------------------ values

#: What a marker that unwrap takes off may open with.
_UNWRAP_OPENERS = frozenset(">*_`")


def unwrap(text: str) -> str:
    """The text without outer whitespace and outer emphasis, code or quote markers
    (``**x**``, ```x```, ``> x`` → ``x``)."""
    text = text.strip()
    if text[:1] not in _UNWRAP_OPENERS:
        return text  # most values: nothing wraps them
    for _ in range(4):
        before = text
        if text.startswith(">"):
            text = text[1:].strip()
        for em in ("**", "__", "`", "*", "_"):
            if len(text) > 2 * len(em) and text.startswith(em) and text.endswith(em):
                text = text[len(em) : -len(em)].strip()
                break
        if text == before:
            break
    return text


def plain(value: object) -> str:
    """A front-matter value as text: never a Python repr (a YAML date is ISO, a template's
    braces ``{ accepted }`` give what is inside, a list its items joined)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return ", ".join(
            plain(k) if v is None else f"{plain(k)}: {plain(v)}" for k, v in value.items()
        )
    if isinstance(value, (list, tuple)):
        return ", ".join(plain(v) for v in value)
    return str(value)


def is_placeholder(value: str) -> bool:
    """Whether a field's value is a template's placeholder (``TBD``, ``[date]``, ``{status}``)."""
    text = value.strip()
    if not text:
        return False
    if fold(text) in placeholders():
        return True
    return text[0] in "[{<" and text[-1] in "]}>" and len(text) < 200


def is_placeholder_line(raw: str) -> bool:
    """A template's metadata line whose value is still a placeholder
    (``**Context:** [Link to ticket]``)."""
    meta = parse_meta_line(raw)
    return meta is not None and meta.style in ("bold", "bold-inside") and is_placeholder(meta.value)


_NOTHING = frozenset({"-", "n/a", "na", "none", "tbd", "—", "nobody", "nothing", "?"})


def split_list(value: object) -> list[str]:
    """A list of people or tags, from a YAML list (each item one value, as written) or a
    comma/semicolon separated string (links give their text; ``none``, ``n/a`` and ``-``
    give nothing)."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        out: list[str] = []
        for item in value:
            if isinstance(item, (list, tuple, dict)):
                out.extend(split_list(item))
                continue
            text = _link_texts(plain(item)[:2000]).strip()
            if text and text.casefold() not in _NOTHING:
                out.append(text)
        return out
    if isinstance(value, dict):
        return split_list(list(value))
    text = _link_texts(plain(value)[:2000]).strip()
    if not text or text.casefold() in _NOTHING:
        return []
    parts = []
    for chunk in text.replace(";", ",").replace(" | ", ",").split(","):
        part = chunk.strip()
        if part and part.casefold() not in _NOTHING:
            parts.append(part)
    return parts


def _link_texts(text: str) -> str:
    """``[Ana](https://…)`` → ``Ana``, left to right, without a pattern."""
    out: list[str] = []
    pos = 0
    while True:
        open_ = text.find("[", pos)
        if open_ < 0:
            break
        close = text.find("](", open_)
        end = text.find(")", close) if close >= 0 else -1
        if close < 0 or end < 0 or "\n" in text[open_:end]:
            break
        out.append(text[pos:open_])
        out.append(text[open_ + 1 : close])
        pos = end + 1
    out.append(text[pos:])
    return "".join(out)


def norm_key(key: str) -> str:
    """An unknown key as stored in ``Record.extra``: lower case, words joined by ``-``."""
    return "-".join(fold(key).split())
