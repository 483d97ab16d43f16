"""Line edits that keep every other byte of a file as it was.

A :class:`Text` holds a file's lines with their own endings. Replacing a line keeps that
line's ending; inserted lines take the file's dominant ending (CRLF or LF); a BOM and a
missing final newline survive. Lines are numbered from 1, as in :class:`archlog.model.Span`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from archlog.read.scan import decode


@dataclass
class Text:
    lines: list[str]  # each line with its ending ("" for a last line without one)
    newline: str = "\n"
    bom: bool = False

    @classmethod
    def parse(cls, text: str, *, bom: bool = False) -> Text:
        parts = text.split("\n")  # not splitlines(): "\f", "\u2028"… are not line ends here
        lines = [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
        crlf = sum(1 for ln in lines if ln.endswith("\r\n"))
        newline = "\r\n" if crlf and crlf * 2 >= len(lines) else "\n"
        return cls(lines, newline, bom)

    @classmethod
    def decode(cls, data: bytes, path: Path) -> Text:
        text, bom = decode(data, path)
        return cls.parse(text, bom=bom)

    def __str__(self) -> str:
        return "".join(self.lines)

    def to_bytes(self) -> bytes:
        return (b"\xef\xbb\xbf" if self.bom else b"") + str(self).encode("utf-8")

    def __len__(self) -> int:
        return len(self.lines)

    def get(self, number: int) -> str:
        """Line ``number`` without its ending."""
        return _content(self.lines[number - 1])

    def set(self, number: int, content: str) -> None:
        """Replace the content of line ``number``, keeping its ending."""
        old = self.lines[number - 1]
        self.lines[number - 1] = content + old[len(_content(old)) :]

    def insert(self, before: int, contents: list[str]) -> None:
        """Insert lines before line ``before`` (``len + 1`` appends)."""
        if not contents:
            return
        index = before - 1
        if index >= len(self.lines) and self.lines and not self.lines[-1].endswith("\n"):
            self.lines[-1] += self.newline  # the old last line gets the ending it lacked
        self.lines[index:index] = [c + self.newline for c in contents]

    def delete(self, start: int, end: int | None = None) -> None:
        """Delete lines ``start``..``end`` (inclusive)."""
        del self.lines[start - 1 : start if end is None else end]

    def is_blank(self, number: int) -> bool:
        return 1 <= number <= len(self.lines) and not self.get(number).strip()


def _content(line: str) -> str:
    if line.endswith("\r\n"):
        return line[:-2]
    if line.endswith("\n"):
        return line[:-1]
    return line
