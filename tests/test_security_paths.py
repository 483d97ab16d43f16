"""Paths a repository names stay inside it: configured paths, the site's output folder, and
records, templates, the index and assets that are symbolic links to files outside it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Run

RECORD = (
    "# {n}. Decision {n}\n\nDate: 2024-05-0{n}\n\n## Status\n\nAccepted\n\n## Context\n\nWhy {n}.\n"
)
SECRET = "TOP-SECRET-VALUE"


def _repo(tmp_path: Path, config: str = "") -> tuple[Path, Path]:
    """A repository (with its configuration) beside a folder of the user's own files."""
    repo, outside = tmp_path / "repo", tmp_path / "home"
    folder = repo / "doc" / "adr"
    folder.mkdir(parents=True)
    for n in (1, 2):
        (folder / f"{n:04d}-decision-{n}.md").write_text(RECORD.format(n=n))
    (folder / "README.md").write_text(
        "# Decisions\n\n<!-- archlog:index:start -->\n<!-- archlog:index:end -->\n"
    )
    (repo / ".git").mkdir()
    if config:
        (repo / ".archlog.toml").write_text(config)
    outside.mkdir()
    (outside / "notes.md").write_text(f"# 7. {SECRET}\n\n## Status\n\nAccepted\n")
    (outside / "secret.js").write_text(f"/* {SECRET} */")
    return repo, outside


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("config", "argv", "key"),
    [
        ('dir = "../home"\n', ["list"], "dir"),
        ('template = "../home/notes.md"\n', ["new", "Third"], "template"),
        ('[index]\nfile = "../home/notes.md"\n', ["index"], "index.file"),
        ('[index]\nfile = "../home/notes.md"\n', ["lint", "--fix"], "index.file"),
        ('[site]\nout = "../home"\n', ["site", "build"], "site.out"),
        ('[site]\nmermaid_js = "../home/secret.js"\n', ["site", "build"], "site.mermaid_js"),
        ('[site]\nmermaid_js = "/etc/hostname"\n', ["site", "build"], "site.mermaid_js"),
        ('folders = ["doc/adr", "../home"]\n', ["site", "build"], "folders[1]"),
    ],
)
def test_a_configured_path_outside_the_repository_is_refused(
    run: Run, tmp_path: Path, config: str, argv: list[str], key: str
) -> None:
    repo, outside = _repo(tmp_path, config)
    before = _snapshot(outside)
    result = run(*argv, cwd=repo)
    assert result.code == 2, result
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert ".archlog.toml" in result.err and f"{key} = " in result.err
    assert "leads outside the repository" in result.err
    assert _snapshot(outside) == before


def test_a_configured_path_that_is_a_link_outside_is_refused(run: Run, tmp_path: Path) -> None:
    repo, outside = _repo(tmp_path, '[index]\nfile = "INDEX.md"\n')
    (repo / "INDEX.md").symlink_to(outside / "notes.md")
    before = _snapshot(outside)
    result = run("index", cwd=repo)
    assert result.code == 2 and "index.file = 'INDEX.md' leads outside" in result.err
    assert _snapshot(outside) == before


def test_site_build_replaces_only_a_folder_it_built(run: Run, tmp_path: Path) -> None:
    repo, outside = _repo(tmp_path)
    before = _snapshot(outside)
    refused = run("site", "build", "--out", str(outside), cwd=repo)
    assert refused.code == 2 and "not a site archlog built" in refused.err
    assert refused.err.count("\n") == 1
    assert _snapshot(outside) == before
    out = tmp_path / "site"
    out.mkdir()  # empty: fine
    assert run("site", "build", "--out", str(out), cwd=repo).code == 0
    assert (out / ".archlog-site").is_file() and (out / "index.html").is_file()
    assert run("site", "build", "--out", str(out), cwd=repo).code == 0  # its own: replaced
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "repo", "site"]


