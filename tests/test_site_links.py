"""Every link of every built page leads somewhere: a link checker over the site of each
corpus, of a monorepo and of records that link to everything a record can link to; which
files the site copies (and which it must not); an edit rewrites only the pages it shows in."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPORA, cli_env, corpus_dirs
from tests.sitekit import broken_links, write_records
from tests.test_site import make_folder

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def site_build(cwd: Path, *args: str) -> Path:
    proc = subprocess.run(
        [sys.executable, "-m", "archlog", "site", "build", "--out", "public", *args],
        cwd=cwd,
        env=cli_env(),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    return cwd / "public"


def test_the_corpora_are_here() -> None:
    if not corpus_dirs():
        if os.environ.get("ARCHLOG_REQUIRE_ALL"):
            pytest.fail(f"the corpora are required (ARCHLOG_REQUIRE_ALL) but {CORPORA} is absent")
        pytest.skip(f"the shared corpora are not beside this checkout ({CORPORA})")


@pytest.mark.parametrize("name", [p.name for p in corpus_dirs()])
def test_no_page_of_a_corpus_site_links_nowhere(tmp_path: Path, name: str) -> None:
    from archlog.features.site import build
    from archlog.read.store import Store

    out = tmp_path / "public"
    build(Store.open(CORPORA / name, cwd=tmp_path), out)
    assert broken_links(out) == []


def test_no_page_of_the_test_site_links_nowhere(tmp_path: Path) -> None:
    make_folder(tmp_path)
    assert broken_links(site_build(tmp_path)) == []


def test_no_page_of_a_monorepo_site_links_nowhere(tmp_path: Path) -> None:
    for part in ("billing", "search"):
        write_records(
            tmp_path / "services" / part / "adr",
            {
                1: (
                    "Use queues",
                    "Superseded by [2. Use streams](0002-use-streams.md)",
                    "See [the index](README.md) and [the next](0002-use-streams.md#context).",
                ),
                2: (
                    "Use streams",
                    "Accepted\n\nSupersedes [1. Use queues](0001-use-queues.md)",
                    "Streams in " + part + ".",
                ),
            },
        )
    (tmp_path / ".archlog.toml").write_text(
        'folders = ["services/billing/adr", "services/search/adr"]\n'
    )
    out = site_build(tmp_path)
    assert broken_links(out) == []
    home = (out / "index.html").read_text()
    assert "Timeline" not in home and "search" not in home.split("<main", 1)[0].lower()
    page = (out / "services-search-adr" / "adr" / "0001-use-queues.html").read_text()
    crumbs = page.split('aria-label="Breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert 'href="../../index.html">All folders' in crumbs
    assert 'href="../index.html">services/search/adr' in crumbs
    assert 'aria-current="page">0001 Use queues' in crumbs
    assert (
        "Streams in search." in (out / "services-search-adr" / "search" / "text-0.js").read_text()
    )


def test_links_lead_to_pages_images_the_repository_or_nowhere(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # the repository's root, for links starting with "/"
    folder = tmp_path / "docs" / "adr"
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "flow.png").write_bytes(PNG)
    (folder / "img" / "evil.svg").write_text("<svg onload='alert(1)'/>")
    (tmp_path / "docs" / "outside.png").write_bytes(PNG)
    (folder / "img" / "escape.png").symlink_to(tmp_path / "docs" / "outside.png")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "main.py").write_text("print()\n")
    (folder / "README.md").write_text("# Decisions\n")
    (folder / "loop.png").symlink_to(folder / "loop.png")
    body = "\n\n".join(
        [
            "![flow](img/flow.png?raw=true) [as a link](./img/flow.png)",
            "![evil](img/evil.svg) ![escape](img/escape.png) ![outside](../outside.png)",
            "[code](../../src/main.py) [rooted](/src/main.py) [gone](../../src/gone.py)",
            "[index](README.md) [folder](./) [next](0002-use-streams.md#Context)",
            "[missing](0009-nothing.md) [up](#Context) [nowhere](#no-such-heading)",
            f"[nul](a%00b.png) [long]({'x' * 5000}.md) [loop](loop.png)",
        ]
    )
    write_records(
        folder, {1: ("Use queues", "Accepted", body), 2: ("Use streams", "Accepted", "Streams.")}
    )
    (tmp_path / ".archlog.toml").write_text(
        'dir = "docs/adr"\n[site]\nsource_url = "https://example.invalid/blob/main/{path}"\n'
    )
    out = site_build(tmp_path)
    assert broken_links(out) == []
    page = (out / "adr" / "0001-use-queues.html").read_text()
    assert page.count('"../files/img/flow.png"') == 2  # the image, and the link to it
    assert (out / "files" / "img" / "flow.png").read_bytes() == PNG
    assert sorted(p.name for p in (out / "files").rglob("*") if p.is_file()) == ["flow.png"]
    for alt, src in (
        ("evil", "img/evil.svg"),
        ("escape", "img/escape.png"),
        ("outside", "../outside.png"),
    ):
        assert (
            f'<span class="dead-image" title="not part of the site: {src}">[{alt}]</span>' in page
        )
    assert 'href="https://example.invalid/blob/main/src/main.py"' in page
    assert page.count("https://example.invalid/blob/main/src/main.py") == 2
    dead = page.replace(' rel="noopener noreferrer">', ">")  # the sanitiser adds it to every <a>
    assert 'title="no such file: ../../src/gone.py">gone</a>' in dead
    assert page.count('href="../index.html"') >= 3  # index, folder, and the site's own links
    assert 'href="../adr/0002-use-streams.html#context" rel="noopener noreferrer">next</a>' in page
    assert 'title="no such file: 0009-nothing.md">missing</a>' in dead
    assert 'href="#context"' in page and 'id="context"' in page
    assert 'title="no such section in this record: #no-such-heading">nowhere</a>' in dead
    for name in ("nul", "long", "loop"):
        assert 'title="no such file: ' in page.split(f">{name}</a>")[0].rsplit("<a", 1)[1]


def test_without_source_url_links_to_the_repository_stop_being_links(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "main.py").write_text("print()\n")
    write_records(tmp_path / "adr", {1: ("Use queues", "Accepted", "[code](../src/main.py)")})
    (tmp_path / ".archlog.toml").write_text('dir = "adr"\n')
    out = site_build(tmp_path)
    page = (out / "adr" / "0001-use-queues.html").read_text()
    dead = page.replace(' rel="noopener noreferrer">', ">")  # the sanitiser adds it to every <a>
    assert '<a class="dead-link" title="not part of the site: ../src/main.py">code</a>' in dead
    assert broken_links(out) == []


def test_a_bad_url_template_is_a_one_line_error(tmp_path: Path) -> None:
    write_records(tmp_path / "adr", {1: ("Use queues", "Accepted", "Why.")})
    (tmp_path / ".archlog.toml").write_text('dir = "adr"\n[site]\nsource_url = "x/{0}"\n')
    proc = subprocess.run(
        [sys.executable, "-m", "archlog", "site", "build"],
        cwd=tmp_path,
        env=cli_env(),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert (
        proc.stderr.count("\n") == 1
        and "site.source_url may hold only the placeholder {path}" in proc.stderr
    )
    assert not (tmp_path / "site").exists()


def test_an_edit_rewrites_only_the_pages_that_show_it(tmp_path: Path) -> None:
    from archlog.features.site import build
    from archlog.features.site.navigation import ALL_UP_TO
    from archlog.read.store import Store

    count = ALL_UP_TO + 30
    paths = write_records(
        tmp_path / "adr",
        {n: (f"Decision number {n}", "Accepted", f"Body {n}.") for n in range(1, count + 1)},
    )
    paths[count].write_text(
        paths[count]
        .read_text()
        .replace("Accepted", f"Accepted\n\nRelates to [1. Decision number 1]({paths[1].name})")
    )
    out = tmp_path / "public"
    build(Store.open(tmp_path / "adr", cwd=tmp_path), out)
    before = {p.name: p.stat().st_mtime_ns for p in (out / "adr").iterdir()}
    paths[1].write_text(paths[1].read_text().replace("Body 1.", "Body 1, edited."))
    build(Store.open(tmp_path / "adr", cwd=tmp_path), out, only={paths[1]})
    after = {p.name: p.stat().st_mtime_ns for p in (out / "adr").iterdir()}
    changed = {int(name[:4]) for name in before if after[name] != before[name]}
    # 2's "previous" names 1 and the newest relates to it; the sidebars list it from a
    # script, not from their pages
    assert changed == {1, 2, count}
    assert "Body 1, edited." in (out / "adr" / paths[1].with_suffix(".html").name).read_text()
    assert "edited" in (out / "search" / "text-0.js").read_text()
    assert '"edited":"edit"' in (out / "search" / "ed.js").read_text()  # the word's term
    paths[1].write_text(paths[1].read_text().replace("# 1. Decision number 1", "# 1. Renamed"))
    build(Store.open(tmp_path / "adr", cwd=tmp_path), out, only={paths[1]})
    assert "Renamed" in (out / "sidebar" / "1.js").read_text()  # the oldest: newest-first 130th
    assert "Renamed" in (out / "adr" / paths[2].with_suffix(".html").name).read_text()
