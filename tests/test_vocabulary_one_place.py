"""One vocabulary per concept: a relation type or a status word is added in one place (the
words file, ``conventions/words.toml``) and every command reads it from there."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from archlog.conventions import vocabulary

#: Runs the CLI with the words file replaced (before anything reads it): a fresh process.
_RUN = (
    "import sys; from pathlib import Path; from archlog.conventions import vocabulary; "
    "vocabulary._DATA = Path(sys.argv[1]); from archlog.cli import main; "
    "sys.argv = ['archlog', *sys.argv[2:]]; main()"
)

_BLOCKS = """
[[relation]]
name = "blocks"
inverse = "blocked-by"
active = true
phrase = "Blocks"
reads = ["blocks", "holds up"]
keys = ["blocks"]
colour = "#0b7285"

[[relation]]
name = "blocked-by"
inverse = "blocks"
active = false
phrase = "Blocked by"
reads = ["blocked by", "held up by"]
keys = ["blocked-by"]
colour = "#0b7285"
"""


def _folder(root: Path) -> Path:
    adr = root / "adr"
    adr.mkdir()
    (adr / "0001-pick-a-queue.md").write_text(
        "# 1. Pick a queue\n\nDate: 2025-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n"
    )
    (adr / "0002-pause-the-rollout.md").write_text(
        "# 2. Pause the rollout\n\nDate: 2025-02-03\n\n## Status\n\nShelved\n\n## Context\n\n"
        "Holds up [1. Pick a queue](0001-pick-a-queue.md) until the load tests pass.\n"
    )
    return adr


def _listed(words: Path, adr: Path) -> dict[str, dict[str, object]]:
    out = subprocess.run(
        [sys.executable, "-c", _RUN, str(words), "list", "--format", "json", "--dir", str(adr)],
        capture_output=True,
        text=True,
        check=True,
        env={"ARCHLOG_NO_CACHE": "1", "PATH": "/usr/bin:/bin"},
    )
    return {r["id"]: r for r in json.loads(out.stdout)}


def test_a_relation_type_and_a_status_word_are_one_place_each(tmp_path: Path) -> None:
    adr = _folder(tmp_path)
    stock = vocabulary._DATA
    before = _listed(stock, adr)["0002"]
    assert before["status"] == "unknown" and before["relations"] == []

    text = stock.read_text(encoding="utf-8") + _BLOCKS
    text = text.replace('en = ["deprecated", ', 'en = ["deprecated", "shelved", ', 1)
    words = tmp_path / "words.toml"
    words.write_text(text, encoding="utf-8")
    after = _listed(words, adr)
    assert after["0002"]["status"] == "deprecated"
    assert after["0002"]["relations"] == [{"type": "blocks", "target": 1}]
