"""`archlog site build` in a real headless browser (Playwright driving Debian's Chromium):
filtering, search, relations both ways, the graph and Mermaid drawn, keyboard use, no XSS
vector runs, and a failed build leaves the previous site as it was."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Run, cli_env, need, need_program
from tests.needs import MERMAID_JS as BUNDLED

XSS = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned=2">',
    '<svg onload="window.__pwned=3"></svg>',
    "<svg><script>window.__pwned=4</script></svg>",
    '<a href="javascript:window.__pwned=5">click</a>',
    '<a href="JaVaScRiPt:window.__pwned=6">click</a>',
    '<a href="&#106;avascript:window.__pwned=7">click</a>',
    '<a href="data:text/html,<script>parent.__pwned=8</script>">data</a>',
    '<iframe src="javascript:parent.__pwned=9"></iframe>',
    '<iframe srcdoc="<script>parent.__pwned=10</script>"></iframe>',
    '<form action="javascript:window.__pwned=11"><button>go</button></form>',
    '<body onload="window.__pwned=12">',
    '<div style="background:url(javascript:window.__pwned=13)">styled</div>',
    '<object data="javascript:window.__pwned=14"></object>',
    '<embed src="javascript:window.__pwned=15">',
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=16">',
    '<details open ontoggle="window.__pwned=17">x</details>',
    '<input autofocus onfocus="window.__pwned=18">',
    '<video><source onerror="window.__pwned=19"></video>',
    '<audio src=x onerror="window.__pwned=20"></audio>',
    '<marquee onstart="window.__pwned=21">m</marquee>',
    '<base href="javascript:window.__pwned=22//">',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=23">',
    '<link rel="import" href="data:text/html,<script>window.__pwned=24</script>">',
    '<img src="x" onerror="window.__pwned=25"/>',
    "<scr<script>ipt>window.__pwned=26</scr</script>ipt>",
    "<IMG SRC=`javascript:window.__pwned=27`>",
    '<svg><a xlink:href="javascript:window.__pwned=28"><text y=20>t</text></a></svg>',
    '<svg><animate onbegin="window.__pwned=29" attributeName=x dur=1s>',
    "<textarea><script>window.__pwned=30</script></textarea>",
    "[md link](javascript:window.__pwned=31)",
    "![md image](javascript:window.__pwned=32)",
    '<a href=" javascript:window.__pwned=33">spaced</a>',
    '<p onclick="window.__pwned=34" onmouseover="window.__pwned=35">hover</p>',
    '<select onfocus="window.__pwned=36" autofocus><option>o</option></select>',
    '<isindex type=image src=1 onerror="window.__pwned=37">',
    "<template><script>window.__pwned=38</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=window.__pwned=39>"></noscript>',
]

RECORD = (
    "# {n}. {title}\n\nDate: 2024-0{n}-01\n\n## Status\n\n{status}\n\n## Context\n\n{context}\n"
)


def make_folder(root: Path) -> Path:
    folder = root / "doc" / "adr"
    folder.mkdir(parents=True)
    texts = {
        1: (
            "Use queues",
            "Superseded by [2. Use streams](0002-use-streams.md)",
            "We measured *throughput*. See issue #123 and [the next one](0002-use-streams.md).",
        ),
        2: (
            "Use streams",
            "Accepted\n\nSupersedes [1. Use queues](0001-use-queues.md)",
            "Streams keep order; the word zanzibarish appears only here.\n\n"
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] open\n\nA note[^1].\n\n"
            "[^1]: The footnote.\n\n```python\nprint('hi')\n```\n\n"
            "```mermaid\ngraph TD\n  A[Producer] --> B[Consumer]\n```\n",
        ),
        3: ("Keep a <script>log</script>", "Proposed", "Something rejected later."),
        4: ("Drop polling", "Rejected", "Polling was slow."),
        5: ("Hostile content", "Accepted", "\n\n".join(XSS)),
    }
    for n, (title, status, context) in texts.items():
        slug = {
            1: "use-queues",
            2: "use-streams",
            3: "keep-a-log",
            4: "drop-polling",
            5: "hostile-content",
        }[n]
        text = RECORD.format(n=n, title=title, status=status, context=context)
        (folder / f"{n:04d}-{slug}.md").write_text(text)
    (root / ".archlog.toml").write_text(
        'dir = "doc/adr"\n[site]\ntitle = "Test decisions"\n'
        'edit_url = "https://example.invalid/edit/main/{path}"\n'
        'issues = [{pattern = "#(\\\\d+)", url = "https://example.invalid/issues/{1}"}]\n'
    )
    return folder


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import subprocess
    import sys

    need("mermaid")  # the package draws Mermaid with the copy it was built with
    root = tmp_path_factory.mktemp("site")
    make_folder(root)
    env = cli_env()
    env.pop("ARCHLOG_MERMAID_JS", None)
    proc = subprocess.run(
        [sys.executable, "-m", "archlog", "site", "build", "--out", "public"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert "built " in proc.stdout
    return root / "public"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    chromium = need_program("chromium")
    need("playwright")
    import playwright.sync_api as playwright

    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))  # type: ignore[func-returns-value]
    page.dialogs = dialogs
    yield page
    context.close()


def test_home_filters_by_status(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "index.html").as_uri())
    assert page.locator("#records tbody tr:visible").count() == 5
    page.select_option("#filter-status", "accepted")
    assert page.locator("#records tbody tr:visible").count() == 2
    assert page.locator("#filter-count").inner_text() == "2 of 5 shown"
    page.select_option("#filter-status", "")
    page.fill("#filter-text", "polling")
    assert page.locator("#records tbody tr:visible").count() == 1
    page.fill("#filter-text", "")
    page.click("th button[data-sort='1']")  # sort by title
    first = page.locator("#records tbody tr").first.locator("td").nth(1).inner_text()
    assert first == "Drop polling"


def test_search_finds_a_word_in_one_body_and_reaches_the_record(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "search.html").as_uri() + "?q=zanzibar")
    page.wait_for_selector("#search-results li")
    results = page.locator("#search-results li a")
    assert results.count() == 1
    results.first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Use streams"
    assert page.url.endswith("/adr/0002-use-streams.html")


def test_supersede_links_both_ways_and_issue_and_edit_links(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "adr" / "0001-use-queues.html").as_uri())
    assert page.locator(".meta .badge").inner_text() == "superseded"
    page.click(".relations a:has-text('Use streams')")
    assert page.locator("h1").inner_text() == "Use streams"
    page.click(".relations a:has-text('Use queues')")
    assert page.locator("h1").inner_text() == "Use queues"
    issue = page.locator(".body a:has-text('#123')")
    assert issue.get_attribute("href") == "https://example.invalid/issues/123"
    body_link = page.locator(".body a:has-text('the next one')")
    assert body_link.get_attribute("href") == "../adr/0002-use-streams.html"
    edit = page.locator("a:has-text('Edit this page')")
    assert (
        edit.get_attribute("href") == "https://example.invalid/edit/main/doc/adr/0001-use-queues.md"
    )


def test_graph_and_mermaid_are_drawn(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "graph.html").as_uri())
    assert page.locator("svg.arc-graph a.node").count() == 5
    assert page.locator("svg.arc-graph path.edge-supersedes").count() == 1
    page.goto((site / "adr" / "0002-use-streams.html").as_uri())
    page.wait_for_selector("pre.mermaid svg", timeout=20000)
    assert "Producer" in page.locator("pre.mermaid svg").text_content()
    assert page.locator(".body table td").count() == 2
    assert page.locator(".body input[type=checkbox]").count() == 2
    assert page.locator(".body .highlight").count() == 1
    assert "The footnote." in page.locator(".body").inner_text()


def test_keyboard_navigation_and_theme(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "index.html").as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    before = page.evaluate("document.documentElement.getAttribute('data-theme')")
    page.focus(".theme-toggle")
    page.keyboard.press("Enter")
    after = page.evaluate("document.documentElement.getAttribute('data-theme')")
    assert {before, after} == {"light", "dark"}
    page.focus("#filter-status")
    page.keyboard.press("ArrowDown")
    assert page.locator("#records tbody tr:visible").count() < 5
    assert page.locator("header.site-header").count() == 1 and page.locator("main").count() == 1
    assert page.locator("nav[aria-label]").count() >= 1


def test_no_xss_vector_runs(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    assert len(XSS) >= 30
    page.goto((site / "adr" / "0005-hostile-content.html").as_uri())
    page.wait_for_timeout(500)
    for link in page.locator(".body a").all():
        link.click(no_wait_after=True, timeout=2000) if link.is_visible() else None
    page.wait_for_timeout(300)
    page.goto((site / "adr" / "0005-hostile-content.html").as_uri())
    page.hover(".body")
    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == []
    html = (site / "adr" / "0005-hostile-content.html").read_text()
    body = html.split('<div class="body">', 1)[1].split("</article>", 1)[0]
    lowered = body.lower()
    for needle in (
        "<script",
        "javascript:",
        "onerror",
        "onload",
        "<iframe",
        "<form",
        "<object",
        "<embed",
        "srcdoc",
        "data:text/html",
        " style=",
    ):
        assert needle not in lowered, needle
    title = (site / "adr" / "0003-keep-a-log.html").read_text()
    assert "Keep a &lt;script&gt;log&lt;/script&gt;" in title


def test_the_site_uses_no_network(site: Path) -> None:
    for page in site.rglob("*.html"):
        text = page.read_text()
        assert 'src="http' not in text and "cdn" not in text.lower(), page


def test_a_failed_build_leaves_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from archlog.features import site as site_mod
    from archlog.features.site import pages
    from archlog.read.store import Store

    make_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    repo = Store.open(tmp_path / "doc" / "adr", cwd=tmp_path)
    out = tmp_path / "public"
    site_mod.build(repo, out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken(*args, **_kwargs):  # type: ignore[no-untyped-def]
        (args[2] / "index.html").write_text("half")
        raise OSError("disk full")

    monkeypatch.setattr(pages, "write_site", broken)
    with pytest.raises(OSError):
        site_mod.build(Store.open(tmp_path / "doc" / "adr", cwd=tmp_path), out)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir() if ".building-" in p.name] == []


def test_site_build_cli_and_bad_settings(run: Run, tmp_path: Path) -> None:
    make_folder(tmp_path)
    result = run("site", "build")
    assert result.code == 0, result.err
    assert (tmp_path / "site" / "index.html").exists()
    (tmp_path / ".archlog.toml").write_text('dir = "doc/adr"\n[site]\nmermaid_js = "nowhere.js"\n')
    bad = run("site", "build")
    assert bad.code == 2 and "mermaid_js" in bad.err and bad.err.count("\n") == 1
    shutil.rmtree(tmp_path / "site")


def test_serve_rebuilds_and_reloads_the_open_page(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys
    import time

    folder = make_folder(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "archlog", "site", "serve", "--port", "0"],
        cwd=tmp_path,
        env=cli_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        assert line.startswith("serving http://127.0.0.1:"), line + proc.stderr.read()  # type: ignore[union-attr]
        url = line.split()[1]
        context = browser.new_context()
        page = context.new_page()
        page.goto(url.replace("index.html", "adr/0004-drop-polling.html"))
        assert "Polling was slow." in page.locator(".body").inner_text()
        target = folder / "0004-drop-polling.md"
        start = time.perf_counter()
        target.write_text(
            target.read_text().replace("Polling was slow.", "Polling was far too slow.")
        )
        page.wait_for_function(
            "document.querySelector('.body') && "
            "document.querySelector('.body').innerText.includes('far too slow')",
            timeout=15000,
        )
        seen_after = time.perf_counter() - start
        assert seen_after < 5, seen_after
        rebuilt = proc.stdout.readline()  # type: ignore[union-attr]
        assert rebuilt.startswith("rebuilt 5 records in "), rebuilt
        context.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_timeline_shows_status_changes_git_knows(tmp_path: Path) -> None:
    from archlog.features import site as site_mod
    from archlog.read.store import Store
    from tests.test_renumber import git

    need_program("git")
    folder = make_folder(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "proposed", when="2025-02-03T10:00:00")
    target = folder / "0003-keep-a-log.md"
    target.write_text(target.read_text().replace("Proposed", "Accepted"))
    git(tmp_path, "commit", "-qam", "accepted", when="2025-03-04T10:00:00")
    out = tmp_path / "public"
    site_mod.build(Store.open(folder, cwd=tmp_path), out)
    timeline = (out / "timeline.html").read_text()
    assert "<time>2025-03-04</time>" in timeline
    entry = timeline.split("<time>2025-03-04</time>", 1)[1].split("</li>", 1)[0]
    assert "0003 Keep a &lt;script&gt;log&lt;/script&gt;" in entry and "status-accepted" in entry


def test_a_monorepo_gets_a_section_per_folder(run: Run, tmp_path: Path) -> None:
    for part, title in (("billing", "Use queues"), ("search", "Use an index")):
        folder = tmp_path / "services" / part / "adr"
        folder.mkdir(parents=True)
        slug = title.lower().replace(" ", "-")
        (folder / f"0001-{slug}.md").write_text(
            RECORD.format(n=1, title=title, status="Accepted", context="Why.")
        )
    (tmp_path / ".archlog.toml").write_text(
        'folders = ["services/billing/adr", "services/search/adr"]\n'
    )
    result = run("site", "build", "--out", "public")
    assert result.code == 0, result.err
    home = (tmp_path / "public" / "index.html").read_text()
    assert 'href="services-billing-adr/index.html"' in home and "1 records" in home
    page = tmp_path / "public" / "services-search-adr" / "adr" / "0001-use-an-index.html"
    assert "Use an index" in page.read_text()
    assert 'href="../../index.html">All folders' in page.read_text()


def test_mermaid_from_the_repository_node_modules_is_found(tmp_path: Path) -> None:
    from archlog.features.site import SiteSettings
    from archlog.read.store import Store

    make_folder(tmp_path)
    default = SiteSettings.of(Store.open(cwd=tmp_path)).mermaid_js
    assert default == (BUNDLED if BUNDLED.exists() else None)
    dist = tmp_path / "node_modules" / "mermaid" / "dist"
    dist.mkdir(parents=True)
    (dist / "mermaid.min.js").write_text("/* mermaid */")
    found = SiteSettings.of(Store.open(cwd=tmp_path)).mermaid_js
    assert found == dist / "mermaid.min.js"