def test_a_record_linked_outside_is_neither_read_nor_published(run: Run, tmp_path: Path) -> None:
    repo, outside = _repo(tmp_path)
    folder = repo / "doc" / "adr"
    (folder / "0007-notes.md").symlink_to(outside / "notes.md")
    (repo / "shared").mkdir()
    (repo / "shared" / "0003-decision-3.md").write_text(RECORD.format(n=3))
    (folder / "0003-decision-3.md").symlink_to(repo / "shared" / "0003-decision-3.md")
    listed = run("list", "--format", "json", cwd=repo)
    assert [r["number"] for r in json.loads(listed.out)] == [1, 2, 3]  # inside: still read
    assert "0007-notes.md: cannot read: a symbolic link that leads outside" in listed.err
    assert SECRET not in listed.out
    assert run("site", "build", "--out", str(tmp_path / "site"), cwd=repo).code == 0
    published = _snapshot(tmp_path / "site")
    assert published and not any(SECRET.encode() in data for data in published.values())


def test_an_adr_folder_linked_outside_is_not_read(run: Run, tmp_path: Path) -> None:
    repo, outside = _repo(tmp_path)
    (outside / "adr").mkdir()
    (outside / "adr" / "0001-mine.md").write_text(f"# 1. {SECRET}\n")
    (repo / "docs").mkdir()
    (repo / "docs" / "decisions").symlink_to(outside / "adr")
    result = run("list", "--dir", "docs/decisions", cwd=repo)
    assert SECRET not in result.out
    assert "the ADR folder leads outside the repository" in result.err


def test_a_template_linked_outside_is_not_read(run: Run, tmp_path: Path) -> None:
    repo, outside = _repo(tmp_path)
    (outside / "template.md").write_text(f"# NUMBER. TITLE\n\n{SECRET}\n")
    (repo / "doc" / "adr" / "templates").mkdir()
    (repo / "doc" / "adr" / "templates" / "template.md").symlink_to(outside / "template.md")
    result = run("new", "Third", cwd=repo)
    assert result.code == 0, result.err
    assert "template.md: the template leads outside the repository; not read" in result.err
    written = (repo / "doc" / "adr" / "0003-third.md").read_text()
    assert SECRET not in written and "# 3. Third" in written


def test_an_index_linked_outside_is_neither_read_nor_written(run: Run, tmp_path: Path) -> None:
    repo, outside = _repo(tmp_path)
    (outside / "notes.md").write_text(f"{SECRET}\n<!-- archlog:index:start -->\n")
    (repo / "doc" / "adr" / "README.md").unlink()
    (repo / "doc" / "adr" / "README.md").symlink_to(outside / "notes.md")
    before = _snapshot(outside)
    shown = run("index", "--check", cwd=repo)
    assert shown.code == 2 and "README.md: leads outside the repository" in shown.err
    assert SECRET not in shown.out
    assert run("index", cwd=repo).code == 2
    assert run("lint", "--fix", cwd=repo).code in (0, 1)
    assert _snapshot(outside) == before
    assert (repo / "doc" / "adr" / "README.md").is_symlink()


def test_an_npm_mermaid_linked_outside_is_not_published(run: Run, tmp_path: Path) -> None:
    repo, outside = _repo(tmp_path)
    dist = repo / "node_modules" / "mermaid" / "dist"
    dist.mkdir(parents=True)
    (dist / "mermaid.min.js").symlink_to(outside / "secret.js")
    result = run("site", "build", "--out", str(tmp_path / "site"), cwd=repo)
    assert result.code == 0, result.err
    assert "mermaid.min.js: leads outside the repository; not published" in result.err
    published = _snapshot(tmp_path / "site")
    assert not any(SECRET.encode() in data for data in published.values())


def test_an_area_or_record_folder_linked_outside_is_not_read(run: Run, tmp_path: Path) -> None:
    """Only a record's own name is opened without following links: a sub-folder (an area,
    a record folder) that is itself a link leading outside is refused as a whole."""
    repo, outside = _repo(tmp_path)
    (outside / "area").mkdir()
    (outside / "area" / "0009-leak.md").write_text(f"# 9. {SECRET}\n\n## Status\n\nAccepted\n")
    (outside / "0008-folder").mkdir()
    (outside / "0008-folder" / "README.md").write_text(f"# 8. {SECRET}\n\nAccepted\n")
    folder = repo / "doc" / "adr"
    (folder / "api").symlink_to(outside / "area")
    (folder / "0008-folder").symlink_to(outside / "0008-folder")
    listed = run("list", "--format", "json", cwd=repo)
    assert SECRET not in listed.out
    assert [r["number"] for r in json.loads(listed.out)] == [1, 2]
    assert "leads outside the repository; not read" in listed.err
