"""The ADR folders of a monorepo: ``folders = [...]`` in the configuration.

Each entry is a path relative to the configuration file. A command that works across
folders (``list``, ``lint``, ``export``, ``graph``, ``index``, ``site build``) takes every one;
a command that works in one folder takes the one ``--folder NAME`` names: the entry as
configured (``services/billing/doc/adr``), or any run of its parts that names it alone
(``billing``, ``billing/doc``).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from archlog.errors import ConfigError, UsageError
from archlog.infra.config import Config


def configured_folders(cfg: Config) -> list[tuple[str, Path]]:
    """Each configured folder: its name as configured and its path (empty without any). An
    entry that is not a path inside the repository is a configuration error."""
    raw = cfg.values.get("folders") or []
    out: list[tuple[str, Path]] = []
    for i, entry in enumerate(raw):
        if not isinstance(entry, str) or not entry.strip():
            raise ConfigError(f"folders: each entry is a folder's path, not {entry!r}", cfg.source)
        name = PurePosixPath(entry.strip().replace("\\", "/")).as_posix()
        out.append((name, cfg.inside(f"folders[{i}]", name)))
    return out


def choose_folder(folders: list[tuple[str, Path]], wanted: str) -> tuple[str, Path]:
    """The configured folder ``wanted`` names (see the module's docstring)."""
    clean = PurePosixPath(wanted.strip().replace("\\", "/").rstrip("/")).parts
    exact = [(name, path) for name, path in folders if PurePosixPath(name).parts == clean]
    hits = exact or [(name, path) for name, path in folders if _holds(name, clean)]
    if len(hits) == 1:
        return hits[0]
    names = ", ".join(name for name, _ in folders)
    if not hits:
        raise UsageError(f"--folder {wanted!r} is none of the configured folders: {names}")
    many = ", ".join(name for name, _ in hits)
    raise UsageError(f"--folder {wanted!r} names several configured folders: {many}")


def one_folder(cfg: Config, wanted: str | None) -> tuple[str, Path] | None:
    """The folder a one-folder command works in, when ``folders = [...]`` is configured
    (None when it is not): ``wanted``, else the only one; several and none chosen is an error."""
    folders = configured_folders(cfg)
    if not folders:
        if wanted is not None:
            raise UsageError("--folder names one of `folders = [...]`, and none is configured")
        return None
    if wanted is not None:
        return choose_folder(folders, wanted)
    if len(folders) == 1:
        return folders[0]
    names = ", ".join(name for name, _ in folders)
    raise UsageError(f"several ADR folders are configured ({names}); choose one with --folder")


def _holds(name: str, wanted: tuple[str, ...]) -> bool:
    """Whether the parts ``wanted`` are a run of the parts of the path ``name``."""
    parts = PurePosixPath(name).parts
    n = len(wanted)
    return n > 0 and any(parts[i : i + n] == wanted for i in range(len(parts) - n + 1))
