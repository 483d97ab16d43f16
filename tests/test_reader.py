"""The tolerant reader, one behaviour per case, on real text."""

from __future__ import annotations

from pathlib import Path

import pytest

from archlog.errors import ArchlogError, ReadError
from archlog.model import Record
from archlog.read.reader import decode, parse_file, parse_record


def one(text: str, name: str = "0007-some-title.md") -> Record:
    records = parse_file(text, Path(name))
    assert len(records) == 1
    return records[0]


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("# 12. Use PostgreSQL", "Use PostgreSQL"),
        ("# ADR-012: Use PostgreSQL", "Use PostgreSQL"),
        ("# ADR 12 - Use PostgreSQL", "Use PostgreSQL"),
        ("# ADR: Use PostgreSQL", "Use PostgreSQL"),
        ("# ADR 0001: Use PostgreSQL", "Use PostgreSQL"),
        ("# Use PostgreSQL", "Use PostgreSQL"),
        ("# 0012 - Use PostgreSQL", "Use PostgreSQL"),
        ("# 3D printing of parts", "3D printing of parts"),
    ],
)
def test_title_forms(heading: str, title: str) -> None:
    record = one(f"{heading}\n\n## Status\n\nAccepted\n")
    assert record.title == title
    assert record.number == 7  # the file name wins over the heading
    assert record.spans["title"].start == 1


def test_number_from_heading_when_the_name_has_none() -> None:
    record = one("# ADR-005: Something\n\nStatus: Accepted\n", "something.md")
    assert (record.number, record.id) == (5, "ADR-005")


@pytest.mark.parametrize(
    ("name", "number", "ident"),
    [
        ("0001-x.md", 1, "0001"),
        ("001-x.md", 1, "001"),
        ("ADR-001-x.md", 1, "ADR-001"),
        ("adr-001-x.md", 1, "adr-001"),
        ("017-1-nats.md", 17, "017-1"),
        ("20201016-use-x.md", None, "20201016-use-x"),
    ],
)
def test_file_names(name: str, number: int | None, ident: str) -> None:
    record = one("# Title\n\n* Status: accepted\n", name)
    assert (record.number, record.id) == (number, ident)


def test_sub_number_that_is_really_part_of_the_title() -> None:
    record = one("# 7. 3-tier architecture\n\nDate: 2020-01-01\n", "0007-3-tier-architecture.md")
    assert (record.number, record.id) == (7, "0007")


@pytest.mark.parametrize(
    ("meta", "style"),
    [
        ("---\nstatus: accepted\ndate: 2024-03-01\n---\n# T\n", "front-matter"),
        ("# T\n\n**Status**: Accepted\n**Date**: 2024-03-01\n", "bold"),
        ("# T\n\n**Status:** Accepted\n**Date:** 2024-03-01\n", "bold-inside"),
        ("# T\n\nStatus: Accepted\nDate: 2024-03-01\n", "plain"),
        ("# T\n\n* Status: accepted\n* Date: 2024-03-01\n", "bullets"),
        ("# T\n\n- Status: accepted\n- Date: 2024-03-01\n", "bullets"),
        (
            "# T\n\n| Field | Value |\n|---|---|\n| **Status** | Accepted |\n| Date | 2024-03-01 |\n",
            "table",
        ),
    ],
)
def test_metadata_styles(meta: str, style: str) -> None:
    record = one(meta + "\n## Context\n\nText.\n")
    assert record.status == "accepted"
    assert record.date == "2024-03-01"
    assert record.styles["status"] == style


def test_status_section_and_localised_date() -> None:
    text = "# 1. T\n\nData: 2024-03-01\n\n## Status\n\n**Implemented** (July 2026)\n\n## Context\n"
    record = one(text)
    assert record.status == "implemented"
    assert record.status_text == "Implemented (July 2026)"
    assert record.date == "2024-03-01"
    assert record.spans["status"].start == 7
    assert record.styles["status"] == "section"


def test_people_and_tags() -> None:
    text = (
        "---\ndecision-makers: [Ana, Bo]\nconsulted: Cy; Di\ninformed: everyone\n"
        "tags: [db, storage]\n---\n# T\n"
    )
    record = one(text)
    assert record.deciders == ["Ana", "Bo"]
    assert record.consulted == ["Cy", "Di"]
    assert record.informed == ["everyone"]
    assert record.tags == ["db", "storage"]


