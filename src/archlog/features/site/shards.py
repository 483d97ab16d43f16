"""Full-text search that works offline, from ``file://`` too, and scales.

An inverted index (word → the records that hold it, with a count) is split into shards by
the word's first two characters. Each shard, and the small list of documents (title, id,
status, page — no text), is a script that hands its data to ``archlogSearch``: scripts load
from ``file://`` where ``fetch()`` is refused. A query loads only the shards its words start
with, so on 10,000 records the browser fetches a few small files, never every record's text.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

_WORD = re.compile(r"[^\W_]{2,}", re.UNICODE)
_STOP = frozenset(
    [
        "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her", "was",
        "one", "our", "out", "has", "have", "this", "that", "with", "from", "they", "will",
        "would", "there", "their", "what", "about", "which", "when", "make", "like", "into",
        "than", "them", "these", "then", "its", "also", "been", "were", "more", "some", "such",
        "only",
    ]
)  # fmt: skip


def words(text: str) -> Iterable[str]:
    folded = text.casefold()
    if not folded.isascii():  # fold accents: "décision" is found by "decision"
        folded = unicodedata.normalize("NFKD", folded)
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    for word in _WORD.findall(folded):
        if len(word) <= 40 and word not in _STOP:
            yield word


def counts(title: str, text: str) -> dict[str, int]:
    """How much each word of a record weighs: its count, plus 10 for a word of the title."""
    out: dict[str, int] = {}
    for word in words(text):
        out[word] = out.get(word, 0) + 1
    for word in set(words(title)):
        if word in out:
            out[word] += 10
    return out


def shard_of(word: str) -> str:
    key = word[:2]
    if key.isascii() and key.isalnum() and len(key) == 2:
        return key
    return "u" + "".join(f"{ord(c):x}" for c in key)


class Index:
    """The postings of every word, filled one record at a time (flat int lists: 10,000
    records make millions of postings, and a list of lists would cost hundreds of MB)."""

    def __init__(self) -> None:
        self.docs: list[dict[str, str]] = []
        self.postings: dict[str, dict[str, list[int]]] = defaultdict(dict)

    def add(self, doc: dict[str, str], weights: dict[str, int]) -> None:
        number = len(self.docs)
        self.docs.append(doc)
        for word, weight in weights.items():
            table = self.postings[shard_of(word)]
            flat = table.get(word)
            if flat is None:
                table[word] = [number, weight]
            else:
                flat += (number, weight)

    def files(self) -> dict[str, str]:
        """Files (relative name → content): the document list and one script per shard."""
        out = {"search/docs.js": "archlogSearch.docs(" + _js(self.docs) + ");\n"}
        for shard, table in self.postings.items():
            entries = []
            for word in sorted(table):
                flat = table[word]
                pairs = ",".join(f"[{flat[i]},{flat[i + 1]}]" for i in range(0, len(flat), 2))
                entries.append(f"{_js(word)}:[{pairs}]")
            out[f"search/{shard}.js"] = (
                f"archlogSearch.shard({_js(shard)}, {{" + ",".join(entries) + "});\n"
            )
        return out


def pack(weights: dict[str, int]) -> str:
    """Weights as one string (one object to cache instead of hundreds)."""
    return " ".join(f"{w} {n}" for w, n in weights.items())


def unpack(packed: str) -> dict[str, int]:
    parts = packed.split(" ")
    return {parts[i]: int(parts[i + 1]) for i in range(0, len(parts) - 1, 2)}


def _js(value: object) -> str:
    """JSON safe inside a script: no ``</script>`` or line separators can break out."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
