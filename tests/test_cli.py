"""The command line: what it prints and writes, and a few runs in real processes (start-up,
exit codes, concurrency)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import TODAY, Run, cli_env


def test_version_is_fast_and_imports_nothing_heavy() -> None:
    code = (
        "import sys, runpy\n"
        "sys.argv = ['archlog', '--version']\n"
        "try:\n    runpy.run_module('archlog', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "heavy = [m for m in ('markdown_it', 'jinja2', 'rich', 'yaml', 'click') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "archlog 0." in proc.stdout
    assert "HEAVY []" in proc.stdout


def test_help_lists_every_command_without_heavy_imports() -> None:
    code = (
        "import sys\nfrom archlog.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('HEAVY', [m for m in ('markdown_it', 'jinja2', 'rich', 'yaml') if m in sys.modules])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    for name in ("init", "new", "list", "show", "conventions"):
        assert name in proc.stdout
    assert "HEAVY []" in proc.stdout


def test_exit_codes_and_streams_of_a_real_process(run_process: Run, tmp_path: Path) -> None:
    assert run_process("init").code == 0
    missing = run_process("show", "42")
    assert missing.code == 2 and missing.out == ""
    assert missing.err.startswith("archlog: error: no record '42'") and missing.err.count("\n") == 1
    assert run_process("frobnicate").code == 2
    (tmp_path / "doc/adr/0002-use-queues.md").write_text("# 2. Use queues\n\nDate: someday\n")
    found = run_process("lint")
    assert found.code == 1 and "ADR005" in found.out


def test_conventions_lists_all_eight(run: Run) -> None:
    result = run("conventions")
    names = [line.split()[0] for line in result.out.splitlines()]
    assert names == [
        "nygard",
        "madr",
        "madr2",
        "index-table",
        "header-fields",
        "detailed",
        "log",
        "sub-numbered",
    ]


def test_tour_init_new_list_show(run: Run, tmp_path: Path) -> None:
    assert run("init").out.splitlines() == [
        "doc/adr/templates/template.md",
        "doc/adr/README.md",
        "doc/adr/.gitignore",
        "doc/adr/0001-record-architecture-decisions.md",
    ]
    result = run("new", "Use", "PostgreSQL", "--deciders", "Ana, Bo", "--tag", "db")
    assert result.out == "doc/adr/0002-use-postgresql.md\n", result.err
    listed = json.loads(run("list", "--format", "json").out)
    assert [(r["number"], r["title"], r["status"], r["date"]) for r in listed] == [
        (1, "Record architecture decisions", "accepted", TODAY),
        (2, "Use PostgreSQL", "proposed", TODAY),
    ]
    assert listed[1]["path"] == "0002-use-postgresql.md"
    assert set(listed[1]) >= {
        "number",
        "id",
        "title",
        "status",
        "status_text",
        "date",
        "path",
        "relations",
        "deciders",
        "consulted",
        "informed",
        "tags",
    }
    table = run("list").out.splitlines()  # piped: tab-separated, no header
    assert table[1] == "0002\tproposed\t2026-01-15\tUse PostgreSQL"
    raw = run("show", "2", "--raw").out
    assert raw == (tmp_path / "doc/adr/0002-use-postgresql.md").read_text()
    shown = run("show", "ADR-2")
    assert shown.code == 0 and "Use PostgreSQL" in shown.out and "proposed" in shown.out


def test_list_filters_and_csv(run: Run) -> None:
    run("init", "--convention", "madr")
    run("new", "A", "--status", "Accepted", "--date", "2024-05-01", "--tag", "db")
    run("new", "B", "--date", "2025-01-01")

    def listed(*a: str) -> list[str]:
        return [r["title"] for r in json.loads(run("list", "--format", "json", *a).out)]

    assert listed("--status", "proposed") == ["B"]
    assert listed("--status", "Accepted", "--tag", "db") == ["A"]
    assert listed("--since", "2025") == ["Record architecture decisions", "B"]
    assert listed("--until", "2024-12-31") == ["A"]
    csv_out = run("list", "--format", "csv").out.splitlines()
    assert csv_out[0].startswith("number,id,title,status,status_text,date,path,relations")
    assert csv_out[2] == "2,0002,A,accepted,Accepted,2024-05-01,0002-a.md,,,,,db,"
    bad = run("list", "--status", "banana")
    assert bad.code == 2 and bad.err.strip() == "archlog: error: unknown status 'banana'"


def test_show_unknown_record(run: Run) -> None:
    run("init")
    result = run("show", "42")
    assert result.code == 2
    assert result.err.startswith("archlog: error: no record '42'")
    assert "Traceback" not in result.err


def test_twenty_concurrent_new_get_twenty_numbers(tmp_path: Path) -> None:
    folder = tmp_path / "doc" / "adr"
    subprocess.run(
        [sys.executable, "-m", "archlog", "init"],
        cwd=tmp_path,
        env=cli_env(),
        check=True,
        capture_output=True,
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "archlog", "new", f"Decision number {i}"],
            cwd=tmp_path,
            env=cli_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(20)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1] for o in outs]
    files = sorted(p.name for p in folder.glob("0*.md"))
    assert len(files) == 21
    numbers = sorted(int(name[:4]) for name in files)
    assert numbers == list(range(1, 22))


def test_numbers_are_never_reused(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    (folder / "0001-a.md").write_text("# 1. A\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n")
    (folder / "0005-e.md").write_text("# 5. E\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n")
    assert run("new", "Next").out == "doc/adr/0006-next.md\n"


def test_numbers_deleted_in_git_history_are_not_reused(run: Run, tmp_path: Path) -> None:
    def git(*a: str) -> None:
        subprocess.run(["git", *a], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "t@example.com")
    git("config", "user.name", "T")
    run("init")
    run("new", "Second")
    run("new", "Third")
    git("add", ".")
    git("commit", "-qm", "three records")
    (tmp_path / "doc/adr/0003-third.md").unlink()
    git("commit", "-qam", "drop the third")
    assert run("new", "Fourth").out == "doc/adr/0004-fourth.md\n"


def test_new_is_quick_in_a_large_folder(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    body = "# {n}. Title {n}\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n"
    for n in range(1, 2001):
        (folder / f"{n:04d}-title-{n}.md").write_text(body.format(n=n))
    start = time.perf_counter()
    assert run("new", "Next one").out == "doc/adr/2001-next-one.md\n"
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize("title", ["../../etc/passwd", "a/b\\c", "..", "Ünïcödé façade"])
def test_titles_never_escape_the_folder(run: Run, tmp_path: Path, title: str) -> None:
    run("init")
    result = run("new", title)
    if title == "..":
        assert result.code == 2 and "no letters or digits" in result.err
        return
    path = tmp_path / result.out.strip()
    assert path.parent == tmp_path / "doc" / "adr", result
    assert path.name.startswith("0002-")


def test_new_with_edit_opens_the_editor(run: Run, tmp_path: Path) -> None:
    run("init")
    script = tmp_path / "fake-editor.sh"
    script.write_text('#!/bin/sh\necho "edited" >> "$1"\n')
    script.chmod(0o755)
    result = run("new", "Edited", "--edit", env=cli_env(VISUAL=str(script)))
    assert result.code == 0, result.err
    assert (tmp_path / "doc/adr/0002-edited.md").read_text().endswith("edited\n")


def test_slug_drops_apostrophes(run: Run) -> None:
    run("init")
    assert run("new", "The folder’s own history").out == "doc/adr/0002-the-folders-own-history.md\n"


def test_new_warns_when_the_template_has_no_place_for_a_value(run: Run, tmp_path: Path) -> None:
    assert run("init", "--convention", "nygard").code == 0
    result = run("new", "Use queues", "--tag", "infra", "--deciders", "Ann, Bob")
    assert result.code == 0, result.err
    assert "no place for --tag; not written: infra" in result.err
    assert "no place for --deciders; not written: Ann, Bob" in result.err
    madr = tmp_path / "m"
    madr.mkdir()
    assert run("init", "--convention", "madr", cwd=madr).code == 0
    placed = run("new", "Use queues", "--deciders", "Ann, Bob", cwd=madr)
    assert placed.code == 0 and placed.err == ""
    assert "Ann, Bob" in (madr / "docs" / "decisions" / "0002-use-queues.md").read_text()
