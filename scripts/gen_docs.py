#!/usr/bin/env python3
"""Generate the reference pages that must never drift from the code.

docs/commands.md from every command's ``--help``; docs/configuration.md from the option
schema; docs/conventions.md from the convention descriptions. ``--check`` exits 1 when a
page is stale (the test suite runs it).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from archlog.cli.app import COMMANDS, cli
from archlog.conventions.catalog import CONVENTIONS
from archlog.infra.config import OPTIONS, USUAL_FOLDERS

DOCS = Path(__file__).resolve().parent.parent / "docs"
#: The example repository with a convention of its own (the ninth convention's tests use it).
CARD = DOCS / "examples" / "card"


def commands_md() -> str:
    out = [
        "# Commands\n",
        "Generated from `archlog --help` by `scripts/gen_docs.py`; do not edit by hand.\n",
        "Exit codes: 0 success; 1 findings (a check that failed); 2 a usage, input or "
        "configuration error (one line on standard error, naming the file).\n",
    ]
    ctx = click.Context(cli, info_name="archlog")
    out += ["## archlog\n", "```text", cli.get_help(ctx), "```\n"]
    for name in sorted(COMMANDS):
        command = cli.get_command(ctx, name)
        assert command is not None
        sub = click.Context(command, info_name=name, parent=ctx)
        out += [f"## archlog {name}\n", "```text", command.get_help(sub), "```\n"]
    return "\n".join(out)


def configuration_md() -> str:
    out = [
        "# Configuration\n",
        "Generated from the option schema by `scripts/gen_docs.py`; do not edit by hand.\n",
        "archlog walks up from the working directory and uses the first of these it finds:",
        "`.archlog.toml` (options at the top level), `pyproject.toml` (a `[tool.archlog]` "
        "table), or adr-tools' `.adr-dir` (one line: the ADR folder). The walk stops at the "
        "repository root (a folder holding `.git`). Every problem in a file is reported at "
        "once, with the file's name, and exits with code 2.\n",
        "Without configuration, the first of these folders that exists (from the working "
        "directory up to the repository root) is used: "
        + ", ".join(f"`{f}`" for f in USUAL_FOLDERS)
        + ". `--dir` (or `ARCHLOG_DIR`) overrides all of it and may name a folder or a "
        "single-file decision log.\n",
        "| option | type | default | meaning |",
        "|---|---|---|---|",
    ]
    for opt in OPTIONS:
        kind = opt.type.__name__ if isinstance(opt.type, type) else "value"
        default = "—" if opt.default in (None, {}, []) else f"`{opt.default}`"
        out.append(f"| `{opt.name}` | {kind} | {default} | {opt.doc} |")
    out += [
        "",
        "Example (`pyproject.toml`):\n",
        "```toml",
        "[tool.archlog]",
        'dir = "docs/decisions"',
        'convention = "madr"',
        "```",
        "",
        "## Monorepos\n",
        "`folders = [...]` names several ADR folders, each with its own records, README index "
        "and convention (configured, or inferred from the folder):\n",
        "```toml",
        'folders = ["services/billing/doc/adr", "services/search/docs/decisions"]',
        "```\n",
        "- `list`, `lint`, `export`, `graph`, `index` and `site build` work across every "
        "folder. `list` shows each record's folder (a FOLDER column; a `folder` key in JSON, "
        "a `folder` column in CSV; `path` stays relative to the folder); `lint` gives one "
        "report (exit 1 when any folder fails); `export` writes one archlog export whose "
        "records each carry their `folder` (and `folders` gives each one's convention; "
        "`import` takes the export of one folder only); `graph` draws a subgraph per folder; "
        "`index` keeps each folder's README; `site build` writes a section per folder.",
        "- `new` and every command that works in one folder (`show`, `status`, `supersede`, "
        "`link`, `renumber`, `convert`, `import`, `site serve`, …) take `--folder NAME`: the "
        "folder as configured, or any run of its parts that names it alone (`billing`). "
        "Without it, they name the configured folders and stop (exit 2). With `--folder`, "
        "the commands that work across folders work in that one, as `--dir` would.",
        "- `--dir` still names any folder, and `dir = …` in the configuration wins over "
        "`folders`. Each entry must be a folder inside the repository; anything else is a "
        "configuration error naming the entry. `init` without a DIRECTORY does not guess: "
        "it names the configured folders and stops.\n",
        "Environment: `ARCHLOG_DIR` (like `--dir`), `ARCHLOG_TODAY` (pins today's date, "
        "`YYYY-MM-DD`), `ARCHLOG_LOCK_TIMEOUT` (seconds to wait for another archlog process "
        "editing the same folder; default 30), `ARCHLOG_CACHE_DIR` and `ARCHLOG_STATE_DIR` "
        "(archlog's private cache and state folders), `ARCHLOG_NO_CACHE=1` (no cache), "
        "`VISUAL`/`EDITOR` (for `new --edit`).",
        "",
        "Every path in the configuration is relative to the configuration file and must stay "
        "inside the repository (no `..` out of it, no absolute path, no symbolic link that "
        "leads out): another is a configuration error naming the key. See "
        "[security.md](security.md).",
    ]
    return "\n".join(out) + "\n"


def conventions_md() -> str:
    out = [
        "# Conventions\n",
        "Generated from `archlog.conventions.catalog` by `scripts/gen_docs.py`; "
        "do not edit by hand.\n",
        "archlog *reads* every convention at once (see [formats](formats.md)); a convention "
        "decides how it *writes*: new records, status changes and the index. Without a "
        "configured `convention`, archlog infers one from the newest records of the folder "
        "and adjusts it to what the folder does (number width, file prefix, date-named "
        "files, heading style, status-word case).\n",
    ]
    for conv in CONVENTIONS.values():
        sample = conv.file_name(12, "use-postgresql", "2026-01-15")
        out += [
            f"## `{conv.name}`\n",
            f"{conv.description}.\n",
            f"- file name: `{sample}`"
            + (f" (all records in `{conv.single_file}`)" if conv.single_file else ""),
            f"- title heading: `# {conv.heading(12, 'Use PostgreSQL')}`",
            f"- status written as: {conv.status_style}; date written as: {conv.date_style}",
            f"- status words: {', '.join(conv.status_word(s) for s in conv.statuses)}; "
            f"new records: {conv.status_word(conv.default_status)}",
            f"- sections: {', '.join(conv.sections)} (required: {', '.join(conv.required)})",
            f"- index style: {conv.index_style}; template: `templates/{conv.template}`",
            "",
        ]
    out += [_own_md(), SCOPE_MD]
    return "\n".join(out)


def _own_md() -> str:
    """The section on a repository's own convention, with every setting and its default."""
    from dataclasses import MISSING, fields

    from archlog.conventions.dialect import Convention

    rows = []
    for f in fields(Convention):
        if f.name in ("name", "lifecycle"):
            continue
        default = f.default_factory() if f.default_factory is not MISSING else f.default
        if default is MISSING or default is None:
            shown = "—"
        else:  # as TOML writes it
            value = list(default) if isinstance(default, tuple) else default
            shown = "`" + json.dumps(value, ensure_ascii=False).replace("|", "\\|") + "`"
        rows.append(f"| `{f.name}` | {shown} |")
    config = (CARD / ".archlog.toml").read_text(encoding="utf-8")
    template = (CARD / "conventions" / "card.md").read_text(encoding="utf-8")
    return (
        OWN_MD.replace("{settings}", "\n".join(rows))
        .replace("{card}", config.split("\n", 1)[1].rstrip("\n"))
        .replace("{card_template}", template.rstrip("\n"))
    )


