"""Parsing many files at once on the machine's other cores (the first, uncached read).

A folder read for the first time — every CI job, every fresh clone — is parsed file by file,
and a large one is parsed mostly by the reader's Python code: on a machine with more than one
core, the files are shared among worker processes forked from this one (they start with the
reader already imported, at the cost of a few milliseconds each) and their records come back
in order. Only where forking is safe and worth it: Linux's ``fork``, a process with no other
thread running (a forked copy of a threaded process may hold a lock forever), and enough
files to pay for the workers. Anywhere else, the files are parsed here, one by one, with the
same result.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archlog.errors import ArchlogError

if TYPE_CHECKING:
    from archlog.model import Record
    from archlog.read.content import Content

#: Fewer files than this are parsed here: the workers would cost more than they save.
MIN_FILES = 600
#: At most this many workers, whatever the machine has.
MAX_WORKERS = 8
#: ``ARCHLOG_JOBS=1`` parses every file here (a number caps the workers).
_JOBS = "ARCHLOG_JOBS"


def workers(files: int) -> int:
    """How many worker processes to parse ``files`` files with (0: parse them here)."""
    if files < MIN_FILES or sys.platform != "linux" or threading.active_count() > 1:
        return 0
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    wanted = os.environ.get(_JOBS, "").strip()
    if wanted.isdigit():
        cores = min(cores, int(wanted))
    count = min(cores, MAX_WORKERS, files // (MIN_FILES // 2))
    return count if count > 1 else 0


def parse_all(
    misses: Sequence[Content], folder_names: bool, folder: Path
) -> list[list[list[Any]] | ArchlogError]:
    """Each file's outcome, in order, parsed by worker processes (see :func:`workers`): its
    records as parse-cache rows (plain values: cheap to send back; their JSON relative to
    ``folder``), or the error that says why it has none. An empty list when the workers
    cannot start (the caller then parses here)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    count = workers(len(misses))
    if not count:
        return []
    size = -(-len(misses) // (count * 4))  # a few chunks a worker: the slow ones even out
    chunks = [misses[i : i + size] for i in range(0, len(misses), size)]
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
            done: list[list[list[list[Any]] | ArchlogError]] = list(
                pool.map(_parse_chunk, chunks, [(folder_names, folder)] * len(chunks))
            )
    except (OSError, RuntimeError):  # no processes to be had (limits, a sandbox): here then
        return []
    return [outcome for chunk in done for outcome in chunk]


def parse_one(content: Content, folder_names: bool) -> list[Record] | ArchlogError:
    """One file's records (each in its area), or the error that says why it has none."""
    from archlog.read.reader import decode, parse_file

    try:
        text, _bom = decode(content.data, content.path)
        records = parse_file(text, content.path, name=content.info if folder_names else None)
    except ArchlogError as exc:
        return exc
    for record in records:
        if record.entry is None:
            record.area = content.area
    return records


def _parse_chunk(
    chunk: Sequence[Content], how: tuple[bool, Path]
) -> list[list[list[Any]] | ArchlogError]:
    from archlog.read.cache_rows import freeze

    folder_names, folder = how
    out: list[list[list[Any]] | ArchlogError] = []
    for content in chunk:
        outcome = parse_one(content, folder_names)
        out.append(outcome if isinstance(outcome, ArchlogError) else freeze(outcome, folder))
    return out
