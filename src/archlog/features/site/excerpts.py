"""The words search snippets are cut from: each record's visible text, in small scripts.

The document list (:mod:`~archlog.features.search_shards`) holds no text, so that a query
loads little. The snippets of the results shown need some: the text of records
``n·CHUNK`` to ``(n+1)·CHUNK - 1`` is in ``search/text-n.js``, a script (so it loads from
``file://`` too) that hands it to ``archlogSearch.text(n, [...])``. A page of results loads
the few chunks its records are in. Each text stops at :data:`LIMIT` characters.
"""

from __future__ import annotations

from archlog.features.search_shards import script_json

CHUNK = 32
LIMIT = 2000


def files(texts: list[str]) -> dict[str, str]:
    """The chunk scripts (relative name → content) of the records' ``texts``, in the order
    of the document list."""
    out = {}
    for n, start in enumerate(range(0, len(texts), CHUNK)):
        data = script_json(texts[start : start + CHUNK])
        out[f"search/text-{n}.js"] = f"archlogSearch.text({n},{data});\n"
    return out
