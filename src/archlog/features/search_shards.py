"""The search index as files a static site loads, for ``static/rank.js`` to rank with.

The browser ranks exactly as :mod:`archlog.features.search` does, from what these files
hold: every score already computed (integers), and the vocabulary (word form → term), so
it needs no stemmer. The index is split by the first two characters of each word (for
other than ASCII letters and digits: by a block of 32 code points of its first character),
so a query loads only the shards its words start with. A shard holds the word forms of its
key, and the postings of every term of its key and of every term those forms stand for:
all that ranking a word needs.

Each file is a script that hands its data to a function (``archlogSearch.shard(key,
data)``, ``archlogSearch.docs(data)``): scripts load from ``file://``, where ``fetch`` is
refused.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from archlog.features import search

_ASCII_KEY = re.compile(r"[a-z0-9]{2}")
#: The shape of the files; rank.js checks it.
VERSION = 1


def shard_key(word: str) -> str:
    """The shard a word (a form or a term) is kept in."""
    head = word[:2]
    if _ASCII_KEY.fullmatch(head):
        return head
    return "u" + format(ord(word[0]) >> 5, "x")


def shards(index: search.Index) -> dict[str, dict[str, Any]]:
    """Each shard's data: ``f`` (form → term) and ``p`` (term → ``[doc, score, …]``)."""
    norms, size = index.norms, index.size
    scored: dict[str, list[int]] = {}

    def postings(term: str) -> list[int]:
        out = scored.get(term)
        if out is None:
            flat = index.posting(term)
            rarity = search.idf(len(flat) // 2, size)
            out = scored[term] = [
                value
                for i in range(0, len(flat), 2)
                for value in (flat[i], search.bm25(flat[i + 1], norms[flat[i]], rarity))
            ]
        return out

    by_key: dict[str, dict[str, Any]] = defaultdict(lambda: {"f": {}, "p": {}})
    for form, term in sorted(index.forms.items()):
        shard = by_key[shard_key(form)]
        shard["f"][form] = term
        shard["p"][term] = postings(term)
    for term in sorted(index.postings):
        by_key[shard_key(term)]["p"][term] = postings(term)
    for shard in by_key.values():
        shard["p"] = dict(sorted(shard["p"].items()))
    return dict(sorted(by_key.items()))


def files(
    index: search.Index,
    docs: Sequence[dict[str, Any]],
    *,
    folder: str = "search",
    callback: str = "archlogSearch",
) -> dict[str, str]:
    """The site's search files (relative name → content): ``docs.js`` (what each record
    shows in a result, and what the ranking needs besides the shards) and a script per
    shard. ``docs[i]`` describes the index's record ``i``."""
    meta = {
        "version": VERSION,
        "docs": list(docs),
        "stop": sorted(search.STOP_WORDS),
        "maxWord": search.MAX_WORD,
    }
    out = {f"{folder}/docs.js": f"{callback}.docs({script_json(meta)});\n"}
    for key, data in shards(index).items():
        out[f"{folder}/{key}.js"] = f"{callback}.shard({script_json(key)}, {script_json(data)});\n"
    return out


def script_json(value: object) -> str:
    """JSON safe inside a script: no ``</script>`` or line separators can break out."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
