"""Finding one's way in the built site, in Chromium: the sidebar, previous and next, the
banner of a replaced record, search as you type, a phone's width, the graph in both themes,
and axe-core's accessibility check of every kind of page in both themes."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import cli_env
from tests.sitekit import axe_violations, chromium, write_records

LONG_CODE = "x = " + " + ".join(f"value_number_{i}" for i in range(40))
LONG_INLINE = "`" + "a_very_long_identifier_" * 12 + "`"
WIDE_TABLE = "| " + " | ".join(f"column{i}" for i in range(14)) + " |\n|" + "---|" * 14 + "\n"
FILLER = " ".join(["Nothing to see in this sentence, which only takes room."] * 6)

RECORDS = {
    1: ("Use queues", "Superseded by [3. Use streams](0003-use-streams.md)", "Queues first."),
    2: (
        "Log in JSON",
        "Deprecated",
        f"Lines like {LONG_INLINE} and this:\n\n```python\n{LONG_CODE}\n```\n\n{WIDE_TABLE}\n"
        "See https://example.invalid/" + "a-long-path-segment/" * 10 + " too.",
    ),
    3: (
        "Use streams",
        "Accepted\n\nSupersedes [1. Use queues](0001-use-queues.md)",
        f"{FILLER} The consumers read from quokkaland partitions, in order. {FILLER}",
    ),
    4: ("Cache with Redis", "Proposed", "Quokkaland appears here too."),
    5: (
        "Drop the cron jobs",
        "Deprecated\n\nSuperseded by [4. Cache with Redis](0004-cache-with-redis.md)",
        "The cron jobs ran at night.",
    ),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("navigation")
    write_records(root / "doc" / "adr", RECORDS)
    (root / ".archlog.toml").write_text('dir = "doc/adr"\n[site]\ntitle = "Navigation"\n')
    proc = subprocess.run(
        [sys.executable, "-m", "archlog", "site", "build", "--out", "public"],
        cwd=root,
        env=cli_env(),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    return root / "public"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


def open_page(browser: Any, url: str, *, width: int = 1200, theme: str = "light") -> Any:
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=theme)
    page = context.new_page()
    page.goto(url)
    return page


def page_url(site: Path, name: str) -> str:
    return (site / name).as_uri()


def test_the_sidebar_lists_records_newest_first_and_marks_this_one(site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, page_url(site, "adr/0003-use-streams.html"))
    items = page.locator("#sidebar-list li")
    assert [t.split()[0] for t in items.all_inner_texts()] == [
        "0005",
        "0004",
        "0003",
        "0002",
        "0001",
    ]
    assert items.nth(1).locator(".badge").inner_text() == "proposed"
    current = page.locator("#sidebar-list [aria-current=page]")
    assert current.count() == 1 and current.inner_text() == "0003 Use streams"
    page.click("#sidebar-list a:has-text('Log in JSON')")
    assert page.locator("h1").inner_text() == "Log in JSON"
    assert page.locator("#sidebar-list [aria-current=page]").inner_text() == "0002 Log in JSON"
    page.context.close()


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A log too long for every sidebar to list it all."""
    from archlog.features.site import build
    from archlog.features.site.navigation import ALL_UP_TO
    from archlog.read.store import Store

    root = tmp_path_factory.mktemp("long")
    count = ALL_UP_TO + 30
    write_records(
        root / "adr",
        {
            n: (f"Decision number {n}", "Proposed" if n % 10 == 0 else "Accepted", f"Body {n}.")
            for n in range(1, count + 1)
        },
    )
    build(Store.open(root / "adr", cwd=root), root / "public")
    return root / "public"


def _sidebar_scripts(page: Any) -> list[str]:
    return page.evaluate(  # type: ignore[no-any-return]
        "[...document.scripts].map(s => s.getAttribute('src') || '')"
        ".filter(s => s.includes('sidebar/'))"
    )


