"""Search on the public corpora: the table of docs/search.md holds, and the browser's
ranking (static/rank.js, run in Node) gives Python's order on the same index."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from archlog.api import Repository
from archlog.features import search_shards
from archlog.features.search_store import SearchIndex, record_fields
from archlog.read.store import Store
from tests.conftest import CORPORA, ROOT, corpus_dirs, need_program

RANK_JS = ROOT / "src" / "archlog" / "features" / "site" / "static" / "rank.js"
ROW = re.compile(
    r"^\| `(?P<corpus>[^`]+)` \| (?P<query>[^|]+) \| (?P<id>[^|]+) \| (?P<rank>\d+) \|$"
)


def need_corpora() -> None:
    if not CORPORA.is_dir():
        if os.environ.get("ARCHLOG_REQUIRE_ALL"):
            pytest.fail("the shared corpora are required (ARCHLOG_REQUIRE_ALL is set)")
        pytest.skip("the shared corpora are not beside this checkout")


def table() -> list[dict[str, str]]:
    text = (ROOT / "docs" / "search.md").read_text(encoding="utf-8")
    return [m.groupdict() for line in text.splitlines() if (m := ROW.match(line.strip()))]


def test_the_documented_queries_find_their_records() -> None:
    need_corpora()
    rows = table()
    assert len(rows) >= 20
    assert len({r["corpus"] for r in rows}) >= 3
    assert any(re.search(r"[\u4e00-\u9fff]", r["query"]) for r in rows)  # a second language
    got = []
    repos: dict[str, Repository] = {}
    for row in rows:
        repo = repos.setdefault(row["corpus"], Repository.open(CORPORA / row["corpus"]))
        found = [h.record.id for h in repo.search(row["query"].strip(), limit=10)]
        rank = found.index(row["id"].strip()) + 1 if row["id"].strip() in found else None
        got.append((row["corpus"], row["query"], rank))
    assert [g[2] for g in got] == [int(r["rank"]) for r in rows], got
    assert all(rank is not None and rank <= 3 for *_q, rank in got)
    assert sum(rank == 1 for *_q, rank in got) >= 0.8 * len(got)


DRIVER = r"""
const fs = require("fs"), path = require("path"), vm = require("vm");
const rank = require(process.argv[2]);
const dir = process.argv[3];
const ask = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
let meta = null; const shards = {};
const sandbox = {archlogSearch: {docs: d => { meta = d; }, shard: (k, d) => { shards[k] = d; }}};
vm.createContext(sandbox);
for (const f of fs.readdirSync(path.join(dir, "search")))
  vm.runInContext(fs.readFileSync(path.join(dir, "search", f), "utf8"), sandbox);
const ranker = rank.ranker(meta);
const out = {order: {}, tokens: ask.texts.map(t => ranker.tokenizer.tokens(t))};
for (const q of ask.queries) {
  for (const k of ranker.keys(q)) if (k in shards) ranker.add(k, shards[k]);  // as loaded
  out.order[q] = [false, true].map(p => ranker.rank(q, {prefix: p}).map(h => [h.doc, h.score]));
}
process.stdout.write(JSON.stringify(out));
"""


def queries_for(index: SearchIndex) -> list[str]:
    """Queries drawn from the records themselves: title words, their beginnings, word
    pairs, words no record uses, CJK characters and pairs, folded spellings."""
    out = ["decision", "DÉCISION", "architecture record", "zzzz unknown", "the of and", "ａｂｃ"]
    for record in index.records[:40]:
        words = record.title.split()
        out.append(record.title)
        out += words[:2]
        out += [w[:4] for w in words if len(w) > 5]
        out += [w + "ing" for w in words[:1]]
        out.append(" ".join(words[-2:]).upper())
        cjk = re.findall(r"[\u4e00-\u9fff]+", record.title)
        for run in cjk:
            out += [run[:1], run[:2], run[1:4]]
    return list(dict.fromkeys(q for q in out if q.strip()))


def corpora_and_generated(generated_folder: Path) -> list[Path]:
    return [*corpus_dirs(), generated_folder]


@pytest.mark.parametrize("name", [p.name for p in corpus_dirs()] + ["generated-1000"])
def test_the_browser_ranks_as_python_does(
    name: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    node = need_program("node")
    if name == "generated-1000":
        folder = request.getfixturevalue("generated_folder")
    else:
        need_corpora()
        folder = CORPORA / name
    store = Store.open(folder)
    if not store.records:
        pytest.skip(f"{name}: the reader finds no records here yet")
    index = SearchIndex(store)
    docs = [{"id": r.id} for r in index.records]
    for rel, text in search_shards.files(index.index, docs).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    queries = queries_for(index)
    texts = [" ".join(record_fields(r).values()) for r in index.records[:200]]
    ask = tmp_path / "ask.json"
    ask.write_text(json.dumps({"queries": queries, "texts": texts}), encoding="utf-8")
    driver = tmp_path / "driver.js"
    driver.write_text(DRIVER, encoding="utf-8")
    proc = subprocess.run(
        [node, str(driver), str(RANK_JS), str(tmp_path), str(ask)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    js = json.loads(proc.stdout)
    from archlog.features.search import tokens

    assert js["tokens"] == [list(tokens(t)) for t in texts]
    python = {
        q: [[[m.doc, m.score] for m in index.index.rank(q, prefix=p)] for p in (False, True)]
        for q in queries
    }
    differ = [q for q in queries if js["order"][q] != python[q]]
    assert not differ, differ[:5]
    assert sum(bool(python[q][0]) for q in queries) > len(queries) // 2  # most find something