OWN_MD = """## What a folder's own dialect is made of

Without a configured convention, the dialect is a vote over the traces of the folder's newest
records (25; in an area of its own, that area's, when it has three or more) and its template.
The reader reports, beside each value, how it was written, and the vote carries it over:

- **layout**: one file per record, one folder per record (`0007-use-x/README.md`,
  `2023-04-01-use-x/index.md`: the file name the folder uses), entries of a log file (the
  entries' heading level, the sections below it, a rule between entries or not);
- **file names**: prefix (`ADR-`, `xy-app-`, `adr`), number width, separator, slug case
  (`lower`, as the title writes it, or `Title-Cased`) and joiner, date-named names; records
  kept by area (a year folder takes a new record by its date; other areas need `--area`);
- **title**: the heading's form (`# 12. T`, `# ADR-012: T`, `### ADR-7: T (2025-12-09)`, the
  id numbered within its year `DEC-2024-01`) and padding, or the front-matter key holding it
  (`title: 'ADR013: T'`);
- **metadata**: each field's place (front matter, a bold, bold-inside, plain or bullet line,
  a two-column table, a section, the log entry's heading) and label as spelled; a bullet's
  mark and bold key (`- **Status**: x`); how a table opens (its header row, or a first row
  that is a field's) and pads its cells; lines above the title where records put them there;
- **front matter**: keys most records carry that archlog does not fill itself, copied,
  counted on (`nav_order: 105` → `106`) or following the title or id; their order; whether a
  blank line parts them from the title;
- **statuses**: the words as spelled (`✅ Accepted`, `Aceptado`, `已接受`), their case, and
  whether a status section writes `2020-03-25 accepted` or a dated history;
- **sections**: the headings in the folder's language and order, or none where records have
  none.

The number of a new record is one past the highest the folder ever used in its scope — the
folder, or where numbers restart per area (or, in a log, per id prefix such as `ADR-PAY-`)
that area — so `new` and `list` never disagree about which numbers are taken.

## A convention of your own

A convention is one description (the settings below) and a template; nothing in the code
names one. The built-in ones are the tables of `src/archlog/conventions/builtin.toml`. A
repository describes its own in its configuration, as a `[conventions.NAME]` table
(`[tool.archlog.conventions.NAME]` in `pyproject.toml`), and names it as `convention` —
the example of `docs/examples/card/`, which the test suite runs as it is written:

```toml
{card}
```

with its template, `conventions/card.md`:

```markdown
{card_template}
```

`archlog conventions` lists it after the built-in ones; `init`, `new`, `list`, `lint`,
`index`, `convert` and the status and relation edits use it as they use a built-in one. The
template is Jinja (`{{ heading }}`, `{{ status }}`, `{{ date }}`, `{{ deciders | join(", ") }}`,
`{% for link in links %}`), adr-tools' `NUMBER`/`TITLE`/`DATE`/`STATUS`, or a record with
placeholders; it must stay inside the repository. Its labels and status words must be ones
the reader knows (`src/archlog/conventions/words.toml`, where a word is one line). A setting
archlog does not have, a value of the wrong kind, or the name of a built-in convention is a
configuration error naming it. A program may also add one with
`archlog.conventions.catalog.register(Convention(...))`.

Every setting (`src/archlog/conventions/dialect.py` says what each does), with its default:

| setting | default |
|---|---|
{settings}

"""


