"""The catalogue of the guidelines' rules (ADR019–ADR025) and the git rules (ADR026,
ADR027): id, name, default severity, a summary, a doc paragraph, the examples, the check."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from archlog.features.lint import guideline_rules as r
from archlog.features.lint.examples import CFG_DETAILED, DETAILED, LONG, folder, ny
from archlog.features.lint.findings import Rule

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


GUIDELINES: tuple[Rule, ...] = (
    Rule(
        "ADR019",
        "too-long",
        "warning",
        "A record reads in ten minutes.",
        "The seeds: readable in 5–10 minutes, one or two pages. Reading time is words at "
        "`words_per_minute` (200); the limit is `reading_minutes` (10).",
        bad=folder(ny(1, "Use queues", body=LONG)),
        good=folder(ny(1, "Use queues")),
        record_check=r.check_length,
    ),
    Rule(
        "ADR020",
        "alternatives-missing",
        "info",
        "Alternatives are recorded.",
        "The seeds: include the alternatives considered and why they were rejected (an "
        "Alternatives Considered or Considered Options section with content).",
        bad=folder(ny(1, "Use queues")),
        good=folder(
            ny(
                1,
                "Use queues",
                body="## Context\n\nX\n\n## Decision\n\nY\n\n"
                "## Consequences\n\nHarder.\n\n## Alternatives Considered\n\nPolling: too slow.\n",
            )
        ),
        record_check=r.check_alternatives,
    ),
    Rule(
        "ADR021",
        "negatives-missing",
        "info",
        "Consequences name a negative.",
        "The seeds: document negative consequences. Looked for: a Negative subsection, "
        "`Bad, because`, cons, risks, costs, trade-offs, harder, but, however.",
        bad=folder(
            ny(
                1,
                "Use queues",
                body="## Context\n\nX\n\n## Decision\n\nY\n\n## Consequences\n\nAll is well.\n",
            )
        ),
        good=folder(ny(1, "Use queues")),
        record_check=r.check_negative_consequences,
    ),
    Rule(
        "ADR022",
        "decision-not-one-sentence",
        "info",
        "The decision is one sentence (seed 002).",
        "Seed 002 asks for the decision in one clear sentence, the reasoning elsewhere. Only "
        "checked in the `detailed` convention.",
        bad={
            "doc/adr/0001-use-queues.md": DETAILED.format(decision="We use queues. They are fast."),
            ".archlog.toml": CFG_DETAILED,
        },
        good={
            "doc/adr/0001-use-queues.md": DETAILED.format(decision="We use queues for all events."),
            ".archlog.toml": CFG_DETAILED,
        },
        record_check=r.check_one_sentence,
    ),
    Rule(
        "ADR023",
        "proposed-too-long",
        "warning",
        "Proposals are decided in time.",
        "A record proposed (or draft, or pending) for longer than `proposed_max_days` (60) "
        "is a decision nobody is making: accept it, reject it or withdraw it.",
        bad=folder(ny(1, "Use queues", "Proposed", day="2020-01-10")),
        good=folder(ny(1, "Use queues", "Proposed", day="2099-01-10")),
        record_check=r.check_proposed_age,
    ),
    Rule(
        "ADR024",
        "status-casing",
        "info",
        "Statuses are spelt as the folder spells them.",
        "`accepted` in a folder that writes `Accepted` (or the reverse) — the convention's "
        "spelling. `--fix` rewrites the status word.",
        bad=folder(ny(1, "Use queues"), ny(2, "Use streams"), ny(3, "Use logs", "accepted")),
        good=folder(ny(1, "Use queues"), ny(2, "Use streams"), ny(3, "Use logs")),
        record_check=r.check_status_casing,
        fixable=True,
    ),
    Rule(
        "ADR025",
        "date-format",
        "info",
        "Dates are written YYYY-MM-DD.",
        "An unambiguous date in another form (`14/07/2017`, `14 July 2017`) is read, but is "
        "written ISO everywhere else. `--fix` rewrites it.",
        bad=folder(ny(1, "Use queues", day="14 July 2017")),
        good=folder(ny(1, "Use queues")),
        record_check=r.check_date_format,
        fixable=True,
    ),
    Rule(
        "ADR026",
        "number-taken-on-target",
        "error",
        "New numbers are not taken on the target branch.",
        "With `--against REF`: a number this branch adds that REF also added since the merge "
        "base — two branches that will merge into a duplicate. The message gives the "
        "`archlog renumber` that resolves it. Needs git.",
        bad={},
        good={},
        folder_check=_check_against,
        git=True,
        pure=False,
    ),
    Rule(
        "ADR027",
        "edited-after-acceptance",
        "warning",
        "Accepted records are not rewritten.",
        "The seeds: keep the original content of a decision; to change it, supersede it. "
        "Flags changes to a record's body since the commit that made it accepted, other than "
        "its status and relation lines. Runs with `--git`.",
        bad={},
        good={},
        record_check=_check_edited_after_acceptance,
        git=True,
        pure=False,
    ),
)
