#!/usr/bin/env python3
"""The peer tool ``log4brains build`` (npm), to be timed side by side with ``archlog site build``.

log4brains is pinned in ``bench/log4brains/package.json`` + ``package-lock.json`` and installed
with ``npm ci`` into ``bench/log4brains/node_modules`` (gitignored). Version 1.1.0 is the newest
on the npm registry (the only other one is 1.0.1); it declares ``node >=18`` and builds fine,
offline, with node 20, so no older version was needed.

What log4brains needs from a project, read from its sources (``@log4brains/core``,
``@log4brains/web``; the ``.js.map`` files carry the TypeScript):

* ``.log4brains.yml`` at the project root (``project.name``, ``tz``, ``adrFolder``); no
  ``index.md``, ``template.md`` or README is needed (the home page falls back to a stock text).
* Every ``*.md`` file in the ADR folder but ``template``/``readme``/``index``/``backlog.md`` is a
  record; its slug is the file name without ``.md``, its title the first ``#`` heading.
* Status, date, tags and deciders come only from a bullet list between the title and the first
  ``##`` heading (``- Status: accepted``, ``- Date: 2024-12-14``); a Nygard ``## Status``
  section is not read (every record would be "accepted", dated by git or mtime). The superseder
  is the rendered text of that Status item after ``superseded by``, taken as a slug: hence
  ``superseded by [0005-slug](0005-slug.md)``. So :func:`prepare` adds that list (and rewrites
  the ``Superseded by`` link in the ``## Status`` section the same way). archlog reads the same
  numbers, titles, statuses, dates and relations from either; its ``lint`` then takes the folder
  for MADR 2 (the bullet list) and warns of missing MADR sections; ``site build`` does not warn.
* It calls git: ``git rev-parse`` once, then ``git log FILE`` for each record (twice when the
  log is empty) for creation/edit dates and author. A project under ``bench/.cache`` would
  otherwise be taken for part of archlog's own repository, with every record untracked; so
  :func:`prepare` makes the project its own repository with one commit of all its files, like
  a real project whose records are under version control.

Pitfalls (all handled by :func:`build_command`):

* The ``log4brains`` executable is a wrapper that restarts node with
  ``NODE_OPTIONS=--openssl-legacy-provider`` (webpack 4's md4 hashes under OpenSSL 3) and
  always exits 0, even when the build fails. The command runs log4brains' CLI itself
  (``dist/index.js``, through ``build.cjs``) with that option, so a failure shows.
* ``next build`` keeps its ``distDir`` inside the installed package
  (``node_modules/@log4brains/web/nextjs/.next-export``), shared by every project: two builds
  must not run at once, and the first build after an install is colder than the next ones (the
  runner's warm-up run covers that). Worse, the build exports the record pages listed in the
  *previous* build's prerender manifest (a build of 1,000 records right after one of 100
  exported 100 pages, with exit status 0); ``build.cjs`` removes that manifest first.
* Next.js fetches Google Fonts at build time (no setting turns it off from outside);
  ``offline.cjs``, preloaded, makes every host lookup fail at once, as offline.
* The project folder is taken from ``LOG4BRAINS_CWD``, so the command works from any cwd.

    python bench/log4brains.py --size 100 [--runs 3]
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
PACKAGE = HERE / "log4brains"  # package.json, package-lock.json, offline.cjs, node_modules/
MODULES = PACKAGE / "node_modules"
ENTRY = MODULES / "log4brains" / "dist" / "index.js"  # what the `log4brains` wrapper runs
LAUNCHER = PACKAGE / "build.cjs"  # runs ENTRY after removing the stale prerender manifest
OFFLINE = PACKAGE / "offline.cjs"
ADR_FOLDER = "docs/adr"  # inside the project, as `log4brains init` makes it
#: Bumped when prepare() changes what it writes, so that old projects are made anew.
PREPARE_VERSION = "2"

_SUPERSEDED = re.compile(
    r"^(?P<lead>[ \t]*)superseded by\b[ \t:]*\[[^\]]*\]\((?P<href>[^)\s]+\.md)\)", re.I | re.M
)
_DATE = re.compile(r"^Date:[ \t]*(?P<date>\S.*?)[ \t]*$", re.I)
_GIT_ENV = {
    "GIT_AUTHOR_NAME": "archlog bench",
    "GIT_AUTHOR_EMAIL": "bench@archlog.invalid",
    "GIT_COMMITTER_NAME": "archlog bench",
    "GIT_COMMITTER_EMAIL": "bench@archlog.invalid",
    "GIT_AUTHOR_DATE": "2025-07-01T12:00:00Z",
    "GIT_COMMITTER_DATE": "2025-07-01T12:00:00Z",
}


def pinned_version() -> str:
    """The log4brains version pinned in ``bench/log4brains/package.json``."""
    manifest = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))
    return str(manifest["dependencies"]["log4brains"])


def _installed_version() -> str | None:
    try:
        manifest = json.loads((MODULES / "log4brains" / "package.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return str(manifest.get("version"))


def ensure_installed() -> Path | None:
    """The ``log4brains`` executable, installed with ``npm ci`` first if missing.

    None (with the reason on stderr) when node or npm is missing or the install fails.
    """
    exe = MODULES / ".bin" / "log4brains"
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        print("log4brains: not measured: node and npm are needed (none on PATH)", file=sys.stderr)
        return None
    if exe.exists() and ENTRY.exists() and _installed_version() == pinned_version():
        return exe
    lock = (PACKAGE / "package-lock.json").exists()
    # --ignore-scripts: the only install script in the tree is core-js's banner.
    argv = [
        npm,
        "ci" if lock else "install",
        "--no-audit",
        "--no-fund",
        "--ignore-scripts",
        "--loglevel=error",
    ]
    try:
        done = subprocess.run(argv, cwd=PACKAGE, capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"log4brains: not measured: npm failed to run: {exc}", file=sys.stderr)
        return None
    if done.returncode != 0 or not exe.exists() or not ENTRY.exists():
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"log4brains: not measured: `{' '.join(argv[1:3])}` failed: {last}", file=sys.stderr)
        return None
    return exe


def _fingerprint(folder: Path) -> str:
    """Names, sizes and mtimes of the folder's records, and what prepare() makes of them."""
    digest = hashlib.sha256(f"{PREPARE_VERSION}\n{folder.resolve()}\n".encode())
    for path in sorted(folder.glob("*.md")):
        st = path.stat()
        digest.update(f"{path.name}\t{st.st_size}\t{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _superseded_link(match: re.Match[str]) -> str:
    href = match["href"]
    return f"{match['lead']}superseded by [{Path(href).stem}]({href})"


def to_log4brains(text: str) -> str:
    """One Nygard record as log4brains reads it.

    The ``Date:`` line under the title becomes the header list log4brains reads (``- Date:``,
    ``- Status:``); ``Superseded by [5. Title](0005-slug.md)`` becomes
    ``superseded by [0005-slug](0005-slug.md)``, in the list and in the ``## Status`` section.
    Everything else is kept as it is.
    """
    text = _SUPERSEDED.sub(_superseded_link, text)
    lines = text.split("\n")
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if title is None:
        return text
    first_section = next(
        (i for i, line in enumerate(lines) if i > title and line.startswith("## ")), len(lines)
    )
    date, date_at = None, None
    for i in range(title + 1, first_section):
        found = _DATE.match(lines[i])
        if found:
            date, date_at = found["date"], i
            break
    status = None
    for i in range(first_section, len(lines)):
        if lines[i].strip().lower() == "## status":
            status = next((line.strip() for line in lines[i + 1 :] if line.strip()), None)
            break
    if status is not None and status.startswith("## "):
        status = None
    header = []
    if date is not None:
        header.append(f"- Date: {date}")
    if status is not None:
        header.append(f"- Status: {status}")
    if not header:
        return text
    if date_at is not None:
        lines[date_at : date_at + 1] = header
    else:
        lines[title + 1 : title + 1] = ["", *header]
    return "\n".join(lines)


def _git(project: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=project,
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, **_GIT_ENV},
    )


