"""File names: what a name says about a record, which files are not records, and slugs.

A record's name is ``[prefix][number][-sub][separator][slug]`` — ``0007-use-x``,
``ADR-012_use-x``, ``adr001-use-x``, ``ACME-ADR-Billing-0007-use-x``, ``API-001-use-x``,
``ADR-12``, ``017-1-use-x`` — or a date and a slug (``20201016-use-x``,
``2023-04-01-use-x``). :func:`parse_name` reads any of them; whether a prefix really belongs
to an id, or a number really numbers records, is for the folder to say
(:func:`archlog.read.layout.settle_names`): ``use-http2-for-api`` is a slug, and the ``0-``
and ``1-`` of a folder whose files mostly share them are categories.

Parsing walks the name once (no backtracking): folders hold thousands of names.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from archlog.errors import UsageError
from archlog.model import NameInfo

#: Longest number that numbers a record: a longer run of digits is part of a slug.
MAX_DIGITS = 9

_DATE_NAMED = re.compile(r"((?:19|20)\d{2})(-?)([01]\d)\2([0-3]\d)[-_ ]")
_SEPARATORS = "-_ ."
#: Id words that may stand glued to the number (``ADR014``, ``adr001``, ``RFC0002``).
ID_WORDS = frozenset({"adr", "adrs", "rfc", "dec", "decision", "ard", "add", "kdd", "dr", "ad"})

#: Stems (lower case) of files that are indexes or docs about the folder, never records.
NON_RECORD_STEMS = frozenset(
    [
        "readme",
        "index",
        "_index",
        "toc",
        "summary",
        "_sidebar",
        "sidebar",
        "changelog",
        "contributing",
        "license",
        "glossary",
        "overview",
        "introduction",
        "code_of_conduct",
        "security",
    ]
)
#: A folder's own template for new records, relative to the folder (adr-tools' place).
OWN_TEMPLATE = "templates/template.md"
#: Names a folder's template goes by (lower case stems), besides ``templates/`` folders.
TEMPLATE_STEMS = frozenset(
    [
        "template",
        "adr-template",
        "adr_template",
        "templates",
        "_template",
        "0000-template",
        "000-template",
        "template-adr",
        "adr-template-short",
        "adr-template-bare",
        "adr-template-minimal",
        "decision-template",
        "record-template",
        "madr-template",
    ]
)
#: The files a folder's index lives in, in the order they are looked for.
INDEX_FILE_NAMES = ("README.md", "readme.md", "Readme.md", "index.md")
#: Names a single-file decision log goes by (lower case stems).
LOG_STEMS = frozenset(
    [
        "decisions",
        "decision-log",
        "decision_log",
        "decisionlog",
        "decision-record",
        "decision-records",
        "adr",
        "adrs",
        "adr-log",
        "adr_log",
        "adrlog",
        "architecture-decisions",
        "architecture_decisions",
        "architecture-decision-log",
        "architecturaldecisions",
        "decisions-log",
        "design-decisions",
        "technical-decisions",
        "key-decisions",
        "architecture",
        "decision-record-log",
    ]
)


@functools.lru_cache(maxsize=32768)  # each name is asked about several times
def parse_name(stem: str) -> NameInfo | None:
    """What a record file's stem (name without ``.md``) says; None when it carries no id."""
    if stem[:2] in ("19", "20"):
        d = _DATE_NAMED.match(stem)
        if d and 1 <= int(d.group(3)) <= 12 and 1 <= int(d.group(4)) <= 31:
            return NameInfo(
                id=stem,
                number=None,
                sub=None,
                slug=stem[d.end() :],
                date=stem[: d.end() - 1],
                separator=stem[d.end() - 1],
            )
    plain = _PLAIN_NUMBERED.match(stem)
    if plain is not None:  # "0042-use-x": what _numbered finds, found at C speed
        digits = plain.group(1)
        return NameInfo(
            id=digits,
            number=int(digits),
            sub=None,
            slug=stem[plain.end() :],
            width=len(digits),
            separator=plain.group(2)[0],
        )
    return _numbered(stem)


#: The most usual name: a number of ASCII digits, separators, then a slug that starts with
#: neither a digit (a sub-number's) nor a separator — no prefix, no sub-number.
_PLAIN_NUMBERED = re.compile(r"([0-9]{1,9})([-_ .]+)(?=[^-_ .0-9])")


def _numbered(stem: str) -> NameInfo | None:
    at = _first_digit(stem)
    if at < 0:
        return None
    prefix = stem[:at]
    if prefix and not (
        prefix[0].isalpha() and all(ch.isalpha() or ch in _SEPARATORS for ch in prefix)
    ):
        return None
    end = at
    while end < len(stem) and stem[end].isdigit() and stem[end].isascii():
        end += 1
    digits = stem[at:end]
    if len(digits) > MAX_DIGITS or (prefix and not _plausible_prefix(prefix)):
        return None
    rest = stem[end:]
    sub: int | None = None
    ident = prefix + digits
    if len(rest) >= 2 and rest[0] in "-_" and rest[1].isdigit():
        sub_end = 1
        while sub_end < len(rest) and sub_end <= 3 and rest[sub_end].isdigit():
            sub_end += 1
        if sub_end <= 3 and (sub_end == len(rest) or rest[sub_end] in _SEPARATORS):
            sub = int(rest[1:sub_end])
            ident += rest[:sub_end]
            rest = rest[sub_end:]
    if rest and rest[0] not in _SEPARATORS:
        return None  # digits glued to letters: "http2client" is a slug
    separator = ""
    while rest and rest[0] in _SEPARATORS:
        separator += rest[0]
        rest = rest[1:]
    return NameInfo(
        id=ident,
        number=int(digits),
        sub=sub,
        slug=rest,
        prefix=prefix,
        width=len(digits),
        separator=separator[:1] if rest else "",
    )


