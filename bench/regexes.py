#!/usr/bin/env python3
"""Every regular expression archlog runs on file content, timed on its worst 100 KB.

For each case of tests/regex_cases.py: the pattern alone on its hostile shape (the best of
three), then the command that hands it that text, on a repository holding it (the pattern
watched: the longest text it was given is printed too). Prints docs/regexes.md's table in
Markdown; exits 1 when a case is over its bound.

    python bench/regexes.py [--only NAME] > table.md
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ARCHLOG_STATE_DIR", tempfile.mkdtemp(prefix="archlog-regex-state-"))

from tests import regex_cases as rc  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--only", help="only the cases whose pattern contains this")
    args = parser.parse_args()
    over = 0
    print(
        "| pattern | matches | worst input tried (100 KB) | where it comes from | "
        "pattern alone | command | longest text given |"
    )
    print("|---|---|---|---|---:|---:|---:|")
    for case in rc.CASES:
        if args.only and args.only not in case.pattern:
            continue
        root = Path(tempfile.mkdtemp(prefix="archlog-regex-"))
        env = {
            **os.environ,
            "ARCHLOG_TODAY": "2026-01-15",
            "NO_COLOR": "1",
            "ARCHLOG_CACHE_DIR": str(root / ".cache"),
        }
        env.pop("ARCHLOG_DIR", None)
        try:
            t = rc.measure(case, root, env)
        finally:
            shutil.rmtree(root, ignore_errors=True)
        bad = t.pattern > rc.PATTERN_LIMIT or t.command > t.limit
        bad = bad or (t.longest < rc.REACHED and not case.bounded)
        over += bad
        short = t.longest < rc.REACHED and case.bounded
        longest = f"{t.longest:,}" + (f" ({case.bounded})" if short else "")
        command = " ".join(("archlog", *rc.COMMANDS[case.command]))
        module = case.pattern.removeprefix("archlog.").rpartition(".")[0]
        name = case.id[len("archlog." + module) + 1 :]
        what, shape = (x.replace("|", "\\|") for x in (case.what, case.shape))
        print(
            f"| `{name}` ({module}) | {what} | {shape} | "
            f"{case.place}, `{command}` | {t.pattern * 1000:.0f} ms | "
            f"{t.command * 1000:.0f} ms{' **over**' if bad else ''} | {longest} |",
            flush=True,
        )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
