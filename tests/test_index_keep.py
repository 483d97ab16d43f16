"""`archlog index` over an index someone wrote: every entry keeps its group, summary, link
style and the values only the index holds (a date, a column archlog does not know), an
aligned table stays aligned, the records it lacks are added where they belong, and a second
run changes nothing. A date written only in the index is the record's date for every
command. `index --check` on a folder without an index says so (and fails only when an index
is required)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, SHARED, Run

START, END = "<!-- archlog:index:start -->", "<!-- archlog:index:end -->"

# seed 000's way: the records state no date; the README's aligned table is the only place
TABLE_RECORDS = {
    "001-split-the-scheduler.md": ("Split the Scheduler", "Accepted"),
    "002-keep-jobs-in-memory.md": ("Keep Jobs in Memory", "Accepted"),
    "003-sign-every-artifact.md": ("Sign Every Artifact", "Proposed"),
}
TABLE_README = """# Decisions

Why we keep records, in a few words.

## Index

| Number                             | Title               | Status   | Date       | Owner |
|------------------------------------|---------------------|----------|------------|-------|
| [001](001-split-the-scheduler.md)  | Split the Scheduler | Accepted | 2024-09-22 | Ines  |
| [002](002-keep-jobs-in-memory.md)  | Keep Jobs in Memory | accepted | 2025-09-*  | Tom   |
| [003](003-sign-every-artifact.md)  | Sign Every Artifact | Proposed | 2024-10-*  |       |

## How to add one

Copy the newest record.
"""

# seed 001's way: groups, curated summaries, ./ links, the Decision opening with a colon
GROUPED_RECORDS = {
    "001-runtime-choice.md": ("Runtime Choice", "Accepted", "Core Architecture"),
    "002-event-bus.md": ("Event Bus", "Accepted", "Core Architecture"),
    "003-cluster-hosting.md": ("Cluster Hosting", "Accepted", "Operations"),
}
GROUPED_README = """# Architecture Decision Records

## Index of ADRs

### Core Architecture

- [ADR-001: Runtime Choice](./001-runtime-choice.md)
  - **Status**: Accepted
  - **Summary**: Python services, Rust where latency matters

- [ADR-002: Event Bus](./002-event-bus.md)
  - **Status**: Accepted
  - **Summary**: One bus for every domain event

### Operations

- [ADR-003: Cluster Hosting](./003-cluster-hosting.md)
  - **Status**: Accepted
  - **Summary**: Managed clusters in two regions

## Creating New ADRs

Ask the team first.

---

**Last Updated**: 2025-11-10
"""


def _table_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "adr"
    folder.mkdir()
    for name, (title, status) in TABLE_RECORDS.items():
        number = name[:3]
        (folder / name).write_text(
            f"# ADR-{number}: {title}\n\n## Status\n\n{status}\n\n## Context\n\nWhy.\n\n"
            "## Decision\n\nWe do it.\n"
        )
    (folder / "README.md").write_text(TABLE_README)
    return folder


def _grouped_record(
    number: int, title: str, status: str, category: str | None, decision: str
) -> str:
    category_line = f"**Category**: {category}\n" if category else ""
    return (
        f"# ADR-{number:03d}: {title}\n\n**Status**: {status}\n**Date**: 2025-11-{number:02d}\n"
        f"{category_line}\n## Context\n\nWhy.\n\n## Decision\n\n{decision}\n"
    )


def _grouped_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "adr"
    folder.mkdir()
    for i, (name, (title, status, category)) in enumerate(GROUPED_RECORDS.items(), 1):
        decision = "We will use the following stack:\n\n- Python\n- Rust\n"
        (folder / name).write_text(_grouped_record(i, title, status, category, decision))
    (folder / "README.md").write_text(GROUPED_README)
    return folder


def _with_markers(text: str, first: str, last: str) -> str:
    """``text`` with archlog's markers around the lines ``first``..``last``."""
    lines = text.split("\n")
    a, b = lines.index(first), lines.index(last)
    return "\n".join([*lines[:a], START, *lines[a : b + 1], END, *lines[b + 1 :]])


def _table_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.startswith("|")]


def test_a_hand_made_table_is_kept_as_written(run: Run, tmp_path: Path) -> None:
    folder = _table_folder(tmp_path)
    result = run("index", "--dir", "adr")
    assert result.code == 0, result.err
    expected = _with_markers(
        TABLE_README,
        TABLE_README.split("\n")[6],
        "| [003](003-sign-every-artifact.md)  | "
        "Sign Every Artifact | Proposed | 2024-10-*  |       |",
    )
    assert (folder / "README.md").read_text() == expected
    again = run("index", "--dir", "adr")
    assert again.code == 0 and "current" in again.err
    assert run("index", "--dir", "adr", "--check").code == 0


