"""`archlog index`: golden READMEs for the three styles, from seed-like READMEs with a
hand-made index; what surrounds the index survives byte for byte; idempotence; --check."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, Run, best_times

GOLDEN = FIXTURES / "golden-index"

RECORDS = {
    "table": {  # seed 000: NNN-title.md, '# ADR-NNN: Title', Status and Date sections
        "001-two-stage-execution.md": "# ADR-001: Two-Stage Execution\n\n## Status\n\nAccepted\n\n"
        "## Date\n\n2024-09-22\n\n## Context\n\nX\n\n## Decision\n\nWe run jobs in two stages.\n",
        "002-workflow-vs-job.md": "# ADR-002: Workflow vs Job | Separation\n\n## Status\n\n"
        "Superseded by [ADR-003](003-namespaces.md)\n\n## Date\n\n2025-09-*\n\n## Decision\n\nY\n",
        "003-namespaces.md": "# ADR-003: Namespace Isolation\n\n## Status\n\nProposed\n\n"
        "## Date\n\n2024-10-01\n\n## Decision\n\nZ\n",
    },
    "grouped": {  # seed 001: bold Status / Date / Decision Makers lines, a category
        "001-technology-stack.md": "# ADR-001: Technology Stack Selection\n\n**Status**: Accepted\n"
        "**Date**: 2025-11-01\n**Category**: Core Architecture\n\n## Decision\n\nPython for "
        "services and Rust for hot paths. Other detail follows.\n",
        "002-communication.md": "# ADR-002: Communication Patterns\n\n**Status**: Accepted\n"
        "**Date**: 2025-11-05\n**Category**: Core Architecture\n\n## Decision\n\n"
        "HTTP for requests, pub/sub for events.\n",
        "003-deployment.md": "# ADR-003: Deployment Platform\n\n**Status**: Deprecated\n"
        "**Date**: 2025-11-10\n**Category**: Operations\n**Summary**: Kubernetes everywhere\n\n"
        "## Decision\n\nIgnored: the summary field wins.\n",
    },
    "list": {  # adr-tools
        "0001-record-architecture-decisions.md": "# 1. Record architecture decisions\n\n"
        "Date: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nX\n",
        "0002-use-postgresql.md": "# 2. Use PostgreSQL\n\nDate: 2024-01-02\n\n## Status\n\n"
        "Accepted\n\n## Context\n\nY\n",
    },
}

READMES = {
    "table": "# Architecture Decision Records\n\nIntro text.\n\n## ADR Index\n\n"
    "| Number | Title | Status | Date |\n|--------|-------|--------|------|\n"
    "| [001](001-two-stage-execution.md) | Two-Stage Execution | Accepted | 2024-09-22 |\n"
    "| [002](002-workflow-vs-job.md) | Workflow vs Job Separation | Accepted | 2024-09-22 |\n"
    "\n## Creating a New ADR\n\n1. Copy the template\n2. Update this README\n",
    "grouped": "# Architecture Decision Records\n\n## Index of ADRs\n\n### Core Architecture\n\n"
    "- [ADR-001: Technology Stack Selection](./001-technology-stack.md)\n"
    "  - **Status**: Accepted\n  - **Summary**: Choice of Python\n\n"
    "- [ADR-002: Communication Patterns](./002-communication.md)\n  - **Status**: Accepted\n"
    "  - **Summary**: HTTP\n\n## Creating New ADRs\n\nCopy the template.\n\n"
    "**Last Updated**: 2025-11-10\n",
    "list": "# Architecture Decision Records\r\n\r\n"
    "* [1. Record architecture decisions](0001-record-architecture-decisions.md)\r\n"
    "\r\nKept by hand until now.\r\n",
}


def _setup(tmp_path: Path, style: str) -> Path:
    folder = tmp_path / "adr"
    folder.mkdir()
    for name, text in RECORDS[style].items():
        (folder / name).write_text(text)
    (folder / "README.md").write_bytes(READMES[style].encode())
    return folder


@pytest.mark.parametrize("style", ["table", "grouped", "list"])
def test_index_replaces_a_hand_made_index_in_place(run: Run, tmp_path: Path, style: str) -> None:
    folder = _setup(tmp_path, style)
    original = READMES[style]
    result = run("index", "--dir", "adr", "--style", style)
    assert result.code == 0, result.err
    written = (folder / "README.md").read_bytes().decode()
    golden = GOLDEN / f"{style}.md"
    if os.environ.get("ARCHLOG_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(written.encode())
    assert written == golden.read_bytes().decode()
    # what surrounds the index survives byte for byte
    head, rest = written.split("<!-- archlog:index:start -->", 1)
    tail = rest.split("<!-- archlog:index:end -->", 1)[1]
    assert original.startswith(head) and original.endswith(tail)
    assert len(head) > 10 and len(tail) > 10
    # idempotent, and --check agrees
    again = run("index", "--dir", "adr", "--style", style)
    assert again.code == 0 and "current" in again.err
    assert (folder / "README.md").read_bytes().decode() == written
    assert run("index", "--dir", "adr", "--style", style, "--check").code == 0


def test_check_fails_on_a_stale_index_and_passes_on_a_fresh_one(run: Run) -> None:
    assert run("init", "--convention", "index-table").code == 0
    assert run("index").code == 0
    assert run("index", "--check").code == 0
    assert run("new", "Use gRPC").code == 0
    stale = run("index", "--check")
    assert stale.code == 1
    assert "+| [002](002-use-grpc.md) | Use gRPC | Proposed | 2026-01-15 |" in stale.out
    assert "stale" in stale.err
    assert run("index").code == 0
    assert run("index", "--check").code == 0


def test_inactive_records_struck_or_grouped(run: Run, tmp_path: Path) -> None:
    folder = _setup(tmp_path, "table")
    (tmp_path / ".archlog.toml").write_text('dir = "adr"\n[index]\ninactive = "strike"\n')
    assert run("index").code == 0
    text = (folder / "README.md").read_text()
    assert "| ~~Workflow vs Job \\| Separation~~ | Superseded |" in text
    (tmp_path / ".archlog.toml").write_text(
        'dir = "adr"\n[index]\ninactive = "group"\ncolumns = ["number", "title", "superseded_by"]\n'
    )
    assert run("index").code == 0
    text = (folder / "README.md").read_text()
    retired = text.split("### Superseded, deprecated and rejected", 1)[1]
    assert (
        "| [002](002-workflow-vs-job.md) | Workflow vs Job \\| Separation | [003](003-namespaces.md) |"
        in retired
    )


def test_index_is_created_when_missing_and_bad_settings_are_reported(
    run: Run, tmp_path: Path
) -> None:
    folder = _setup(tmp_path, "list")
    (folder / "README.md").unlink()
    assert run("index", "--dir", "adr").code == 0
    assert (folder / "README.md").read_text().startswith("# Architecture Decision Records\n\n<!--")
    (tmp_path / ".archlog.toml").write_text('[index]\nstyle = "fancy"\n')
    bad = run("index", "--dir", "adr")
    assert bad.code == 2 and "index style 'fancy'" in bad.err and ".archlog.toml" in bad.err


def test_index_is_within_three_times_list(generated_folder: Path) -> None:
    """The benchmark's ratio (10,000 records in docs/performance.md), kept by a test on the
    generator's 1,000 records."""
    where = ("--dir", str(generated_folder))
    best_times(("list", *where), ("index", *where), runs=1)  # fill the cache, write the index
    index, listing = best_times(("index", *where), ("list", "--format", "json", *where))
    assert index < 3 * listing
