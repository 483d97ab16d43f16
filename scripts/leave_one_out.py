#!/usr/bin/env python3
"""Write docs/leave-one-out.md: over every real corpus, the newest record taken away and
``archlog new`` asked for one with its title; how the two records' skeletons compare.

    python scripts/leave_one_out.py [--check]

The corpora are looked for beside the checkout (``../shared/corpora``) or where
``ARCHLOG_SHARED`` says. ``--check`` exits 1 when the page is not current.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.leave_one_out import ASPECTS, Outcome, leave_one_out  # noqa: E402

DOC = ROOT / "docs" / "leave-one-out.md"
INTRO = """\
# Leave one out: a new record in each folder's own style

For every real ADR folder in the shared corpora (16 public repositories), the test
`tests/test_leave_one_out.py` copies the folder, takes its newest record away (the highest
number; where records have none, the latest date), runs `archlog new` with that record's
title (in its area, on its date) and reads both records back. It compares their skeletons:

- **file name**: the name with its number, slug and date as placeholders (`NNNN-{slug}.md`,
  `ADRNNN-{slug}.md`, `{date}-{slug}.md`, `adrNNN-{slug}/README.md`, an entry of the log);
- **heading**: the title heading's form (`# ADR-{number}: {title}`, `# {number}. {title}`, a
  front-matter title as `ADR {number} – {title}`), its level and number padding;
- **metadata**: each field's label as written and where it sits (`Status@section`,
  `**Date**:` as `Date@bold`, `status@front-matter`, a table row, a bullet);
- **sections**: the section headings, in order.

*Same* means the new record's skeleton is the removed record's exactly. *As its siblings*
means it differs only where the removed record departs from the rest of its folder (or its
area): a field fewer than a third of its siblings carry, a section fewer than half of them
have and the folder's template does not, an order of sections most siblings do not share —
things no writer could know. The test requires every aspect of every folder to be one or the
other. Regenerate this page with `python scripts/leave_one_out.py`.

"""


def table(outcomes: Sequence[Outcome]) -> str:
    """The results as Markdown: the table, then what differs from the removed record."""
    head = "| corpus | removed | written | " + " | ".join(ASPECTS) + " |"
    rule = "|" + "---|" * (3 + len(ASPECTS))
    rows = [head, rule]
    details: list[str] = []
    for o in sorted(outcomes, key=lambda o: o.corpus.casefold()):
        same, style = o.matches(), o.in_style()
        cells = [
            "same"
            if same[a]
            else ("as its siblings" if not style[a] else f"**differs**: {style[a]}")
            for a in ASPECTS
        ]
        rows.append(f"| `{o.corpus}` | `{o.removed}` | `{o.written}` | " + " | ".join(cells) + " |")
        for aspect in ASPECTS:
            if not same[aspect]:
                old, new = o.old.aspects()[aspect], o.new.aspects()[aspect]
                details.append(
                    f"- `{o.corpus}`, {aspect}: removed `{_code(old)}`; written `{_code(new)}`"
                )
    total = len(outcomes) * len(ASPECTS)
    exact = sum(sum(o.matches().values()) for o in outcomes)
    styled = sum(1 for o in outcomes for why in o.in_style().values() if not why)
    summary = (
        f"\n{exact} of {total} aspects are the same as the removed record's; {styled} of "
        f"{total} are in the folder's style.\n"
    )
    where = "\n## Where the new record differs from the removed one\n\n" + "\n".join(details)
    return "\n".join(rows) + "\n" + summary + (where + "\n" if details else "")


def _code(text: str) -> str:
    return text.replace("`", "'").replace("|", "\\|")


def _corpora() -> Path:
    shared = Path(os.environ.get("ARCHLOG_SHARED") or ROOT.parent / "shared")
    return shared / "corpora"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the page is stale")
    args = parser.parse_args()
    corpora = _corpora()
    if not corpora.is_dir():
        print(f"no corpora at {corpora} (ARCHLOG_SHARED names the folder)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as work:
        outcomes = [
            leave_one_out(folder, Path(work) / folder.name)
            for folder in sorted(p for p in corpora.iterdir() if p.is_dir())
        ]
    text = INTRO + table(outcomes)
    if args.check:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        return 0 if current == text else 1
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