def test_a_date_written_only_in_the_index_is_the_records_date(run: Run, tmp_path: Path) -> None:
    _table_folder(tmp_path)
    listed = json.loads(run("list", "--dir", "adr", "--format", "json").out)
    assert [r["date"] for r in listed] == ["2024-09-22", "2025-09", "2024-10"]
    assert [r["date"] for r in json.loads(run("export", "--dir", "adr").out)["records"]] == [
        "2024-09-22",
        "2025-09",
        "2024-10",
    ]
    lint = json.loads(run("lint", "--dir", "adr", "--format", "json", "--rule", "ADR004").out)
    assert lint["findings"] == []
    # the index changes: every command sees it (nothing kept from before answers instead)
    readme = tmp_path / "adr" / "README.md"
    readme.write_text(readme.read_text().replace("| 2024-09-22 |", "|            |"))
    listed = json.loads(run("list", "--dir", "adr", "--format", "json").out)
    assert [r["date"] for r in listed] == [None, "2025-09", "2024-10"]
    exported = json.loads(run("export", "--dir", "adr").out)["records"]
    assert [r["date"] for r in exported] == [None, "2025-09", "2024-10"]
    lint = json.loads(run("lint", "--dir", "adr", "--format", "json", "--rule", "ADR004").out)
    assert [f["path"] for f in lint["findings"]] == ["adr/001-split-the-scheduler.md"]
    # a record's own date wins over the index's; an impossible date is none
    readme.write_text(readme.read_text().replace("| 2025-09-*  |", "| 2023-02-30 |"))
    first = tmp_path / "adr" / "003-sign-every-artifact.md"
    first.write_text(first.read_text().replace("## Context", "## Date\n\n2024-12-01\n\n## Context"))
    listed = json.loads(run("list", "--dir", "adr", "--format", "json").out)
    assert [r["date"] for r in listed] == [None, None, "2024-12-01"]


def test_a_new_record_joins_an_aligned_table_aligned(run: Run, tmp_path: Path) -> None:
    folder = _table_folder(tmp_path)
    (folder / "004-publish-build-provenance-for-every-release.md").write_text(
        "# ADR-004: Publish Build Provenance for Every Release\n\n## Status\n\nProposed\n\n"
        "## Date\n\n2025-01-15\n\n## Decision\n\nWe publish it.\n"
    )
    (folder / "003-sign-every-artifact.md").write_text(
        "# ADR-003: Sign Every Artifact\n\n## Status\n\nAccepted\n\n## Decision\n\nWe sign.\n"
    )
    assert run("index", "--dir", "adr").code == 0
    text = (folder / "README.md").read_text()
    lines = _table_lines(text)
    assert len({len(line) for line in lines}) == 1, lines  # still aligned, widened for it
    assert [[i for i, ch in enumerate(line) if ch == "|"] for line in lines].count(
        [i for i, ch in enumerate(lines[0]) if ch == "|"]
    ) == len(lines)
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in lines[2:]]
    assert cells == [
        [
            "[001](001-split-the-scheduler.md)",
            "Split the Scheduler",
            "Accepted",
            "2024-09-22",
            "Ines",
        ],
        [
            "[002](002-keep-jobs-in-memory.md)",
            "Keep Jobs in Memory",
            "accepted",
            "2025-09-*",
            "Tom",
        ],
        ["[003](003-sign-every-artifact.md)", "Sign Every Artifact", "Accepted", "2024-10-*", ""],
        [
            "[004](004-publish-build-provenance-for-every-release.md)",
            "Publish Build Provenance for Every Release",
            "Proposed",
            "2025-01-15",
            "",
        ],
    ]
    assert text.startswith(TABLE_README.split("| Number")[0])
    assert text.endswith("## How to add one\n\nCopy the newest record.\n")
    again = run("index", "--dir", "adr")
    assert again.code == 0 and "current" in again.err


def test_a_hand_made_grouped_index_keeps_its_groups_summaries_and_links(
    run: Run, tmp_path: Path
) -> None:
    folder = _grouped_folder(tmp_path)
    dry = run("index", "--dir", "adr", "--dry-run")
    assert dry.code == 0 and f"+{START}" in dry.out and "dry run" in dry.err
    assert (folder / "README.md").read_text() == GROUPED_README
    assert run("index", "--dir", "adr").code == 0
    expected = _with_markers(
        GROUPED_README, "### Core Architecture", "  - **Summary**: Managed clusters in two regions"
    )
    assert (folder / "README.md").read_text() == expected
    assert "current" in run("index", "--dir", "adr").err


