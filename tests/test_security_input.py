"""Hostile values in file names, configuration, templates and import files: one-line errors
naming the file, never a traceback, nothing half written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import Run, cli_env

RECORD = (
    "# {n}. Decision {n}\n\nDate: 2024-05-0{n}\n\n## Status\n\nAccepted\n\n## Context\n\nWhy {n}.\n"
)


def _folder(root: Path, count: int = 2) -> Path:
    folder = root / "doc" / "adr"
    folder.mkdir(parents=True)
    for n in range(1, count + 1):
        (folder / f"{n:04d}-decision-{n}.md").write_text(RECORD.format(n=n))
    (folder / "README.md").write_text("<!-- archlog:index:start -->\n<!-- archlog:index:end -->\n")
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    "argv",
    [["list", "--format", "json"], ["lint"], ["export"], ["index"], ["list", "--format", "csv"]],
)
def test_a_file_name_that_is_not_utf8_is_skipped_and_named(tmp_path: Path, argv: list[str]) -> None:
    folder = _folder(tmp_path)
    latin1 = os.fsdecode(b"0003-caf\xe9.md")  # Latin-1 e-acute: not UTF-8
    (folder / latin1).write_text(RECORD.format(n=3))
    proc = subprocess.run(
        [sys.executable, "-m", "archlog", *argv],
        cwd=tmp_path,
        capture_output=True,
        env=cli_env(),
        timeout=120,
    )
    err = proc.stderr.decode("utf-8")  # both streams are valid UTF-8
    out = proc.stdout.decode("utf-8")
    assert proc.returncode in (0, 1), err
    assert "Traceback" not in err
    assert "0003-caf\\xe9.md: the file name is not UTF-8; skipped (rename it)" in err
    if argv[-1] == "json":
        assert [r["number"] for r in json.loads(out)] == [1, 2]


@pytest.mark.parametrize(
    ("config", "argv", "message"),
    [
        (
            '[site]\nedit_url = "https://x.invalid/{0}"\n',
            ["site", "build"],
            "site.edit_url may hold only the placeholder {path}",
        ),
        (
            '[site]\nedit_url = "javascript:alert(1)//{path}"\n',
            ["site", "build"],
            "site.edit_url must be an http(s) or relative URL",
        ),
        (
            '[[site.issues]]\npattern = "("\nurl = "https://x.invalid/{1}"\n',
            ["site", "build"],
            "site.issues[0].pattern is not a regular expression",
        ),
        (
            '[[site.issues]]\npattern = "#(\\\\d+)"\nurl = "https://x.invalid/{5}"\n',
            ["site", "build"],
            "site.issues[0].url",
        ),
        (
            '[[site.issues]]\npattern = "#(\\\\d+)"\nurl = "javascript:go({1})"\n',
            ["site", "build"],
            "site.issues[0].url must be an http(s) or relative URL",
        ),
        ("[lint]\ndisable = 5\n", ["lint"], "lint.disable must be a list of rule ids or names"),
        ('[lint]\nseverity = "error"\n', ["lint"], "lint.severity must be a table"),
        ("[index]\ncolumns = 5\n", ["index"], "index.columns must be a list of column names"),
        ("[site]\ntitle = 5\n", ["site", "build"], "site.title must be text"),
    ],
)
def test_bad_configuration_values_are_errors_naming_file_and_key(
    run: Run, tmp_path: Path, config: str, argv: list[str], message: str
) -> None:
    folder = _folder(tmp_path)
    (tmp_path / ".archlog.toml").write_text(config)
    before = _snapshot(folder)
    result = run(*argv)
    assert result.code == 2, result
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert ".archlog.toml: " in result.err and message in result.err
    assert _snapshot(folder) == before


def test_a_link_made_from_record_text_is_http_or_relative_only(run: Run, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (tmp_path / ".archlog.toml").write_text(
        '[[site.issues]]\npattern = "see:(\\\\S+)"\nurl = "{1}"\n'
    )
    (folder / "0002-decision-2.md").write_text(
        RECORD.format(n=2) + "\nsee:javascript:alert(1) and see:https://x.invalid/7\n"
    )
    assert run("site", "build", "--out", str(tmp_path / "site")).code == 0
    page = (tmp_path / "site" / "adr" / "0002-decision-2.html").read_text()
    assert 'href="https://x.invalid/7"' in page
    assert "javascript:alert(1)" in page and 'href="javascript:' not in page


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            "# {{ heading }}\n{% include 'other.md' %}\n",
            "template.md:2: template refused: a template may not use {% include %}",
        ),
        ("{% import 'x.md' as x %}\n", "a template may not use {% import %}"),
        ("{% extends 'base.md' %}\n", "a template may not use {% extends %}"),
        (
            "# {{ heading }}\n{% for i in range(10**9) %}.{% endfor %}\n",
            "a number passed on is larger than 100,000",
        ),
        (
            "{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}{% endfor %}",
            "takes more than",
        ),
        ("{{ 'x' * 10**9 }}", "it makes a value longer than"),
        ("{{ 'x' | center(10**9) }}", "a number passed on is larger than"),
        (
            "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
            "template error: it calls itself too deeply",
        ),
    ],
)
def test_a_repository_template_is_bounded(
    run: Run, tmp_path: Path, template: str, message: str
) -> None:
    folder = _folder(tmp_path)
    (folder / "templates").mkdir()
    (folder / "templates" / "template.md").write_text(template)
    before = _snapshot(folder)
    start = time.perf_counter()
    result = run("new", "Third")
    assert time.perf_counter() - start < 30
    assert result.code == 2, result
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert message in result.err and "template.md" in result.err
    assert _snapshot(folder) == before


def test_a_template_is_rendered_before_the_lock_is_taken(run: Run, tmp_path: Path) -> None:
    from archlog.infra.locks import folder_lock

    folder = _folder(tmp_path)
    (folder / "templates").mkdir()
    (folder / "templates" / "template.md").write_text("{% include 'x' %}")
    env = cli_env(ARCHLOG_LOCK_TIMEOUT="3")
    with folder_lock(folder):  # another edit holds the folder: the template fails anyway
        start = time.perf_counter()
        result = run("new", "Third", env=env)
        assert time.perf_counter() - start < 2.5
    assert result.code == 2 and "may not use {% include %}" in result.err


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (
            '{"version": "1.0.0", "adrs": [{"number": ' + "9" * 5000 + ', "title": "T"}]}',
            "not valid JSON",
        ),
        (
            '{"version": "1.0.0", "adrs": [{"number": 99999999999999, "title": "T"}]}',
            "not a positive integer up to 1,000,000,000",
        ),
        ("[" * 100_000 + "]" * 100_000, "not valid JSON (nested too deeply)"),
        ('{"version": "1.0.0", "adr": 5}', "expected a list of records"),
        (
            '{"version": "1.0.0", "adrs": [{"title": "T\\n\\n## Status\\n\\nRejected"}]}',
            "the title must be one line",
        ),
        (
            '{"version": "1.0.0", "adrs": [{"title": "T", "deciders": ["A\\nB"]}]}',
            "deciders must be one line",
        ),
        (
            '{"version": "1.0.0", "adrs": [{"title": "T", "links": [{"type": "x", "target": "'
            + "9" * 5000
            + '"}]}]}',
            "a link's target is not a positive integer",
        ),
        (
            '{"version": "1.0.0", "adrs": [{"title": "T", "custom_sections": {"H\\n# X": "b"}}]}',
            "a section's heading must be one line",
        ),
        (
            '{"format": "archlog", "records": [{"title": "T", "sections": [{"heading": "H", "level": "9"}]}]}',
            "a section's level is not 1 to 6",
        ),
        (
            '{"format": "archlog", "records": [{"title": "T", "relations": [{"type": "x", "target": {}}]}]}',
            "a relation's target is not text",
        ),
        ('{"version": "1.0.0", "adrs": [{"title": "T\\u0000"}]}', "without control characters"),
    ],
)
def test_hostile_import_files_are_one_line_errors(
    run: Run, tmp_path: Path, payload: str, message: str
) -> None:
    folder = _folder(tmp_path)
    before = _snapshot(folder)
    source = tmp_path / "hostile.json"
    source.write_text(payload)
    result = run("import", str(source))
    assert result.code == 2, result
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert "hostile.json: " in result.err and message in result.err
    assert _snapshot(folder) == before
