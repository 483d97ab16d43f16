"""Relation and metadata lines in the folder's own words: a French folder gets ``Remplacé
par`` and ``Date : …``, one that already writes ``Superseded by`` keeps English, and every
phrase written reads back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archlog.conventions import vocabulary
from archlog.conventions.word_languages import language_of
from archlog.read.relations import line_relations
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


def test_a_french_folder_gets_french_phrases_that_read_back(run: Run, tmp_path: Path) -> None:
    folder = _french(tmp_path / "adr", ["Accepté", "Accepté", "Proposé"])
    assert run("supersede", "1", "--by", "3", "--dir", str(folder)).code == 0
    assert run("link", "2", "amends", "3", "--dir", str(folder)).code == 0
    first = (folder / "0001-choix-1.md").read_text(encoding="utf-8")
    second = (folder / "0002-choix-2.md").read_text(encoding="utf-8")
    third = (folder / "0003-choix-3.md").read_text(encoding="utf-8")
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
            found = list(line_relations(f"{phrase} [12. X](0012-x.md)"))
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
