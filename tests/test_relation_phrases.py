"""Relation and metadata lines in the folder's own words: a French folder gets ``Remplacé
par`` and ``Date : …``, one that already writes ``Superseded by`` keeps English, and every
phrase written reads back."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from archlog.conventions import vocabulary
from archlog.conventions.word_languages import language_of
from archlog.edit.link_lines import stated
from archlog.read import unspaced
from archlog.read.relations import line_relations, opening_phrase
from tests.conftest import Run

_RECORD = """\
# {n}. {title}

Date : 2024-0{n}-10

## Statut

{status}

## Contexte

Un contexte.

## Décision

Une décision.

## Conséquences

Des conséquences.
"""


def _french(folder: Path, statuses: list[str]) -> Path:
    folder.mkdir()
    for n, status in enumerate(statuses, 1):
        text = _RECORD.format(n=n, title=f"Choix numéro {n}", status=status)
        (folder / f"000{n}-choix-{n}.md").write_text(text, encoding="utf-8")
    return folder


def _relations(run: Run, folder: Path) -> dict[str, tuple[str, list[tuple[str, object]]]]:
    result = run("list", "--dir", str(folder), "--format", "json")
    assert result.code == 0, result.err
    return {
        r["id"]: (r["status"], [(x["type"], x["target"]) for x in r["relations"]])
        for r in json.loads(result.out)
    }


def _supersede_and_amend(run: Run, folder: Path, stem: str) -> tuple[str, str, str]:
    """Record 3 supersedes 1 and 2 amends 3, through the CLI; the three files' texts after
    (named ``000N-{stem}-N.md``)."""
    assert run("supersede", "1", "--by", "3", "--dir", str(folder)).code == 0
    assert run("link", "2", "amends", "3", "--dir", str(folder)).code == 0
    first, second, third = (
        (folder / f"000{n}-{stem}-{n}.md").read_text(encoding="utf-8") for n in (1, 2, 3)
    )
    return first, second, third


def test_a_french_folder_gets_french_phrases_that_read_back(run: Run, tmp_path: Path) -> None:
    folder = _french(tmp_path / "adr", ["Accepté", "Accepté", "Proposé"])
    first, second, third = _supersede_and_amend(run, folder, "choix")
    assert "Remplacé par [3. Choix numéro 3](0003-choix-3.md)" in first
    assert "Modifie [3. Choix numéro 3](0003-choix-3.md)" in second
    assert "Remplace [1. Choix numéro 1](0001-choix-1.md)" in third
    assert "Modifié par [2. Choix numéro 2](0002-choix-2.md)" in third
    assert "Supersede" not in first + third and "Amend" not in second + third
    assert _relations(run, folder) == {
        "0001": ("superseded", [("superseded-by", 3)]),
        "0002": ("accepted", [("amends", 3)]),
        "0003": ("proposed", [("supersedes", 1), ("amended-by", 2)]),
    }


def test_a_folder_that_writes_english_phrases_keeps_them(run: Run, tmp_path: Path) -> None:
    folder = _french(
        tmp_path / "adr",
        ["Superseded by [2. Choix numéro 2](0002-choix-2.md)", "Accepté", "Proposé"],
    )
    second = folder / "0002-choix-2.md"
    second.write_text(
        second.read_text(encoding="utf-8").replace(
            "Accepté\n", "Accepté\n\nSupersedes [1. Choix numéro 1](0001-choix-1.md)\n"
        ),
        encoding="utf-8",
    )
    assert run("link", "3", "amends", "2", "--dir", str(folder)).code == 0
    third = (folder / "0003-choix-3.md").read_text(encoding="utf-8")
    assert "Amends [2. Choix numéro 2](0002-choix-2.md)" in third  # English, as the folder
    assert "Amended by [3. Choix numéro 3]" in second.read_text(encoding="utf-8")


def test_a_new_superseding_record_links_back_in_the_folder_language(
    run: Run, tmp_path: Path
) -> None:
    folder = _french(tmp_path / "adr", ["Accepté", "Accepté"])
    result = run("new", "--dir", str(folder), "--supersedes", "2", "Choix numéro 3")
    assert result.code == 0, result.err
    written = tmp_path / result.out.strip()  # printed relative to where it ran
    assert "Remplace [2. Choix numéro 2](0002-choix-2.md)" in written.read_text(encoding="utf-8")
    assert _relations(run, folder)["0002"] == ("superseded", [("superseded-by", 3)])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Remplacé par [3. X](0003-x.md)", [("superseded-by", 3)]),
        ("Remplace par [3. X](0003-x.md)", [("superseded-by", 3)]),  # accents left out
        ("Reemplazado por [4. X](0004-x.md)", [("superseded-by", 4)]),
        ("Ersetzt durch [5. X](0005-x.md)", [("superseded-by", 5)]),
        ("Ersetzt [5. X](0005-x.md)", [("supersedes", 5)]),
        ("Substituído por [6. X](0006-x.md)", [("superseded-by", 6)]),
        ("Vervangen door [7. X](0007-x.md)", [("superseded-by", 7)]),
        ("* Lié à [8. X](0008-x.md)", [("relates-to", 8)]),
        ("Bezieht sich auf [9. X](0009-x.md)", [("relates-to", 9)]),
        ("Remplace la machine à café", []),  # a phrase with no record after it states nothing
    ],
)
def test_phrases_of_every_language_read(line: str, expected: list[tuple[str, object]]) -> None:
    assert list(line_relations(line)) == expected


def test_every_phrase_written_in_any_language_is_read_as_its_type() -> None:
    for language in vocabulary.languages():
        for name in vocabulary.relation_types():
            phrase = vocabulary.relation_phrase(name, language)
            found = list(line_relations(stated(phrase, "[12. X](0012-x.md)")))
            assert found == [(name, 12)], (language, name, phrase)


@pytest.mark.parametrize(
    ("headings", "status", "expected"),
    [
        (["Estado", "Contexto", "Decisión", "Consecuencias"], "", "es"),  # not pt: Estado
        (["Estado", "Contexto", "Decisão", "Consequências"], "", "pt"),
        (["Status", "Context", "Decision", "Consequences"], "", "en"),
        (["Status"], "", "en"),  # a word English shares: English
        (["Statut", "Contexte"], "Accepté", "fr"),
        (["Status", "Kontext", "Entscheidung"], "Angenommen", "de"),
        ([], "Aceptado", "es"),
        ([], "", None),
    ],
)
def test_a_record_language_is_the_one_writing_most_of_its_headings(
    headings: list[str], status: str, expected: str | None
) -> None:
    assert language_of(headings, status) == expected


@pytest.mark.parametrize(
    ("line", "sep"),
    [("Date : 2024-01-10", " : "), ("日期：2024-01-10", "："), ("Date: 2024-01-10", ": ")],
)
def test_new_parts_key_and_value_as_the_folder_does(
    run: Run, tmp_path: Path, line: str, sep: str
) -> None:
    folder = _french(tmp_path / "adr", ["Accepté", "Proposé"])
    for path in folder.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Date : ", line[: -len("2024-01-10")]), encoding="utf-8")
    result = run("new", "--dir", str(folder), "Choix numéro 3")
    assert result.code == 0, result.err
    written = (tmp_path / result.out.strip()).read_text(encoding="utf-8").splitlines()
    label = line.split(sep)[0]
    assert [x for x in written if x.startswith(label)] == [f"{label}{sep}{_today(run, folder)}"]


def _today(run: Run, folder: Path) -> str:
    listed = json.loads(run("list", "--dir", str(folder), "--format", "json").out)
    return str(listed[-1]["date"])


# ------------------------------------------------------------------ Chinese and Japanese
# Written without spaces: the phrase is read as the line opens with it, then an optional
# colon (`取代：ADR-0003`), or around the references where its `…` stands (`被 ADR-5 取代`).

_ZH_RECORD = """\
# {n}. {title}

