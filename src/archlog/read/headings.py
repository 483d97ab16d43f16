"""Titles: which heading is a record's title, and what the title heading says besides the
title — the record's id, and the form the folder writes headings in.

``12. Use X``, ``ADR-012: Use X``, ``ADR 12 - Use X``, ``ADR014: Use X``, ``ADR: Use X``,
``RFC-0002 Use X``, ``[ADR-3] Use X``, ``**Use X**``, ``[Use X](url)``, ``Use X`` — and in a
decision log ``ADR-7: Use X (2025-12-09)``. A section heading (Context, Background,
Decision, Contexto, 背景 …) is never a title. Headings are taken apart left to right; no
pattern here backtracks.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from archlog.conventions.vocabulary import fold, never_titles
from archlog.read.dates import read_date
from archlog.read.names import ID_WORDS, MAX_DIGITS
from archlog.read.scan import Heading

_TITLE_LIMIT = 400
_SEPARATORS = ("]: ", "] - ", "] ", ": ", ". ", " - ", " – ", " — ", ":", ".", " ", ") ")
_TRAILING_DATE = re.compile(r"\((\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\)\s*$")
_PLACEHOLDER_DIGITS = re.compile(r"(?:N{2,4}|n{2,4}|X{2,4}|x{2,4}|Y{4}|#{2,4}|\?{2,4}|0{3,4})")
#: What a wrapper that strip_wrappers takes off may open with.
_WRAPPER_OPENERS = frozenset("[*_`")
_PLACEHOLDER_TAIL = re.compile(r"([A-Za-z]{0,12}?[-_ ]?)(N{2,4}|n{2,4}|X{2,4}|x{2,4})$")


class TitleParts(NamedTuple):
    """A title heading taken apart: the ``title``, the id's ``number`` as written (digits,
    maybe with a ``-sub``) and its ``prefix``, the heading as a ``pattern``
    (``ADR-{number}: {title}``), and a date the heading carries (a log entry's)."""

    title: str
    number: str | None
    prefix: str
    pattern: str
    date: str | None = None
    placeholder: bool = False


def is_section_heading(text: str) -> bool:
    """Whether a heading names a section or a field (Context, Status, Decision, 背景 …)."""
    return fold(strip_wrappers(text).rstrip(":").strip()) in never_titles()


def title_heading(headings: list[Heading]) -> Heading | None:
    """The record's title heading: its first level-1 heading that is not a section's (outside
    code, as scanned); without one, a first heading that every later heading is below
    (``## Title`` over ``###`` sections); else none."""
    for h in headings:
        if h.level == 1:
            if is_section_heading(h.text):
                continue
            return h
    if headings and not any(h.level == 1 for h in headings):
        first = headings[0]
        if all(h.level > first.level for h in headings[1:]) and not is_section_heading(first.text):
            return first
    return None


def strip_wrappers(text: str) -> str:
    """A heading without a bold, code or link wrapper (``**X**``, ```X```, ``[X](url)``)."""
    text = text.strip()
    if text[:1] not in _WRAPPER_OPENERS:
        return text  # most headings: nothing wraps them
    for _ in range(3):
        before = text
        if text.startswith("[") and text.endswith(")") and "](" in text:
            text = text[1 : text.index("](")].strip()
        for em in ("**", "__", "`", "*", "_"):
            if len(text) > 2 * len(em) and text.startswith(em) and text.endswith(em):
                text = text[len(em) : -len(em)].strip()
                break
        if text == before:
            break
    return text


def parse_title(
    text: str, *, file_number: int | None = None, any_prefix: bool = False
) -> TitleParts:
    """A title heading's parts. A bare number before the title (``3 Tier``) is the id only
    when it is the number the file name gives, or punctuation follows it (``12. T``); a
    prefix that is no id word (``S3: Storage``, ``EC2 Spot``) only when its number is the
    file's — or, with ``any_prefix``, always (a log's entries: ``D-3: T``)."""
    raw = strip_wrappers(text[:_TITLE_LIMIT])
    date = None
    m = _TRAILING_DATE.search(raw)
    if m:
        read = read_date(m.group(1))
        if read.iso is not None:
            date, raw = read.iso, raw[: m.start()].rstrip()
    bracket = raw.startswith("[") and "]" in raw[:40]
    body = raw[1:] if bracket else raw
    prefix, digits, rest_at = _leading_id(body, loose=file_number is not None)
    if digits is None and prefix:  # "ADR: Title"
        sep, title_at = _separator(body, rest_at)
        if (sep and sep.strip() in (":", "-", "–", "—", ".")) or (bracket and sep):
            return TitleParts(
                strip_wrappers(body[title_at:]),
                None,
                prefix,
                _form(prefix, None, sep, bracket),
                date,
            )
        return TitleParts(raw, None, "", "{title}", date)
    if digits is None:
        return TitleParts(raw, None, "", "{title}", date)
    sep, title_at = _separator(body, rest_at)
    placeholder = not digits[:1].isdigit()
    if sep is None or title_at >= len(body):
        return TitleParts(raw, None, "", "{title}", date)
    bare_space = sep == " " and not prefix
    if bare_space and (
        placeholder or file_number is None or int(digits.split("-")[0]) != file_number
    ):
        return TitleParts(raw, None, "", "{title}", date)
    word = prefix.strip(" -_").lower()
    own = not placeholder and file_number is not None and int(digits.split("-")[0]) == file_number
    if prefix and word not in ID_WORDS and not any_prefix and not placeholder and not own:
        return TitleParts(raw, None, "", "{title}", date)
    if prefix and word not in ID_WORDS and sep == " " and not prefix.strip(" -_").isupper():
        return TitleParts(raw, None, "", "{title}", date)  # "Follow-up-2 meeting"
    title = strip_wrappers(body[title_at:])
    number = "{year}-{number}" if year_sequence(digits) else "{number}"
    return TitleParts(title, digits, prefix, _form(prefix, number, sep, bracket), date, placeholder)


def year_sequence(digits: str | None) -> tuple[int, int] | None:
    """``(year, n)`` of an id numbered within its year (``2024-01`` of ``DEC-2024-01``);
    None for any other digits (``017-1`` is record 17's first sub-record)."""
    if not digits or "-" not in digits:
        return None
    main, _, seq = digits.partition("-")
    if len(main) != 4 or main[:2] not in ("19", "20") or not main.isdigit() or not seq.isdigit():
        return None
    return int(main), int(seq)


def _form(prefix: str, number: str | None, sep: str, bracket: bool) -> str:
    ident = prefix + (number or "")
    return f"[{ident}{sep}{{title}}" if bracket else f"{ident}{sep}{{title}}"


def _leading_id(text: str, *, loose: bool = False) -> tuple[str, str | None, int]:
    """``(prefix, digits, end)`` of an id at the start of a heading: ``ADR-012``, ``ADR 12``,
    ``ADR014``, ``RFC-0002``, ``12``, ``ADR-NNNN`` (placeholder digits), or the bare id
    word of ``ADR: Title``. ``loose`` also takes any prefix joined to its number by ``-``
    or ``_`` (``xy-app-001``, ``ACME-ADR-Billing-0007``): the caller keeps it only when
    the number is the file name's."""
    i = _prefix_end(text)
    word_end = i
    while word_end > 0 and text[word_end - 1] in " -_":
        word_end -= 1
    word = text[:word_end]
    held = _PLACEHOLDER_TAIL.match(word)
    if held:  # "ADR-NNN", "ADRxxx", "NNNN": a template's id
        return held.group(1), held.group(2), word_end
    prefix = text[:i]
    joined = loose and prefix[-1:] in ("-", "_") and text[i : i + 1].isdigit()
    id_word = word.lower() in ID_WORDS or (word.isupper() and len(word) <= 8)
    if word and not id_word and not joined:
        return "", None, 0  # a title's first word, not an id
    j = _number_end(text, i)
    if j is None:
        return "", None, 0
    if j > i:
        return prefix, text[i:j], j
    m = _PLACEHOLDER_DIGITS.match(text, i)
    if m and word:
        return prefix, m.group(0), m.end()
    if word and prefix == word:  # "ADR: Title", "ADR - Title"
        return word, None, word_end
    return "", None, 0


def _prefix_end(text: str) -> int:
    """Where the letters (and ``-``, ``_``, a space before a number) that may open an id
    end, within its first 24 characters."""
    i = 0
    while i < len(text) and i < 24:
        ch = text[i]
        if ch.isalpha() or (ch in "-_" and i > 0):
            i += 1
        elif ch == " " and i > 0 and text[i + 1 : i + 2].isdigit():
            i += 1  # "ADR 12": a space before the number
        else:
            break
    return i


def _number_end(text: str, i: int) -> int | None:
    """Where the digits of an id from ``i`` end (a ``-sub`` of up to three digits with
    them): ``i`` when none are there, None when they are no id's (too many of them, or
    glued to a word: ``3D printing``)."""
    j = i
    while j < len(text) and text[j].isdigit() and text[j].isascii():
        j += 1
    if j == i:
        return i
    if j - i > MAX_DIGITS:
        return None
    if j < len(text) and text[j] == "-" and text[j + 1 : j + 2].isdigit():
        k = j + 1
        while k < len(text) and k - j <= 3 and text[k].isdigit():
            k += 1
        if k - j <= 3:
            j = k
    if j < len(text) and text[j].isalpha():
        return None
    return j


def _separator(text: str, at: int) -> tuple[str | None, int]:
    """The punctuation between a heading's id and its title, and where the title starts."""
    for sep in _SEPARATORS:
        if text.startswith(sep, at):
            end = at + len(sep)
            while end < len(text) and text[end] == " ":
                end += 1
            return sep if sep != ":" or end > at + 1 else ": ", end
    if at >= len(text):
        return None, at
    return None, at


def heading_width(digits: str | None) -> int:
    """The width a heading pads its number to (0 when it does not pad)."""
    if not digits:
        return 0
    number = digits.split("-")[1] if year_sequence(digits) else digits.split("-")[0]
    return len(number) if number.startswith("0") and len(number) > 1 else 0
