"""The user's editor: the one place archlog starts it."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from archlog.errors import ArchlogError, UsageError


def open_in_editor(path: Path) -> None:
    """Open ``path`` in ``$VISUAL`` or ``$EDITOR`` and wait for it."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise UsageError("--edit needs $VISUAL or $EDITOR to name an editor")
    try:
        subprocess.run([*shlex.split(editor), str(path)], check=False)
    except OSError as exc:
        raise ArchlogError(f"cannot start editor {editor!r}: {exc.strerror}") from None
