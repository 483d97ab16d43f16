"""Search's words at C speed give what the patterns say they are (issue 17, item 1): the
runs of ASCII text cut by ``bytes.translate``, a record's terms counted by ``Counter``,
links and URLs found from their first literal, digits never handed to Snowball."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from archlog.features import search_words as sw
from archlog.read.comments import without_comments

#: ASCII text with what the runs and the patterns turn on: letters of both cases, digits,
#: the underscore, punctuation, brackets, schemes and spaces.
ASCII = st.text(
    alphabet=st.sampled_from(list("aZ09_ -.!?[]()<>/:\n\tÉ")) | st.sampled_from(["http", "s"]),
    max_size=60,
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_the_runs_of_ascii_text_are_those_the_pattern_finds(text: str) -> None:
    assert sw.runs_of(text) == sw.RUN.findall(sw.fold(text))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_the_runs_of_any_text_are_those_the_pattern_finds(text: str) -> None:
    assert sw.runs_of(text) == sw.RUN.findall(sw.fold(text))


#: The patterns as one regex each, an optional first character and all: what ``plain`` does
#: with the literal that starts them.
ONE_LINK = re.compile(
    r"!?\[((?:[^\[\]\n]|\[[^\[\]\n]{0,200}\]){0,500})\]\([^()\s]{0,2000}(?:\s[^()\n]{0,500})?\)"
)
ONE_URL = re.compile(r"<?https?://[^\s>)\]]{1,2000}>?")

PIECES = st.lists(
    st.sampled_from(
        [
            *"![]()<> \na",
            *("http", "https", "://", "x y", "s", "<!--", "-->"),
            *("![a](b)", "[a](b c)", "[[a]](b)", "<https://x.y>", "http://z", "](", "!["),
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(PIECES)
def test_links_and_urls_go_as_one_pattern_each_would_take_them(text: str) -> None:
    once = without_comments(text, " ") if "<!--" in text else text
    once = ONE_LINK.sub(lambda m: m.group(1), once) if "](" in once else once
    once = ONE_URL.sub(" ", once) if "://" in once else once
    once = sw._TAG.sub(" ", once) if "<" in once else once
    assert sw.plain(text) == once


def test_digits_are_their_own_stems_without_snowball() -> None:
    import snowballstemmer

    snowball = snowballstemmer.stemmer("english").stemWord
    stem = sw.Stemmer()
    for digits in ("00", "12", "2019", "0001", "10000", "4500"):
        assert stem(digits) == snowball(digits) == digits
    assert stem.learnt.snowball is None  # never loaded for them
    assert stem("decisions") == snowball("decisions") == "decis"


def test_a_records_terms_count_each_run_by_its_fields_weight() -> None:
    stem = sw.Stemmer()
    fields = sw.fields_of("Queue jobs", ["ops"], ["Ana"], "Queues: the jobs queue, 数据库 2024.")
    terms = sw.record_terms(fields, stem)
    title = sw.FIELD_WEIGHTS["title"]
    assert terms.counts[stem("queue")] == title + 2  # "Queue" in the title, twice in the body
    assert terms.counts[stem("jobs")] == title + 1
    assert terms.counts[stem("ops")] == sw.FIELD_WEIGHTS["tags"]
    assert terms.counts["2024"] == 1 and terms.counts["数据"] == 1 and terms.counts["库"] == 1
    assert "the" not in terms.counts  # a stop word
    assert terms.forms == {"queues": "queue", "jobs": "job", "ops": "op"}
    assert terms.length == sum(terms.counts.values())
    again = sw.record_terms(fields, stem)  # what the stemmer learnt gives the same
    assert again == terms
