"""docs/api.md is true: its Python blocks, run in order as one script in an empty folder,
work as written; it names every public member of the API. The README's example runs too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import archlog.api
from archlog.api import Repository
from tests.conftest import ROOT, TODAY

DOC = ROOT / "docs" / "api.md"


def python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```$", text, flags=re.DOTALL | re.MULTILINE)


def test_the_worked_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ARCHLOG_TODAY", TODAY)
    monkeypatch.delenv("ARCHLOG_DIR", raising=False)
    blocks = python_blocks(DOC.read_text())
    assert len(blocks) >= 6
    namespace: dict[str, object] = {"__name__": "api_md"}
    for number, block in enumerate(blocks, 1):
        code = compile(block, f"{DOC.name}, block {number}", "exec")
        exec(code, namespace)  # each block sees what the earlier ones made, as one script
    assert (tmp_path / "docs" / "decisions" / "0010-use-cockroachdb-for-persistence.md").is_file()
    assert (tmp_path / "site" / "index.html").is_file()


def test_the_readmes_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ARCHLOG_TODAY", TODAY)
    Repository.init("docs/decisions", convention="madr")
    [block] = python_blocks((ROOT / "README.md").read_text())
    exec(compile(block, "README.md", "exec"), {"__name__": "readme"})
    made = Repository.open("docs/decisions").get(2)
    assert (made.title, made.deciders) == ("Adopt OpenTelemetry", ["Ana"])


def test_every_public_name_is_documented() -> None:
    text = DOC.read_text()
    members = [n for n in dir(Repository) if not n.startswith("_")]
    names = [n for n in archlog.api.__all__ if n not in ("ExportFormat", "GraphFormat")]
    missing = [n for n in [*members, *names] if not re.search(rf"\b{re.escape(n)}\b", text)]
    assert not missing, f"docs/api.md does not name: {', '.join(missing)}"
