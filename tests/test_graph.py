"""`archlog graph`: Mermaid drawn in headless Chromium by the Mermaid library the package
carries (the one its sites draw with), DOT
accepted by Graphviz, one edge per relation, and the graph kept in the README."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Run, corpus, need, need_program
from tests.needs import MERMAID_JS


def render_in_chromium(source: str, tmp_path: Path) -> str:
    """What mermaid says of ``source`` in a real browser: ``RENDERED n`` or ``ERROR …``."""
    chromium = need_program("chromium")
    need("mermaid")
    page = tmp_path / "mermaid.html"
    page.write_text(
        f"""<!doctype html><html><body><div id="result">pending</div>
<script src="{MERMAID_JS.as_uri()}"></script>
<script>
const source = {json.dumps(source)};
mermaid.initialize({{startOnLoad: false}});
mermaid.parse(source)
  .then(() => mermaid.render("graph", source))
  .then(r => {{ const n = (r.svg.match(/class="node /g) || []).length;
               document.getElementById("result").textContent = "RENDERED " + n; }})
  .catch(e => {{ document.getElementById("result").textContent = "ERROR " + e.message; }});
</script></body></html>""",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--allow-file-access-from-files",
            "--virtual-time-budget=20000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    marker = 'id="result">'
    start = proc.stdout.find(marker)
    assert start != -1, proc.stderr[-2000:]
    return proc.stdout[start + len(marker) :].split("<", 1)[0]


def _folder(run: Run) -> None:
    assert run("init", "--convention", "nygard").code == 0
    for title in ('Use "PostgreSQL" (v16)', "Use MySQL", "Use SQLite"):
        assert run("new", title).code == 0
    assert run("accept", "2").code == 0
    assert run("supersede", "2", "--by", "3").code == 0
    assert run("link", "4", "amends", "3").code == 0
    assert run("link", "4", "relates-to", "1").code == 0


def test_mermaid_is_drawn_by_mermaid_in_chromium(run: Run, tmp_path: Path) -> None:
    _folder(run)
    result = run("graph")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "graph TD"
    edges = [ln.strip() for ln in lines if "|" in ln and "classDef" not in ln]
    assert edges == [
        "adr_0001_record_architecture_decisions -.-|relates to| adr_0004_use_sqlite",
        "adr_0003_use_mysql -->|supersedes| adr_0002_use_postgresql_v16",
        "adr_0004_use_sqlite -->|amends| adr_0003_use_mysql",
    ]
    assert render_in_chromium(result.out, tmp_path) == "RENDERED 4"
    # the harness can fail: broken Mermaid is reported as an error, not drawn
    assert render_in_chromium("graph TD\n  a[[[ -->", tmp_path).startswith("ERROR")


@pytest.mark.parametrize(
    "name",
    ["npryce__adr-tools", "alphagov__govuk-aws", "ministryofjustice__modernisation-platform"],
)
def test_corpora_graphs_draw(run: Run, tmp_path: Path, name: str) -> None:
    folder = str(corpus(name))
    result = run("graph", "--dir", folder)
    assert result.code == 0, result.err
    count = sum(1 for ln in result.out.splitlines() if ":::" in ln)
    assert render_in_chromium(result.out, tmp_path) == f"RENDERED {count}"
    dot_src = run("graph", "--format", "dot", "--dir", folder).out
    dot = need_program("dot")
    proc = subprocess.run([dot, "-Tsvg"], input=dot_src, capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr


def test_dot_is_accepted_by_graphviz(run: Run, tmp_path: Path) -> None:
    _folder(run)
    out = tmp_path / "adr.dot"
    result = run("graph", "--format", "dot", "--output", str(out))
    assert result.code == 0, result.err
    text = out.read_text()
    assert '"adr_0003_use_mysql" -> "adr_0002_use_postgresql_v16" [label="supersedes"];' in text
    assert 'label="2. Use \\"PostgreSQL\\" (v16)"' in text
    dot = need_program("dot")
    proc = subprocess.run([dot, "-Tsvg", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    assert proc.stdout.count('class="node"') == 4 and proc.stdout.count('class="edge"') == 3


def test_graph_kept_in_the_readme(run: Run, tmp_path: Path) -> None:
    _folder(run)
    readme = tmp_path / "doc" / "adr" / "README.md"
    before = readme.read_text()
    assert run("graph", "--readme").code == 0
    after = readme.read_text()
    assert after.startswith(before)
    assert "<!-- archlog:graph:start -->\n```mermaid\ngraph TD\n" in after
    assert run("graph", "--readme", "--check").code == 0
    assert run("new", "Use Redis").code == 0
    stale = run("graph", "--readme", "--check")
    assert stale.code == 1 and "+  adr_0005_use_redis" in stale.out
    assert run("graph", "--readme").code == 0
    assert readme.read_text().count("<!-- archlog:graph:start -->") == 1