日期：2024-0{n}-10

## 状态

{status}

## 背景

一些背景。

## 决策

一个决定。

## 后果

一些后果。
"""

_JA_RECORD = """\
# {n}. {title}

日付: 2024-0{n}-10

## ステータス

{status}

## 背景

背景の説明。

## 決定

決定の内容。

## 結果

結果の説明。
"""


def _records(folder: Path, template: str, titles: list[str], statuses: list[str]) -> Path:
    folder.mkdir()
    for n, (title, status) in enumerate(zip(titles, statuses, strict=True), 1):
        text = template.format(n=n, title=title, status=status)
        (folder / f"000{n}-record-{n}.md").write_text(text, encoding="utf-8")
    return folder


def _unspaced_phrases() -> list[tuple[str, str, str]]:
    return [
        (language, name, phrase)
        for name, rel in vocabulary.relation_types().items()
        for language in ("zh", "ja")
        for phrase in rel.said[language]
    ]


@pytest.mark.parametrize(("language", "name", "phrase"), _unspaced_phrases())
def test_every_chinese_and_japanese_phrase_is_read_as_its_type(
    language: str, name: str, phrase: str
) -> None:
    lines = [stated(phrase, "[12. X](0012-x.md)"), stated(phrase, "ADR-0012")]
    if vocabulary.GAP in phrase:  # the references where they go, with or without spaces
        lines.append(phrase.replace(vocabulary.GAP, "ADR-0012"))
    else:  # a colon, full-width or not, with or without a space after it
        lines += [f"{phrase}：ADR-0012", f"{phrase}: [ADR-0012](0012-x.md)", f"* {phrase} ADR-0012"]
    for line in lines:
        assert list(line_relations(line)) == [(name, 12)], (language, line)
        found = opening_phrase(line)
        assert found is not None and found[0] == name, line


@pytest.mark.parametrize(
    ("line", "expected", "written"),
    [
        ("取代：ADR-0003", [("supersedes", 3)], "取代："),
        ("取代 ADR-0003", [("supersedes", 3)], "取代"),
        ("替代：[ADR-0003](0003-x.md)", [("supersedes", 3)], "替代："),
        ("被取代：[ADR-0005](0005-x.md)", [("superseded-by", 5)], "被取代："),
        ("被 [3. X](0003-x.md) 取代", [("superseded-by", 3)], "被…取代"),
        ("由 ADR-0005 取代", [("superseded-by", 5)], "由…取代"),
        ("已被 ADR-0036 取代", [("superseded-by", 36)], "已被…取代"),
        ("被 ADR-3、ADR-4 取代", [("superseded-by", 3), ("superseded-by", 4)], "被…取代"),
        ("* 关联 [2. Y](0002-y.md)", [("relates-to", 2)], "关联"),
        (
            "- 相关：[ADR-7](0007-z.md), [ADR-8](0008-z.md)",
            [("relates-to", 7), ("relates-to", 8)],
            "相关：",
        ),
        ("ADR-0003 を置き換える", [("supersedes", 3)], "…を置き換える"),
        ("置き換え: ADR-0003", [("supersedes", 3)], "置き換え:"),
        ("ADR-0005 により置き換え", [("superseded-by", 5)], "…により置き換え"),
        ("ADR-0005 により置き換え済み", [("superseded-by", 5)], "…により置き換え"),
        ("[5. X](0005-x.md) により置き換えられた", [("superseded-by", 5)], "…により置き換えられた"),
        ("関連ADR: [0039](0039-x.md)", [("relates-to", 39)], "関連"),
    ],
)
def test_chinese_and_japanese_relation_lines(
    line: str, expected: list[tuple[str, object]], written: str
) -> None:
    assert list(line_relations(line)) == expected
    assert opening_phrase(line) == (expected[0][0], written)  # as the folder writes it


@pytest.mark.parametrize(
    "line",
    [
        "替代方案：见 [ADR-3](0003-x.md)",  # "alternatives": a word that opens with a phrase
        "相关性很高，见 [ADR-3](0003-x.md)",
        "取代了旧的做法，详见 ADR-3",
        "由于 ADR-0003 的问题，我们取代了它",  # 由 … 取代, but not only references between
        "被 ADR-3 的方案取代",
        "这是一个普通的句子 [链接](0003-x.md)",
        "我们决定使用 PostgreSQL，见 ADR-0003",
        "ADR-0003 の背景を参照",
        "置き換えの理由は [ADR-3](0003-x.md) にある",
        "取代",  # a phrase with no record after it states nothing
    ],
)
def test_chinese_and_japanese_text_that_is_no_relation_reads_as_none(line: str) -> None:
    assert list(line_relations(line)) == []


def test_ordinary_lines_never_reach_the_unspaced_matcher(monkeypatch: pytest.MonkeyPatch) -> None:
    """ASCII lines are turned away by the first-word gate alone; so are lines whose first
    word is a spaced phrase's."""
    calls: list[str] = []
    real = unspaced.phrase_at

    def counted(line: str, *rest: Any) -> Any:
        calls.append(line)
        return real(line, *rest)

    monkeypatch.setattr(unspaced, "phrase_at", counted)
    for line in [
        "We chose PostgreSQL, see [ADR-3](0003-x.md).",
        "Superseded by [3. X](0003-x.md)",
        "Remplacé par [3. X](0003-x.md)",
        "Accepted",
    ]:
        line_relations(line)
    assert calls == []
    assert list(line_relations("取代：ADR-0003")) == [("supersedes", 3)]
    assert calls == ["取代：ADR-0003"]


