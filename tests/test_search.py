"""archlog search: ranking, folding, stemming, CJK, filters, snippets, output shapes."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from archlog.api import Repository
from archlog.features import search
from tests.conftest import Run, cli_env


def record(
    folder: Path,
    number: int,
    title: str,
    status: str,
    body: str,
    *,
    date: str = "2024-01-01",
    extra: str = "",
) -> Path:
    from archlog.read.names import slugify

    path = folder / f"{number:04d}-{slugify(title)}.md"
    path.write_text(
        f"# {number}. {title}\n\nDate: {date}\n{extra}\n## Status\n\n{status}\n\n"
        f"## Context\n\n{body}\n\n## Decision\n\nWe do it.\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    adr = tmp_path / "doc" / "adr"
    adr.mkdir(parents=True)
    record(
        adr,
        1,
        "Use PostgreSQL for orders",
        "Accepted",
        "Orders need transactions; a relational database gives them.",
        date="2023-05-02",
    )
    record(
        adr,
        2,
        "Cache sessions in Redis",
        "Accepted",
        "Sessions are read on every request; PostgreSQL is mentioned once here.",
        date="2024-02-10",
        extra="Tags: performance\n",
    )
    record(
        adr,
        3,
        "Décision sur la journalisation",
        "Proposed",
        "Les journaux vont dans Elasticsearch, décidé en été.",
        date="2024-07-01",
    )
    record(
        adr,
        4,
        "Queue jobs with RabbitMQ",
        "Superseded by [5. Queue jobs with Kafka](0005-queue-jobs-with-kafka.md)",
        "We decided to queue background jobs.",
        date="2022-01-01",
    )
    record(
        adr,
        5,
        "Queue jobs with Kafka",
        "Accepted\n\nSupersedes [4. Queue jobs with RabbitMQ](0004-queue-jobs-with-rabbitmq.md)",
        "Deciding factors: throughput.",
        date="2024-09-09",
        extra="Deciders: Ana Lima\n",
    )
    record(
        adr, 6, "数据库连接池", "Accepted", "我们使用连接池来管理数据库连接。", date="2024-10-01"
    )
    return adr


def ids(folder: Path, query: str, **filters: object) -> list[str]:
    return [h.record.id for h in Repository.open(folder).search(query, **filters)]  # type: ignore[arg-type]


def test_title_weighs_more_than_text(folder: Path) -> None:
    assert ids(folder, "postgresql") == ["0001", "0002"]


def test_case_and_accents_are_folded(folder: Path) -> None:
    assert ids(folder, "ETE") == ids(folder, "été") == ids(folder, "Été") == ["0003"]
    assert ids(folder, "DECISION journalisation")[0] == "0003"
    assert ids(folder, "décision") == ids(folder, "Decision")


def test_english_words_match_their_other_forms(folder: Path) -> None:
    # "décidé" (0003), "decided" (0004) and "Deciding" (0005) share the stem of "decide"
    assert sorted(ids(folder, "decide")) == ["0003", "0004", "0005"]
    assert ids(folder, "queueing jobs")[:2] == ["0004", "0005"]


def test_a_word_the_records_do_not_use_matches_the_words_it_begins(folder: Path) -> None:
    assert ids(folder, "postgr") == ["0001", "0002"]
    assert ids(folder, "rabbit") == ["0004"]  # 0005 names it in its Status: not searched


def test_chinese_is_found_by_characters(folder: Path) -> None:
    assert ids(folder, "连接池") == ["0006"]
    assert ids(folder, "数据库") == ["0006"]
    assert ids(folder, "池") == ["0006"]


def test_people_and_tags_are_searched(folder: Path) -> None:
    assert ids(folder, "ana lima") == ["0005"]
    assert ids(folder, "performance") == ["0002"]


def test_filters(folder: Path) -> None:
    assert ids(folder, "queue", status=["superseded"]) == ["0004"]
    assert ids(folder, "queue", in_force=True) == ["0005"]
    assert ids(folder, "postgresql", since="2024") == ["0002"]
    assert ids(folder, "postgresql", until="2023-12") == ["0001"]
    assert ids(folder, "postgresql", tag=["performance"]) == ["0002"]
    assert ids(folder, "postgresql", limit=1) == ["0001"]


def test_snippet_marks_the_matched_words() -> None:
    stem = search.Stemmer()
    text = "Intro. " * 40 + "We keep caches warm. Caching is the point of it all."
    snip = search.snippet(text, {stem("caching")}, stem, width=80)
    assert snip.text.startswith("…") and "Caching" in snip.text
    assert search.mark(snip) == snip.text.replace("caches", "**caches**").replace(
        "Caching", "**Caching**"
    )
    assert [snip.text[s:e] for s, e in snip.marks] == ["caches", "Caching"]


def test_cli_json_and_piped_text(run: Run, folder: Path) -> None:
    where = ("--dir", str(folder))
    data = json.loads(run("search", "postgresql", "--format", "json", *where).out)
    assert [h["id"] for h in data] == ["0001", "0002"]
    first = data[0]
    assert first["score"] > data[1]["score"] > 0
    assert first["matched"] == ["postgresql"]
    assert [first["snippet"][s:e] for s, e in first["marks"]] == []  # the title matched
    assert [data[1]["snippet"][s:e] for s, e in data[1]["marks"]] == ["PostgreSQL"]
    piped = run("search", "postgresql", *where).out.splitlines()
    assert piped[1].split("\t")[:4] == ["0002", "accepted", "2024-02-10", "Cache sessions in Redis"]
    assert "**PostgreSQL**" in piped[1] and "\x1b" not in piped[1]


def test_nothing_found_says_so_on_standard_error(run: Run, folder: Path) -> None:
    result = run("search", "zebra", "--dir", str(folder))
    assert (result.code, result.out, result.err) == (0, "", "no records match\n")
    listed = run("list", "--status", "rejected", "--dir", str(folder))
    assert (listed.code, listed.out, listed.err) == (0, "", "no records match\n")


def test_bad_filters_are_refused(run: Run, folder: Path) -> None:
    result = run("search", "queue", "--status", "banana", "--dir", str(folder))
    assert result.code == 2 and "unknown status 'banana'" in result.err


def terminal_output(args: list[str], columns: int) -> str:
    """What ``archlog ARGS`` prints on a terminal ``columns`` wide (a real pty)."""
    leader, follower = pty.openpty()
    env = cli_env(COLUMNS=str(columns))
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "archlog", *args], stdout=follower, stderr=subprocess.PIPE, env=env
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode().replace("\r\n", "\n")


def test_on_a_terminal_tables_fit_its_width_and_matches_are_bold(folder: Path) -> None:
    table = terminal_output(["list", "--dir", str(folder)], 40).splitlines()
    assert table[0].split() == ["ID", "STATUS", "DATE", "TITLE"]
    assert all(search_width(line) <= 40 for line in table), table
    assert table[1].split()[:4] == ["0001", "accepted", "2023-05-02", "Use"]
    assert table[1].endswith("…")
    hits = terminal_output(["search", "postgresql", "--dir", str(folder)], 60).splitlines()
    assert hits[0].startswith("0001  accepted")
    assert "\x1b[1mPostgreSQL\x1b[0m" in hits[3]


def search_width(line: str) -> int:
    from archlog.features.listing import cells

    return cells(line)


def test_search_index_is_kept_and_follows_edits(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, "ARCHLOG_CACHE_DIR": str(cache)}
    code = (
        "import sys; from archlog.api import Repository; from archlog.features import search\n"
        "if sys.argv[3:]: search.record_terms = None  # kept: no record is tokenized again\n"
        "print(' '.join(h.record.id for h in Repository.open(sys.argv[1]).search(sys.argv[2])))"
    )

    def ask(query: str, *kept: str) -> list[str]:
        proc = subprocess.run(
            [sys.executable, "-c", code, str(folder), query, *kept],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return proc.stdout.split()

    assert ask("kafka") == ["0005"]
    assert any(p.name.endswith(".search-index.msgpack") for p in cache.iterdir())
    assert ask("kafka", "kept") == ["0005"]  # from the kept index
    (folder / "0002-cache-sessions-in-redis.md").write_text(
        "# 2. Cache sessions in Redis\n\n## Status\n\nAccepted\n\n## Context\n\nKafka too.\n"
    )
    assert ask("kafka") == ["0005", "0002"]


def test_the_browser_folds_and_cuts_text_as_python_does(tmp_path: Path) -> None:
    from tests.conftest import ROOT, need_program

    node = need_program("node")
    texts = [
        "Straße STRASSE ÉCOLE école ﬁle ＡＢＣ１２ İstanbul ΣΟΦΟΣ σοφος Ångström naïve",
        "数据库连接池 と かな カタカナ 한국어 𠀀𠀁 mixed数据API接口 a b cd",
        "the of and snake_case kebab-case x² ½ ⅷ ㎏ ｶﾀｶﾅ",
    ]
    script = tmp_path / "fold.js"
    script.write_text(
        "const r = require(process.argv[2]);\n"
        "const t = new r.Tokenizer(JSON.parse(process.argv[3]), 40);\n"
        "const texts = JSON.parse(process.argv[4]);\n"
        "process.stdout.write(JSON.stringify([texts.map(x => r.fold(x)),\n"
        "  texts.map(x => t.tokens(x)), texts.map(x => t.queryWords(x))]));\n"
    )
    rank_js = ROOT / "src" / "archlog" / "features" / "site" / "static" / "rank.js"
    proc = subprocess.run(
        [node, str(script), str(rank_js), json.dumps(sorted(search.STOP_WORDS)), json.dumps(texts)],
        capture_output=True,
        text=True,
        check=True,
    )
    folded, cut, words = json.loads(proc.stdout)
    assert folded == [search.fold(t) for t in texts]
    assert cut == [list(search.tokens(t)) for t in texts]
    assert words == [search.query_words(t) for t in texts]
    assert "strasse" in cut[0] and "ecole" in cut[0] and "σοφοσ" in cut[0]


def test_a_search_kept_from_the_last_one_answers_as_a_fresh_one(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from archlog.api import format_hits

    monkeypatch.setenv("ARCHLOG_CACHE_DIR", str(tmp_path / "kept-cache"))
    (folder / "0007-latin-1.md").write_bytes(b"# 7. Caf\xe9 queue\n\n## Status\n\nAccepted\n")
    (folder / "0008-bad-front-matter.md").write_text(
        "---\ntags: [unclosed\n---\n# 8. Queue jobs twice\n\n## Status\n\nProposed\n"
    )
    asked: list[tuple[str, dict[str, object]]] = [
        ("queue", {}),
        ("queue jobs", {"status": ["accepted"]}),
        ("queue", {"in_force": True}),
        ("sessions", {"tag": ["performance"], "since": "2024"}),
        ("decision", {"until": "2024-06"}),
        ("kaf", {"prefix": True, "limit": 1}),
        ("数据库", {}),
    ]

    def answers(repo: Repository) -> list[str]:
        out = []
        for query, filters in asked:
            hits = repo.search(query, **filters)  # type: ignore[arg-type]
            out.append(format_hits(hits, "json", repo.folder))
            out.append(format_hits(hits, "text", repo.folder, width=90))
        return [*out, *(str(w) for w in repo.warnings)]

    parsed = Repository.open(folder)
    assert parsed.records  # the records read first: the index is built from them
    fresh = answers(parsed)
    assert any("0007" in w or "0008" in w for w in fresh[-2:])  # warnings are compared too
    assert answers(Repository.open(folder)) == fresh  # the search kept, the records read
    kept = Repository.open(folder)
    assert kept._kept_search() is not None
    assert answers(kept) == fresh
    assert not kept.store.parsed  # answered without parsing the folder
