"""For generated records and random sequences of edits: every line outside the edited ones is
kept byte for byte, and the result reads back as the model the edits describe."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from archlog.conventions.catalog import get_convention
from archlog.edit.workspace import Workspace
from archlog.ops import lifecycle
from archlog.read.store import Store

# Free text that is not metadata, a heading or a relation: what an edit must leave alone.
WORD = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyz ,.;()`*_0123456789éü", min_size=1, max_size=30
).filter(lambda s: s.strip() and not s.lstrip().startswith(("*", "_")))
NOISE = st.lists(WORD.map(lambda s: "Note " + s), min_size=0, max_size=4)
TRAIL = st.sampled_from(["", " ", "  ", "\t"])

LAYOUTS = {
    "nygard": (
        "# 1. Subject{t}\n\nDate: 2024-01-01\n\n## Status\n\nProposed\n\n"
        "## Context\n\n{a}\n\n## Decision\n\n{b}\n"
    ),
    "madr": (
        "---\n# a comment\nstatus: proposed\ndate: 2024-01-01\n---\n\n# Subject{t}\n\n"
        "## Context and Problem Statement\n\n{a}\n\n## More Information\n\n{b}\n"
    ),
    "header-fields": (
        "# ADR-001: Subject{t}\n\n**Status**: Proposed\n**Date**: 2024-01-01\n\n"
        "## Context\n\n{a}\n\n## Decision\n\n{b}\n"
    ),
    "madr2": (
        "# Subject{t}\n\n* Status: proposed\n* Date: 2024-01-01\n\n"
        "## Context and Problem Statement\n\n{a}\n\n## Links\n\n{b}\n"
    ),
}
TARGET = {
    "nygard": "# {n}. Other {n}\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nX\n",
    "madr": "---\nstatus: accepted\ndate: 2024-01-01\n---\n\n# Other {n}\n\n## More Information\n\nX\n",
    "header-fields": "# ADR-00{n}: Other {n}\n\n**Status**: Accepted\n**Date**: 2024-01-01\n\nX\n",
    "madr2": "# Other {n}\n\n* Status: accepted\n* Date: 2024-01-01\n\n## Links\n\nX\n",
}

EDIT = st.one_of(
    st.tuples(
        st.just("status"),
        st.sampled_from(["accepted", "rejected", "deprecated", "proposed", "implemented"]),
    ),
    st.tuples(st.just("link"), st.sampled_from([2, 3, 4])),
    st.tuples(st.just("unlink"), st.sampled_from([2, 3, 4])),
)


@settings(max_examples=150, deadline=None)
@given(
    layout=st.sampled_from(sorted(LAYOUTS)),
    noise_a=NOISE,
    noise_b=NOISE,
    trail=TRAIL,
    crlf=st.booleans(),
    bom=st.booleans(),
    edits=st.lists(EDIT, min_size=1, max_size=6),
)
def test_random_edits_touch_only_their_lines(
    layout: str,
    noise_a: list[str],
    noise_b: list[str],
    trail: str,
    crlf: bool,
    bom: bool,
    edits: list[tuple[str, object]],
) -> None:
    text = LAYOUTS[layout].format(
        t=trail, a="\n".join(noise_a) or "Text.", b="\n".join(noise_b) or "More."
    )
    if crlf:
        text = text.replace("\n", "\r\n")
    conv = get_convention(layout)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / ".archlog.toml").write_text(
            f'convention = "{layout}"\ndate_on_status_change = false\ncache = false\n'
        )
        width = 3 if layout == "header-fields" else 4
        subject = folder / f"{1:0{width}d}-subject.md"
        subject.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode())
        for n in (2, 3, 4):
            (folder / f"{n:0{width}d}-other-{n}.md").write_text(TARGET[layout].format(n=n))
        repo = Store.open(folder)
        ws = Workspace(repo)
        status, links = "proposed", []
        for kind, value in edits:
            record = ws.record(repo.get("1"))
            if kind == "status":
                lifecycle.set_status(ws, record, conv, str(value))
                status = str(value)
            elif kind == "link" and value not in links:
                lifecycle.link(ws, record, "relates-to", repo.get(str(value)), conv)
                links.append(value)
            elif kind == "unlink" and value in links:
                lifecycle.unlink(ws, record, repo.get(str(value)), conv)
                links.remove(value)
            after = ws.record(record)
            assert after.status == status
            assert [(r.type, r.target) for r in after.relations] == [
                ("relates-to", n) for n in links
            ]
        result = ws.text(subject)
        data = result.to_bytes()
        assert data.startswith(b"\xef\xbb\xbf") == bom
        lines = result.lines
        # every free-text line is still there, unchanged (ending included), in order
        kept = [
            ln for ln in text.splitlines(keepends=True) if ln.startswith(("Note ", "# ", "## "))
        ]
        it = iter(lines)
        assert all(any(k == ln for ln in it) for k in kept), (kept, lines)
        if crlf:
            assert all(ln.endswith("\r\n") for ln in lines[:-1])
        else:
            assert not any("\r" in ln for ln in lines)
