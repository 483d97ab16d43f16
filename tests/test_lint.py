"""`archlog lint`: every rule fails its failing example and passes its passing one; outputs
(text, JSON, GitHub annotations, SARIF valid against the SARIF 2.1.0 schema); settings and
per-file disabling; --fix; the corpora; speed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from archlog.features.lint.findings import Rule
from archlog.features.lint.rule_catalog import RULES
from tests.conftest import CORPORA, FIXTURES, ROOT, Run, best_times, corpus_cases

#: The SARIF 2.1.0 JSON schema; where it comes from: tests/fixtures/schemas/SOURCES.md.
SARIF_SCHEMA = FIXTURES / "schemas" / "sarif-2.1.0.json"


def materialise(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def lint_json(run: Run, cwd: Path, *args: str) -> tuple[int, list[dict[str, Any]]]:
    result = run("lint", "--format", "json", *args, cwd=cwd)
    assert result.code in (0, 1), result.err
    return result.code, json.loads(result.out)["findings"]


@pytest.mark.parametrize("rule", [r for r in RULES if not r.git], ids=lambda r: r.id)
def test_rule_fails_its_bad_example_and_passes_its_good_one(
    run: Run, tmp_path: Path, rule: Rule
) -> None:
    bad, good = tmp_path / "bad", tmp_path / "good"
    materialise(bad, rule.bad)
    materialise(good, rule.good)
    _, found = lint_json(run, bad, "--rule", rule.id)
    assert [f["rule"] for f in found] and {f["rule"] for f in found} == {rule.id}, found
    assert all(f["severity"] == rule.severity for f in found)
    _, clean = lint_json(run, good, "--rule", rule.id)
    assert clean == [], clean


def test_every_rule_has_docs_and_examples() -> None:
    text = (ROOT / "docs" / "lint.md").read_text()
    ids = [r.id for r in RULES]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    for rule in RULES:
        assert f"### {rule.id} {rule.name}" in text
        assert rule.doc and rule.summary
        assert rule.git or (rule.bad and rule.good)


def test_text_output_exit_codes_and_strict(run: Run, tmp_path: Path) -> None:
    materialise(
        tmp_path,
        dict(
            [
                (
                    "doc/adr/0001-use-queues.md",
                    "# 1. Use queues\n\nDate: 2024-01-10\n\n## Status\n\n"
                    "Maybe later\n\n## Context\n\nX\n\n## Decision\n\nY\n\n## Consequences\n\nHarder.\n",
                ),
            ]
        ),
    )
    result = run("lint")
    assert result.code == 0, result.err  # a warning does not fail …
    assert "doc/adr/0001-use-queues.md:7:1: ADR003 warning status 'Maybe later'" in result.out
    assert result.out.rstrip().endswith(
        "0 errors, 1 warnings, 1 infos in 1 files (1 records checked)"
    )
    assert run("lint", "--strict").code == 1  # … unless strict
    (tmp_path / ".archlog.toml").write_text('[lint]\nseverity = { ADR003 = "error" }\n')
    assert run("lint").code == 1
    (tmp_path / ".archlog.toml").write_text('[lint]\ndisable = ["status-unknown", "ADR020"]\n')
    quiet = run("lint", "--strict")
    assert quiet.code == 0 and "0 errors, 0 warnings, 0 infos" in quiet.out
    (tmp_path / ".archlog.toml").write_text('[lint]\nseverity = { ADR999 = "error" }\n')
    bad = run("lint")
    assert bad.code == 2 and "unknown lint rule 'ADR999'" in bad.err and ".archlog.toml" in bad.err


def test_a_file_can_disable_rules(run: Run, tmp_path: Path) -> None:
    name = "doc/adr/0001-use-queues.md"
    text = "# 1. Use queues\n\nDate: 2024-01-10\n\n## Status\n\nMaybe later\n\n## Context\n\nTODO\n"
    materialise(tmp_path, {name: text})
    _, found = lint_json(run, tmp_path)
    assert {"ADR003", "ADR016"} <= {f["rule"] for f in found}
    (tmp_path / name).write_text(text + "\n<!-- archlog: disable=ADR003, ADR016 -->\n")
    _, found = lint_json(run, tmp_path)
    assert not {"ADR003", "ADR016"} & {f["rule"] for f in found}


def test_github_annotations_are_exact(run: Run, tmp_path: Path) -> None:
    materialise(
        tmp_path, dict([("doc/adr/0001-use-queues.md", "# 1. Use queues\n\nDate: 2024-01-10\n")])
    )
    result = run("lint", "--format", "github", "--rule", "ADR002")
    assert result.code == 1
    assert result.out == (
        "::error file=doc/adr/0001-use-queues.md,line=1,col=1,title=ADR002 status-missing::"
        "no status\n"
    )


def test_sarif_is_valid_sarif_2_1_0(run: Run, tmp_path: Path) -> None:
    from jsonschema import Draft202012Validator

    raw = SARIF_SCHEMA.read_bytes()
    noted = (SARIF_SCHEMA.parent / "SOURCES.md").read_text()
    assert f"`{hashlib.sha256(raw).hexdigest()}`" in noted, "the schema is not the one noted"
    schema = json.loads(raw)
    materialise(
        tmp_path,
        dict(
            [
                (
                    "doc/adr/0001-use-queues.md",
                    "# 1. Use queues\n\nDate: someday\n\n## Status\n\nNope\n",
                ),
            ]
        ),
    )
    result = run("lint", "--format", "sarif")
    data = json.loads(result.out)
    validator = Draft202012Validator(schema)
    errors = list(validator.iter_errors(data))
    assert not errors, [e.message for e in errors[:3]]
    results = data["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"ADR003", "ADR005"}
    bad = dict(data, version="9.9")  # the harness can fail
    assert list(validator.iter_errors(bad))


def test_fix_repairs_what_is_safe(run: Run, tmp_path: Path) -> None:
    materialise(
        tmp_path,
        dict(
            [
                (
                    "doc/adr/0001-use-queues.md",
                    "# 1. Use queues\n\nDate: 14 July 2017\n\n## Status\n\n"
                    "superseded by [2. Use streams](0002-streams.md)\n\n## Context\n\nX\n",
                ),
                (
                    "doc/adr/0002-streams.md",
                    "# 2. Use streams\n\nDate: 2017-07-20\n\n## Status\n\n"
                    "accepted\n\n## Context\n\nY\n",
                ),
                (
                    "doc/adr/README.md",
                    "# ADRs\n\n<!-- archlog:index:start -->\n<!-- archlog:index:end -->\n",
                ),
            ]
        ),
    )
    folder = tmp_path / "doc" / "adr"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    dry = run("lint", "--fix", "--dry-run")
    assert "+Date: 2017-07-14" in dry.out and "+Supersedes [1. Use queues]" in dry.out
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    done = run("lint", "--fix")
    assert "fixed: " in done.err, done.err
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["0001-use-queues.md", "0002-streams.md", "README.md"]  # never renamed
    first = (folder / "0001-use-queues.md").read_text()
    assert "Date: 2017-07-14" in first and "(0002-streams.md)" in first
    second = (folder / "0002-streams.md").read_text()
    assert "Supersedes [1. Use queues](0001-use-queues.md)" in second
    _, left = lint_json(run, tmp_path)
    assert not {"ADR012", "ADR015", "ADR025"} & {f["rule"] for f in left}, left
    assert [f["path"] for f in left if f["rule"] == "ADR009"] == ["doc/adr/0002-streams.md"]


@pytest.mark.parametrize("corpus", corpus_cases())
def test_corpora_lint_without_crashing(run: Run, corpus: str) -> None:
    result = run("lint", "--format", "json", "--dir", str(CORPORA / corpus))
    assert result.code in (0, 1), result.err
    data = json.loads(result.out)
    assert data["summary"]["records"] > 0


def test_lint_on_a_large_folder_is_within_three_times_list(generated_folder: Path) -> None:
    where = ("--dir", str(generated_folder))
    best_times(("list", *where), ("lint", *where), runs=1)  # fill the caches
    lint, listing = best_times(("lint", *where), ("list", "--format", "json", *where))
    assert lint < 3 * listing


@pytest.mark.parametrize(
    "convention",
    ["nygard", "madr", "madr2", "index-table", "header-fields", "detailed", "log", "sub-numbered"],
)
def test_a_new_folder_lints_clean(run: Run, tmp_path: Path, convention: str) -> None:
    """`init` writes a first record with real text (no template placeholders) and an index
    exactly as `archlog index` would."""
    assert run("init", "--convention", convention).code == 0
    code, found = lint_json(run, tmp_path, "--strict")
    assert code == 0 and [f for f in found if f["severity"] != "info"] == [], found
    if convention != "log":
        assert run("index", "--check").code == 0


def test_fix_writes_the_missing_side_of_a_custom_pair(run: Run, tmp_path: Path) -> None:
    body = "## Context\n\nX.\n\n## Decision\n\nY.\n\n## Consequences\n\nHarder.\n"
    materialise(
        tmp_path,
        {
            "doc/adr/0001-base.md": f"# 1. Base\n\nDate: 2024-01-10\n\n## Status\n\nAccepted\n\n{body}",
            "doc/adr/0002-more.md": f"# 2. More\n\nDate: 2024-01-11\n\n## Status\n\nAccepted\n\n"
            f"Extends [1. Base](0001-base.md)\n\n{body}",
            ".archlog.toml": '[relations]\nextends = "extended-by"\n',
        },
    )
    _, found = lint_json(run, tmp_path, "--rule", "ADR012")
    assert [f["path"] for f in found] == ["doc/adr/0002-more.md"]
    assert run("lint", "--fix", "--rule", "ADR012").code == 0
    assert "Extended by [2. More](0002-more.md)" in (tmp_path / "doc/adr/0001-base.md").read_text()
    assert lint_json(run, tmp_path, "--rule", "ADR012")[1] == []