SCOPE_MD = """## What a record governs: `scope` and `affects`

In any convention, a record may name the files it governs, as globs relative to the
repository's root: `scope:` or `affects:` (either, or both), in front matter as a list or a
comma-separated string, or on a labelled line of its own (plain, bold or a list item).
`archlog context PATH…` puts the decisions whose globs cover the paths first (see
[agents](agents.md)); records without them are ranked by their mentions of the paths.

```markdown
---
status: accepted
scope:
  - src/payments/**
  - db/migrations/*.sql
---
```

```markdown
# 12. Queue background jobs

Date: 2024-02-01
Affects: src/jobs/, lib/queue.py
```

`*` matches within a folder, `**` across folders, `?` one character; a glob ending in `/`
covers the whole folder. A glob covers a path when it matches it or something under it
(`src/payments/**` concerns `src/` and `src/payments/api.py` alike).
"""


LINT_INTRO = """# Lint

Generated from the rule catalogue (`src/archlog/features/lint/rules.toml`) by
`scripts/gen_docs.py`; do not edit by hand.

`archlog lint [PATH…]` checks every record of the folder (or only those at PATH…) and prints
`path:line:col: RULE severity message`, grouped by file, with a summary line. Exit 0 when
clean, 1 when a finding is an error (with `--strict`, a warning too), 2 on a usage or
configuration error.

- `--format json` prints `{"findings": [{rule, severity, path, line, col, message}],
  "summary": {errors, warnings, infos, records, files}}`; `--format github` prints workflow
  annotations (`::error file=…,line=…,col=…,title=…::message`; info is `notice`);
  `--format sarif` prints SARIF 2.1.0 (for code-scanning uploads).
- `--fix` applies the safe fixes (rules marked *fixable* below) with the byte-preserving edits
  of the lifecycle commands and prints their diff; `--fix --dry-run` only prints it. `--fix`
  never renames a file: links to it from outside the folder (other docs, code, a wiki) would
  break. `--fix-names` does the fixes of `--fix` and renames too (ADR009), rewriting the links
  inside the folder.
- `--git` adds the git checks: accepted records edited afterwards (ADR027) and, for records
  that state no date, the date and author git first saw (one `git log` for the folder). On a
  shallow clone lint warns that git's dates and history are cut short.
- `--against REF` (e.g. `origin/main`) reports numbers this branch adds that REF also added
  since the two forked (ADR026), with the `archlog renumber` that resolves it.
- `--rule ID` runs only that rule (repeatable).

Like the reader, lint keeps what it found under the user's cache directory, never in the
repository: each record's own findings with the record's content, and the whole report with a
key of everything it read — every record file's name and content, every name in the folder,
the README, the folder's own template, the configuration and the rules asked for — salted with
archlog's code and built-in templates and today's date. The key is made from the files' bytes
before any is parsed, so when nothing changed lint reads the files, compares one key and
prints the kept report, with the warnings reading gave (see [performance](performance.md)). A
link out of the folder that the folder listing cannot answer is asked of the file system again
before a kept report is used. Anything different, and the rules run.
`ARCHLOG_NO_CACHE=1` turns both off; `--git`, `--against` and PATH… always run in full.

## Settings

```toml
[tool.archlog.lint]
disable = ["ADR020"]                       # ids or names
severity = { ADR019 = "error", "status-casing" = "off" }
reading_minutes = 10                       # ADR019
words_per_minute = 200                     # ADR019
proposed_max_days = 60                     # ADR023
```

A record can turn rules off for itself with an HTML comment anywhere in it:
`<!-- archlog: disable=ADR012,ADR016 -->`.

## pre-commit

```yaml
repos:
  - repo: <this repository>
    rev: <a tag>
    hooks:
      - id: archlog-lint
      - id: archlog-index-check
```

## Rules
"""