def test_hostile_unspaced_lines_are_read_quickly() -> None:
    """100 KB of what costs the matcher most: phrase heads whose closing words never come,
    references that never end, a tail searched from every line."""
    shapes = [
        "被" + " ADR-1" * 20_000,
        ("被 " + "[ADR-1](0001-x.md)、" * 30 + "\n") * 200,
        ("ADR-1 " * 90 + "により置き換\n") * 200,
        "取代" * 50_000,
        ("由" * 1000 + "\n") * 100,
    ]
    for text in shapes:
        assert len(text) >= 99_000
        start = time.perf_counter()
        for line in text.split("\n"):
            line_relations(line)
            opening_phrase(line)
        assert time.perf_counter() - start < 0.5, text[:20]


def test_a_chinese_folder_writes_its_phrases_on_both_records(run: Run, tmp_path: Path) -> None:
    titles = ["选择数据库", "使用缓存", "更换数据库"]
    folder = _records(
        tmp_path / "adr",
        _ZH_RECORD,
        titles,
        ["已接受", "已接受\n\n关联：[1. 选择数据库](0001-record-1.md)", "提议"],
    )
    first, second, third = _supersede_and_amend(run, folder, "record")
    # the folder's colon (关联：) on the phrases it has not written yet
    assert "取代：[1. 选择数据库](0001-record-1.md)" in third
    assert "修订：[3. 更换数据库](0003-record-3.md)" in second
    # a phrase with its references inside: the status word kept, the line under it
    assert "已取代\n\n被 [3. 更换数据库](0003-record-3.md) 取代" in first
    assert "被 [2. 使用缓存](0002-record-2.md) 修订" in third
    assert "Supersede" not in first + third and "Amend" not in second + third
    assert _relations(run, folder) == {
        "0001": ("superseded", [("superseded-by", 3)]),
        "0002": ("accepted", [("relates-to", 1), ("amends", 3)]),
        "0003": ("proposed", [("supersedes", 1), ("amended-by", 2)]),
    }


