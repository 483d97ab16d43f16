"""Metadata fields: which keys mean what, and how values are cleaned.

A record states its metadata in one of several styles (front matter, ``**Key**: value``,
``**Key:** value``, ``Key: value``, bullets, a metadata table, or a section). The line
patterns below recognise all of them; the key table maps the many spellings (and a few
languages) onto archlog's fields.
"""

from __future__ import annotations

import re
from datetime import date, datetime

#: Spelling of a key (case-folded, spaces/underscores/dashes as single spaces) → field.
KEYS: dict[str, str] = {
    # status
    "status": "status", "state": "status", "estado": "status", "statut": "status",
    "situação": "status", "situacao": "status", "stato": "status", "zustand": "status",
    # date
    "date": "date", "data": "date", "fecha": "date", "datum": "date", "last updated": "date",
    "updated": "date", "date created": "date", "created": "date", "decision date": "date",
    "date decided": "date", "dated": "date",
    # people
    "deciders": "deciders", "decision makers": "deciders", "decision maker": "deciders",
    "decided by": "deciders", "decisores": "deciders", "entscheider": "deciders",
    "décideurs": "deciders", "decideurs": "deciders",
    "consulted": "consulted", "consultados": "consulted", "konsultiert": "consulted",
    "informed": "informed", "informados": "informed", "informiert": "informed",
    # classification
    "tags": "tags", "tag": "tags", "labels": "tags", "keywords": "tags",
    "category": "category", "categories": "category", "categoria": "category",
    "catégorie": "category", "kategorie": "category", "area": "category",
    # relations
    "supersedes": "supersedes", "supercedes": "supersedes", "replaces": "supersedes",
    "superseded by": "superseded-by", "superceded by": "superseded-by",
    "replaced by": "superseded-by", "amends": "amends", "amended by": "amended-by",
    "clarifies": "clarifies", "clarified by": "clarified-by",
    "related": "relates-to", "relates to": "relates-to", "related to": "relates-to",
    "related adrs": "relates-to", "related decisions": "relates-to", "see also": "relates-to",
    "links": "links",
    # identity
    "title": "title", "number": "number", "id": "id",
}  # fmt: skip

RELATION_FIELDS = frozenset(
    {"supersedes", "superseded-by", "amends", "amended-by", "clarifies", "clarified-by",
     "relates-to", "links"}
)  # fmt: skip
PEOPLE_FIELDS = ("deciders", "consulted", "informed")
#: Keys recognised in a plain ``Key: value`` line (bold and bullet lines accept any key).
PLAIN_KEYS = frozenset(KEYS) - {"links", "title", "id", "number", "area", "state", "tag"}

_KEY_SPACES = re.compile(r"[\s_\-]+")

# A metadata line in a preamble: bullet, bold (colon outside or inside), or plain.
META_LINE = re.compile(
    r"^[ \t]*(?:(?P<bullet>[*+-])[ \t]+)?"
    r"(?:\*\*(?P<bk>[^*\n:]{1,40}?)(?P<bcolon>:)?\*\*(?(bcolon)|[ \t]*:)"
    r"|__(?P<uk>[^_\n:]{1,40}?)(?P<ucolon>:)?__(?(ucolon)|[ \t]*:)"
    r"|(?P<pk>[A-Za-zÀ-ÿ][\w \-À-ÿ]{0,30}?)[ \t]*:(?!//))"
    r"[ \t]*(?P<value>[^\n]*?)[ \t]*\r?$",
)
# A template's metadata line whose value is still a placeholder: "**Context:** [Link to …]".
PLACEHOLDER_LINE = re.compile(r"^\s*(?:[*-]\s+)?\*\*[^*]+\*\*:?\s*\[[^\]]*\]\s*$")
# A metadata table row: | **Status** | Accepted |
META_ROW = re.compile(
    r"^[ \t]*\|[ \t]*(?:\*\*)?(?P<key>[^|*\n]{1,40}?)(?:\*\*)?[ \t]*\|[ \t]*(?P<value>[^|\n]*?)[ \t]*\|?[ \t]*\r?$"  # noqa: E501
)