def test_new_records_go_in_their_group_with_a_full_sentence(run: Run, tmp_path: Path) -> None:
    folder = _grouped_folder(tmp_path)
    more = {
        "004-metrics-pipeline.md": _grouped_record(
            4,
            "Metrics Pipeline",
            "Proposed",
            "Operations",
            "We will run these:\n\n- Prometheus\n\nMetrics go to one store. Traces wait.",
        ),
        "005-retry-policy.md": _grouped_record(5, "Retry Policy", "Proposed", None, "TBD"),
        "006-schema-registry.md": _grouped_record(
            6, "Schema Registry", "Accepted", "Data", "Every event has a schema. It is checked."
        ),
    }
    for name, text in more.items():
        (folder / name).write_text(text)
    (folder / "002-event-bus.md").write_text(
        _grouped_record(2, "Event Bus", "Deprecated", "Core Architecture", "One bus.")
    )
    assert run("index", "--dir", "adr").code == 0
    text = (folder / "README.md").read_text()
    block = text.split(START + "\n", 1)[1].split("\n" + END, 1)[0]
    assert block == (
        "### Core Architecture\n\n"
        "- [ADR-001: Runtime Choice](./001-runtime-choice.md)\n  - **Status**: Accepted\n"
        "  - **Summary**: Python services, Rust where latency matters\n\n"
        "- [ADR-002: Event Bus](./002-event-bus.md)\n  - **Status**: Deprecated\n"
        "  - **Summary**: One bus for every domain event\n\n"
        "### Operations\n\n"
        "- [ADR-003: Cluster Hosting](./003-cluster-hosting.md)\n  - **Status**: Accepted\n"
        "  - **Summary**: Managed clusters in two regions\n\n"
        "- [ADR-004: Metrics Pipeline](./004-metrics-pipeline.md)\n  - **Status**: Proposed\n"
        "  - **Summary**: Metrics go to one store.\n\n"
        "### Other\n\n"
        "- [ADR-005: Retry Policy](./005-retry-policy.md)\n  - **Status**: Proposed\n\n"
        "### Data\n\n"
        "- [ADR-006: Schema Registry](./006-schema-registry.md)\n  - **Status**: Accepted\n"
        "  - **Summary**: Every event has a schema."
    )
    assert text.endswith(
        "## Creating New ADRs\n\nAsk the team first.\n\n---\n\n**Last Updated**: 2025-11-10\n"
    )
    assert "current" in run("index", "--dir", "adr").err
    # the default group has a name of the folder's choosing
    (tmp_path / ".archlog.toml").write_text('dir = "adr"\n[index]\ndefault_group = "Misc"\n')
    (folder / "007-cache-policy.md").write_text(
        _grouped_record(7, "Cache Policy", "Proposed", None, "X.")
    )
    assert run("index").code == 0
    assert (
        "### Misc\n\n- [ADR-007: Cache Policy](./007-cache-policy.md)"
        in (folder / "README.md").read_text()
    )


def test_a_gone_record_leaves_and_a_retitled_one_is_relabelled(run: Run, tmp_path: Path) -> None:
    folder = _grouped_folder(tmp_path)
    (folder / "002-event-bus.md").unlink()
    (folder / "003-cluster-hosting.md").write_text(
        _grouped_record(3, "Hosted Clusters", "Accepted", "Operations", "X.")
    )
    assert run("index", "--dir", "adr").code == 0
    text = (folder / "README.md").read_text()
    assert "Event Bus" not in text and "\n\n\n" not in text
    assert "- [ADR-003: Hosted Clusters](./003-cluster-hosting.md)\n" in text
    assert "  - **Summary**: Managed clusters in two regions\n" in text


