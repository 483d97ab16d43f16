"""HTML comments (``<!-- … -->``) found with ``str.find``, never with a regex: a lazy
``<!--.*?-->`` tries every opener against the rest of the text, quadratic on a file of
openers never closed; this is one pass."""

from __future__ import annotations

OPEN, CLOSE = "<!--", "-->"


def without_comments(text: str, replacement: str = "") -> str:
    """``text`` with each closed comment replaced by ``replacement``; an opener with no
    ``-->`` after it is text (as a lazy, dot-all ``<!--.*?-->`` substitution leaves it)."""
    if OPEN not in text:
        return text
    out: list[str] = []
    pos = 0
    while True:
        start = text.find(OPEN, pos)
        if start == -1:
            break
        end = text.find(CLOSE, start + len(OPEN))
        if end == -1:
            break
        out.append(text[pos:start])
        out.append(replacement)
        pos = end + len(CLOSE)
    out.append(text[pos:])
    return "".join(out)
