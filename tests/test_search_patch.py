"""The kept search index, patched after edits, additions and deletions, ranks exactly as an
index built from scratch: the same postings, weights, lengths and vocabulary, so the same
scores (issue 17, item 3)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archlog.features import search
from archlog.features.search_postings import Packed, Table, build, patch
from archlog.features.search_store import SearchIndex
from archlog.read.store import Store


def stem(word: str) -> str:
    return word.rstrip("s") or word


def table_of(table: Table) -> dict[str, tuple[list[tuple[int, int]], Any]]:
    """A table as a dict, whatever the order of its names and the types of its arrays."""
    starts = table.starts
    out = {}
    for i, name in enumerate(table.names):
        docs = table.docs[starts[i] : starts[i + 1]].tolist()
        weights = (
            table.weights[starts[i] : starts[i + 1]].tolist()
            if table.weights is not None
            else [0] * len(docs)
        )
        out[name] = (list(zip(docs, weights, strict=True)), table.tags[i])
    return out


def same(a: Packed, b: Packed) -> None:
    assert table_of(a.terms) == table_of(b.terms)
    assert table_of(a.forms) == table_of(b.forms)
    assert list(a.lengths) == list(b.lengths)
    for t in (a.terms, a.forms):
        assert len(t.docs) == sum(t.held) and len(t.names) == len(t.held) == len(t.tags)


WORDS = ["plan", "plans", "cache", "caches", "queue", "queues", "db", "api", "x", "xs"]


@st.composite
def record(draw: st.DrawFn) -> search.Terms:
    """A record's terms: counts of a few stems (one of them now and then past the
    16-bit weights), and some of the word forms that stand for them."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=0, max_size=6, unique=True))
    counts: dict[str, int] = {}
    forms: dict[str, str] = {}
    for word in words:
        term = stem(word)
        big = draw(st.integers(1, 20)) == 1
        counts[term] = counts.get(term, 0) + (70_000 if big else draw(st.integers(1, 9)))
        if term != word:
            forms[word] = term
    return search.Terms(counts, sum(counts.values()), forms)


EDIT = st.tuples(st.sampled_from(["edit", "add", "insert", "delete"]), st.integers(0, 30), record())


@settings(max_examples=300, deadline=None)
@given(st.lists(record(), min_size=0, max_size=12), st.lists(EDIT, min_size=1, max_size=8))
def test_a_patch_gives_what_a_build_gives(
    docs: list[search.Terms], edits: list[tuple[str, int, search.Terms]]
) -> None:
    now: list[tuple[int, search.Terms]] = list(enumerate(docs))  # (old place or -1, terms)
    for op, at, terms in edits:
        where = at % (len(now) + 1)
        if op == "add":
            now.append((-1, terms))
        elif op == "insert":
            now.insert(where, (-1, terms))
        elif now and op == "edit":
            now[where % len(now)] = (-1, terms)
        elif now:
            del now[where % len(now)]
    source = [was for was, _terms in now]
    added = {i: terms for i, (was, terms) in enumerate(now) if was < 0}
    patched = patch(build(docs, stem), source, added, stem)
    same(patched, build([terms for _was, terms in now], stem))


def test_a_patch_keeps_what_no_change_touches_in_one_piece() -> None:
    docs = [search.Terms({"plan": 2, "db": 1}, 3, {"plans": "plan"})] * 3
    old = build(docs, stem)
    edited = search.Terms({"cache": 1}, 1, {"caches": "cache"})
    new = patch(old, [0, -1, 2, -1], {1: edited, 3: edited}, stem)
    same(new, build([docs[0], edited, docs[2], edited], stem))
    assert table_of(new.terms)["plan"][0] == [(0, 2), (2, 2)]
    assert "plans" in table_of(new.forms)  # records 0 and 2 still use it
    gone = patch(new, [-1, 1, -1, 3], {0: edited, 2: edited}, stem)
    assert "plan" not in gone.terms.names and "plans" not in gone.forms.names


# ---------------------------------------------------------------------- on a real folder


def write(folder: Path, number: int, title: str, body: str, tags: str = "") -> Path:
    path = folder / f"{number:04d}-{title.lower().replace(' ', '-')}.md"
    meta = f"Tags: {tags}\n\n" if tags else ""
    path.write_text(
        f"# {number}. {title}\n\n{meta}## Status\n\nAccepted\n\n## Context\n\n{body}\n",
        encoding="utf-8",
    )
    return path


QUERIES = ["queue", "queues", "queu", "caching", "cache", "retries", "kafka", "数据", "库", "plan"]


def ranking(index: search.Index) -> dict[str, list[list[tuple[int, int]]]]:
    return {
        q: [[(m.doc, m.score) for m in index.rank(q, prefix=p)] for p in (False, True)]
        for q in QUERIES
    }