def test_a_chinese_folder_keeps_the_form_it_writes(run: Run, tmp_path: Path) -> None:
    folder = _records(
        tmp_path / "adr",
        _ZH_RECORD,
        ["甲", "乙", "丙"],
        ["已取代\n\n由 ADR-0002 取代", "已接受\n\n取代 ADR-0001", "提议"],
    )
    assert run("supersede", "2", "--by", "3", "--dir", str(folder)).code == 0
    second = (folder / "0002-record-2.md").read_text(encoding="utf-8")
    third = (folder / "0003-record-3.md").read_text(encoding="utf-8")
    assert "由 [3. 丙](0003-record-3.md) 取代" in second
    assert "取代 [2. 乙](0002-record-2.md)" in third
    assert _relations(run, folder)["0002"] == (
        "superseded",
        [("supersedes", 1), ("superseded-by", 3)],
    )


def test_a_japanese_folder_writes_its_phrases_on_both_records(run: Run, tmp_path: Path) -> None:
    folder = _records(tmp_path / "adr", _JA_RECORD, ["決定その1", "決定その2"], ["承認", "承認"])
    result = run("new", "--dir", str(folder), "--supersedes", "1", "新しい決定")
    assert result.code == 0, result.err
    assert run("link", "3", "amends", "2", "--dir", str(folder)).code == 0
    assert run("link", "2", "relates-to", "1", "--dir", str(folder)).code == 0
    first, second = ((folder / f"000{n}-record-{n}.md").read_text(encoding="utf-8") for n in (1, 2))
    third = (tmp_path / result.out.strip()).read_text(encoding="utf-8")
    new_file = Path(result.out.strip()).name
    assert f"[3. 新しい決定]({new_file}) により置き換え" in first
    assert "[1. 決定その1](0001-record-1.md) を置き換える" in third
    assert "[2. 決定その2](0002-record-2.md) を改訂" in third
    assert f"[3. 新しい決定]({new_file}) により改訂" in second
    assert "関連 [1. 決定その1](0001-record-1.md)" in second
    assert "関連 [2. 決定その2](0002-record-2.md)" in first
    assert _relations(run, folder) == {
        "0001": ("superseded", [("superseded-by", 3), ("relates-to", 2)]),
        "0002": ("accepted", [("amended-by", 3), ("relates-to", 1)]),
        "0003": ("proposed", [("supersedes", 1), ("amends", 2)]),
    }


