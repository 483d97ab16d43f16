"""The clock: today's date, pinned by ``ARCHLOG_TODAY`` for tests and reproducible builds."""

from __future__ import annotations

import os
from datetime import date


def today() -> str:
    """Today's date, ISO; ``ARCHLOG_TODAY`` pins it (tests, reproducible builds)."""
    return os.environ.get("ARCHLOG_TODAY") or date.today().isoformat()