def lint_md() -> str:
    from archlog.features.lint.rule_catalog import RULES

    out = [LINT_INTRO]
    out.append("| id | name | severity | checks |")
    out.append("|---|---|---|---|")
    for rule in RULES:
        mark = " (fixable)" if rule.fixable else ""
        out.append(
            f"| [{rule.id}](#{rule.id.lower()}-{rule.name}) | {rule.name} | "
            f"{rule.severity}{mark} | {rule.summary} |"
        )
    out.append("")
    for rule in RULES:
        flags = (
            [rule.severity] + (["fixable"] if rule.fixable else []) + (["git"] if rule.git else [])
        )
        out += [
            f"### {rule.id} {rule.name}",
            "",
            f"*{', '.join(flags)}* — {rule.summary}",
            "",
            rule.doc,
            "",
        ]
        for label, files in (("Fails", rule.bad), ("Passes", rule.good)):
            if not files:
                continue
            out.append(f"{label}:")
            out.append("")
            for name, text in files.items():
                shown = text if len(text) < 600 else text[:300] + "\n…\n"
                out += [f"`{name}`", "", "````markdown", shown.rstrip("\n"), "````", ""]
        if rule.git:
            out += ["(Needs a git history: see the tests `tests/test_lint_git.py`.)", ""]
    return "\n".join(out)


def export_schema() -> str:
    from archlog.features.export import schema_path

    return schema_path().read_text(encoding="utf-8")


PAGES = {
    "commands.md": commands_md,
    "configuration.md": configuration_md,
    "conventions.md": conventions_md,
    "schemas/archlog-export-1.json": export_schema,
    "lint.md": lint_md,
}


def main() -> int:
    check = "--check" in sys.argv
    stale = []
    for name, make in PAGES.items():
        path = DOCS / name
        text = make()
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if stale:
        print("stale: " + ", ".join(stale) + " (run: python scripts/gen_docs.py)")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