def test_a_list_keeps_its_link_style_and_numbering(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    for n, title in ((1, "Record decisions"), (2, "Use PostgreSQL"), (4, "Use Redis")):
        slug = title.lower().replace(" ", "-")
        (folder / f"{n:04d}-{slug}.md").write_text(
            f"# {n}. {title}\n\nDate: 2024-01-0{n}\n\n## Status\n\nAccepted\n\n## Decision\n\nX.\n"
        )
    readme = (
        "# Decisions\n\n* [1. Record decisions](./0001-record-decisions.md)\n"
        "* [4. Use Redis](./0004-use-redis.md)\n* [Our glossary](../glossary.md)\n\nMore.\n"
    )
    (folder / "README.md").write_text(readme)
    assert run("index").code == 0
    assert (folder / "README.md").read_text() == (
        f"# Decisions\n\n{START}\n* [1. Record decisions](./0001-record-decisions.md)\n"
        "* [2. Use PostgreSQL](./0002-use-postgresql.md)\n* [4. Use Redis](./0004-use-redis.md)\n"
        f"{END}\n* [Our glossary](../glossary.md)\n\nMore.\n"
    )
    # between the markers, an item that links elsewhere stays where it is
    marked = (
        (folder / "README.md")
        .read_text()
        .replace(
            f"{END}\n* [Our glossary](../glossary.md)\n",
            f"* [Our glossary](../glossary.md)\n{END}\n",
        )
    )
    (folder / "README.md").write_text(marked)
    (folder / "0005-use-kafka.md").write_text(
        "# 5. Use Kafka\n\nDate: 2024-01-05\n\n## Status\n\nAccepted\n\n## Decision\n\nX.\n"
    )
    assert run("index").code == 0
    assert (folder / "README.md").read_text() == marked.replace(
        "* [Our glossary]", "* [5. Use Kafka](./0005-use-kafka.md)\n* [Our glossary]"
    )


def test_index_check_without_an_index_passes_unless_one_is_required(
    run: Run, tmp_path: Path
) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    entry = next(h["entry"] for h in hooks if h["id"] == "archlog-index-check")
    assert entry == "archlog index --check"  # the hook is this command
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    (folder / "0001-use-queues.md").write_text("# 1. Use queues\n\n## Status\n\nAccepted\n")
    result = run(*entry.split()[1:])
    assert result.code == 0, result.err
    assert result.err == (
        "doc/adr/README.md: there is no index to check (`archlog index` writes one)\n"
    )
    assert not (folder / "README.md").exists()
    (folder / "README.md").write_text("# Decisions\n\nNothing listed here.\n")
    assert run("index", "--check").code == 0
    (tmp_path / ".archlog.toml").write_text("[index]\nrequired = true\n")
    required = run("index", "--check")
    assert required.code == 1
    assert "there is no index, and [index] required is set; run `archlog index`" in required.err
    assert run("index").code == 0
    assert run("index", "--check").code == 0
    (tmp_path / ".archlog.toml").write_text('[index]\nrequired = "yes"\n')
    bad = run("index", "--check")
    assert bad.code == 2 and "index required must be true or false" in bad.err


SEEDS = SHARED / "seeds"


@pytest.mark.parametrize("seed", ["000", "001"])
def test_the_seeds_indexes_are_taken_over_without_a_change(
    run: Run, tmp_path: Path, seed: str
) -> None:
    """The seeds' own READMEs, with records made from their entries: the first run adds the
    markers and changes nothing else."""
    found = sorted(SEEDS.glob(f"{seed}_*.txt")) if SEEDS.is_dir() else []
    if not found:
        if os.environ.get("ARCHLOG_REQUIRE_ALL"):
            pytest.fail("the shared seeds are required (ARCHLOG_REQUIRE_ALL is set)")
        pytest.skip("the shared seeds are not beside this checkout")
    readme = found[0].read_text(encoding="utf-8")
    folder = tmp_path / "adr"
    folder.mkdir()
    rows = re.findall(r"\[\d{3}\]\((\d{3}-[a-z0-9-]+\.md)\) *\| *([^|]*?) *\|", readme)
    items = re.findall(r"\[ADR-\d{3}: ([^\]]+)\]\(\./(\d{3}-[a-z0-9-]+\.md)\)", readme)
    for link, title in rows + [(link, title) for title, link in items]:
        (folder / link).write_text(f"# ADR-{link[:3]}: {title}\n\n## Status\n\nAccepted\n")
    assert len(list(folder.iterdir())) >= 5
    (folder / "README.md").write_text(readme)
    assert run("index", "--dir", "adr").code == 0
    written = (folder / "README.md").read_text()
    assert written.replace(START + "\n", "").replace(END + "\n", "") == readme
    assert run("index", "--dir", "adr", "--check").code == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_readme_that_is_a_fifo_never_hangs(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    folder.mkdir()
    (folder / "0001-use-queues.md").write_text("# 1. Use queues\n\n## Status\n\nAccepted\n")
    os.mkfifo(folder / "README.md")
    for command in (["list"], ["export"], ["lint"]):  # the reader looks for dates there
        assert run(*command, "--dir", "adr").code in (0, 1)
    refused = run("index", "--dir", "adr")
    assert refused.code == 2
    assert refused.err == f"archlog: error: {folder}/README.md: cannot read: not a regular file\n"
