"""Every lint rule, in id order. Ids are stable: a rule may be retired, never renumbered."""
# ruff: noqa: E501  (rule docs and examples are data: one line each reads best)

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from archlog.features.lint import rules as r
from archlog.features.lint.findings import Rule
from archlog.features.lint.rules import folder, ny

if TYPE_CHECKING:
    from archlog.features.lint.inputs import Context
    from archlog.model import Record


# The git rules' module (and git's) is imported when a git rule runs, not with the catalog.
def _check_against(ctx: Context) -> Iterator[tuple[Record | Path, int, str]]:
    from archlog.features.lint.git_rules import check_against

    return check_against(ctx)


def _check_edited_after_acceptance(ctx: Context, record: Record) -> Iterator[tuple[int, str]]:
    from archlog.features.lint.git_rules import check_edited_after_acceptance

    return check_edited_after_acceptance(ctx, record)


_FM_BAD = "---\nstatus: [accepted\n---\n\n# Use queues\n\n## Context and Problem Statement\n\nX\n"
_FM_GOOD = "---\nstatus: accepted\ndate: 2024-01-10\n---\n\n# Use queues\n\n## Context and Problem Statement\n\nX\n\n## Considered Options\n\n* Queues\n\n## Decision Outcome\n\nQueues, but retries get harder.\n"
_LONG = (
    "## Context\n\n"
    + ("word " * 2100)
    + "\n\n## Decision\n\nWe will.\n\n## Consequences\n\nHarder.\n"
)
_DETAILED = "# ADR-0001: Use queues\n\n**Date:** 2024-01-10\n**Status:** Accepted\n\n## Decision\n\n{decision}\n\n## Context\n\nX\n\n## Alternatives Considered\n\n| Approach | Verdict |\n|---|---|\n| Polling | Rejected |\n\n## Consequences\n\nRetries get harder.\n"
_CFG_DETAILED = '[tool.archlog]\ndir = "doc/adr"\nconvention = "detailed"\n'

