"""`folders = [...]` (a monorepo): `list`, `lint`, `export`, `graph` and `index` work across
every configured folder, each record's folder shown; `new` and the other one-folder commands
take `--folder NAME`; the configuration's folders are checked."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from archlog.api import Repository, open_folders
from tests.conftest import ROOT, Run

BILLING, SEARCH = "services/billing/doc/adr", "services/search/docs/decisions"


@pytest.fixture
def monorepo(run: Run, tmp_path: Path) -> Path:
    (tmp_path / ".archlog.toml").write_text(f'folders = ["{BILLING}", "{SEARCH}"]\n')
    assert run("init", BILLING, "--date", "2024-01-10").code == 0
    assert run("init", SEARCH, "--convention", "madr", "--date", "2024-02-01").code == 0
    return tmp_path


@pytest.mark.usefixtures("monorepo")
def test_new_asks_which_folder_and_takes_the_one_named(run: Run) -> None:
    asked = run("new", "Use queues")
    assert asked.code == 2
    assert asked.err == (
        f"archlog: error: several ADR folders are configured ({BILLING}, {SEARCH}); "
        "choose one with --folder\n"
    )
    made = run("new", "--folder", "billing", "Use queues", "--date", "2024-03-01")
    assert made.code == 0 and made.out == f"{BILLING}/0002-use-queues.md\n", made.err
    made = run("new", "--folder", SEARCH, "Use OpenSearch", "--date", "2024-03-02")
    assert made.out == f"{SEARCH}/0002-use-opensearch.md\n", made.err
    unknown = run("new", "--folder", "payments", "X")
    assert (
        unknown.code == 2 and "--folder 'payments' is none of the configured folders" in unknown.err
    )
    both = run("new", "--folder", "services", "X")
    assert both.code == 2 and "--folder 'services' names several configured folders" in both.err
    assert run("new", "--dir", BILLING, "--folder", "billing", "X").code == 2


def test_list_shows_every_folders_records_with_their_folder(run: Run, monorepo: Path) -> None:
    assert run("new", "--folder", "billing", "Use queues", "--date", "2024-03-01").code == 0
    piped = run("list")  # piped: a tab-separated line per record, no header
    assert piped.code == 0, piped.err
    assert piped.out.splitlines() == [
        f"{BILLING}\t0001\taccepted\t2024-01-10\tRecord architecture decisions",
        f"{BILLING}\t0002\tproposed\t2024-03-01\tUse queues",
        f"{SEARCH}\t0001\taccepted\t2024-02-01\tRecord architecture decisions",
    ]
    from archlog.api import format_folders, open_folders

    repos = open_folders(cwd=monorepo)
    table = format_folders([(r, r.records) for r in repos], "table", width=120)
    assert table.splitlines() == [
        "FOLDER                          ID    STATUS    DATE        TITLE",
        f"{BILLING}        0001  accepted  2024-01-10  Record architecture decisions",
        f"{BILLING}        0002  proposed  2024-03-01  Use queues",
        f"{SEARCH}  0001  accepted  2024-02-01  Record architecture decisions",
    ]
    listed = json.loads(run("list", "--format", "json", "--status", "proposed").out)
    assert [(r["folder"], r["id"], r["path"]) for r in listed] == [
        (BILLING, "0002", "0002-use-queues.md")
    ]
    rows = list(csv.DictReader(io.StringIO(run("list", "--format", "csv").out)))
    assert [(r["folder"], r["id"]) for r in rows] == [
        (BILLING, "0001"),
        (BILLING, "0002"),
        (SEARCH, "0001"),
    ]
    one = run("list", "--folder", "search")  # one folder: as --dir would list it
    assert one.out.splitlines()[0].split("\t")[:2] == ["0001", "accepted"]  # no FOLDER


def test_lint_checks_every_folder_in_one_report(run: Run, monorepo: Path) -> None:
    (monorepo / SEARCH / "0002-use-opensearch.md").write_text(
        "---\nstatus: accepted\ndate: last spring\n---\n\n# Use OpenSearch\n"
    )
    result = run("lint", "--format", "json")
    assert result.code == 1, result.err  # an error in one folder fails the whole
    report = json.loads(result.out)
    assert report["summary"]["records"] == 3
    failing = {(f["path"], f["rule"]) for f in report["findings"] if f["severity"] == "error"}
    assert (f"{SEARCH}/0002-use-opensearch.md", "ADR005") in failing
    assert run("lint", "--folder", "billing").code == 0


def test_export_holds_every_folder_and_import_refuses_it(run: Run, monorepo: Path) -> None:
    from jsonschema import Draft202012Validator

    out = monorepo / "all.json"
    assert run("export", "--output", str(out)).code == 0
    data = json.loads(out.read_text())
    schema = json.loads((ROOT / "docs" / "schemas" / "archlog-export-1.json").read_text())
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    assert data["convention"] == "mixed"
    assert data["folders"] == [
        {"folder": BILLING, "convention": "nygard"},
        {"folder": SEARCH, "convention": "madr"},
    ]
    assert [(r["folder"], r["path"]) for r in data["records"]] == [
        (BILLING, "0001-record-architecture-decisions.md"),
        (SEARCH, "0001-record-architecture-decisions.md"),
    ]
    refused = run("import", str(out), "--folder", "billing")
    assert refused.code == 2 and "holds the records of several folders" in refused.err
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").out)))
    assert [r["folder"] for r in rows] == [BILLING, SEARCH]
    jsonadr = run("export", "--format", "jsonadr")
    assert jsonadr.code == 2 and "JSON-ADR holds one folder's records" in jsonadr.err
    one = json.loads(run("export", "--format", "jsonadr", "--folder", "search").out)
    assert [a["title"] for a in one["adrs"]] == ["Record architecture decisions"]


@pytest.mark.usefixtures("monorepo")
def test_graph_draws_each_folder_as_a_subgraph(run: Run) -> None:
    assert run("new", "--folder", "billing", "Use queues", "--supersedes", "1").code == 0
    mermaid = run("graph").out.splitlines()
    assert mermaid[:2] == ["graph TD", f'  subgraph f0["{BILLING}"]']
    assert (
        "  f0_adr_0002_use_queues -->|supersedes| f0_adr_0001_record_architecture_decisions"
        in mermaid
    )
    assert f'  subgraph f1["{SEARCH}"]' in mermaid
    dot = run("graph", "--format", "dot").out
    assert f'subgraph cluster_0 {{\n    label="{BILLING}";' in dot
    assert f'subgraph cluster_1 {{\n    label="{SEARCH}";' in dot


def test_index_keeps_every_folders_readme(run: Run, monorepo: Path) -> None:
    assert run("index", "--check").code == 0
    assert run("new", "--folder", "search", "Use OpenSearch", "--date", "2024-03-02").code == 0
    stale = run("index", "--check")
    assert stale.code == 1 and f"{SEARCH}/README.md: the index is stale" in stale.err
    assert f"{BILLING}/README.md: the index is current" in stale.err
    assert run("index").code == 0
    assert "0002-use-opensearch.md" in (monorepo / SEARCH / "README.md").read_text()
    assert run("index", "--check").code == 0


@pytest.mark.usefixtures("monorepo")
def test_one_folder_commands_take_folder(run: Run) -> None:
    asked = run("show", "1")
    assert asked.code == 2 and "choose one with --folder" in asked.err
    assert run("new", "--folder", "search", "Use OpenSearch", "--date", "2024-03-02").code == 0
    assert run("accept", "2", "--folder", "search").code == 0
    shown = run("show", "2", "--folder", "search", "--raw")
    assert shown.out.startswith("---\nstatus: accepted")


def test_the_api_opens_every_configured_folder(
    monorepo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(monorepo)
    repos = open_folders()
    assert [(r.name, r.folder) for r in repos] == [
        (BILLING, monorepo / BILLING),
        (SEARCH, monorepo / SEARCH),
    ]
    assert Repository.open(folder="search").folder == monorepo / SEARCH
    assert open_folders(folder="billing")[0].name == BILLING


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            '"../elsewhere"',
            "folders[1] = '../elsewhere' leads outside the repository ({root}); paths in the "
            "configuration must stay inside it",
        ),
        ("3", "folders: each entry is a folder's path, not 3"),
    ],
)
def test_a_bad_folders_entry_is_a_configuration_error(
    run: Run, tmp_path: Path, entry: str, message: str
) -> None:
    (tmp_path / ".archlog.toml").write_text(f'folders = ["doc/adr", {entry}]\n')
    (tmp_path / "doc" / "adr").mkdir(parents=True)
    result = run("list")
    assert (
        result.code == 2
        and result.err
        == f"archlog: error: {tmp_path}/.archlog.toml: {message.format(root=tmp_path)}\n"
    )
