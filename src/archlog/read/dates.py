"""Dates as records write them, to ISO: full (``2024-03-05``) or partial (``2024-03``,
``2024``).

Every unambiguous spelling is read: ``2023-9-15``, ``2023/03/12``, ``12.03.2023``,
``22-10-2024``, ``11-April-2023``, ``8 Jun 2024``, ``Sep 5th, 2023``, ``Oct 29, 2024``,
``September 2025`` (a partial date), a YAML date, or a date at the start of a longer value
(``2024-10-31 :ghost:``). A template's placeholder (``YYYY-MM-DD``, ``{date}``), an
impossible date (``2023-31-07``) or an ambiguous one (``03/04/2021``, ``08/01/24``) is no
date: :func:`read_date` says why, for lint to name it.
"""

from __future__ import annotations

import datetime
import functools
import re
from typing import NamedTuple

from archlog.conventions.vocabulary import fold, months, placeholders

#: At most this much of a value is looked at: a date is short.
_LIMIT = 80

_YMD = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d])")
_DMY = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})(?![\d])")
_YM = re.compile(r"(\d{4})[-/.](\d{1,2})(?:[-/.](?:\*|x{1,2}|X{1,2}|\?{1,2}))?(?![\d])")
_YEAR = re.compile(r"(\d{4})(?![\d])")
_WORDY_DAY_FIRST = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th)?\.?[ \t-]+(?:de[ \t]+)?([^\W\d_]{3,12})\.?,?[ \t-]+"
    r"(?:de[ \t]+)?(\d{4})(?![\d])"
)
_WORDY_MONTH_FIRST = re.compile(
    r"([^\W\d_]{3,12})\.?[ \t]+(\d{1,2})(?:st|nd|rd|th)?,?[ \t]+(\d{4})(?![\d])"
)
_MONTH_YEAR = re.compile(r"([^\W\d_]{3,12})\.?,?[ \t]+(?:de[ \t]+)?(\d{4})(?![\d])")
_WRAPPERS = re.compile(r"^[\s*_`>\[(]+|[\s*_`\])]+$")
_YEAR_MONTH = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2]))?")


class DateRead(NamedTuple):
    """A date as read: ISO text (full or partial) or None, and why there is none."""

    iso: str | None
    problem: str | None = None


def read_date(value: object) -> DateRead:
    """The date a field's value states (see the module's doc for the forms read)."""
    if isinstance(value, datetime.datetime):
        return DateRead(value.date().isoformat())
    if isinstance(value, datetime.date):
        return DateRead(value.isoformat())
    if isinstance(value, dict) and len(value) == 1:  # `date: { 2024-06-20 }`: a template's braces
        return read_date(next(iter(value)))
    if value is None or isinstance(value, (bool, list, dict)):
        return DateRead(None)
    if isinstance(value, (int, float)):
        value = str(value)
    return _read_text(str(value)[:_LIMIT])


@functools.lru_cache(maxsize=8192)
def _read_text(value: str) -> DateRead:
    """:func:`read_date` of a text (the same few dates recur across a folder)."""
    if len(value) == 10 and value[4] == "-" and value[7] == "-" and value.isascii():
        try:  # the common case: already ISO
            return DateRead(datetime.date.fromisoformat(value).isoformat())
        except ValueError:
            pass
    text = _WRAPPERS.sub("", value).strip()
    if not text:
        return DateRead(None)
    if fold(text) in placeholders() or _is_template_text(text):
        return DateRead(None, f"the date is a placeholder ({text})")
    return _parse(text)


def _is_template_text(text: str) -> bool:
    return text[:1] in "{<[" or fold(text).startswith(("yyyy", "dd", "mm/", "insert", "enter"))


def _parse(text: str) -> DateRead:
    m = _YMD.match(text)
    if m:
        return _day(int(m.group(1)), int(m.group(3)), int(m.group(4)), text)
    m = _DMY.match(text)
    if m:
        return _day_or_month_first(m, text)
    m = _WORDY_DAY_FIRST.match(text)
    if m and (month := months().get(fold(m.group(2)))):
        return _day(int(m.group(3)), month, int(m.group(1)), text)
    m = _WORDY_MONTH_FIRST.match(text)
    if m and (month := months().get(fold(m.group(1)))):
        return _day(int(m.group(3)), month, int(m.group(2)), text)
    m = _MONTH_YEAR.match(text)
    if m and (month := months().get(fold(m.group(1)))):
        return DateRead(f"{int(m.group(2)):04d}-{month:02d}")
    m = _YM.match(text)
    if m:
        month = int(m.group(2))
        if 1 <= month <= 12:
            return DateRead(f"{m.group(1)}-{month:02d}")
        return DateRead(None, f"{text!r} is not a date: there is no month {month}")
    m = _YEAR.fullmatch(text)
    if m and 1900 <= int(m.group(1)) <= 2999:
        return DateRead(m.group(1))
    return DateRead(None, f"{text!r} is not a date")


def _day_or_month_first(m: re.Match[str], text: str) -> DateRead:
    """A date written with the year last (``12.03.2023``, ``22-10-2024``): day first with
    dots, or where a day over 12 says which is which; else ambiguous."""
    a, b, year = int(m.group(1)), int(m.group(3)), m.group(4)
    if len(year) == 2:
        return DateRead(None, f"the year of {text!r} has two digits: which century?")
    if m.group(2) == "." or a > 12 >= b:  # dots are day first; a day over 12 says so
        return _day(int(year), b, a, text)
    if b > 12 >= a:
        return _day(int(year), a, b, text)
    if a == b:
        return _day(int(year), a, a, text)
    return DateRead(None, f"{text!r} may be day/month or month/day")


def _day(year: int, month: int, day: int, text: str) -> DateRead:
    try:
        return DateRead(datetime.date(year, month, day).isoformat())
    except ValueError:
        return DateRead(None, f"{text!r} is not a date that exists")


def normalise_date(value: object) -> str | None:
    """The ISO date (full or partial) a value states, or None."""
    return read_date(value).iso


def is_iso_date(text: str) -> bool:
    """Whether ``text`` is a full date written ``YYYY-MM-DD`` that exists."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def is_partial_date(text: str) -> bool:
    """Whether ``text`` is an ISO date of reduced precision (``2024`` or ``2024-03``)."""
    return bool(_YEAR_MONTH.fullmatch(text))
