"""The site's search files, made from ``archlog search``'s own index and kept.

The files (:func:`archlog.features.search_shards.files`: every score of every term,
computed) took a third of the time of a build of an unchanged folder. They depend on the
folder's settled records and on what each result shows (``docs``) alone, so they are kept in
a side cache under one key of both — :meth:`~archlog.read.store.Store.settled_key`
(every record file's name and content, the configuration, the index, the template) and the
documents — salted with the code of the search modules, which decide the index, the ranking
and the files' shape.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from archlog.read.store import Store


def search_files(repo: Store, docs: list[dict[str, str]]) -> dict[str, bytes]:
    """The search index as the pages' scripts load it (relative name → content): the very
    index (and ranking, in ``static/rank.js``) of ``archlog search``, so a query gives the
    command's order. From the side cache when nothing they are made of changed."""
    from archlog.features.search_shards import files, script_json
    from archlog.features.search_store import open_index

    folder = repo.settled_key()  # None when the caches are off
    cache = repo.side_cache("site-search", _salt()) if folder is not None else None
    key = hashlib.sha256((folder or b"") + script_json(docs).encode()).digest()[:16]
    if cache is not None:
        kept = _checked(cache.get("", key))
        if kept is not None:
            return kept
    texts = files(open_index(repo).index, docs)
    made = {}
    for name in list(texts):  # one at a time: the texts and their bytes are not held twice
        made[name] = texts.pop(name).encode()
    if cache is not None:
        cache.put("", key, made)
        cache.save(prune=True)
    return made


#: A file of the search index: its name, and its content — a call of the function the
#: pages define, with JSON values only.
_NAME = re.compile(r"search/[0-9a-z]{1,8}\.js")
_CALLS = (b"archlogSearch.docs(", b"archlogSearch.shard(")


def _checked(kept: Any) -> dict[str, bytes] | None:
    """The files kept, if they are what :func:`search_files` writes: scripts that call
    ``archlogSearch`` with JSON values and do nothing else (they are scripts of the site:
    what the cache holds is checked where it is output, as the pages' HTML is)."""
    if not isinstance(kept, dict) or not kept:
        return None
    for name, content in kept.items():
        if not isinstance(name, str) or not isinstance(content, bytes):
            return None
        call = next((c for c in _CALLS if content.startswith(c)), None)
        if not _NAME.fullmatch(name) or call is None or not content.endswith(b");\n"):
            return None
        try:
            json.loads(b"[" + content[len(call) : -3] + b"]")
        except ValueError:  # UnicodeDecodeError too
            return None
    return kept


def _salt() -> str:
    """The code of the search modules (index, words, ranking, the kept search, shards)."""
    from archlog.features import search
    from archlog.features.search_words import stemmer_identity

    h = hashlib.sha256()
    for module in sorted(Path(search.__file__).parent.glob("search*.py")):
        h.update(module.read_bytes())
    h.update(stemmer_identity().encode())
    return h.hexdigest()[:16]
