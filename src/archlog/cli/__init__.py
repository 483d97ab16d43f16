"""The ``archlog`` command. ``--version`` answers before anything heavy is imported."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        from archlog.version import __version__

        sys.stdout.write(f"archlog {__version__}\n")
        return
    from archlog.cli.app import run

    run(args)
