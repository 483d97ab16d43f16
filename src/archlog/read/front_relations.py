"""Relations a front matter states: a relation key's value (a reference, a list of them) and
``links`` entries (``[{target, kind}]``), each reference read as a relation line's are."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from archlog.conventions.vocabulary import custom_type
from archlog.read.names import MAX_DIGITS, parse_name
from archlog.read.relations import LINE_LIMIT, phrase_type, targets_in


def front_matter_relations(key_field: str, value: Any) -> Iterator[tuple[str, int | str]]:
    """Relations from a front-matter value: a reference, a list of them, or ``links`` entries
    (``[{target, kind}]`` / ``[{type, target}]``)."""
    if key_field == "links":
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                kind = str(item.get("kind") or item.get("type") or "relates-to")
                type_ = phrase_type(kind.replace("-", " ")) or custom_type(kind)
                yield from ((type_, t) for t in _value_targets(item.get("target")))
        return
    for target in _value_targets(value):
        yield key_field, target


def _value_targets(value: Any, depth: int = 0) -> list[int | str]:
    if value is None or isinstance(value, bool) or depth > 4:
        return []
    if isinstance(value, int):
        return [value] if 0 <= value < 10**MAX_DIGITS else []
    if isinstance(value, list):
        out: list[int | str] = []
        for item in value[:100]:
            out.extend(_value_targets(item, depth + 1))
        return out
    text = str(value)[:LINE_LIMIT]
    found = targets_in(text)
    if not found:
        info = parse_name(text.strip().removesuffix(".md").rsplit("/", 1)[-1])
        if info is not None:
            found = [info.number if info.number is not None else info.id]
    return found
