"""The catalogue of the structure rules (ADR001–ADR018): id, name, default severity, a
summary, a doc paragraph, a failing and a passing example, and the check."""

from __future__ import annotations

from archlog.features.lint import structure_rules as r
from archlog.features.lint.examples import FM_BAD, FM_GOOD, INDEX_CURRENT, INDEX_EMPTY, folder, ny
from archlog.features.lint.findings import Rule

STRUCTURE: tuple[Rule, ...] = (
    Rule(
        "ADR001",
        "title-missing",
        "error",
        "A record has a title heading.",
        "A record starts with a heading that names the decision (`# 12. Use PostgreSQL`, "
        "`# ADR-012: …`). Without one, readers and indexes fall back to the file name.",
        bad=folder(("doc/adr/0001-use-queues.md", "Date: 2024-01-10\n\n## Status\n\nAccepted\n")),
        good=folder(ny(1, "Use queues")),
        record_check=r.check_title,
    ),
    Rule(
        "ADR002",
        "status-missing",
        "error",
        "A record states its status.",
        "Every record says where it stands — proposed, accepted, superseded … — in the place "
        "its convention keeps it (a Status section, a `Status:` line, front matter).",
        bad=folder(ny(1, "Use queues", status=None)),
        good=folder(ny(1, "Use queues")),
        record_check=r.check_status_missing,
    ),
    Rule(
        "ADR003",
        "status-unknown",
        "warning",
        "The status is one of the vocabulary.",
        "Statuses are read in many spellings and languages, but must mean one of draft, "
        "proposed, pending, accepted, implemented, rejected, deprecated, superseded or amended; "
        "anything else cannot be filtered, indexed or checked.",
        bad=folder(ny(1, "Use queues", "Maybe later")),
        good=folder(ny(1, "Use queues", "Approved")),
        record_check=r.check_status_vocabulary,
    ),
    Rule(
        "ADR004",
        "date-missing",
        "warning",
        "A record is dated.",
        "A decision is dated where its convention says (a `Date:` line, front matter, a Date "
        "section). With `--git`, the message says when git first saw the file.",
        bad=folder(ny(1, "Use queues"), ny(2, "Use streams", day="")),
        good=folder(ny(1, "Use queues"), ny(2, "Use streams")),
        record_check=r.check_date_missing,
    ),
    Rule(
        "ADR005",
        "date-invalid",
        "error",
        "The date is a date.",
        "A date is `YYYY-MM-DD`, or a partial date such as `2025-09` or `2025-09-*`. "
        "Unambiguous other forms (`14 July 2017`) are read; text such as `last spring` is not.",
        bad=folder(ny(1, "Use queues", day="last spring")),
        good=folder(ny(1, "Use queues", day="2025-09-*")),
        record_check=r.check_date_valid,
    ),
    Rule(
        "ADR006",
        "duplicate-number",
        "error",
        "Each number names one record.",
        "Two records with one number — usually two branches that each added the next ADR — "
        "make every reference to that number ambiguous. `archlog renumber --duplicates` "
        "gives the later one the next free number and rewrites its links.",
        bad=folder(ny(1, "Use queues"), ny(1, "Use streams")),
        good=folder(ny(1, "Use queues"), ny(2, "Use streams")),
        folder_check=r.check_duplicates,
    ),
    Rule(
        "ADR007",
        "number-gap",
        "info",
        "Numbers run without gaps.",
        "A number never used (and never deleted in git history) usually means a record was "
        "lost in a merge or renamed by hand. Numbers are never reused, so a gap stays.",
        bad=folder(ny(1, "Use queues"), ny(3, "Use streams")),
        good=folder(ny(1, "Use queues"), ny(2, "Use streams")),
        folder_check=r.check_gaps,
    ),
    Rule(
        "ADR008",
        "heading-number-mismatch",
        "error",
        "The heading's number is the file's.",
        "A heading `# 3. Title` in `0033-title.md` (a copy-paste slip) makes the record "
        "cite itself under another record's number.",
        bad=folder(("doc/adr/0002-use-queues.md", ny(3, "Use queues")[1])),
        good=folder(ny(2, "Use queues")),
        record_check=r.check_heading_number,
    ),
    Rule(
        "ADR009",
        "file-name-mismatch",
        "info",
        "The file name follows the title.",
        "The slug of the file name is the slug of the title, so that a listing of file names "
        "reads like the index. `--fix-names` renames the file and rewrites the links to it "
        "inside the folder; plain `--fix` never renames (links from elsewhere would break).",
        bad=folder(("doc/adr/0001-queues.md", ny(1, "Use queues")[1])),
        good=folder(ny(1, "Use queues")),
        record_check=r.check_file_name,
        fixable=True,
    ),
    Rule(
        "ADR010",
        "front-matter-invalid",
        "error",
        "Front matter is valid YAML.",
        "Front matter that YAML cannot read is ignored whole, so its status, date and "
        "people are lost; the message gives the line.",
        bad={"docs/decisions/0001-use-queues.md": FM_BAD},
        good={"docs/decisions/0001-use-queues.md": FM_GOOD},
        record_check=r.check_front_matter,
    ),
    Rule(
        "ADR011",
        "relation-target-missing",
        "error",
        "Relations name records that exist.",
        "A `Superseded by`, `Amends` … that names a number no record has points nowhere.",
        bad=folder(ny(1, "Use queues", "Superseded by [7. Streams](0007-streams.md)")),
        good=folder(
            ny(1, "Use queues", "Superseded by [2. Use streams](0002-use-streams.md)"),
            ny(2, "Use streams", extra="\nSupersedes [1. Use queues](0001-use-queues.md)\n"),
        ),
        record_check=r.check_relation_targets,
        pure=False,
    ),
    Rule(
        "ADR012",
        "relation-not-reciprocal",
        "warning",
        "Relations are written on both sides.",
        "If A is superseded by B, B supersedes A; if A amends B, B is amended by A. A one-sided "
        "link is invisible from the other record. `--fix` writes the missing side.",
        bad=folder(
            ny(1, "Use queues", "Superseded by [2. Use streams](0002-use-streams.md)"),
            ny(2, "Use streams"),
        ),
        good=folder(
            ny(1, "Use queues", "Superseded by [2. Use streams](0002-use-streams.md)"),
            ny(2, "Use streams", extra="\nSupersedes [1. Use queues](0001-use-queues.md)\n"),
        ),
        record_check=r.check_reciprocal,
        fixable=True,
        pure=False,
    ),
    Rule(
        "ADR013",
        "successor-missing",
        "warning",
        "A superseded record names its successor.",
        "The seeds: when a decision is superseded, update its status to name the replacement "
        "and link it, so a reader of the old record finds the current one.",
        bad=folder(ny(1, "Use queues", "Superseded")),
        good=folder(
            ny(1, "Use queues", "Superseded by [2. Use streams](0002-use-streams.md)"),
            ny(2, "Use streams", extra="\nSupersedes [1. Use queues](0001-use-queues.md)\n"),
        ),
        record_check=r.check_successor_named,
    ),
    Rule(
        "ADR014",
        "broken-link",
        "warning",
        "Relative links resolve.",
        "A relative link to a file that does not exist (a renamed record, a moved diagram) is "
        "broken for every reader. Links inside code blocks are not checked.",
        bad=folder(ny(1, "Use queues", body="## Context\n\nSee [the diagram](img/queues.png).\n")),
        good=folder(
            ny(1, "Use queues", body="## Context\n\nSee [the diagram](img/queues.png).\n"),
            **{"doc/adr/img/queues.png": "png"},
        ),
        record_check=r.check_relative_links,
        pure=False,
    ),
    Rule(
        "ADR015",
        "index-stale",
        "warning",
        "The README index is current.",
        "When the README keeps an index between archlog's markers, it lists every record as "
        "they are now. `--fix` (or `archlog index`) updates it.",
        bad=folder(ny(1, "Use queues"), **{"doc/adr/README.md": INDEX_EMPTY}),
        good=folder(ny(1, "Use queues"), **{"doc/adr/README.md": INDEX_CURRENT}),
        folder_check=r.check_index,
        fixable=True,
    ),
    Rule(
        "ADR016",
        "placeholder-left",
        "warning",
        "No template placeholder is left in.",
        "Text the template left in is the template speaking, not the author: a line that is "
        "only `TODO` or `TBD`, a field whose value is one (`Deciders: TBD`, `Date: YYYY-MM-DD`), "
        "or template markup such as `[Short Title in Title Case]`, `{title}`, `{{ date }}` or "
        "`[Link to ticket]`. A word in prose (the vendor is TBD until March) is the author's, "
        "and so are links (`[list](MASTER-TODO.md)`), code spans, code blocks and comments.",
        bad=folder(
            ny(1, "Use queues", body="## Context\n\nTODO\n\n## Decision\n\nDeciders: TBD\n")
        ),
        good=folder(
            ny(
                1,
                "Use queues",
                body="## Context\n\nThe vendor is TBD until March; see "
                "[the list](MASTER-TODO.md). The `TODO` marker is ours.\n",
            )
        ),
        record_check=r.check_placeholders,
    ),
    Rule(
        "ADR017",
        "empty-section",
        "warning",
        "Sections have content.",
        "An empty section is a question the template asked and nobody answered. Delete it or "
        "say why it does not apply.",
        bad=folder(ny(1, "Use queues", body="## Context\n\n## Decision\n\nWe will.\n")),
        good=folder(ny(1, "Use queues")),
        record_check=r.check_empty_sections,
    ),
    Rule(
        "ADR018",
        "section-missing",
        "warning",
        "The convention's required sections are there.",
        "Each convention requires its core sections (adr-tools: Context, Decision, "
        "Consequences; MADR: Context and Problem Statement, Considered Options, Decision "
        "Outcome; …). See `archlog conventions --format json`.",
        bad=folder(ny(1, "Use queues"), ny(2, "Use streams", body="## Decision\n\nWe will.\n")),
        good=folder(ny(1, "Use queues"), ny(2, "Use streams")),
        record_check=r.check_required_sections,
    ),
)