def field_for(key: str) -> str | None:
    """The archlog field a metadata key names, or ``None`` for other keys."""
    return KEYS.get(_KEY_SPACES.sub(" ", key.strip().casefold()))


def norm_key(key: str) -> str:
    """An unknown key as stored in ``Record.extra``: lower case, words joined by ``-``."""
    return _KEY_SPACES.sub("-", key.strip().casefold())


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.+\-Z]*)?$")
_YMD_OTHER = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_DMY_DOTS = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan", "janeiro", "enero", "janvier", "januar"),
            ("february", "feb", "fevereiro", "febrero", "février", "fevrier", "februar"),
            ("march", "mar", "março", "marco", "marzo", "mars", "märz", "maerz"),
            ("april", "apr", "abril", "avril"),
            ("may", "maio", "mayo", "mai"),
            ("june", "jun", "junho", "junio", "juin", "juni"),
            ("july", "jul", "julho", "julio", "juillet", "juli"),
            ("august", "aug", "agosto", "août", "aout"),
            ("september", "sep", "sept", "setembro", "septiembre", "septembre"),
            ("october", "oct", "outubro", "octubre", "octobre", "oktober", "okt"),
            ("november", "nov", "novembro", "noviembre", "novembre"),
            ("december", "dec", "dezembro", "diciembre", "décembre", "decembre", "dezember",
             "dez"),
        ]
    )
    for name in names
}  # fmt: skip
_WORDY = re.compile(
    r"^(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:de\s+)?(?P<m1>[^\W\d_]+)\.?,?\s+(?:de\s+)?(?P<y1>\d{4})"
    r"|(?P<m2>[^\W\d_]+)\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4}))$"
)


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def is_iso_date(text: str) -> bool:
    """Whether ``text`` is a valid full date written ``YYYY-MM-DD``."""
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text)) and normalise_date(text) == text


def normalise_date(value: object) -> str | None:
    """ISO ``YYYY-MM-DD`` when the value is an unambiguous full date; else the text as written.

    Partial or ambiguous dates (``2025-09-*``, ``03/04/2021``, ``Q3 2024``) are kept verbatim;
    empty values give ``None``.
    """
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return None
    text = unwrap(str(value))
    if not text:
        return None
    m = _ISO.match(text) or _YMD_OTHER.match(text)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3))) or text
    m = _DMY_DOTS.match(text)
    if m:
        return _iso(int(m.group(3)), int(m.group(2)), int(m.group(1))) or text
    m = _SLASHED.match(text)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if a > 12 >= b:
            return _iso(y, b, a) or text
        if b > 12 >= a:
            return _iso(y, a, b) or text
        return text if a != b else (_iso(y, a, b) or text)
    m = _WORDY.match(text)
    if m:
        day = m.group("d1") or m.group("d2")
        month = _MONTHS.get((m.group("m1") or m.group("m2")).casefold())
        year = m.group("y1") or m.group("y2")
        if month:
            return _iso(int(year), month, int(day)) or text
    return text


_PEOPLE_SPLIT = re.compile(r"\s*(?:[,;]|\s\|\s)\s*")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


_WRAP = re.compile(r"^(\*\*|__|\*|_|`)(.+)\1$")


def unwrap(text: str) -> str:
    """The text without outer whitespace and outer emphasis/code markers (``**x**`` → ``x``)."""
    text = text.strip()
    while (m := _WRAP.match(text)) is not None:
        text = m.group(2).strip()
    return text


def split_list(value: object) -> list[str]:
    """A list of people or tags, from a YAML list or a comma/semicolon separated string."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        out: list[str] = []
        for item in value:
            out.extend(split_list(item))
        return out
    text = _LINK.sub(r"\1", str(value)).strip()
    if not text or text.casefold() in {"-", "n/a", "none", "tbd", "—"}:
        return []
    return [part.strip(" *_`") for part in _PEOPLE_SPLIT.split(text) if part.strip(" *_`")]
