"""Which files the reader parses: for tests of what a command reads and what it keeps."""

from __future__ import annotations

from pathlib import Path

import pytest

from archlog.read import reader


def parsed_files(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files parsed from here on (one entry a parse)."""
    parsed: list[str] = []
    real = reader.parse_file

    def counting(text: str, path: Path, **kwargs: object) -> object:
        parsed.append(path.name)
        return real(text, path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reader, "parse_file", counting)
    return parsed