def prepare(folder: Path, project: Path) -> Path:
    """A complete log4brains project under ``project`` holding the records of ``folder``.

    ``folder`` is an adr-tools layout folder of Nygard records (``0001-slug.md`` …). Made once
    per folder content (a ``.complete`` marker holds a fingerprint of the folder), then reused.
    Returns the ADR folder inside the project: ``archlog site build --dir THAT`` builds the very
    same records.
    """
    adr_dir = project / ADR_FOLDER
    marker = project / ".complete"
    fingerprint = _fingerprint(folder)
    if marker.exists() and marker.read_text(encoding="utf-8").strip() == fingerprint:
        return adr_dir
    shutil.rmtree(project, ignore_errors=True)
    adr_dir.mkdir(parents=True)
    records = sorted(p for p in folder.glob("*.md") if re.match(r"\d+-", p.name))
    for path in records:
        text = path.read_text(encoding="utf-8")
        (adr_dir / path.name).write_text(to_log4brains(text), encoding="utf-8")
    name = f"archlog benchmark, {len(records)} records"
    (project / ".log4brains.yml").write_text(
        f"---\nproject:\n  name: {json.dumps(name)}\n  tz: Etc/UTC\n  adrFolder: ./{ADR_FOLDER}\n",
        encoding="utf-8",
    )
    # The marker is written after the commit and is not part of it; git must not see it.
    (project / ".gitignore").write_text(".complete\n", encoding="utf-8")
    if shutil.which("git"):  # without git, log4brains falls back on mtimes and "Anonymous"
        _git(project, "init", "-q")
        _git(project, "add", "-A")
        _git(project, "commit", "-q", "-m", "Architecture decision records")
    marker.write_text(fingerprint + "\n", encoding="utf-8")
    return adr_dir