def _first_digit(stem: str) -> int:
    for i, ch in enumerate(stem[:48]):
        if "0" <= ch <= "9":
            return i
    return -1


def _plausible_prefix(prefix: str) -> bool:
    """A prefix an id may carry: it ends with a separator (``API-``, ``xy-app-``), or it is
    an id word glued to the number (``ADR``, ``adr``), or short capitals (``ARC``)."""
    if prefix[-1] in _SEPARATORS:
        return True
    return prefix.lower() in ID_WORDS or (prefix.isupper() and len(prefix) <= 5)


def quick_number(stem: str) -> int | None:
    """The number the name carries, if any (what :func:`parse_name` finds)."""
    info = parse_name(stem)
    return None if info is None else info.number


_SUB_NUMBER = re.compile(r"\d-(\d{1,3})$")


def sub_number(record_id: str) -> str:
    """The sub-number of an id such as ``017-1`` (``"1"``), or ``""``."""
    m = _SUB_NUMBER.search(record_id[-12:])
    return m.group(1) if m else ""


def is_record_name(stem: str) -> bool:
    """Whether the name carries an id (a number, or a date as log4brains writes them)."""
    return parse_name(stem) is not None


def without_sub(info: NameInfo) -> NameInfo:
    """The same name read with its would-be sub-number as part of the slug (``0007-3-tier``)."""
    if info.sub is None:
        return info
    sub_text = info.id[len(info.id) - len(str(info.sub)) :]
    slug = sub_text + ("-" + info.slug if info.slug else "")
    base_id = info.id[: -(len(sub_text) + 1)]
    return info._replace(id=base_id, sub=None, slug=slug, separator=info.separator or "-")


@functools.lru_cache(maxsize=32768)  # each name is asked about several times
def is_template_name(stem: str) -> bool:
    """Whether a file's name says it is a template: ``template.md``, ``adr-template.md``,
    ``TEMPLATE.md``, ``0000-template.md``, ``ADRXXX-…``, ``RFC-NNNN`` — never a record whose
    slug merely contains the word (``0039-use-x-as-template-engine.md``)."""
    low = stem.lower()
    if low in TEMPLATE_STEMS:
        return True
    info = parse_name(stem)
    if info is not None and info.number == 0 and info.slug.lower() in ("template", "adr-template"):
        return True
    return bool(_PLACEHOLDER_ID.match(stem))


_PLACEHOLDER_ID = re.compile(
    r"(?:[A-Za-z]{1,10}[-_ ]?)?(?:x{3,4}|X{3,4}|n{3,4}|N{3,4})(?:[-_ .]|$)"
)


@functools.lru_cache(maxsize=32768)  # each name is asked about several times
def is_non_record_name(stem: str) -> bool:
    """Whether the name alone says the file is not a record (an index, a readme, a
    template)."""
    return stem.lower() in NON_RECORD_STEMS or is_template_name(stem)


_NON_WORD = re.compile(r"[^\w]+")
_APOSTROPHES = re.compile(r"(?<=\w)['’](?=\w)")
_FOLDINGS = str.maketrans(
    dict(
        zip(
            "ßæÆøØœŒłŁđĐþ",
            ["ss", "ae", "ae", "o", "o", "oe", "oe", "l", "l", "d", "d", "th"],
            strict=True,
        )
    )
)


def slugify(title: str, max_length: int = 80, *, case: str = "lower", joiner: str = "-") -> str:
    """A file-name slug safe for any title: ASCII-folded, words joined by ``joiner``, lower
    case (or, with ``case="keep"``, as the title writes them; ``case="title"``, each word
    capitalised).

    No path separator, no ``..`` and no leading dot can survive. Letters with no ASCII
    folding (CJK, Cyrillic, …) are kept as they are, so such titles still get a slug.
    """
    title = _APOSTROPHES.sub("", title)  # "folder's" → "folders", not "folder-s"
    folded = unicodedata.normalize("NFKD", title.translate(_FOLDINGS))
    ascii_part = "".join(ch for ch in folded if not unicodedata.combining(ch))
    if case == "lower":
        ascii_part = ascii_part.lower()
    words = [w for w in _NON_WORD.split(ascii_part.replace("_", " ")) if w]
    if case == "title":
        words = [w[:1].upper() + w[1:] for w in words]
    slug = joiner.join(words)
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit(joiner, 1)[0] or slug[:max_length]
    slug = slug.strip("-._ ")
    if not slug:
        raise UsageError(f"the title {title!r} has no letters or digits to name a file with")
    return slug


def slug_case(slug: str) -> str:
    """How a slug writes its words: ``lower``, or ``keep`` (capitals as the title has them)."""
    letters = [ch for ch in slug if ch.isalpha() and ch.isascii()]
    return "keep" if any(ch.isupper() for ch in letters) else "lower"


def slug_joiner(slug: str) -> str:
    """The character a slug joins its words with (``-``, ``_`` or a space)."""
    counts = {sep: slug.count(sep) for sep in "-_ "}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else "-"
