"""The benchmark's folders: made once by the shared reference generator, then reused by
``bench/run.py``, ``bench/agents.py`` and ``bench/log4brains.py``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED_BENCH = Path(os.environ.get("ARCHLOG_SHARED") or ROOT.parent / "shared") / "bench"
CACHE = HERE / ".cache"


def corpus(size: int, fmt: str = "nygard") -> Path:
    """The generated folder of ``size`` records (made once, then reused)."""
    target = CACHE / f"{fmt}-{size}"
    if not (target / ".complete").exists():
        if not (SHARED_BENCH / "gen_corpus.py").is_file():
            raise SystemExit(
                f"bench: the reference generator is missing: {SHARED_BENCH}/"
                "gen_corpus.py (the shared folder beside this checkout)"
            )
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        subprocess.run(
            [
                sys.executable,
                str(SHARED_BENCH / "gen_corpus.py"),
                str(target),
                "-n",
                str(size),
                "--format",
                fmt,
                "--seed",
                "42",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        (target / ".complete").write_text("")
    return target
