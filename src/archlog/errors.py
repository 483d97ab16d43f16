"""One exception root. The CLI turns any :class:`ArchlogError` into a one-line message."""

from __future__ import annotations

from pathlib import Path


class ArchlogError(Exception):
    """Base of every error archlog raises on purpose. ``exit_code`` is what the CLI exits with."""

    exit_code = 2

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path + (f":{self.line}" if self.line else "") + ": "
        return where + self.message

    def __reduce__(self) -> tuple[type[ArchlogError], tuple[str, str | None, int | None]]:
        """Pickled with its parts (a worker process's error keeps its file and line)."""
        return (type(self), (self.message, self.path, self.line))


class ConfigError(ArchlogError):
    """A configuration file is invalid. Several problems may be joined in one message."""


class ReadError(ArchlogError):
    """A record file cannot be read or understood."""


class NotFoundError(ArchlogError):
    """A record, folder or file that was asked for does not exist."""


class UsageError(ArchlogError):
    """The request itself is invalid (bad title, unknown convention, …)."""