def tokenized(monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    """How many records were tokenized since the last call."""
    seen = [0]
    real = search.record_terms

    def counting(fields: dict[str, str], stemmer: search.Stemmer) -> search.Terms:
        seen[0] += 1
        return real(fields, stemmer)

    monkeypatch.setattr(search, "record_terms", counting)

    def taken() -> int:
        out, seen[0] = seen[0], 0
        return out

    return taken


def test_the_kept_index_follows_edits_additions_and_deletions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    write(folder, 1, "Queue jobs", "Queues retry; queueing is cheap.", "ops")
    write(folder, 2, "Cache sessions", "Caching sessions in Redis.")
    write(folder, 4, "Plan capacity", "Plans for 数据库 growth.")
    for n in range(5, 12):
        write(folder, n, f"Record {n}", f"Kafka retries {n} times; the plan holds.")
    monkeypatch.setenv("ARCHLOG_CACHE_DIR", str(tmp_path / "cache"))
    count = tokenized(monkeypatch)

    def check(changed: int) -> None:
        kept = SearchIndex(Store.open(folder))
        assert count() == changed  # only those records were tokenized: a patch
        monkeypatch.setenv("ARCHLOG_NO_CACHE", "1")
        fresh = SearchIndex(Store.open(folder))
        monkeypatch.delenv("ARCHLOG_NO_CACHE")
        count()
        same(kept.index.data, fresh.index.data)
        assert ranking(kept.index) == ranking(fresh.index)
        assert ranking(kept.index)["queue"][0]  # the queries find something

    check(10)  # nothing kept: every record
    check(0)  # the kept index, as it is
    write(folder, 1, "Queue jobs", "Jobs wait in line.", "ops")  # "queues", "queueing" gone
    check(1)
    write(folder, 12, "Queue retries", "Queueing retries with Kafka.")  # a new last record
    check(1)
    write(folder, 3, "Cache plans", "Cached plans, 数据 in 库.")  # a record in the middle
    check(1)
    (folder / "0002-cache-sessions.md").unlink()  # a record gone: the others renumbered
    check(0)
    for n in (5, 6):
        (folder / f"{n:04d}-record-{n}.md").unlink()
    write(folder, 7, "Record 7", "Nothing of the sort.")
    check(1)


def test_a_kept_answer_after_changes_is_the_fresh_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a search keeps of the settled records is made again for those settling changed
    (ids qualified by their area while another area has the same, numbers named by id where
    they restart per area): the answers kept are those of a folder read afresh."""
    from archlog.api import Repository, format_hits

    folder = tmp_path / "doc" / "adr"
    for area in ("front", "back"):
        (folder / area).mkdir(parents=True)
    front = write(folder / "front", 1, "Queue front", "Queues in the browser.")
    write(folder / "back", 1, "Queue back", "Queues. Supersedes ADR-1.")
    write(folder / "back", 2, "Queue back two", "Queues again, and retries.")
    monkeypatch.setenv("ARCHLOG_CACHE_DIR", str(tmp_path / "cache"))

    def answers() -> list[str]:
        out = []
        for query in ("queue", "queues retries", "front"):
            repo = Repository.open(folder)
            hits = repo.search(query)
            out.append(format_hits(hits, "json", repo.folder))
            out += [str(w) for w in repo.warnings]
        return out

    def check() -> None:
        made = answers()  # the index patched, the answer kept
        assert Repository.open(folder)._kept_search() is not None
        assert answers() == made  # answered from what was kept
        monkeypatch.setenv("ARCHLOG_NO_CACHE", "1")
        assert answers() == made
        monkeypatch.delenv("ARCHLOG_NO_CACHE")

    check()
    front.unlink()  # back/0001 is 0001 again
    check()
    write(folder / "front", 1, "Queue front", "Queues in the browser, again.")
    check()
    write(folder / "back", 2, "Queue back two", "Queues again.")
    check()


def test_a_patch_past_256_records_widens_the_arrays() -> None:
    one = search.Terms({"plan": 3}, 3, {"plans": "plan"})
    docs = [one] * 255
    old = build(docs, stem)
    assert old.terms.docs.typecode == "B"
    heavy = search.Terms({"plan": 300, "db": 1}, 301, {})
    new = patch(old, [*range(255), -1, -1], {255: heavy, 256: one}, stem)
    same(new, build([*docs, heavy, one], stem))
    assert new.terms.docs.typecode == "H" and new.terms.weights is not None
    assert new.terms.weights.typecode == "H"
    back = patch(new, [*range(200)], {}, stem)  # the records past 199 gone
    same(back, build(docs[:200], stem))


def test_the_terms_earlier_versions_kept_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    write(folder, 1, "Queue jobs", "Queues retry.")
    monkeypatch.setenv("ARCHLOG_CACHE_DIR", str(tmp_path / "cache"))
    store = Store.open(folder)
    legacy = store.side_cache("search", "")
    assert legacy is not None
    legacy.file.parent.mkdir(parents=True, exist_ok=True)
    legacy.file.write_bytes(b"terms as archlog 0.x kept them")
    assert [r.id for r in SearchIndex(store).records] == ["0001"]
    assert not legacy.file.exists()
    assert any(p.name.endswith(".search-index.msgpack") for p in legacy.file.parent.iterdir())
