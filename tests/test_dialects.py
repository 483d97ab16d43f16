"""The dialects of the wild, one small folder each (tests/fixtures/dialects/NAME, our own
text): what ``list`` reads of every record, what ``lint`` says of the odd ones, what ``new``
writes (in the folder's own style, numbered one past the highest ``list`` shows), and the
status, supersede and link edits written in place."""

from __future__ import annotations

import difflib
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from archlog.api import Repository
from archlog.conventions.vocabulary import field_of
from archlog.model import Record, id_prefix
from tests.conftest import FIXTURES, Run
from tests.leave_one_out import skeleton

DIALECTS = FIXTURES / "dialects"

#: A record as ``list`` shows it: (id, number, title, status, date, area, relations).
Row = tuple[str, "int | None", str, str, "str | None", "str | None", list[tuple[str, Any]]]

_: None = None  # no value: no date, no area, no number

#: Every record of every fixture folder, in ``list``'s order, written by reading the files.
EXPECTED: dict[str, list[Row]] = {
    # ---- layouts: sub-folders by area (numbers restarting in each) and by year
    "areas": [
        ("payments/0001", 1, "Keep a ledger", "accepted", "2023-02-01", "payments", []),
        (
            "payments/0002",
            2,
            "Round half to even",
            "superseded",
            "2023-03-14",
            "payments",
            [("superseded-by", "0003")],
        ),
        (
            "0003",
            3,
            "Round in cents only",
            "accepted",
            "2023-06-30",
            "payments",
            [("supersedes", "payments/0002")],
        ),
        ("search/0001", 1, "Rank with BM25", "accepted", "2023-04-02", "search", []),
        ("search/0002", 2, "Cache hot queries", "proposed", "2023-05-20", "search", []),
    ],
    "years": [
        ("0001", 1, "Bake at night", "accepted", "2023-01-09", "2023", []),
        ("0002", 2, "Sell day-old bread", "rejected", "2023-08-21", "2023", []),
        ("0003", 3, "Order flour weekly", "proposed", "2024-02-05", "2024", []),
    ],
    # ---- one folder per record
    "dated-folders": [
        (
            "2023-04-01-use-sourdough-starter",
            _,
            "Use a sourdough starter",
            "accepted",
            "2023-04-01",
            _,
            [],
        ),
        ("2023-09-12-close-on-mondays", _, "Close on Mondays", "accepted", "2023-09-12", _, []),
        (
            "2024-01-30-print-receipts-on-request",
            _,
            "Print receipts on request",
            "proposed",
            "2024-01-30",
            _,
            [],
        ),
    ],
    "numbered-folders": [
        ("0006", 6, "Weigh dough by hand", "accepted", "2022-11-03", _, []),
        ("0007", 7, "Use a proofing cabinet", "proposed", "2023-02-17", _, []),
    ],
    # ---- single-file logs: ## and ### entries, any id form, templates not counted
    "log-decisions": [
        ("ADR-001", 1, "Take orders by phone only", "accepted", "2022-05-02", _, []),
        (
            "ADR-002",
            2,
            "Add an order form on the website",
            "accepted",
            "2022-10-18",
            _,
            [("supersedes", 1)],
        ),
    ],
    "log-dated": [  # the date in the heading; REJECTED and the trailing template are not entries
        ("ADR-5", 5, "Keep the recipe book in git", "accepted", "2025-03-02", _, []),
        ("ADR-6", 6, "Publish allergens next to each product", "accepted", "2025-06-17", _, []),
        ("ADR-7", 7, "Print labels with the bake time", "proposed", "2025-12-09", _, []),
    ],
    "log-area-ids": [  # numbers restart per id prefix
        ("ADR-PAY-001", 1, "Accept card payments at the counter", "accepted", "2024-02-11", _, []),
        ("ADR-PAY-002", 2, "Stop taking cheques", "accepted", "2024-03-05", _, []),
        ("ADR-WEB-001", 1, "Host the website on a static host", "proposed", "2024-04-22", _, []),
    ],
    "log-short": [
        ("D-1", 1, "Open at seven", "accepted", "2021-09-01", _, []),
        ("D-2", 2, "Sell whole loaves only", "superseded", "2021-09-01", _, [("superseded-by", 3)]),
        ("D-3", 3, "Slice loaves on request", "accepted", "2022-01-12", _, []),
    ],
    "log-yearly": [  # numbered within the year: the id names the record
        (
            "DEC-2024-01",
            _,
            "Buy flour from the mill in the valley",
            "accepted",
            "2024-01-15",
            _,
            [],
        ),
        ("DEC-2024-02", _, "Pay suppliers monthly", "accepted", "2024-03-01", _, []),
        (
            "DEC-2025-01",
            _,
            "Pay suppliers on delivery",
            "accepted",
            "2025-02-10",
            _,
            [("supersedes", "DEC-2024-02")],
        ),
    ],
    # ---- identifiers: any prefix before the number
    "prefix-app": [
        ("xy-app-001", 1, "Use a queue for orders", "accepted", "2024-05-02", _, []),
        ("xy-app-002", 2, "Show orders by pickup time", "proposed", "2024-06-11", _, []),
    ],
    "prefix-acme": [
        ("ACME-ADR-Billing-0007", 7, "Send invoices by mail", "accepted", "2023-10-01", _, []),
        ("ACME-ADR-Billing-0008", 8, "Charge late fees", "rejected", "2023-11-20", _, []),
    ],
    "adr-glued": [
        ("adr001", 1, "Keep the menu in one file", "accepted", _, _, []),
        ("adr002", 2, "Translate the menu", "proposed", _, _, []),
    ],
    "adr-underscore": [
        ("ADR0001", 1, "Record decisions", "accepted", "2022-02-02", _, []),
        ("ADR0002", 2, "Label allergens", "accepted", "2022-03-15", _, []),
    ],
    "api-prefix": [
        ("API-001", 1, "Version the order API", "accepted", "2024-01-08", _, []),
        ("API-002", 2, "Page long order lists", "accepted", "2024-02-19", _, [("amends", 1)]),
    ],
    "adr-bare": [  # ADR-12.md: no slug; the metadata table's first row is its header
        ("ADR-11", 11, "Keep a spare mixer", "accepted", "2021-06-30", _, []),
        ("ADR-12", 12, "Service the mixers yearly", "proposed", "2022-01-04", _, []),
    ],
    # ---- titles
    "site-titles": [  # front-matter title, no H1, its "ADR013: " prefix stripped
        ("adr012", 12, "Bake on stone", "accepted", "2024-09-02", _, []),
        ("adr013", 13, "Steam the oven", "proposed", "2024-10-15", _, []),
    ],
    "wrapped-titles": [
        ("0001", 1, "Buy local butter", "accepted", "2023-03-03", _, []),
        ("0002", 2, "List the farms we buy from", "proposed", "2023-04-04", _, []),
    ],
    "untitled": [  # a section heading is never the title
        ("0001", 1, "Use paper bags", "accepted", "2023-01-10", _, []),
        ("0002", 2, "", "proposed", _, _, []),
        ("0003", 3, "", "proposed", _, _, []),
    ],
    # ---- metadata
    "table-meta": [
        ("0001", 1, "Weigh flour in grams", "accepted", "2024-04-09", _, []),
        ("0002", 2, "Keep recipes in baker's percent", "proposed", "2024-05-21", _, []),
    ],
    "preamble-meta": [  # metadata lines before any heading
        ("0001", 1, "Open a second shop", "accepted", "2022-08-08", _, []),
        ("0002", 2, "Share one kitchen", "proposed", "2022-09-19", _, []),
    ],
    "french": [
        ("0001", 1, "Vendre des croissants", "accepted", "2023-02-14", _, []),
        ("0002", 2, "Fermer en août", "proposed", "2023-06-01", _, []),
    ],
    "spanish": [
        ("0001", 1, "Hornear pan integral", "accepted", "2023-05-05", _, []),
        ("0002", 2, "Vender café", "proposed", "2023-07-19", _, []),
    ],
    "german": [
        ("0001", 1, "Roggenbrot mit Sauerteig", "accepted", "2022-11-11", _, []),
        ("0002", 2, "Brezeln am Sonntag", "proposed", "2023-01-08", _, []),
    ],
    "chinese": [
        ("0001", 1, "使用米粉", "accepted", "2024-03-03", _, []),
        ("0002", 2, "中秋节卖月饼", "proposed", "2024-08-01", _, []),
    ],
    "dated-status": [  # "2020-03-25 accepted": the record is dated that day
        ("0001", 1, "Bake bread for the school", "accepted", "2020-03-25", _, []),
        ("0002", 2, "Deliver by bicycle", "proposed", "2020-05-02", _, []),
    ],
    "status-history": [  # the newest line is the status, the first one the date
        ("0001", 1, "Stop the night shift", "accepted", "2021-01-04", _, []),
        ("0002", 2, "Buy a retarder", "deprecated", "2021-02-20", _, []),
    ],
    "wrapped-status": [  # backticks, a blockquote, a ":::note Superseded" admonition
        ("0001", 1, "Sell by weight", "accepted", _, _, []),
        ("0002", 2, "Round prices", "proposed", _, _, []),
        ("0003", 3, "Price per loaf", "superseded", _, _, [("superseded-by", 4)]),
        ("0004", 4, "Price per loaf size", "accepted", _, _, [("supersedes", 3)]),
    ],
    "jekyll": [
        ("0004", 4, "Use a sign by the door", "accepted", "2023-05-09", _, []),
        ("0005", 5, "Paint the shutters", "proposed", "2023-06-12", _, []),
    ],
    # ---- dates
    "date-spellings": [
        ("0001", 1, "Decision 1", "accepted", "2023-04-11", _, []),  # 11-April-2023
        ("0002", 2, "Decision 2", "accepted", "2024-10-22", _, []),  # 22-10-2024
        ("0003", 3, "Decision 3", "accepted", "2024-06-08", _, []),  # 8 Jun 2024
        ("0004", 4, "Decision 4", "accepted", "2023-09-05", _, []),  # Sep 5th, 2023
        ("0005", 5, "Decision 5", "accepted", "2024-10-29", _, []),  # Oct 29, 2024
        ("0006", 6, "Decision 6", "accepted", "2023-09-15", _, []),  # 2023-9-15
        ("0007", 7, "Decision 7", "accepted", "2023-03-12", _, []),  # 2023/03/12
        ("0008", 8, "Decision 8", "accepted", "2023-03-12", _, []),  # 12.03.2023
        ("0009", 9, "Decision 9", "accepted", "2024-03", _, []),  # March 2024: partial
    ],
    "date-problems": [  # insert date, YYYY-MM-DD, {date}, 2023-31-07: no date
        ("0001", 1, "Problem 1", "accepted", _, _, []),
        ("0002", 2, "Problem 2", "accepted", _, _, []),
        ("0003", 3, "Problem 3", "accepted", _, _, []),
        ("0004", 4, "Problem 4", "accepted", _, _, []),
    ],
    "yaml-braces": [  # date: { 2024-06-20 }, status: { accepted }
        ("0001", 1, "Sell seeded rye", "accepted", "2024-06-20", _, []),
        ("0002", 2, "Drop the spelt loaf", "proposed", "2024-07-01", _, []),
    ],
    # ---- templates: known by name and place, never by a substring
    "templates": [
        ("0038", 38, "Print the menu weekly", "accepted", "2024-01-05", _, []),
        ("0039", 39, "Use Jinja as template engine", "accepted", "2024-02-09", _, []),
    ],
    "own-template": [
        ("ADR-001", 1, "Bake in small batches", "accepted", "2024-03-12", _, []),
        ("ADR-002", 2, "Keep a waste log", "proposed", "2024-04-02", _, []),
    ],
}

