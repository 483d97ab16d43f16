"""What an edit writes, read back before it is written.

Front-matter values go through a YAML emitter (:func:`archlog.conventions.rendering.
yaml_value`), and the text that would be written is read again with archlog's own loader:
each key written must hold what was meant (``--tag yes`` a string, not ``True``; ``3.11``
text, not a float; ``O'Brien: lead`` valid YAML). A key that reads back otherwise is an
:class:`~archlog.errors.ArchlogError` naming the file and the key, raised before any file is
touched: a template or an emitter that gets a value wrong fails the command, never the file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from archlog.errors import ArchlogError
from archlog.read.frontmatter import FrontMatterError, load
from archlog.read.scan import scan


def front_matter(text: str, path: Path) -> dict[str, object] | None:
    """The front matter ``text`` would be read with (None: it has none)."""
    block = scan(text).front_matter
    if block is None:
        return None
    try:
        data = load(block)
    except FrontMatterError as exc:
        raise ArchlogError(
            f"the front matter written would not read back ({exc.problem}); not written", path
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ArchlogError("the front matter written would not be a mapping; not written", path)
    return {str(k): v for k, v in data.items()}


def check_front_matter(text: str, path: Path, meant: Mapping[str, str | Sequence[str]]) -> None:
    """Raise unless each key of ``meant`` reads back from ``text``'s front matter as meant."""
    if not meant:
        return
    data = front_matter(text, path) or {}
    for key, value in meant.items():
        got = data.get(key)
        if not same(got, value):
            raise ArchlogError(
                f"front-matter key {key!r} would read back as {_short(got)}, not "
                f"{_short(value)}; not written",
                path,
            )


def same(got: object, meant: str | Sequence[str]) -> bool:
    """Whether a loaded YAML value is the string (or list of strings) meant."""
    if isinstance(meant, str):
        return isinstance(got, str) and got == meant
    return (
        isinstance(got, list)
        and all(isinstance(item, str) for item in got)
        and list(got) == list(meant)
    )


def _short(value: object) -> str:
    shown = repr(list(value) if isinstance(value, tuple) else value)
    return shown if len(shown) <= 80 else shown[:77] + "..."
