"""A hit's snippet: the stretch of its text where the query's words are, the matched words
marked."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from archlog.features.search_words import CJK_CLASS, CJK_ONLY, RUN, Stemmer, fold, plain, run_tokens


class Snippet(NamedTuple):
    """A line of a record's text around what matched; ``marks`` are ``(start, end)``
    offsets of the matched words in ``text``."""

    text: str
    marks: list[tuple[int, int]]


def snippet(text: str, matched: set[str], stem: Stemmer, *, width: int = 160) -> Snippet:
    """The window of ``text`` (about ``width`` characters) holding the most matched terms."""
    flat = " ".join(plain(text).split())
    spans = _merge(list(_matched_spans(flat, matched, stem)))
    if not spans:
        return Snippet(_cut(flat, 0, width)[0], [])
    best, best_start = -1, 0
    for i, (start, _end, _term) in enumerate(spans):
        distinct = {term for s, _e, term in spans[i:] if s < start + width}
        if len(distinct) > best:
            best, best_start = len(distinct), start
    begin = max(0, best_start - width // 4)
    if begin:
        space = flat.rfind(" ", 0, begin + 1)
        begin = space + 1 if space >= 0 else begin
    text_out, offset = _cut(flat, begin, width)
    limit = begin + len(text_out) - offset
    marks = [
        (s - begin + offset, e - begin + offset) for s, e, _t in spans if s >= begin and e <= limit
    ]
    return Snippet(text_out, marks)


_PIECES = re.compile(f"[{CJK_CLASS}]+|[^{CJK_CLASS}]+")


def _runs_to_check(text: str, heads: frozenset[str]) -> Iterable[re.Match[str]]:
    """The runs of letters and digits of ``text`` a matched word may be, in order: those
    that begin with one of ``heads`` (ASCII case ignored), and any run with a letter beyond
    ASCII. ASCII text (most text, once folded) is searched for the heads themselves."""
    if not text.isascii():
        return _candidates(heads).finditer(text)
    low = text.lower()
    starts: set[int] = set()
    for head in heads:
        at = low.find(head)
        while at >= 0:
            if at == 0 or not low[at - 1].isalnum():  # where a run begins
                starts.add(at)
            at = low.find(head, at + 1)
    return [run for at in sorted(starts) if (run := RUN.match(text, at)) is not None]


@functools.lru_cache(maxsize=64)
def _candidates(heads: frozenset[str]) -> re.Pattern[str]:
    """The runs of letters and digits a matched word may be: those that begin with one of
    ``heads`` (ASCII case ignored), and any run with a letter beyond ASCII."""
    beyond = r"[^\W_]*?(?:(?![\x00-\x7f])[^\W_])[^\W_]*"
    if not heads:
        return re.compile(r"(?<![^\W_])" + beyond)
    begun = "|".join(re.escape(h) for h in sorted(heads, key=lambda h: (-len(h), h)))
    return re.compile(rf"(?<![^\W_])(?:(?i:{begun})[^\W_]*|{beyond})")


def _matched_spans(flat: str, matched: set[str], stem: Stemmer) -> Iterator[tuple[int, int, str]]:
    """``(start, end, term)`` of each matched word of ``flat`` (for CJK text: of each
    matched character or pair). Only words that begin as a matched term does (a stem
    begins its words) are stemmed to check."""
    heads = frozenset(t[:3] for t in matched if not CJK_ONLY.fullmatch(t))
    folded = fold(flat)
    same = len(folded) == len(flat)  # offsets in the folded text are offsets in the text
    for run in _runs_to_check(folded if same else flat, heads):
        text = run.group(0)
        for piece in _PIECES.finditer(text):
            at, word = run.start() + piece.start(), piece.group(0)
            if CJK_ONLY.fullmatch(word):
                for j in range(len(word)):
                    for gram in dict.fromkeys((word[j : j + 2], word[j])):
                        if gram in matched:
                            yield (at + j, at + j + len(gram), gram)
                            break
                continue
            for token in run_tokens(word if same else fold(word)):
                term = stem(token)
                if term in matched:
                    yield (at, at + len(word), term)
                    break


def _merge(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping spans (CJK pairs side by side) joined into one."""
    out: list[tuple[int, int, str]] = []
    for start, end, term in spans:
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]), out[-1][2])
        else:
            out.append((start, end, term))
    return out


def _cut(flat: str, begin: int, width: int) -> tuple[str, int]:
    """``flat[begin:begin + width]`` cut at a space, with ``…`` where text was left out, and
    how far the kept text moved right (the leading ``…``)."""
    end = begin + width
    piece = flat[begin:end]
    if end < len(flat):
        space = piece.rfind(" ")
        piece = (piece[:space] if space > width // 2 else piece) + "…"
    return ("…" + piece, 1) if begin else (piece, 0)


def mark(snip: Snippet, before: str = "**", after: str = "**") -> str:
    """The snippet's text with each matched word between ``before`` and ``after``."""
    out, at = [], 0
    for start, end in snip.marks:
        out += [snip.text[at:start], before, snip.text[start:end], after]
        at = end
    out.append(snip.text[at:])
    return "".join(out)
