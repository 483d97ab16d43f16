"""Status words: the normalised vocabulary and the many ways records spell a status.

``normalise_status`` maps what a record says (``**Implemented** (July 2026)``,
``⌛️ Superseded [0019](…)``, ``Approved``, ``Superceded by …``, ``Aceito``, ``Abgelehnt``…)
to one word of :data:`VOCABULARY`. The leading word or phrase decides: case, emphasis,
emoji and variation selectors, accents and trailing text are ignored; small misspellings of
long words are tolerated; anything else is ``unknown`` (the text is kept as ``status_text``).
"""

from __future__ import annotations

import functools
import re
import unicodedata

VOCABULARY: tuple[str, ...] = (
    "draft", "proposed", "pending", "accepted", "implemented", "rejected", "deprecated",
    "superseded", "amended", "unknown",
)  # fmt: skip

_WORDS: dict[str, tuple[str, ...]] = {
    "draft": ("draft", "drafted", "drafting", "idea", "rascunho", "borrador", "brouillon",
              "entwurf"),
    "proposed": ("proposed", "proposal", "wip", "in progress", "work in progress",
                 "under review", "in review", "review", "open", "rfc", "suggested",
                 "under discussion", "discussing", "proposto", "proposta", "propuesto",
                 "propuesta", "propose", "proposee", "proposes", "vorgeschlagen",
                 "in prufung", "em revisao", "en revision"),
    "pending": ("pending", "on hold", "hold", "waiting", "blocked", "postponed", "deferred",
                "paused", "pendente", "pendiente", "en attente", "ausstehend",
                "zuruckgestellt", "parked"),
    "accepted": ("accepted", "approved", "agreed", "adopted", "decided", "active", "valid",
                 "in effect", "aceito", "aceita", "aprovado", "aprovada", "aceptado",
                 "aceptada", "aprobado", "aprobada", "accepte", "acceptee", "approuve",
                 "approuvee", "akzeptiert", "angenommen", "genehmigt", "beschlossen"),
    "implemented": ("implemented", "done", "complete", "completed", "delivered", "shipped",
                    "in production", "implementado", "implementada", "implemente",
                    "implementee", "mis en oeuvre", "mise en oeuvre", "umgesetzt",
                    "implementiert", "realizado", "concluido"),
    "rejected": ("rejected", "declined", "refused", "abandoned", "withdrawn", "wont do",
                 "won't do", "not accepted", "dismissed", "rejeitado", "rejeitada",
                 "recusado", "rechazado", "rechazada", "rejete", "rejetee", "refuse",
                 "refusee", "abgelehnt", "verworfen"),
    "deprecated": ("deprecated", "obsolete", "retired", "legacy", "sunset", "outdated",
                   "depreciado", "depreciada", "obsoleto", "obsoleta", "deprecado",
                   "obsolete", "deprecie", "depreciee", "veraltet", "uberholt", "abgekundigt",
                   "descontinuado"),
    "superseded": ("superseded", "superceded", "supersceded", "replaced", "partly superseded",
                   "partially superseded", "substituido", "substituida", "reemplazado",
                   "reemplazada", "sustituido", "sustituida", "superado", "superada",
                   "remplace", "remplacee", "supplante", "supplantee", "ersetzt", "abgelost"),
    "amended": ("amended", "modified", "revised", "updated", "alterado", "modificado",
                "enmendado", "modifie", "amende", "geandert"),
}  # fmt: skip

_PHRASE_TO_STATUS: dict[str, str] = {}
for _status, _words in _WORDS.items():
    for _word in _words:
        _PHRASE_TO_STATUS.setdefault(_word, _status)
_MAX_WORDS = max(len(p.split()) for p in _PHRASE_TO_STATUS)
#: Long single words, for the misspelling check.
_LONG_WORDS = sorted({p for p in _PHRASE_TO_STATUS if " " not in p and len(p) >= 7})

_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)[*_]|[*_](?!\w)|`)")
_PLACEHOLDER = re.compile(r"^\s*[\[{<(]?[^|\]]*\|")  # "Proposed | Accepted | …", "[a | b]"
_LEADING_JUNK = re.compile(r"^[^\w\[]+")
_TOKEN = re.compile(r"[a-z']+")
_DATE_LIKE = re.compile(r"^\d")


def clean_status_text(raw: str) -> str:
    """The status as written, for display: emphasis markers and outer whitespace removed."""
    return " ".join(_EMPHASIS.sub("", raw).split())


def _fold(text: str) -> str:
    text = text.replace("œ", "oe").replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _close(word: str, candidate: str) -> bool:
    """Edit distance ≤ 1 (≤ 2 for words of nine letters or more), early exit."""
    limit = 2 if len(candidate) >= 9 else 1
    if abs(len(word) - len(candidate)) > limit:
        return False
    prev = list(range(len(candidate) + 1))
    for i, a in enumerate(word, 1):
        cur = [i]
        for j, b in enumerate(candidate, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a != b)))
        if min(cur) > limit:
            return False
        prev = cur
    return prev[-1] <= limit


@functools.lru_cache(maxsize=4096)
def normalise_status(text: str) -> str:
    """One word of :data:`VOCABULARY` for a status as written (``unknown`` if unplaceable)."""
    if not text or not text.strip():
        return "unknown"
    cleaned = clean_status_text(text)
    if _PLACEHOLDER.match(cleaned):
        return "unknown"
    cleaned = _LEADING_JUNK.sub("", cleaned)
    if cleaned.startswith("["):  # "[draft]" or "[0019](…)": look inside the brackets
        cleaned = cleaned[1:]
    tokens = _TOKEN.findall(_fold(cleaned)[:80])
    if not tokens:
        return "unknown"
    for size in range(min(_MAX_WORDS, len(tokens)), 0, -1):
        status = _PHRASE_TO_STATUS.get(" ".join(tokens[:size]))
        if status:
            return status
    first = tokens[0]
    if first in ("status", "state", "estado", "statut"):
        return (
            normalise_status(cleaned.split(None, 1)[1]) if len(cleaned.split()) > 1 else "unknown"
        )
    if len(first) >= 7:
        for candidate in _LONG_WORDS:
            if _close(first, candidate):
                return _PHRASE_TO_STATUS[candidate]
    return "unknown"


def status_word(status: str, style: str = "title") -> str:
    """How to write a normalised status back: ``title`` (Accepted), ``lower``, ``upper``."""
    if style == "lower":
        return status.lower()
    if style == "upper":
        return status.upper()
    return status[:1].upper() + status[1:]
