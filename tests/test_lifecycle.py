"""Lifecycle edits per convention: status, supersede (one and two successors), link, unlink,
renumber — each step's diff against golden files, and the result read back."""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from archlog.conventions.catalog import CONVENTIONS
from tests.conftest import FIXTURES, Run, assert_same_tree, cli_env

GOLDEN = FIXTURES / "golden-edits"

#: (command, what the folder must read as afterwards: id suffix → (status, relations))
STEPS: list[tuple[list[str], dict[str, tuple[str, list[tuple[str, int]]]]]] = [
    (["accept", "2"], {"2": ("accepted", [])}),
    (
        ["supersede", "2", "--by", "3"],
        {"2": ("superseded", [("superseded-by", 3)]), "3": ("proposed", [("supersedes", 2)])},
    ),
    (
        ["supersede", "2", "--by", "4"],
        {
            "2": ("superseded", [("superseded-by", 3), ("superseded-by", 4)]),
            "4": ("proposed", [("supersedes", 2)]),
        },
    ),
    (
        ["link", "3", "amends", "1"],
        {
            "3": ("proposed", [("supersedes", 2), ("amends", 1)]),
            "1": ("accepted", [("amended-by", 3)]),
        },
    ),
    (["unlink", "1", "3"], {"3": ("proposed", [("supersedes", 2)]), "1": ("accepted", [])}),
    (["unlink", "2", "4"], {"2": ("superseded", [("superseded-by", 3)]), "4": ("proposed", [])}),
    (["deprecate", "1"], {"1": ("deprecated", [])}),
    (
        ["renumber", "3", "9", "--apply"],
        {"9": ("proposed", [("supersedes", 2)]), "2": ("superseded", [("superseded-by", 9)])},
    ),
]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def folder_diff(before: dict[str, bytes], after: dict[str, bytes]) -> str:
    """Unified diffs of what changed; a file that left and one that came with the same slug
    are shown as a rename."""
    gone = sorted(set(before) - set(after))
    came = sorted(set(after) - set(before))
    pairs: list[tuple[str | None, str | None]] = [
        (n, n) for n in sorted(set(before) & set(after)) if before[n] != after[n]
    ]
    for old in gone:
        new = next((c for c in came if _slug(c) == _slug(old)), None)
        if new is not None:
            came.remove(new)
        pairs.append((old, new))
    pairs += [(None, n) for n in came]
    out = []
    for a_name, b_name in pairs:
        if a_name and b_name and a_name != b_name:
            out.append(f"rename {a_name} → {b_name}\n")
        a = before.get(a_name or "", b"")
        b = after.get(b_name or "", b"")
        out.extend(
            difflib.unified_diff(
                a.decode().splitlines(keepends=True),
                b.decode().splitlines(keepends=True),
                fromfile=f"a/{a_name}" if a_name else "/dev/null",
                tofile=f"b/{b_name}" if b_name else "/dev/null",
            )
        )
    return "".join(out)


def _slug(name: str) -> str:
    return name.lstrip("0123456789-")


def _folder(root: Path) -> Path:
    for candidate in ("doc/adr", "docs/decisions"):
        if (root / candidate).is_dir():
            return root / candidate
    raise AssertionError("no ADR folder")


def _records(run: Run, cwd: Path) -> dict[str, dict[str, Any]]:
    result = run("list", "--format", "json", cwd=cwd)
    assert result.code == 0, result.err
    return {str(r["number"]): r for r in json.loads(result.out)}


@pytest.mark.parametrize("convention", sorted(CONVENTIONS))
def test_lifecycle_steps_match_golden_diffs(run: Run, tmp_path: Path, convention: str) -> None:
    assert run("init", "--convention", convention).code == 0
    for title in ("Use PostgreSQL", "Use MySQL", "Use SQLite"):
        assert run("new", title).code == 0
    folder = _folder(tmp_path)
    transcript = []
    for argv, expected in STEPS:
        before = snapshot(folder)
        dry = run(*argv, "--dry-run") if argv[0] != "renumber" else None
        if dry is not None:
            assert dry.code == 0, dry.err
            assert snapshot(folder) == before, "--dry-run wrote something"
        result = run(*argv)
        assert result.code == 0, f"{argv}: {result.err}"
        after = snapshot(folder)
        diff = folder_diff(before, after)
        assert diff, f"{argv} changed nothing"
        transcript.append(f"### archlog {' '.join(argv)}\n{diff}")
        if dry is not None:  # the dry run announced exactly this change
            assert _changed_lines(dry.out) == _changed_lines(diff)
        records = _records(run, tmp_path)
        for number, (status, relations) in expected.items():
            got = records[number]
            assert got["status"] == status, (argv, number, got)
            assert [(r["type"], r["target"]) for r in got["relations"]] == relations, (argv, got)
    text = "\n".join(transcript)
    golden = GOLDEN / f"{convention}.diff"
    if os.environ.get("ARCHLOG_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert_same_tree({golden.name: text}, {golden.name: golden.read_text(encoding="utf-8")})


def _changed_lines(diff: str) -> list[str]:
    return [
        line
        for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_new_supersedes_marks_the_old_record(run: Run, tmp_path: Path) -> None:
    assert run("init", "--convention", "nygard").code == 0
    assert run("new", "Use PostgreSQL").code == 0
    assert run("accept", "2").code == 0
    result = run("new", "Use CockroachDB", "--supersedes", "2", "--supersedes", "1")
    assert result.code == 0, result.err
    records = _records(run, tmp_path)
    assert records["2"]["status"] == "superseded"
    assert records["1"]["relations"] == [{"type": "superseded-by", "target": 3}]
    assert records["3"]["relations"] == [
        {"type": "supersedes", "target": 2},
        {"type": "supersedes", "target": 1},
    ]
    text = (tmp_path / "doc/adr/0002-use-postgresql.md").read_text()
    assert "Superseded by [3. Use CockroachDB](0003-use-cockroachdb.md)" in text
    assert "\nAccepted\n" not in text


def test_date_follows_status_where_the_convention_says(run: Run, tmp_path: Path) -> None:
    madr, nygard = tmp_path / "m", tmp_path / "n"
    for root, conv in ((madr, "madr"), (nygard, "nygard")):
        root.mkdir()
        assert run("init", "--convention", conv, cwd=root).code == 0
        assert run("new", "X", cwd=root).code == 0
        later = cli_env(ARCHLOG_TODAY="2026-03-01")
        assert run("accept", "2", cwd=root, env=later).code == 0
    assert _records(run, madr)["2"]["date"] == "2026-03-01"  # MADR: date = last update
    assert _records(run, nygard)["2"]["date"] == "2026-01-15"  # adr-tools: date = creation
    (nygard / ".archlog.toml").write_text("date_on_status_change = true\n")
    assert run("deprecate", "2", cwd=nygard, env=cli_env(ARCHLOG_TODAY="2026-04-01")).code == 0
    assert _records(run, nygard)["2"]["date"] == "2026-04-01"
