"""`index` over any hand-made index of a folder: it raises nothing but archlog's own error,
links every record once, keeps every line outside the index, and a second run changes
nothing."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archlog.api import Repository
from archlog.errors import ArchlogError

TITLES = st.sampled_from(
    [
        "Use queues",
        "Keep Jobs in Memory",
        "Sign | every artifact",
        "Split the *scheduler*",
        "Événements",
        "TBD",
        "Use [x] brackets",
    ]
)
STATUSES = st.sampled_from(["Accepted", "accepted", "Proposed", "Superseded", "Nope", ""])
PREFIX = st.sampled_from(["", "./"])
ROW_STYLE = st.sampled_from(["table", "aligned", "list", "grouped"])
EXTRA = st.sampled_from(["", "| — | Reserved | | |", "* [Glossary](../glossary.md)", "Note."])


@st.composite
def folders(draw: st.DrawFn) -> tuple[dict[str, str], str]:
    count = draw(st.integers(1, 6))
    files = {}
    for n in range(1, count + 1):
        title, status = draw(TITLES), draw(STATUSES)
        day = draw(st.sampled_from(["", "2024-01-10", "2024-02-30", "14 July 2017"]))
        category = draw(st.sampled_from(["", "Core", "Ops"]))
        meta = "".join(
            [
                f"**Status**: {status}\n" if status else "",
                f"**Date**: {day}\n" if day else "",
                f"**Category**: {category}\n" if category else "",
            ]
        )
        files[f"{n:03d}-record-{n}.md"] = (
            f"# ADR-{n:03d}: {title}\n\n{meta}\n## Decision\n\n"
            f"{draw(st.sampled_from(['We do it.', 'These:', 'TBD']))}\n"
        )
    listed = draw(st.lists(st.sampled_from([*sorted(files), "009-gone.md"]), max_size=count + 1))
    style, prefix, extra = draw(ROW_STYLE), draw(PREFIX), draw(EXTRA)
    rows = []
    for name in listed:
        date = draw(st.sampled_from(["", "2023-05-*", "2024-01-10", "2024-13-01"]))
        link = f"[{name[:3]}]({prefix}{name})"
        if style in ("table", "aligned"):
            rows.append(
                f"| {link.ljust(30) if style == 'aligned' else link} | T | Accepted | {date} |"
            )
        elif style == "list":
            rows.append(f"* [{int(name[:3])}. T]({prefix}{name})")
        else:
            rows += [
                f"- [ADR-{name[:3]}: T]({prefix}{name})",
                "  - **Status**: Accepted",
                f"  - **Summary**: kept {name[:3]}",
                "",
            ]
    head = []
    if style in ("table", "aligned") and rows:
        head = ["| Number | Title | Status | Date |", "|---|---|---|---|"]
    if style == "grouped" and rows:
        head = [f"### {draw(st.sampled_from(['Core', 'Misc']))}", ""]
    body = [*head, *rows, extra]
    if draw(st.booleans()):  # between markers already (an earlier run, edited by hand)
        body = ["<!-- archlog:index:start -->", *body, "<!-- archlog:index:end -->"]
    readme = "\n".join(["# Decisions", "", "Intro.", "", *body, "", "## Tail", ""])
    return files, readme.replace("\n", draw(st.sampled_from(["\n", "\r\n"])))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(folders())
def test_index_over_any_hand_made_index_is_stable(case: tuple[dict[str, str], str]) -> None:
    files, readme = case
    root = Path(tempfile.mkdtemp(prefix="archlog-hyp-index-"))
    try:
        folder = root / "adr"
        folder.mkdir()
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        (folder / "README.md").write_bytes(readme.encode("utf-8"))
        try:
            Repository.open(folder).update_index().apply()
        except ArchlogError:
            return
        written = (folder / "README.md").read_bytes().decode("utf-8")
        assert ("\r\n" in written) == ("\r\n" in readme)  # line endings kept
        written, readme = written.replace("\r\n", "\n"), readme.replace("\r\n", "\n")
        before, rest = written.split("<!-- archlog:index:start -->\n", 1)
        block, after = rest.split("<!-- archlog:index:end -->\n", 1)
        appended = before == readme + "\n" and after == ""  # no index: added at the end
        assert appended or (readme.startswith(before) and readme.endswith(after))
        for name in files:  # every record, once (or as often as the index listed it)
            assert block.count(f"{name})") == max(1, readme.count(f"{name})")), (name, block)
        assert "009-gone.md" not in block  # a record deleted since leaves the index
        again = Repository.open(folder).update_index()
        assert again.empty, again.diff()
    finally:
        shutil.rmtree(root)