#: What ``archlog new "Sell gift cards"`` is given besides, per folder.
NEW_OPTIONS = {"areas": ["--area", "search"]}
#: Folders whose newest record is no model for a new one (it has no title).
NOT_A_MODEL = {"untitled"}
#: A Python repr in what a command prints.
REPR = re.compile(r"datetime\.|\{'|\['|\bNone\b|\(\)")


def rows(records: list[dict[str, Any]]) -> list[Row]:
    return [
        (
            r["id"],
            r["number"],
            r["title"],
            r["status"],
            r["date"],
            r["area"],
            [(rel["type"], rel["target"]) for rel in r["relations"]],
        )
        for r in records
    ]


def copy(name: str, tmp_path: Path) -> Path:
    folder = tmp_path / name
    shutil.copytree(DIALECTS / name, folder)
    return folder


def listed(run: Run, folder: Path) -> list[dict[str, Any]]:
    result = run("list", "--dir", str(folder), "--format", "json")
    assert result.code == 0, result.err
    data: list[dict[str, Any]] = json.loads(result.out)
    return data


def test_every_fixture_folder_has_a_table() -> None:
    assert sorted(p.name for p in DIALECTS.iterdir() if p.is_dir()) == sorted(EXPECTED)


# ------------------------------------------------------------------ reading


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_list_reads_every_record(run: Run, name: str) -> None:
    folder = DIALECTS / name
    assert rows(listed(run, folder)) == EXPECTED[name]
    api = [
        (
            r.id,
            r.number,
            r.title,
            r.status,
            r.date,
            r.area,
            [(rel.type, rel.target) for rel in r.relations],
        )
        for r in Repository.open(folder).records
    ]
    assert api == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_output_shows_a_python_repr(run: Run, name: str) -> None:
    folder = str(DIALECTS / name)
    outputs = [run("list", "--dir", folder), run("lint", "--dir", folder)]
    outputs += [run("show", row[0], "--dir", folder) for row in EXPECTED[name]]
    for result in outputs:
        assert not REPR.search(result.out + result.err), result.out + result.err


