"""Finding the folders the API opens, and the place :meth:`~archlog.api.Repository.init` makes.

Both before any :class:`~archlog.api.Repository` exists.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from archlog.errors import UsageError

if TYPE_CHECKING:
    from archlog.conventions.catalog import Convention
    from archlog.infra.config import Config
    from archlog.read.store import Store


def open_stores(
    path: str | os.PathLike[str] | None = None,
    *,
    folder: str | None = None,
    cwd: str | os.PathLike[str] | None = None,
    one: bool = False,
) -> list[tuple[Store, str | None]]:
    """Each folder a command works across, with its configured name.

    See :func:`~archlog.api.open_folders`.
    """
    from archlog.read.discovery import configuration
    from archlog.read.folders import configured_folders, one_folder
    from archlog.read.store import Store

    here = Path(cwd) if cwd is not None else None
    if path is not None:
        if folder is not None:
            raise UsageError("give --dir or --folder, not both")
        return [(Store.open(path, cwd=here), None)]
    cfg = configuration(here)
    if cfg.values.get("folders") and not cfg.values.get("dir"):
        if one or folder is not None:
            chosen = one_folder(cfg, folder)
            assert chosen is not None
            return [(Store.open(chosen[1], cwd=here), chosen[0])]
        return [(Store.open(where, cwd=here), name) for name, where in configured_folders(cfg)]
    if folder is not None:
        one_folder(cfg, folder)  # the error: no folders are configured
    return [(Store.open(None, cwd=here), None)]


def new_store(
    path: str | os.PathLike[str] | None, convention: str | None
) -> tuple[Store, Convention]:
    """The store of a folder (or decision log) to create, and the convention it is made in."""
    from archlog.conventions.catalog import DEFAULT_CONVENTION, get_convention
    from archlog.infra.config import Config
    from archlog.read.discovery import configuration
    from archlog.read.store import Store

    cfg = configuration()
    named = convention or cfg.values.get("convention") or DEFAULT_CONVENTION
    conv = get_convention(str(named), cfg)
    target = Path(path) if path is not None else cfg.path("dir") or Path(conv.default_folder)
    if path is None and cfg.path("dir") is None:
        refuse_a_second_folder(cfg, target)
    if conv.single_file:
        log = target if target.suffix.lower() == ".md" else target / conv.single_file
        return Store(log.parent, Config({}, None, log.parent), log_file=log), conv
    own = {"conventions": cfg.values["conventions"]} if "conventions" in cfg.values else {}
    return Store(target, Config({"convention": conv.name, **own}, cfg.source, cfg.root)), conv


def refuse_a_second_folder(cfg: Config, target: Path) -> None:
    """Refuse to make the usual folder beside an ADR folder the repository has already.

    ``init`` without a DIRECTORY makes the usual folder: not beside the configured ones, or a
    usual one such as docs/decisions.
    """
    from archlog.infra.config import find_usual_folder
    from archlog.read.folders import configured_folders

    folders = configured_folders(cfg)
    if folders:
        names = ", ".join(name for name, _ in folders)
        raise UsageError(
            f"folders = [...] configures the ADR folders already ({names}); "
            "give the DIRECTORY to create",
            cfg.source,
        )
    found = find_usual_folder(cfg.root, Path.cwd())
    if found is not None and found.resolve() != target.resolve():
        raise UsageError(
            f"an ADR folder is here already; `archlog init` would make {target} beside it "
            "(give DIRECTORY to make another on purpose)",
            _shown(found),
        )


def _shown(path: Path) -> str:
    """``path`` relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