def test_decision_makers_bold() -> None:
    record = one("# ADR-001: T\n\n**Decision Makers**: Architecture Team, Security Team\n")
    assert record.deciders == ["Architecture Team", "Security Team"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# 1. T\n\n## Status\n\nSuperseded by [3. X](0003-x.md)\n", [("superseded-by", 3)]),
        ("# 1. T\n\n## Status\n\nSuperceded by [3. X](0003-x.md)\n", [("superseded-by", 3)]),
        ("# 1. T\n\n## Status\n\nAccepted\n\nAmends [5. Y](0005-y.md)\n", [("amends", 5)]),
        (
            "# 1. T\n\n## Status\n\nAccepted\n\nExtended by [4. Z](0004-z.md)\n",
            [("extended-by", 4)],
        ),
        ("# 1. T\n\n## Status\n\n⌛️ Superseded [0019](0019-x.md)\n", [("superseded-by", 19)]),
        ("---\nstatus: superseded by ADR-0123\n---\n# T\n", [("superseded-by", 123)]),
        ("---\nstatus: accepted; supersedes ADR-0045\n---\n# T\n", [("supersedes", 45)]),
        (
            "# ADR-0002: T\n\n**Status:** Accepted\n\n## Related\n\n- Supersedes: ADR-0003\n",
            [("supersedes", 3)],
        ),
        ("---\nlinks:\n  - {target: 4, kind: amends}\n---\n# T\n", [("amends", 4)]),
        ("# ADR-008: T\n\n**Status**: Accepted\n**Supersedes**: nothing\n", []),
        (
            "# T\n\n- Status: superseded by [20201016-x](20201016-x.md)\n",
            [("superseded-by", "20201016-x")],
        ),
    ],
)
def test_relations(text: str, expected: list[tuple[str, int | str]]) -> None:
    record = one(text)
    assert [(r.type, r.target) for r in record.relations] == expected


def test_code_fences_are_content_never_metadata() -> None:
    text = (
        "---\nparent: Decisions\nnav_order: 8\n---\n# Real title\n\n"
        "```markdown\n---\nstatus: accepted\n---\n# Not a title\n\nStatus: Rejected\n```\n\n"
        "## Context\n\n```sh\n# Build the runtime\nmake\n```\n"
    )
    record = one(text)
    assert record.title == "Real title"
    assert record.status == "unknown"
    assert [s.heading for s in record.sections] == ["Context"]
    assert record.problems == []


def test_front_matter_with_only_navigation_keys_is_fine() -> None:
    record = one("---\nparent: Decisions\nnav_order: 3\n---\n# T\n")
    assert record.problems == []
    assert record.extra["nav-order"] == "3"


def test_broken_yaml_is_a_problem_not_a_crash() -> None:
    record = one("---\nstatus: [unclosed\n---\n# T\n\n## Context\n")
    assert record.title == "T"
    assert record.problems and "invalid YAML front matter" in record.problems[0][1]


def test_sections_and_spans() -> None:
    text = "# 1. T\n\n## Status\n\nAccepted\n\n## Consequences\n\n### Negative\n\nSlow.\n"
    record = one(text)
    cons = record.section("Consequences")
    assert cons is not None and "### Negative" in cons.body
    assert cons.span.start == 7 and cons.span.end == 11
    assert record.section("negative") is not None


def test_crlf_and_bom() -> None:
    data = "\ufeff# 1. T\r\n\r\nDate: 2020-01-02\r\n\r\n## Status\r\n\r\nAccepted\r\n".encode()
    text, bom = decode(data, Path("0001-t.md"))
    assert bom
    record = one(text, "0001-t.md")
    assert (record.title, record.date, record.status) == ("T", "2020-01-02", "accepted")


def test_not_utf8_names_the_file_and_line() -> None:
    with pytest.raises(ReadError, match=r"x\.md:2: not valid UTF-8"):
        decode(b"# T\n\xff\xfe\n", Path("x.md"))


def test_empty_file_is_an_error() -> None:
    with pytest.raises(ArchlogError, match="empty file"):
        parse_record("  \n", Path("0001-x.md"))


def test_a_record_without_a_title_has_none_and_says_so() -> None:
    record = one("Status: Accepted\n\nSome text.\n", "0003-use-redis-cache.md")
    assert record.title == ""
    assert any("no title" in message for _line, message in record.problems)


@pytest.mark.parametrize(
    "section", ["Context", "Background", "Decision", "Contexto", "背景", "Status"]
)
def test_a_section_heading_is_never_the_title(section: str) -> None:
    record = one(f"# {section}\n\nWhy.\n\n## Decision\n\nThis.\n", "0003-use-redis-cache.md")
    assert record.title == ""


def test_single_file_log_with_template_entry() -> None:
    text = (
        "# Decisions\n\nIntro.\n\n---\n\n## ADR-001: First\n\n**Date:** 2026-03-01\n"
        "**Status:** Accepted\n\n### Decision\n\nDo it.\n\n---\n\n## ADR-002: Second\n\n"
        "**Date**: 2026-03-02\n**Status**: Accepted (supersedes ADR-001 partially)\n\n---\n\n"
        "## Template\n\n```markdown\n## ADR-NNN: Title\n\n**Status:** Proposed\n```\n"
    )
    records = parse_file(text, Path("DECISIONS.md"))
    assert [(r.id, r.title, r.entry) for r in records] == [
        ("ADR-001", "First", "ADR-001"),
        ("ADR-002", "Second", "ADR-002"),
    ]
    assert records[0].spans["record"].start == 7
    assert [(r.type, r.target) for r in records[1].relations] == [("supersedes", 1)]
    assert records[0].to_json()["path"] == "DECISIONS.md#ADR-001"
