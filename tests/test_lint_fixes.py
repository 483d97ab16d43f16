"""`lint --fix` never renames a file (links from outside the folder would break): renaming is
asked for with `--fix-names`. ADR016 reports template text left in — a whole line or a
field value — not a word in prose or in a link."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Run
from tests.test_lint import lint_json, materialise

BODY = "## Context\n\nX.\n\n## Decision\n\nWe will.\n\n## Consequences\n\nHarder.\n"


def _misnamed(tmp_path: Path) -> Path:
    materialise(
        tmp_path,
        {
            "doc/adr/0001-queues.md": f"# 1. Use queues\n\nDate: 2024-01-10\n\n## Status\n\nAccepted\n\n{BODY}",
            "doc/adr/0002-streams.md": f"# 2. Use streams\n\nDate: 2024-01-11\n\n## Status\n\nAccepted\n\n"
            f"See [queues](0001-queues.md).\n\n{BODY}",
            "docs/guide.md": "Read [the queue decision](../doc/adr/0001-queues.md).\n",
        },
    )
    return tmp_path / "doc" / "adr"


def test_fix_leaves_file_names_alone(run: Run, tmp_path: Path) -> None:
    folder = _misnamed(tmp_path)
    _, found = lint_json(run, tmp_path, "--rule", "ADR009")
    assert sorted(f["path"] for f in found) == ["doc/adr/0001-queues.md", "doc/adr/0002-streams.md"]
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = run("lint", "--fix", "--rule", "ADR009")
    assert result.code == 0, result.err
    assert "nothing to fix" in result.err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_fix_names_renames_and_rewrites_the_links_inside_the_folder(
    run: Run, tmp_path: Path
) -> None:
    folder = _misnamed(tmp_path)
    dry = run("lint", "--fix-names", "--dry-run", "--rule", "ADR009")
    assert "rename doc/adr/0001-queues.md → doc/adr/0001-use-queues.md" in dry.out, dry.out
    assert (folder / "0001-queues.md").exists()
    done = run("lint", "--fix-names", "--rule", "ADR009")
    assert done.code == 0, done.err
    assert sorted(p.name for p in folder.iterdir()) == ["0001-use-queues.md", "0002-use-streams.md"]
    assert "(0001-use-queues.md)" in (folder / "0002-use-streams.md").read_text()
    # outside the folder nothing is rewritten: that is why renaming is asked for apart
    assert "0001-queues.md" in (tmp_path / "docs" / "guide.md").read_text()


def _placeholders(run: Run, tmp_path: Path, body: str) -> list[tuple[int, str]]:
    materialise(
        tmp_path,
        {
            "doc/adr/0001-use-queues.md": f"# 1. Use queues\n\nDate: 2024-01-10\n\n## Status\n\nAccepted\n\n{body}"
        },
    )
    result = run("lint", "--format", "json", "--rule", "ADR016", cwd=tmp_path)
    assert result.code in (0, 1), result.err
    return [(f["line"], f["message"]) for f in json.loads(result.out)["findings"]]


def test_a_word_in_prose_or_a_link_is_not_a_placeholder(run: Run, tmp_path: Path) -> None:
    body = (
        "## Context\n\nThe vendor's price is TBD until March, so we plan for both.\n\n"
        "Open items live in [the master list](MASTER-TODO.md) and [todo](todo.md).\n\n"
        "We grep for `TODO` in CI. <!-- TODO: reword -->\n\n"
        "<!--\nTODO\n-->\n\n```text\nTBD\n```\n\n## Decision\n\nTODO: none; all done.\n"
    )
    assert _placeholders(run, tmp_path, body) == []


def test_a_whole_line_or_field_value_is_a_placeholder(run: Run, tmp_path: Path) -> None:
    body = (
        "Deciders: TBD\n**Consulted**: TODO\n\n## Context\n\nTODO\n\n"
        "## Decision\n\n- TBD.\n\n## Consequences\n\n[Describe the consequences]\n"
    )
    found = _placeholders(run, tmp_path, body)
    assert [line for line, _ in found] == [9, 10, 14, 18, 22], found
    assert found[0][1] == "template placeholder left in: TBD"
    assert found[-1][1] == "template placeholder left in: [Describe the consequences]"
