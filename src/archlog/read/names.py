"""File names: what a name says about a record, which files are not records, and slugs."""

from __future__ import annotations

import re
import unicodedata

from archlog.errors import UsageError
from archlog.model import NameInfo

# Ordered: the first pattern that matches a file stem decides. Each yields the id as written.
_DATE_NAMED = re.compile(
    r"^(?P<date>(?:19|20)\d{2}-?[01]\d-?[0-3]\d)[-_](?P<slug>.+)$", re.DOTALL
)  # DOTALL: a slug is anything, even a name with a line break in it
_PREFIXED = re.compile(
    r"^(?P<id>(?P<prefix>adr)[-_ ]?(?P<num>\d+))(?:[-_ ](?P<sub>\d{1,2})(?=[-_ ]|$))?(?:[-_ .]+(?P<slug>.*))?$",  # noqa: E501
    re.IGNORECASE | re.DOTALL,
)
_NUMBERED = re.compile(
    r"^(?P<id>(?P<num>\d+))(?:[-_](?P<sub>\d{1,2})(?=[-_ ]|$))?(?:[-_ .]+(?P<slug>.*))?$",
    re.DOTALL,
)

#: Stems (lower case) of files that are indexes or docs about the folder, never records.
NON_RECORD_STEMS = frozenset(
    {
        "readme", "index", "_index", "toc", "summary", "_sidebar", "changelog",
        "contributing", "license", "glossary", "overview", "introduction",
    }
)  # fmt: skip
#: A folder's own template for new records, relative to the folder (adr-tools' place).
OWN_TEMPLATE = "templates/template.md"
#: The files a folder's index lives in, in the order they are looked for.
INDEX_FILE_NAMES = ("README.md", "readme.md", "Readme.md", "index.md")
#: Names commonly used for single-file decision logs.
LOG_STEMS = frozenset(
    {"decisions", "decision-log", "decision_log", "decisionlog", "adr", "adrs", "adr-log",
     "architecture-decisions", "architecture_decisions", "decisions-log"}
)  # fmt: skip


def parse_name(stem: str) -> NameInfo | None:
    """Parse a record file stem (name without ``.md``); ``None`` when it carries no id."""
    m = _DATE_NAMED.match(stem)
    if m and _plausible_date(m.group("date").replace("-", "")):
        return NameInfo(id=stem, number=None, sub=None, slug=m.group("slug"), date=m.group("date"))
    m = _PREFIXED.match(stem) or _NUMBERED.match(stem)
    if not m:
        return None
    num = m.group("num")
    sub = m.group("sub")
    ident = m.group("id") + (stem[m.end("id") : m.end("sub")] if sub else "")
    return NameInfo(
        id=ident,
        number=int(num),
        sub=int(sub) if sub else None,
        slug=m.group("slug") or "",
        prefix=m.groupdict().get("prefix") or "",
        width=len(num),
    )


_QUICK = re.compile(r"^(?:adr[-_ ]?)?0*(\d+)(?=[-_ .]|$)", re.IGNORECASE)


def quick_number(stem: str) -> int | None:
    """The number :func:`parse_name` would find, several times cheaper: for questions over
    every file of a large folder (the highest number used, the newest files)."""
    m = _QUICK.match(stem)
    if m is None:
        return None
    if stem[:2] in ("19", "20"):
        d = _DATE_NAMED.match(stem)
        if d and _plausible_date(d.group("date").replace("-", "")):
            return None  # a date-named file (log4brains): no number
    return int(m.group(1))


_SUB_NUMBER = re.compile(r"\d-(\d+)$")


def sub_number(record_id: str) -> str:
    """The sub-number of an id such as ``017-1`` (``"1"``), or ``""``."""
    m = _SUB_NUMBER.search(record_id)
    return m.group(1) if m else ""


def is_record_name(stem: str) -> bool:
    """Whether the name carries an id (a number, or a date as log4brains writes them)."""
    return quick_number(stem) is not None or bool(_DATE_NAMED.match(stem))


def without_sub(info: NameInfo) -> NameInfo:
    """The same name read with its would-be sub-number as part of the slug (``0007-3-tier``)."""
    if info.sub is None:
        return info
    sub_text = info.id[len(info.id) - len(str(info.sub)) :]
    slug = sub_text + ("-" + info.slug if info.slug else "")
    base_id = info.id[: -(len(sub_text) + 1)]
    return NameInfo(base_id, info.number, None, slug, info.prefix, info.width, info.date)


def _plausible_date(digits: str) -> bool:
    month, day = int(digits[4:6]), int(digits[6:8])
    return 1 <= month <= 12 and 1 <= day <= 31


def is_template_name(stem: str) -> bool:
    return "template" in stem.lower()


def is_non_record_name(stem: str) -> bool:
    low = stem.lower()
    return low in NON_RECORD_STEMS or is_template_name(stem)


_NON_WORD = re.compile(r"[^\w]+")
_APOSTROPHES = re.compile(r"(?<=\w)['’](?=\w)")
_SEPARATORS = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe",
                             "Œ": "oe", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "þ": "th"})  # fmt: skip  # noqa: E501


def slugify(title: str, max_length: int = 80) -> str:
    """A file-name slug safe for any title: ASCII-folded, lower case, words joined by ``-``.

    No path separator, no ``..`` and no leading dot can survive. Letters with no ASCII
    folding (CJK, Cyrillic, …) are kept as they are, so such titles still get a slug.
    """
    title = _APOSTROPHES.sub("", title)  # "folder's" → "folders", not "folder-s"
    folded = unicodedata.normalize("NFKD", title.translate(_SEPARATORS))
    ascii_part = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = [w for w in _NON_WORD.split(ascii_part.lower().replace("_", " ")) if w]
    slug = "-".join(words)
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    slug = slug.strip("-.")
    if not slug:
        raise UsageError(f"the title {title!r} has no letters or digits to name a file with")
    return slug