def test_a_chinese_headed_folder_that_writes_english_phrases_keeps_them(
    run: Run, tmp_path: Path
) -> None:
    folder = _records(
        tmp_path / "adr",
        _ZH_RECORD,
        ["甲", "乙", "丙"],
        [
            "Superseded by [2. 乙](0002-record-2.md)",
            "已接受\n\nSupersedes [1. 甲](0001-record-1.md)",
            "提议",
        ],
    )
    assert run("link", "3", "amends", "2", "--dir", str(folder)).code == 0
    third = (folder / "0003-record-3.md").read_text(encoding="utf-8")
    second = (folder / "0002-record-2.md").read_text(encoding="utf-8")
    assert "Amends [2. 乙](0002-record-2.md)" in third
    assert "Amended by [3. 丙](0003-record-3.md)" in second
    assert "修订" not in third + second
    assert _relations(run, folder)["0003"] == ("proposed", [("amends", 2)])


def test_a_metadata_list_under_the_title_states_chinese_relations(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    folder.mkdir()
    (folder / "0001-a.md").write_text(
        "# ADR-01：甲\n\n- 状态：已被 ADR-02 取代\n", encoding="utf-8"
    )
    (folder / "0002-b.md").write_text(
        "# ADR-02：乙\n\n- 状态：提议\n- 日期：2026-06-26\n- 关联：[ADR-01](./0001-a.md)\n"
        "- 取代：ADR-01\n\n## 背景\n\n一些背景。\n",
        encoding="utf-8",
    )
    listed = _relations(run, folder)
    assert listed["0001"][1] == [("superseded-by", 2)]  # stated by the status
    assert listed["0002"] == ("proposed", [("relates-to", 1), ("supersedes", 1)])
