"""The cache is data, not trust; what archlog reads is bounded by the size of its input."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run, cli_env

RECORD = (
    "# {n}. Decision {n}\n\nDate: 2024-05-0{n}\n\n## Status\n\nAccepted\n\n## Context\n\nWhy {n}.\n"
)


def _folder(root: Path, count: int = 3) -> Path:
    folder = root / "doc" / "adr"
    folder.mkdir(parents=True)
    for n in range(1, count + 1):
        (folder / f"{n:04d}-decision-{n}.md").write_text(RECORD.format(n=n))
    return folder


@pytest.fixture
def cache_env(tmp_path: Path) -> dict[str, str]:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    return cli_env(ARCHLOG_CACHE_DIR=str(cache))


def _cache_files(env: dict[str, str]) -> list[Path]:
    return sorted(p for p in Path(env["ARCHLOG_CACHE_DIR"]).iterdir() if not p.name.startswith("."))


def _forge(path: Path, old: bytes, new: bytes) -> None:
    """Change what a cache file says, as a hand without this user's key would: the entries
    keep the content keys they claim (the files' real digests), the values change."""
    if path.suffix == ".marshal":  # the earlier format
        import marshal

        forged: Any = _replace(marshal.loads(path.read_bytes()), old, new)
        path.write_bytes(marshal.dumps(forged))
    else:
        data = path.read_bytes()
        assert old in data
        path.write_bytes(data.replace(old, new))


def _replace(value: object, old: bytes, new: bytes) -> object:
    if isinstance(value, str):
        return value.replace(old.decode(), new.decode())
    if isinstance(value, (list, tuple)):
        return type(value)(_replace(v, old, new) for v in value)
    if isinstance(value, dict):
        return {k: _replace(v, old, new) for k, v in value.items()}
    return value


def test_a_cache_another_hand_changed_is_not_used(
    run: Run, tmp_path: Path, cache_env: dict[str, str]
) -> None:
    _folder(tmp_path)
    first = run("list", "--format", "json", env=cache_env)
    files = _cache_files(cache_env)  # each file's records, and the folder's settled whole
    assert len(files) == 2
    for file in files:
        _forge(file, b"Decision 2", b"Forgeries 2")  # same digests, another title
    again = run("list", "--format", "json", env=cache_env)
    assert again.out == first.out and "Forgeries" not in again.out


def test_the_cache_holds_plain_values_only(
    run: Run, tmp_path: Path, cache_env: dict[str, str]
) -> None:
    import msgpack

    from archlog.read import cache

    _folder(tmp_path)
    assert run("list", env=cache_env).code == 0
    kept = {}
    for file in _cache_files(cache_env):
        assert file.suffix == ".msgpack"
        raw = file.read_bytes()
        stamp, entries = msgpack.unpackb(raw[len(b"archlog-cache-2\n") + 32 :], raw=False)
        assert isinstance(stamp, str) and stamp.startswith(cache.fingerprint())
        kept[file.name.count(".")] = entries

    def plain(value: object) -> bool:
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return value is None or isinstance(value, (str, int, float, bool, bytes))

    assert all(plain(entries) for entries in kept.values())
    assert sorted(kept[1]) == [f"{n:04d}-decision-{n}.md" for n in (1, 2, 3)]  # each file
    assert sorted(kept[2]) == ["folder"]  # the settled folder


def test_site_html_is_cleaned_where_it_is_output(
    run: Run, tmp_path: Path, cache_env: dict[str, str]
) -> None:
    from archlog.read import cache

    _folder(tmp_path)
    out = tmp_path / "site"
    assert run("site", "build", "--out", str(out), env=cache_env).code == 0
    (site_cache,) = [p for p in _cache_files(cache_env) if ".site." in p.name]
    loaded = cache.load_file(site_cache)
    assert loaded is not None
    stamp, entries = loaded
    for name in entries:  # a render cache that says a record holds a script
        key, (html, *rest) = entries[name]
        entries[name] = [
            key,
            [html + '<script>alert("x")</script><a href="javascript:x">y</a>', *rest],
        ]
    assert cache.dump_file(site_cache, stamp, entries)
    assert run("site", "build", "--out", str(out), env=cache_env).code == 0
    page = (out / "adr" / "0002-decision-2.html").read_text()
    assert "Why 2." in page
    assert 'alert("x")' not in page and "javascript:" not in page


@pytest.mark.parametrize("kind", ["fifo", "device", "sparse"])
def test_a_cache_file_that_is_not_a_sane_regular_file_is_not_read(
    run: Run, tmp_path: Path, cache_env: dict[str, str], kind: str
) -> None:
    _folder(tmp_path)
    expected = run("list", "--format", "json", env=cache_env).out
    for file in _cache_files(cache_env):
        file.unlink()
        if kind == "fifo":
            os.mkfifo(file)
        elif kind == "device":
            file.symlink_to("/dev/zero")
        else:
            with open(file, "wb") as fh:
                fh.truncate(8 << 30)  # 8 GiB of nothing, none of it on disk
    start = time.perf_counter()
    result = run("list", "--format", "json", env=cache_env)
    assert result.code == 0 and result.out == expected
    assert time.perf_counter() - start < 10


@pytest.mark.parametrize("kind", ["fifo", "sparse"])
def test_a_record_that_is_not_a_sane_regular_file_is_not_read(
    run: Run, tmp_path: Path, kind: str
) -> None:
    folder = _folder(tmp_path, 2)
    odd = folder / "0003-odd.md"
    if kind == "fifo":
        os.mkfifo(odd)
    else:
        with open(odd, "wb") as fh:
            fh.truncate(100 << 20)
    start = time.perf_counter()
    result = run("list", "--format", "json")
    assert result.code == 0 and [r["number"] for r in json.loads(result.out)] == [1, 2]
    assert "0003-odd.md: cannot read:" in result.err
    assert ("not a regular file" if kind == "fifo" else "larger than 8 MiB") in result.err
    assert time.perf_counter() - start < 10


def test_the_gap_rule_does_not_walk_a_huge_number(tmp_path: Path) -> None:
    import resource

    from archlog.features.lint import structure_rules as rules
    from archlog.features.lint.inputs import Context
    from archlog.features.lint.lint_config import Settings
    from archlog.read.store import Store

    folder = _folder(tmp_path, 2)
    (folder / "100000000-far-away.md").write_text(
        RECORD.format(n=3).replace("# 3.", "# 100000000.")
    )
    store = Store.open(folder)
    ctx = Context(store, store.convention, store.records, Settings(), "2026-01-15")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    found = list(rules.check_gaps(ctx))
    assert time.perf_counter() - start < 1
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 50_000  # KiB
    assert [message for _where, _line, message in found] == [
        "numbers never used: 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 …"
    ]