RULES: tuple[Rule, ...] = (
    Rule("ADR001", "title-missing", "error", "A record has a title heading.",
         "A record starts with a heading that names the decision (`# 12. Use PostgreSQL`, "
         "`# ADR-012: …`). Without one, readers and indexes fall back to the file name.",
         bad=folder(("doc/adr/0001-use-queues.md", "Date: 2024-01-10\n\n## Status\n\nAccepted\n")),
         good=folder(ny(1, "Use queues")), record_check=r.check_title),
    Rule("ADR002", "status-missing", "error", "A record states its status.",
         "Every record says where it stands — proposed, accepted, superseded … — in the place "
         "its convention keeps it (a Status section, a `Status:` line, front matter).",
         bad=folder(ny(1, "Use queues", status=None)), good=folder(ny(1, "Use queues")),
         record_check=r.check_status_missing),
    Rule("ADR003", "status-unknown", "warning", "The status is one of the vocabulary.",
         "Statuses are read in many spellings and languages, but must mean one of draft, "
         "proposed, pending, accepted, implemented, rejected, deprecated, superseded or amended; "
         "anything else cannot be filtered, indexed or checked.",
         bad=folder(ny(1, "Use queues", "Maybe later")), good=folder(ny(1, "Use queues", "Approved")),
         record_check=r.check_status_vocabulary),
    Rule("ADR004", "date-missing", "warning", "A record is dated.",
         "A decision is dated where its convention says (a `Date:` line, front matter, a Date "
         "section). With `--git`, the message says when git first saw the file.",
         bad=folder(ny(1, "Use queues"), ny(2, "Use streams", day="")),
         good=folder(ny(1, "Use queues"), ny(2, "Use streams")),
         record_check=r.check_date_missing),
    Rule("ADR005", "date-invalid", "error", "The date is a date.",
         "A date is `YYYY-MM-DD`, or a partial date such as `2025-09` or `2025-09-*`. "
         "Unambiguous other forms (`14 July 2017`) are read; text such as `last spring` is not.",
         bad=folder(ny(1, "Use queues", day="last spring")), good=folder(ny(1, "Use queues", day="2025-09-*")),
         record_check=r.check_date_valid),
    Rule("ADR006", "duplicate-number", "error", "Each number names one record.",
         "Two records with one number — usually two branches that each added the next ADR — "
         "make every reference to that number ambiguous. `archlog renumber --duplicates` "
         "gives the later one the next free number and rewrites its links.",
         bad=folder(ny(1, "Use queues"), ny(1, "Use streams")), good=folder(ny(1, "Use queues"), ny(2, "Use streams")),
         folder_check=r.check_duplicates),
    Rule("ADR007", "number-gap", "info", "Numbers run without gaps.",
         "A number never used (and never deleted in git history) usually means a record was "
         "lost in a merge or renamed by hand. Numbers are never reused, so a gap stays.",
         bad=folder(ny(1, "Use queues"), ny(3, "Use streams")), good=folder(ny(1, "Use queues"), ny(2, "Use streams")),
         folder_check=r.check_gaps),
    Rule("ADR008", "heading-number-mismatch", "error", "The heading's number is the file's.",
         "A heading `# 3. Title` in `0033-title.md` (a copy-paste slip) makes the record "
         "cite itself under another record's number.",
         bad=folder(("doc/adr/0002-use-queues.md", ny(3, "Use queues")[1])),
         good=folder(ny(2, "Use queues")), record_check=r.check_heading_number),
    Rule("ADR009", "file-name-mismatch", "info", "The file name follows the title.",
         "The slug of the file name is the slug of the title, so that a listing of file names "
         "reads like the index. `--fix-names` renames the file and rewrites the links to it "
         "inside the folder; plain `--fix` never renames (links from elsewhere would break).",
         bad=folder(("doc/adr/0001-queues.md", ny(1, "Use queues")[1])), good=folder(ny(1, "Use queues")),
         record_check=r.check_file_name, fixable=True),
    Rule("ADR010", "front-matter-invalid", "error", "Front matter is valid YAML.",
         "Front matter that YAML cannot read is ignored whole, so its status, date and "
         "people are lost; the message gives the line.",
         bad={"docs/decisions/0001-use-queues.md": _FM_BAD}, good={"docs/decisions/0001-use-queues.md": _FM_GOOD},
         record_check=r.check_front_matter),
    Rule("ADR011", "relation-target-missing", "error", "Relations name records that exist.",
         "A `Superseded by`, `Amends` … that names a number no record has points nowhere.",
         bad=folder(ny(1, "Use queues", "Superseded by [7. Streams](0007-streams.md)")),
         good=folder(ny(1, "Use queues", "Superseded by [2. Use streams](0002-use-streams.md)"),
                     ny(2, "Use streams", extra="\nSupersedes [1. Use queues](0001-use-queues.md)\n")),
         record_check=r.check_relation_targets, pure=False),
    Rule("ADR012", "relation-not-reciprocal", "warning", "Relations are written on both sides.",
         "If A is superseded by B, B supersedes A; if A amends B, B is amended by A. A one-sided "
         "link is invisible from the other record. `--fix` writes the missing side.",
         bad=folder(ny(1, "Use queues", "Superseded by [2. Use streams](0002-use-streams.md)"), ny(2, "Use streams")),
         good=folder(ny(1, "Use queues", "Superseded by [2. Use streams](0002-use-streams.md)"),
                     ny(2, "Use streams", extra="\nSupersedes [1. Use queues](0001-use-queues.md)\n")),
         record_check=r.check_reciprocal, fixable=True, pure=False),
    Rule("ADR013", "successor-missing", "warning", "A superseded record names its successor.",
         "The seeds: when a decision is superseded, update its status to name the replacement "
         "and link it, so a reader of the old record finds the current one.",
         bad=folder(ny(1, "Use queues", "Superseded")),
         good=folder(ny(1, "Use queues", "Superseded by [2. Use streams](0002-use-streams.md)"),
                     ny(2, "Use streams", extra="\nSupersedes [1. Use queues](0001-use-queues.md)\n")),
         record_check=r.check_successor_named),
    Rule("ADR014", "broken-link", "warning", "Relative links resolve.",
         "A relative link to a file that does not exist (a renamed record, a moved diagram) is "
         "broken for every reader. Links inside code blocks are not checked.",
         bad=folder(ny(1, "Use queues", body="## Context\n\nSee [the diagram](img/queues.png).\n")),
         good=folder(ny(1, "Use queues", body="## Context\n\nSee [the diagram](img/queues.png).\n"),
                     **{"doc/adr/img/queues.png": "png"}),
         record_check=r.check_relative_links, pure=False),
    Rule("ADR015", "index-stale", "warning", "The README index is current.",
         "When the README keeps an index between archlog's markers, it lists every record as "
         "they are now. `--fix` (or `archlog index`) updates it.",
         bad=folder(ny(1, "Use queues"), **{"doc/adr/README.md": "# ADRs\n\n<!-- archlog:index:start -->\n<!-- archlog:index:end -->\n"}),
         good=folder(ny(1, "Use queues"), **{"doc/adr/README.md": "# ADRs\n\n<!-- archlog:index:start -->\n* [1. Use queues](0001-use-queues.md)\n<!-- archlog:index:end -->\n"}),
         folder_check=r.check_index, fixable=True),
    Rule("ADR016", "placeholder-left", "warning", "No template placeholder is left in.",
         "Text the template left in is the template speaking, not the author: a line that is "
         "only `TODO` or `TBD`, a field whose value is one (`Deciders: TBD`, `Date: YYYY-MM-DD`), "
         "or template markup such as `[Short Title in Title Case]`, `{title}`, `{{ date }}` or "
         "`[Link to ticket]`. A word in prose (the vendor is TBD until March) is the author's, "
         "and so are links (`[list](MASTER-TODO.md)`), code spans, code blocks and comments.",
         bad=folder(ny(1, "Use queues", body="## Context\n\nTODO\n\n## Decision\n\nDeciders: TBD\n")),
         good=folder(ny(1, "Use queues", body="## Context\n\nThe vendor is TBD until March; see "
                        "[the list](MASTER-TODO.md). The `TODO` marker is ours.\n")),
         record_check=r.check_placeholders),
    Rule("ADR017", "empty-section", "warning", "Sections have content.",
         "An empty section is a question the template asked and nobody answered. Delete it or "
         "say why it does not apply.",
         bad=folder(ny(1, "Use queues", body="## Context\n\n## Decision\n\nWe will.\n")),
         good=folder(ny(1, "Use queues")), record_check=r.check_empty_sections),
    Rule("ADR018", "section-missing", "warning", "The convention's required sections are there.",
         "Each convention requires its core sections (adr-tools: Context, Decision, "
         "Consequences; MADR: Context and Problem Statement, Considered Options, Decision "
         "Outcome; …). See `archlog conventions --format json`.",
         bad=folder(ny(1, "Use queues"), ny(2, "Use streams", body="## Decision\n\nWe will.\n")),
         good=folder(ny(1, "Use queues"), ny(2, "Use streams")),
         record_check=r.check_required_sections),
    Rule("ADR019", "too-long", "warning", "A record reads in ten minutes.",
         "The seeds: readable in 5–10 minutes, one or two pages. Reading time is words at "
         "`words_per_minute` (200); the limit is `reading_minutes` (10).",
         bad=folder(ny(1, "Use queues", body=_LONG)), good=folder(ny(1, "Use queues")),
         record_check=r.check_length),
    Rule("ADR020", "alternatives-missing", "info", "Alternatives are recorded.",
         "The seeds: include the alternatives considered and why they were rejected (an "
         "Alternatives Considered or Considered Options section with content).",
         bad=folder(ny(1, "Use queues")),
         good=folder(ny(1, "Use queues", body="## Context\n\nX\n\n## Decision\n\nY\n\n"
                        "## Consequences\n\nHarder.\n\n## Alternatives Considered\n\nPolling: too slow.\n")),
         record_check=r.check_alternatives),
    Rule("ADR021", "negatives-missing", "info", "Consequences name a negative.",
         "The seeds: document negative consequences. Looked for: a Negative subsection, "
         "`Bad, because`, cons, risks, costs, trade-offs, harder, but, however.",
         bad=folder(ny(1, "Use queues", body="## Context\n\nX\n\n## Decision\n\nY\n\n## Consequences\n\nAll is well.\n")),
         good=folder(ny(1, "Use queues")), record_check=r.check_negative_consequences),
    Rule("ADR022", "decision-not-one-sentence", "info", "The decision is one sentence (seed 002).",
         "Seed 002 asks for the decision in one clear sentence, the reasoning elsewhere. Only "
         "checked in the `detailed` convention.",
         bad={"doc/adr/0001-use-queues.md": _DETAILED.format(decision="We use queues. They are fast."),
              ".archlog.toml": _CFG_DETAILED.replace("[tool.archlog]\n", "")},
         good={"doc/adr/0001-use-queues.md": _DETAILED.format(decision="We use queues for all events."),
               ".archlog.toml": _CFG_DETAILED.replace("[tool.archlog]\n", "")},
         record_check=r.check_one_sentence),
    Rule("ADR023", "proposed-too-long", "warning", "Proposals are decided in time.",
         "A record proposed (or draft, or pending) for longer than `proposed_max_days` (60) "
         "is a decision nobody is making: accept it, reject it or withdraw it.",
         bad=folder(ny(1, "Use queues", "Proposed", day="2020-01-10")),
         good=folder(ny(1, "Use queues", "Proposed", day="2099-01-10")),
         record_check=r.check_proposed_age),
    Rule("ADR024", "status-casing", "info", "Statuses are spelt as the folder spells them.",
         "`accepted` in a folder that writes `Accepted` (or the reverse) — the convention's "
         "spelling. `--fix` rewrites the status word.",
         bad=folder(ny(1, "Use queues"), ny(2, "Use streams"), ny(3, "Use logs", "accepted")),
         good=folder(ny(1, "Use queues"), ny(2, "Use streams"), ny(3, "Use logs")),
         record_check=r.check_status_casing, fixable=True),
    Rule("ADR025", "date-format", "info", "Dates are written YYYY-MM-DD.",
         "An unambiguous date in another form (`14/07/2017`, `14 July 2017`) is read, but is "
         "written ISO everywhere else. `--fix` rewrites it.",
         bad=folder(ny(1, "Use queues", day="14 July 2017")), good=folder(ny(1, "Use queues")),
         record_check=r.check_date_format, fixable=True),
    Rule("ADR026", "number-taken-on-target", "error", "New numbers are not taken on the target branch.",
         "With `--against REF`: a number this branch adds that REF also added since the merge "
         "base — two branches that will merge into a duplicate. The message gives the "
         "`archlog renumber` that resolves it. Needs git.",
         bad={}, good={}, folder_check=_check_against, git=True, pure=False),
    Rule("ADR027", "edited-after-acceptance", "warning", "Accepted records are not rewritten.",
         "The seeds: keep the original content of a decision; to change it, supersede it. "
         "Flags changes to a record's body since the commit that made it accepted, other than "
         "its status and relation lines. Runs with `--git`.",
         bad={}, good={}, record_check=_check_edited_after_acceptance, git=True, pure=False),
)  # fmt: skip

BY_ID = {rule.id: rule for rule in RULES}