def test_a_long_logs_sidebar_lists_the_records_around_the_page(long_site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    from archlog.features.site.navigation import WINDOW

    page = open_page(browser, page_url(long_site, "adr/0065-decision-number-65.html"))
    entries = page.locator("#sidebar-list li:not(.sidebar-more)")
    assert [int(t.split()[0]) for t in entries.all_inner_texts()] == list(range(85, 45, -1))
    assert entries.count() == WINDOW
    assert entries.nth(5).locator(".badge").inner_text() == "proposed"  # 80
    assert page.locator("#sidebar-list [aria-current=page]").inner_text() == (
        "0065 Decision number 65"
    )
    more = page.locator("#sidebar-list .sidebar-more a")
    assert more.all_inner_texts() == ["45 newer decisions", "45 older decisions"]
    assert _sidebar_scripts(page) == ["../sidebar/0.js"]  # only what the window needs
    page.click("#sidebar-list a:has-text('Decision number 84')")
    assert page.locator("h1").inner_text() == "Decision number 84"
    page.goto(page_url(long_site, "adr/0001-decision-number-1.html"))  # the oldest, at the end
    assert [int(t.split()[0]) for t in entries.all_inner_texts()] == list(range(40, 0, -1))
    assert more.all_inner_texts() == ["90 newer decisions"]
    assert _sidebar_scripts(page) == ["../sidebar/0.js", "../sidebar/1.js"]
    more.click()
    assert page.locator("#records tbody tr").count() == 130
    page.context.close()


def test_without_scripts_the_sidebar_marks_the_page_and_leads_to_every_record(
    long_site: Path, browser: Any
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(page_url(long_site, "adr/0065-decision-number-65.html"))
    items = page.locator("#sidebar-list li")
    assert items.all_inner_texts() == ["0065 Decision number 65 accepted", "All 130 decisions"]
    assert page.locator("#sidebar-list [aria-current=page]").count() == 1
    page.click("#sidebar-list a:has-text('All 130 decisions')")
    assert page.locator("#records tbody tr").count() == 130
    context.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_finds_no_serious_violation_in_a_long_logs_page(
    long_site: Path, browser: Any, theme: str
) -> None:
    page = open_page(browser, page_url(long_site, "adr/0065-decision-number-65.html"), theme=theme)
    assert axe_violations(page) == []
    page.context.close()


def test_previous_and_next_move_through_the_records(site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, page_url(site, "adr/0001-use-queues.html"))
    assert page.locator("a[rel=prev]").count() == 0
    seen = [page.locator("h1").inner_text()]
    while page.locator("a[rel=next]").count():
        page.click("a[rel=next]")
        seen.append(page.locator("h1").inner_text())
    assert seen == [RECORDS[n][0] for n in range(1, 6)]
    page.click("a[rel=prev]")
    assert page.locator("h1").inner_text() == "Cache with Redis"
    assert page.locator("a[rel=prev]").get_attribute("href") == "0003-use-streams.html"
    page.context.close()


def test_the_sidebar_folds_away_on_a_phone(site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, page_url(site, "adr/0004-cache-with-redis.html"), width=360)
    toggle = page.locator("#sidebar-toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#sidebar-list").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    page.click("#sidebar-list a:has-text('Use queues')")
    assert page.locator("h1").inner_text() == "Use queues"
    page.context.close()
    wide = open_page(browser, page_url(site, "adr/0004-cache-with-redis.html"), width=1200)
    assert wide.locator("#sidebar-list").is_visible()
    assert not wide.locator("#sidebar-toggle").is_visible()
    wide.context.close()


def test_a_replaced_record_says_so_and_links_its_successors(site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, page_url(site, "adr/0001-use-queues.html"))
    banner = page.locator(".banner")
    assert banner.inner_text() == "Superseded: this decision was replaced by 0003 Use streams."
    banner.locator("a").click()
    assert page.locator("h1").inner_text() == "Use streams"
    assert page.locator(".banner").count() == 0
    page.goto(page_url(site, "adr/0005-drop-the-cron-jobs.html"))
    assert "replaced by 0004 Cache with Redis" in page.locator(".banner").inner_text()
    page.goto(page_url(site, "adr/0002-log-in-json.html"))
    assert page.locator(".banner").inner_text() == "Deprecated: this decision no longer applies."
    page.context.close()


def test_typing_in_the_header_shows_results_with_snippets_and_enter_opens_the_first(
    site: Path, browser: Any
) -> None:
    page = open_page(browser, page_url(site, "timeline.html"))
    page.click("#q")
    page.keyboard.type("quokka")
    results = page.locator("#q-results .search-result")
    results.first.wait_for()
    assert results.count() == 2
    for result in results.all():
        marks = result.locator(".snippet mark").all()
        assert [m.inner_text().casefold() for m in marks] == ["quokkaland"]
    streams = results.filter(has_text="Use streams").locator(".snippet")
    # the word is far into the record: the snippet is cut around it, not from the start
    assert streams.inner_text().startswith("…") and "partitions" in streams.inner_text()
    first = results.first
    title = first.locator("a").inner_text()
    assert page.locator("#q-status").inner_text() == "2 results"
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert title.endswith(page.locator("h1").inner_text())


def test_arrows_move_through_the_results_and_escape_clears(site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, page_url(site, "index.html"))
    page.click("#q")
    page.keyboard.type("quokkaland")
    page.locator("#q-results .search-result").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == page.locator("#q-results .search-result a").nth(1).inner_text()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "q"
    assert page.input_value("#q") == "" and not page.locator("#q-results").is_visible()
    page.keyboard.type("nosuchwordanywhere")
    page.wait_for_function("document.getElementById('q-status').textContent !== ''")
    assert page.locator("#q-status").inner_text() == "No record matches nosuchwordanywhere"
    page.context.close()


def test_the_search_page_lists_results_as_you_type(site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, page_url(site, "search.html") + "?q=cron")
    page.locator("#search-results .search-result").first.wait_for()
    assert page.locator("#q").count() == 0  # one search box on the search page
    assert page.locator("#search-results .snippet mark").first.inner_text() == "cron"
    page.fill("#search-query", "")
    page.locator("#search-query").press_sequentially("queue")
    page.wait_for_function("document.getElementById('search-status').textContent === '1 result'")
    assert page.locator("#search-results .search-result a").inner_text() == "0001 Use queues"
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Use queues"
    page.context.close()


PAGES = [
    "index.html",
    "adr/0002-log-in-json.html",
    "adr/0003-use-streams.html",
    "timeline.html",
    "graph.html",
    "search.html",
    "status/deprecated.html",
]


@pytest.mark.parametrize("name", PAGES)
def test_nothing_scrolls_sideways_at_360_pixels(site: Path, browser: Any, name: str) -> None:
    page = open_page(browser, page_url(site, name), width=360)
    assert page.evaluate("document.documentElement.scrollWidth") == 360
    if name == "adr/0002-log-in-json.html":  # the long line scrolls in its own box
        pre = page.locator(".body pre")
        assert pre.evaluate("e => e.scrollWidth > e.clientWidth")
        assert pre.evaluate("e => getComputedStyle(e).overflowX") == "auto"
        table = page.locator(".body table")
        assert table.evaluate("e => e.scrollWidth > e.clientWidth")
    page.context.close()


def _luminance(colour: str) -> float:
    r, g, b = (int(c) / 255 for c in re.findall(r"\d+", colour)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_the_graph_follows_the_theme(site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    colours = {}
    for theme in ("light", "dark"):
        page = open_page(browser, page_url(site, "graph.html"), theme=theme)
        node = page.locator("svg.arc-graph a.node.status-accepted rect").first
        label = page.locator("svg.arc-graph a.node.status-accepted text").first
        edge = page.locator("svg.arc-graph path.edge-supersedes").first
        colours[theme] = (
            node.evaluate("e => getComputedStyle(e).fill"),
            label.evaluate("e => getComputedStyle(e).fill"),
            edge.evaluate("e => getComputedStyle(e).stroke"),
        )
        page.context.close()
    light_fill, light_text, light_edge = colours["light"]
    dark_fill, dark_text, dark_edge = colours["dark"]
    assert _luminance(light_fill) > 0.8 and _luminance(dark_fill) < 0.2
    assert _luminance(light_text) < 0.3 and _luminance(dark_text) > 0.8
    assert light_edge != dark_edge and _luminance(dark_edge) > _luminance(light_edge)


def test_a_graph_with_no_relations_says_so(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    from archlog.features.site import build
    from archlog.read.store import Store

    folder = tmp_path / "adr"
    write_records(
        folder, {1: ("Use queues", "Accepted", "Alone."), 2: ("Use logs", "Accepted", "Alone too.")}
    )
    build(Store.open(folder, cwd=tmp_path), tmp_path / "public")
    page = open_page(browser, (tmp_path / "public" / "graph.html").as_uri())
    assert page.locator("svg").count() == 0
    assert page.locator(".empty-graph").inner_text() == (
        "No relations to draw: none of the 2 records supersedes, amends, clarifies or links "
        "to another."
    )
    page.context.close()


def test_the_id_column_is_as_wide_as_its_ids(site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, page_url(site, "index.html"), width=1400)
    widest = page.evaluate(
        "Math.max(...[...document.querySelectorAll('#records tbody td:first-child')].map(td => {"
        " const r = document.createRange(); r.selectNodeContents(td);"
        " return r.getBoundingClientRect().width; }))"
    )
    column = page.evaluate(
        "(() => { const td = document.querySelector('#records tbody td:first-child');"
        " const s = getComputedStyle(td);"
        " return td.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); })()"
    )
    header = page.evaluate("document.querySelector('#records th button').offsetWidth")
    assert column <= max(widest, header) + 1, (column, widest, header)
    page.context.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(
    "name",
    ["index.html", "adr/0001-use-queues.html", "search.html", "timeline.html", "graph.html"],
)
def test_axe_finds_no_serious_violation(site: Path, browser: Any, name: str, theme: str) -> None:
    page = open_page(
        browser, page_url(site, name) + ("?q=quokka" if name == "search.html" else ""), theme=theme
    )
    assert page.evaluate("document.documentElement.getAttribute('data-theme')") == theme
    if name == "search.html":
        page.locator("#search-results .search-result").first.wait_for()
    if name == "index.html":  # the header's popup open, with results
        page.click("#q")
        page.keyboard.type("queue")
        page.locator("#q-results .search-result").first.wait_for()
    assert axe_violations(page) == []
    page.context.close()


def test_the_pages_own_ids_are_kept_from_the_records(site: Path) -> None:
    from archlog.features.site.html_policy import RESERVED_IDS

    for page in ("adr/0001-use-queues.html", "index.html", "search.html", "graph.html"):
        text = (site / page).read_text()
        outside = re.sub(r'<div class="body">.*?</div>\s*</article>', "", text, flags=re.DOTALL)
        ids = set(re.findall(r'\sid="([^"]+)"', outside)) - {
            "arrow-" + k for k in ("supersedes", "amends", "clarifies", "relates-to")
        }
        assert ids <= RESERVED_IDS, (page, ids - RESERVED_IDS)


def test_a_snippet_comes_from_a_record_past_the_first_chunk_of_texts(
    tmp_path: Path, browser: Any
) -> None:
    from archlog.features.site import build
    from archlog.features.site.excerpts import CHUNK
    from archlog.read.store import Store

    count = CHUNK * 2 + 3
    write_records(
        tmp_path / "adr",
        {
            n: (
                f"Decision {n}",
                "Accepted",
                f"Body {n}." + (" Wombat burrows." if n == count else ""),
            )
            for n in range(1, count + 1)
        },
    )
    build(Store.open(tmp_path / "adr", cwd=tmp_path), tmp_path / "public")
    page = open_page(browser, (tmp_path / "public" / "search.html").as_uri() + "?q=wombat")
    page.locator("#search-results .search-result").first.wait_for()
    assert page.locator("#search-results .snippet").inner_text() == f"Body {count}. Wombat burrows."
    assert page.locator("#search-results .snippet mark").inner_text() == "Wombat"
    page.context.close()


QUERIES = ["redis", "quokkaland", "cron jobs", "queue stream", "use", "partition order", "nights"]


def test_the_site_ranks_as_archlog_search_does(site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    """The same query gives the same records in the same order, with the same scores, in the
    browser as from the command; a title's word ranks its record first."""
    import json

    page = open_page(browser, page_url(site, "index.html"))
    root = site.parent
    for query in QUERIES:
        proc = subprocess.run(
            [sys.executable, "-m", "archlog", "search", query, "--format", "json", "--limit", "50"],
            cwd=root,
            env=cli_env(),
            capture_output=True,
            text=True,
            check=True,
        )
        expected = [(hit["id"], hit["score"]) for hit in json.loads(proc.stdout)]
        got = page.evaluate(
            "q => archlogSearch.rank(q, 50).then(rs => rs.map(r => [r.doc.t, r.score]))", query
        )
        assert [(t.split(" ", 1)[0], s) for t, s in got] == expected, query
        assert expected or query == "nights", query
    top = page.evaluate("archlogSearch.rank('redis', 5).then(rs => rs[0].doc.t)")
    assert top == "0004 Cache with Redis"
    page.context.close()
