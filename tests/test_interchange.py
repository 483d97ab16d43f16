"""`archlog export` (archlog JSON, JSON-ADR, CSV) validated against their schemas on every
corpus, and `archlog import` back into a folder, renumbering on collisions."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from archlog.features.export import schema_path
from tests.conftest import CORPORA, FIXTURES, Run, corpus, corpus_cases

JSON_ADR = json.loads((FIXTURES / "schemas" / "json-adr-v1.json").read_text())
ARCHLOG = json.loads(schema_path().read_text())


def _validate(schema: dict[str, Any], data: object) -> None:
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_the_schemas_are_valid_schemas() -> None:
    Draft202012Validator.check_schema(JSON_ADR)
    Draft202012Validator.check_schema(ARCHLOG)
    docs_copy = (
        Path(__file__).resolve().parent.parent / "docs" / "schemas" / "archlog-export-1.json"
    )
    assert json.loads(docs_copy.read_text()) == ARCHLOG


@pytest.mark.parametrize("name", corpus_cases())
def test_exports_of_every_corpus_are_valid(run: Run, name: str) -> None:
    folder = str(CORPORA / name)
    own = run("export", "--dir", folder)
    assert own.code == 0, own.err
    data = json.loads(own.out)
    _validate(ARCHLOG, data)
    listed = json.loads(run("list", "--format", "json", "--dir", folder).out)
    assert [{k: r[k] for k in listed[0]} for r in data["records"]] == listed
    adr = run("export", "--format", "jsonadr", "--dir", folder)
    assert adr.code == 0, adr.err
    bulk = json.loads(adr.out)
    _validate(JSON_ADR, bulk)
    assert len(bulk["adrs"]) == len(listed)
    numbers = [a["number"] for a in bulk["adrs"]]
    assert all(n >= 1 for n in numbers)


def test_the_harness_rejects_an_invalid_json_adr() -> None:
    from jsonschema import ValidationError

    with pytest.raises(ValidationError):
        Draft202012Validator(JSON_ADR).validate({"version": "1.0.0", "adrs": [{"number": 1}]})


def test_csv_export_has_a_row_per_record(run: Run) -> None:
    folder = str(corpus("npryce__adr-tools"))
    result = run("export", "--format", "csv", "--dir", folder)
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert len(rows) == 9 and rows[0]["title"] == "Record architecture decisions"


def test_import_json_adr_renumbers_collisions_and_keeps_links(run: Run, tmp_path: Path) -> None:
    assert run("init", "--convention", "nygard").code == 0
    assert run("new", "Existing two").code == 0
    source = tmp_path / "in.json"
    source.write_text(
        json.dumps(
            {
                "version": "1.0.0",
                "adrs": [
                    {
                        "number": 2,
                        "title": "Use gRPC",
                        "status": "accepted",
                        "date": "2025-01-02",
                        "context": "Services talk a lot.",
                        "decision": "We use gRPC.",
                        "consequences": ["Faster calls", "A schema to keep"],
                        "custom_sections": {"Notes": "Benchmarks in the wiki."},
                    },
                    {
                        "number": 3,
                        "title": "Use REST at the edge",
                        "status": "proposed",
                        "date": "2025-02-03",
                        "deciders": ["Ana", "Bo"],
                        "links": [{"type": "amends", "target": 2}],
                    },
                ],
            }
        )
    )
    dry = run("import", str(source))
    assert dry.code == 0, dry.err
    assert "import 3 (was 2)" in dry.err and "import 4 (was 3)" in dry.err
    assert not (tmp_path / "doc/adr/0003-use-grpc.md").exists()
    done = run("import", str(source), "--apply")
    assert done.code == 0, done.err
    records = {r["number"]: r for r in json.loads(run("list", "--format", "json").out)}
    assert records[2]["title"] == "Existing two"
    assert records[3]["title"] == "Use gRPC" and records[3]["status"] == "accepted"
    assert records[3]["date"] == "2025-01-02"
    assert records[4]["deciders"] == ["Ana", "Bo"]
    assert records[4]["relations"] == [{"type": "amends", "target": 3}]
    text = (tmp_path / "doc/adr/0003-use-grpc.md").read_text()
    assert "## Context\n\nServices talk a lot.\n" in text
    assert "* Faster calls\n* A schema to keep" in text and "## Notes" in text


def test_archlog_export_imports_into_another_convention(run: Run, tmp_path: Path) -> None:
    exported = tmp_path / "all.json"
    folder = str(corpus("npryce__adr-tools"))
    assert run("export", "--dir", folder, "--output", str(exported)).code == 0
    target = tmp_path / "m"
    target.mkdir()
    assert run("init", "--convention", "madr", cwd=target).code == 0
    result = run("import", str(exported), "--apply", cwd=target)
    assert result.code == 0, result.err
    records = json.loads(run("list", "--format", "json", cwd=target).out)
    titles = [r["title"] for r in records]
    assert len(records) == 10 and titles[1] == "Record architecture decisions"
    by_title = {r["title"]: r for r in records}
    original = {
        r["title"]: r for r in json.loads(run("list", "--format", "json", "--dir", folder).out)
    }
    assert by_title["Help scripts"]["status"] == original["Help scripts"]["status"]


def test_bad_import_files_are_one_line_errors(run: Run, tmp_path: Path) -> None:
    assert run("init").code == 0
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = run("import", str(bad))
    assert result.code == 2 and "bad.json" in result.err and result.err.count("\n") == 1
    bad.write_text(json.dumps({"version": "1.0.0", "adrs": [{"number": 1}]}))
    result = run("import", str(bad))
    assert result.code == 2 and "has no title" in result.err


def test_export_from_the_cache_equals_a_fresh_export(run: Run, tmp_path: Path) -> None:
    from tests.conftest import cli_env

    folder = str(corpus("ministryofjustice__modernisation-platform"))
    env = cli_env(ARCHLOG_CACHE_DIR=str(tmp_path / "cache"))
    first = run("export", "--dir", folder, env=env).out
    cached = run("export", "--dir", folder, env=env).out
    fresh = run("export", "--dir", folder, env={**env, "ARCHLOG_NO_CACHE": "1"}).out
    assert first == cached == fresh
    assert json.loads(cached)["records"][0]["sections"]