@pytest.mark.parametrize(
    ("name", "log"),
    [
        ("log-decisions", "DECISIONS.md"),
        ("log-dated", "decision-log.md"),
        ("log-area-ids", "adr-log.md"),
        ("log-short", "ADR.md"),
    ],
)
@pytest.mark.parametrize("place", ["", "docs"])
def test_a_log_is_found_by_its_usual_name(
    run: Run, tmp_path: Path, name: str, log: str, place: str
) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / place).mkdir(exist_ok=True)
    shutil.copy(DIALECTS / name / log, repo / place / log)
    result = run("list", "--format", "json", cwd=repo)
    assert result.code == 0, result.err
    assert rows(json.loads(result.out)) == EXPECTED[name]


def test_a_file_named_like_a_log_but_holding_no_entries_is_not_one(
    run: Run, tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs").mkdir()
    (repo / "docs" / "architecture.md").write_text("# Architecture\n\nThree services.\n")
    result = run("list", cwd=repo)
    assert result.code == 2 and "no ADR folder found" in result.err


# ------------------------------------------------------------------ lint


def findings(run: Run, folder: Path, rule: str) -> list[tuple[str, str]]:
    result = run("lint", "--dir", str(folder), "--format", "json")
    report = json.loads(result.out)
    return sorted(
        (Path(f["path"]).name, f["message"]) for f in report["findings"] if f["rule"] == rule
    )


def test_numbers_restarting_per_area_are_no_duplicates(run: Run) -> None:
    assert findings(run, DIALECTS / "areas", "ADR006") == []
    assert findings(run, DIALECTS / "log-area-ids", "ADR006") == []


def test_a_number_repeated_within_one_area_is(run: Run, tmp_path: Path) -> None:
    folder = copy("areas", tmp_path)
    (folder / "search" / "0002-cache-cold-queries.md").write_text(
        "# 2. Cache cold queries\n\nDate: 2023-06-01\n\n## Status\n\nProposed\n"
    )
    assert findings(run, folder, "ADR006") == [
        (
            "0002-cache-hot-queries.md",
            "number 2 is also 0002-cache-cold-queries.md; "
            "`archlog renumber --duplicates` gives it the next free one",
        ),
    ]
    result = run("renumber", "--duplicates", "--apply", "--dir", str(folder))
    assert result.code == 0, result.err
    assert (folder / "search" / "0003-cache-cold-queries.md").is_file()  # the area's next


def test_a_record_whose_first_heading_is_a_section_has_no_title_and_lint_says_so(run: Run) -> None:
    assert findings(run, DIALECTS / "untitled", "ADR001") == [
        (
            "0002-reuse-bread-crates.md",
            "no title: the first heading, 'Context', names a section, not the decision",
        ),
        (
            "0003-contexto-del-horno.md",
            "no title: the first heading, 'Contexto', names a section, not the decision",
        ),
    ]


def test_a_title_in_front_matter_is_a_title(run: Run) -> None:
    assert findings(run, DIALECTS / "site-titles", "ADR001") == []


def test_lint_names_each_date_that_is_no_date(run: Run) -> None:
    placeholder = "is no date: a template's placeholder; write YYYY-MM-DD"
    assert findings(run, DIALECTS / "date-problems", "ADR005") == [
        ("0001-problem-1.md", f"date 'insert date' {placeholder}"),
        ("0002-problem-2.md", f"date 'YYYY-MM-DD' {placeholder}"),
        ("0003-problem-3.md", f"date '{{date}}' {placeholder}"),
        (
            "0004-problem-4.md",
            "date '2023-31-07' is no date: it is not a date that exists; write YYYY-MM-DD",
        ),
    ]
    assert findings(run, DIALECTS / "date-problems", "ADR004") == []  # not "no date" again


# ------------------------------------------------------------------ new


def _newest(records: list[Record]) -> Record:
    numbered = [r for r in records if r.number is not None]
    if numbered:
        return max(numbered, key=lambda r: (r.number or 0, r.id))
    return max(records, key=lambda r: (r.date or "", r.id))


def _form(record: Record, folder: Path) -> dict[str, Any]:
    """Everything of a record's form a sibling shares: its skeleton (name pattern, heading,
    metadata labels and places, sections), each field's bullet and bold, the front-matter
    keys, how a metadata table opens, whether metadata comes before the title."""
    trace = record.trace
    assert trace is not None
    return {
        **skeleton(record, folder).aspects(),
        "fields": [(f.name, f.place, f.label, f.mark, f.emphasis) for f in trace.fields],
        "front matter": [k for k, _v in trace.front_matter if field_of(k) is None],
        "table": (trace.table_head, trace.table_rule),
        "metadata first": trace.meta_first,
        "level": (trace.heading_level, trace.section_level, trace.language),
    }


def _scope(before: list[dict[str, Any]], new: dict[str, Any]) -> list[dict[str, Any]]:
    """The records whose numbers the new one's counts on from: its area's where numbers
    repeat across areas, its id prefix's in a log whose prefixes count on their own."""
    areas = {(r["area"], r["number"]) for r in before}
    if len(areas) > len({r["number"] for r in before}) and any(r["area"] for r in before):
        return [r for r in before if r["area"] == new["area"]]
    if "#" in new["path"]:
        prefix = id_prefix(new["id"])
        return [r for r in before if id_prefix(r["id"]) == prefix]
    return before


@pytest.mark.parametrize("name", sorted(set(EXPECTED) - NOT_A_MODEL))
def test_new_writes_the_next_record_in_the_folders_style(
    run: Run, tmp_path: Path, name: str
) -> None:
    folder = copy(name, tmp_path)
    before = listed(run, folder)
    result = run("new", "--dir", str(folder), *NEW_OPTIONS.get(name, []), "Sell gift cards")
    assert result.code == 0, result.err
    after = listed(run, folder)
    [new] = [r for r in after if r["title"] == "Sell gift cards"]
    assert len(after) == len(before) + 1
    if new["number"] is not None:
        scope = _scope(before, new)
        assert new["number"] == max(r["number"] for r in scope) + 1, (new, scope)
    repo = Repository.open(folder)
    made = repo.get(new["id"])
    others = [r for r in repo.records if r is not made]
    sibling = _newest([r for r in others if r.area == made.area] or others)
    repo.detail([made, sibling])
    assert _form(made, repo.folder) == _form(sibling, repo.folder), (made.path, sibling.path)


def test_new_numbers_a_yearly_id_within_its_year(run: Run, tmp_path: Path) -> None:
    folder = copy("log-yearly", tmp_path)
    for day in ("2025-06-01", "2025-07-01", "2026-01-15"):
        assert run("new", "--dir", str(folder), "--date", day, f"Decide on {day}").code == 0
    ids = [r["id"] for r in listed(run, folder)]
    assert ids[-3:] == ["DEC-2025-02", "DEC-2025-03", "DEC-2026-01"]


@pytest.mark.parametrize(("name", "key"), [("jekyll", "nav_order"), ("site-titles", "nav_order")])
def test_new_gives_a_counted_front_matter_key_its_next_value(
    run: Run, tmp_path: Path, name: str, key: str
) -> None:
    folder = copy(name, tmp_path)
    path = Path(run("new", "--dir", str(folder), "Sell gift cards").out.strip())
    values = [
        int(m.group(1))
        for p in folder.glob("*.md")
        for m in [re.search(rf"^{key}: (\d+)$", p.read_text(), re.M)]
        if m
    ]
    written = re.search(rf"^{key}: (\d+)$", (tmp_path / path).read_text(), re.M)
    assert written is not None and int(written.group(1)) == max(values) == sorted(values)[-2] + 1


def test_new_in_a_log_goes_before_its_template_entry(run: Run, tmp_path: Path) -> None:
    folder = copy("log-dated", tmp_path)
    run("new", "--dir", str(folder), "--date", "2026-01-15", "Sell gift cards")
    text = (folder / "decision-log.md").read_text()
    assert text.index("### ADR-8: Sell gift cards (2026-01-15)") < text.index("### ADR-N: Title")
    assert "---" not in text  # the log sets its entries apart with no rule


# ------------------------------------------------------------------ edits in place


def changes(before: str, after: str) -> list[tuple[list[str], list[str]]]:
    """Each changed block of lines: (the lines taken out, the lines put in)."""
    a, b = before.split("\n"), after.split("\n")
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return [(a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


EDITS: list[tuple[str, list[str], dict[str, list[tuple[list[str], list[str]]]], dict[str, Any]]]
EDITS = [
    # a status in a two-column table cell (the padding kept)
    (
        "table-meta",
        ["status", "2", "accepted"],
        {
            "0002-keep-recipes-in-percent.md": [
                (["| Status  | Proposed       |"], ["| Status  | Accepted       |"])
            ]
        },
        {"0002": ("accepted", [])},
    ),
    # a status in the first row of a table that is its own header
    (
        "adr-bare",
        ["status", "ADR-12", "rejected"],
        {"ADR-12.md": [(["| Status | Proposed |"], ["| Status | Rejected |"])]},
        {"ADR-12": ("rejected", [])},
    ),
    # a status in a front-matter key (MADR's date follows the status)
    (
        "jekyll",
        ["status", "5", "accepted"],
        {
            "0005-paint-the-shutters.md": [
                (["status: proposed", "date: 2023-06-12"], ["status: accepted", "date: 2026-01-15"])
            ]
        },
        {"0005": ("accepted", [])},
    ),
    # a front-matter title's page, no heading
    (
        "site-titles",
        ["status", "13", "rejected"],
        {
            "adr013-steam-the-oven.md": [
                (["status: proposed", "date: 2024-10-15"], ["status: rejected", "date: 2026-01-15"])
            ]
        },
        {"adr013": ("rejected", [])},
    ),
    # a status in a localised status section, in the folder's own words
    (
        "spanish",
        ["status", "2", "accepted"],
        {"0002-vender-cafe.md": [(["Propuesto"], ["Aceptado"])]},
        {"0002": ("accepted", [])},
    ),
    (
        "german",
        ["status", "2", "rejected"],
        {"0002-brezeln-am-sonntag.md": [(["Vorgeschlagen"], ["Abgelehnt"])]},
        {"0002": ("rejected", [])},
    ),
    # supersede: the old record's status section names the successor, the new one links back,
    # both in the folder's language
    (
        "spanish",
        ["supersede", "1", "--by", "2"],
        {
            "0001-hornear-pan-integral.md": [
                (["Aceptado"], ["Reemplazado por [2. Vender café](0002-vender-cafe.md)"])
            ],
            "0002-vender-cafe.md": [
                ([], ["", "Reemplaza [1. Hornear pan integral](0001-hornear-pan-integral.md)"])
            ],
        },
        {"0001": ("superseded", [("superseded-by", 2)]), "0002": ("proposed", [("supersedes", 1)])},
    ),
    # link: both sides, in each record's status section
    (
        "german",
        ["link", "2", "amends", "1"],
        {
            "0001-roggenbrot-mit-sauerteig.md": [
                ([], ["", "Geändert durch [2. Brezeln am Sonntag](0002-brezeln-am-sonntag.md)"])
            ],
            "0002-brezeln-am-sonntag.md": [
                ([], ["", "Ändert [1. Roggenbrot mit Sauerteig](0001-roggenbrot-mit-sauerteig.md)"])
            ],
        },
        {"0001": ("accepted", [("amended-by", 2)]), "0002": ("proposed", [("amends", 1)])},
    ),
    # a table cell again, for supersede (the cell's padding absorbs the longer word)
    (
        "table-meta",
        ["supersede", "1", "--by", "2", "--force"],
        {
            "0001-weigh-flour-in-grams.md": [
                (["| Status  | Accepted     |"], ["| Status  | Superseded   |"]),
                (
                    [],
                    [
                        "",
                        "Superseded by [2. Keep recipes in baker's percent]"
                        "(0002-keep-recipes-in-percent.md)",
                    ],
                ),
            ],
            "0002-keep-recipes-in-percent.md": [
                ([], ["", "Supersedes [1. Weigh flour in grams](0001-weigh-flour-in-grams.md)"])
            ],
        },
        {"0001": ("superseded", [("superseded-by", 2)]), "0002": ("proposed", [("supersedes", 1)])},
    ),
    # a log entry's status line
    (
        "log-dated",
        ["status", "ADR-7", "accepted"],
        {"decision-log.md": [(["Status: Proposed"], ["Status: Accepted"])]},
        {"ADR-7": ("accepted", [])},
    ),
]


@pytest.mark.parametrize(
    ("name", "argv", "expected", "reads"), EDITS, ids=[f"{e[0]}-{e[1][0]}" for e in EDITS]
)
def test_edits_write_in_place(
    run: Run,
    tmp_path: Path,
    name: str,
    argv: list[str],
    expected: dict[str, Any],
    reads: dict[str, Any],
) -> None:
    folder = copy(name, tmp_path)
    before = {p.name: p.read_text() for p in folder.rglob("*.md")}
    result = run(*argv, "--dir", str(folder))
    assert result.code == 0, result.err
    after = {p.name: p.read_text() for p in folder.rglob("*.md")}
    changed = {n: changes(before[n], after[n]) for n in before if before[n] != after[n]}
    assert changed == expected
    got = {r["id"]: r for r in listed(run, folder)}
    for ident, (status, relations) in reads.items():
        record = got[ident]
        assert record["status"] == status
        assert [(r["type"], r["target"]) for r in record["relations"]] == relations
