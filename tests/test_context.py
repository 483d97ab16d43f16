"""archlog context: the digest of the decisions in force, its budget, paths, --write, --check."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from archlog.features.context import covers, scopes
from tests.conftest import CORPORA, ROOT, Run

LINK = re.compile(r"^- \[(?P<id>\S+) ")


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    adr = tmp_path / "doc" / "adr"
    adr.mkdir(parents=True)
    write(
        adr,
        "0001-use-stripe.md",
        "---\nstatus: accepted\ndate: 2024-01-01\nscope:\n"
        "  - src/payments/**\n  - db/*.sql\n---\n# Use Stripe\n\n## Decision\n\n"
        "We take card payments through Stripe. Refunds go the same way. Nothing else.\n",
    )
    write(
        adr,
        "0002-use-queues.md",
        "# 2. Use queues\n\nDate: 2024-02-01\nAffects: src/jobs/\n\n"
        "## Status\n\nAccepted\n\n## Decision\n\nBackground work goes through a queue.\n",
    )
    write(
        adr,
        "0003-log-as-json.md",
        "# 3. Log as JSON\n\nDate: 2024-03-01\n\n## Status\n\n"
        "Accepted\n\n## Decision\n\nEvery service logs JSON lines; the billing module too.\n",
    )
    write(
        adr,
        "0004-use-cron.md",
        "# 4. Use cron\n\nDate: 2023-01-01\n\n## Status\n\n"
        "Superseded by [5. Use a scheduler](0005-use-a-scheduler.md)\n\n## Decision\n\nCron.\n",
    )
    write(
        adr,
        "0005-use-a-scheduler.md",
        "# 5. Use a scheduler\n\nDate: 2024-04-01\n\n## Status\n\n"
        "Accepted\n\nSupersedes [4. Use cron](0004-use-cron.md)\n\n## Decision\n\n"
        "A scheduler runs timed jobs.\n",
    )
    write(
        adr,
        "0006-try-graphql.md",
        "# 6. Try GraphQL\n\nDate: 2024-05-01\n\n## Status\n\n"
        "Proposed\n\n## Decision\n\nWe may try GraphQL.\n",
    )
    return tmp_path


def listed_ids(markdown: str) -> list[str]:
    return [m.group("id") for line in markdown.splitlines() if (m := LINK.match(line))]


def test_only_decisions_in_force_newest_first(run: Run, repo: Path) -> None:
    result = run("context", cwd=repo)
    assert result.code == 0, result.err
    assert listed_ids(result.out) == ["0005", "0003", "0002", "0001"]
    assert (
        "- [0005 Use a scheduler](doc/adr/0005-use-a-scheduler.md): A scheduler runs timed "
        "jobs. Supersedes 0004." in result.out
    )
    assert "We take card payments through Stripe. Refunds go the same way.\n" in result.out


def test_paths_bring_the_decisions_that_concern_them_first(run: Run, repo: Path) -> None:
    assert listed_ids(run("context", "src/payments/api.py", cwd=repo).out)[0] == "0001"
    assert listed_ids(run("context", "db/schema.sql", cwd=repo).out)[0] == "0001"
    assert listed_ids(run("context", "src/jobs/", cwd=repo).out)[0] == "0002"
    assert listed_ids(run("context", "src/billing/", cwd=repo).out)[0] == "0003"  # a mention
    data = json.loads(run("context", "src/jobs/x.py", "--format", "json", cwd=repo).out)
    first = data["decisions"][0]
    assert (first["id"], first["scoped"], first["area"]) == ("0002", ["src/jobs/x.py"], "General")


def test_scopes_from_front_matter_and_labelled_lines() -> None:
    from archlog.model import Record, Span

    record = Record(Path("x.md"), "1", "X", spans={"front_matter": Span(1, 3)})
    source = "---\nscope: [src/a/**, 'lib/*.py']\n---\n# X\n\n**Affects**: `api/`, web/\n"
    assert scopes(record, source) == ["src/a/**", "lib/*.py", "api/", "web/"]
    assert covers("src/a/**", "src/a/b/c.py") and covers("src/a/**", "src/")
    assert covers("api/", "api/v1/x.py") and not covers("api/", "apiary/x")
    assert covers("lib/*.py", "lib/q.py") and not covers("lib/*.py", "lib/sub/q.py")


def test_budget_keeps_the_most_relevant_that_fit(run: Run, repo: Path) -> None:
    small = run("context", "src/jobs/", "--budget", "120", cwd=repo).out
    assert len(small) <= 120 * 4
    assert listed_ids(small)[0] == "0002" and len(listed_ids(small)) < 4
    assert "more in force" in small


def test_write_twice_changes_nothing_the_second_time(run: Run, repo: Path) -> None:
    agents = repo / "AGENTS.md"
    agents.write_bytes(b"# Notes for agents\r\n\r\nRun the tests.\r\n")
    first = run("context", "--write", "AGENTS.md", cwd=repo)
    assert first.code == 0 and first.out == "updated AGENTS.md\n", first.err
    text = agents.read_bytes()
    assert text.startswith(b"# Notes for agents\r\n\r\nRun the tests.\r\n\r\n")
    assert b"<!-- archlog:context:start -->\r\n## Architecture decisions" in text
    agents.write_bytes(text + b"\r\nKept after the block.\r\n")
    kept = agents.read_bytes()
    second = run("context", "--write", "AGENTS.md", cwd=repo)
    assert (second.code, second.out) == (0, "")
    assert "current" in second.err and agents.read_bytes() == kept


def test_check_fails_after_a_record_is_accepted(run: Run, repo: Path) -> None:
    target = repo / ".github" / "copilot-instructions.md"
    assert run("context", "--write", str(target), cwd=repo).code == 0
    assert "](../doc/adr/0005-use-a-scheduler.md)" in target.read_text()
    assert run("context", "--write", str(target), "--check", cwd=repo).code == 0
    before = target.read_bytes()
    assert run("accept", "6", cwd=repo).code == 0
    stale = run("context", "--write", str(target), "--check", cwd=repo)
    assert stale.code == 1 and "stale" in stale.err
    assert "+- [0006 Try GraphQL]" in stale.out
    assert target.read_bytes() == before  # --check writes nothing


def test_bad_input(run: Run, repo: Path) -> None:
    (repo / "CLAUDE.md").write_text("<!-- archlog:context:start -->\nno end\n")
    broken = run("context", "--write", "CLAUDE.md", cwd=repo)
    assert broken.code == 2 and "CLAUDE.md" in broken.err and "Traceback" not in broken.err
    assert run("context", "--check", cwd=repo).code == 2


def test_a_real_corpus_under_a_budget_of_2000(run: Run) -> None:
    folder = CORPORA / "ministryofjustice__modernisation-platform"
    if not folder.is_dir():
        import os

        if os.environ.get("ARCHLOG_REQUIRE_ALL"):
            pytest.fail("the shared corpora are required (ARCHLOG_REQUIRE_ALL is set)")
        pytest.skip("the shared corpora are not beside this checkout")
    out = run("context", "--dir", str(folder), "--budget", "2000").out
    assert 0 < len(out) <= 2000 * 4
    records = {
        r["id"]: r for r in json.loads(run("list", "--format", "json", "--dir", str(folder)).out)
    }
    replaced = {
        t["target"] for r in records.values() for t in r["relations"] if t["type"] == "supersedes"
    }
    shown = listed_ids(out)
    assert len(shown) >= 5
    for ident in shown:
        assert records[ident]["status"] in ("accepted", "implemented")
        assert records[ident]["number"] not in replaced
        assert not any(t["type"] == "superseded-by" for t in records[ident]["relations"])


def test_the_pre_commit_hook_runs_the_check(run: Run, repo: Path) -> None:
    import shlex

    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "archlog-context")
    argv = [*shlex.split(hook["entry"]), *hook["args"]]
    assert argv[0] == "archlog" and hook["pass_filenames"] is False
    assert run(*argv[1:], cwd=repo).code == 1  # no AGENTS.md yet: stale
    run("context", "--write", "AGENTS.md", cwd=repo)
    assert run(*argv[1:], cwd=repo).code == 0
    run("accept", "6", cwd=repo)
    assert run(*argv[1:], cwd=repo).code == 1