def build_command(project: Path, out: Path) -> tuple[list[str], dict[str, str]]:
    """Argv and extra environment of ``log4brains build`` for ``project`` into ``out``.

    Call :func:`ensure_installed` first. Works from any cwd (the project comes from
    ``LOG4BRAINS_CWD``). Runs what the ``log4brains`` wrapper runs, minus the wrapper, whose
    exit status is always 0, and after removing the previous build's prerender manifest (see
    ``build.cjs``). Offline: telemetry off, and ``offline.cjs`` makes every host lookup fail at
    once (the font optimisation of Next.js is the only thing that would fetch).
    """
    node = shutil.which("node") or "node"
    preload = str(OFFLINE)
    if " " in preload:
        preload = '"' + preload.replace("\\", "\\\\").replace('"', '\\"') + '"'
    env = {
        "LOG4BRAINS_CWD": str(project.resolve()),
        "NEXT_TELEMETRY_DISABLED": "1",
        "NODE_OPTIONS": f"--openssl-legacy-provider --require {preload}",
    }
    return [node, str(LAUNCHER), "build", "--out", str(out.resolve())], env


def time_build(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one build.

    Peak memory: ``ru_maxrss`` from ``os.wait4`` on the top process. On Linux that is the
    maximum over the process and all its descendants it waited for (the kernel folds each
    reaped child's peak into its parent's), so it covers Next.js' worker processes too. A
    ``getrusage(RUSAGE_CHILDREN)`` difference would not do: ``ru_maxrss`` there is a maximum
    over all children ever waited for, not a sum, so it cannot be differenced.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **env}
    )
    assert proc.stderr is not None
    err = proc.stderr.read().decode(errors="replace")  # read first: a full pipe would block
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"log4brains build failed ({proc.returncode}):\n{err}")
    return elapsed, usage.ru_maxrss


def check_site(out: Path, adr_dir: Path) -> str:
    """A line saying that every record has its page and one holds its title, or SystemExit."""
    records = sorted(adr_dir.glob("*.md"))
    pages = {p.parent.name for p in (out / "adr").glob("*/index.html")}
    missing = [r.name for r in records if r.stem not in pages]
    if missing:
        raise SystemExit(
            f"log4brains build made no page for {len(missing)} of {len(records)} "
            f"records, e.g. {missing[0]}"
        )
    record = records[len(records) // 2]
    page = out / "adr" / record.stem / "index.html"
    title = record.read_text(encoding="utf-8").split("\n", 1)[0].removeprefix("# ").strip()
    if html.escape(title, quote=False) not in page.read_text(encoding="utf-8"):
        raise SystemExit(f"{page} does not hold the title {title!r}")
    return f"{len(pages)} record pages; {page.relative_to(out)} holds {title!r}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100, help="records in the folder")
    parser.add_argument("--runs", type=int, default=1, help="builds to time (median shown)")
    args = parser.parse_args()
    if ensure_installed() is None:
        raise SystemExit(1)
    from corpora import corpus  # bench/corpora.py: the runner's folders, made once

    folder = corpus(args.size)
    project = CACHE / f"log4brains-{args.size}"
    adr_dir = prepare(folder, project)
    out = CACHE / f"log4brains-site-{args.size}"
    argv, env = build_command(project, out)
    times, peak = [], 0
    for run in range(args.runs):
        elapsed, rss = time_build(argv, env)
        times.append(elapsed)
        peak = max(peak, rss)
        print(f"run {run + 1}: {elapsed:.2f} s, peak RSS {rss / 1024:.0f} MB", flush=True)
    print(check_site(out, adr_dir))
    print(
        f"log4brains {pinned_version()} build, {args.size} records: median "
        f"{statistics.median(times):.2f} s of {len(times)} (min {min(times):.2f}, max "
        f"{max(times):.2f}), peak RSS {peak / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
