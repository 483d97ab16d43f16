"""A rebuilt site reuses the files of the site it replaces that come out the same, trusting
nothing of them; the search files are kept in a side cache, checked where they are output."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.sitekit import write_records

RECORDS = {
    1: ("Use queues", "Accepted", "Queues first."),
    2: ("Log in JSON", "Proposed", "Lines of JSON."),
    3: ("Use streams", "Accepted", "Streams, then."),
}


def _build(folder: Path, out: Path) -> None:
    from archlog.features.site import build
    from archlog.read.store import Store

    build(Store.open(folder, cwd=folder.parent), out)


def _inodes(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_ino for p in out.rglob("*") if p.is_file()}


def test_a_rebuild_links_the_files_that_come_out_the_same(tmp_path: Path) -> None:
    paths = write_records(tmp_path / "adr", RECORDS)
    out = tmp_path / "public"
    _build(tmp_path / "adr", out)
    before = _inodes(out)
    text = {name: (out / name).read_bytes() for name in before}
    paths[2].write_text(paths[2].read_text().replace("Lines of JSON.", "Lines of YAML."))
    _build(tmp_path / "adr", out)
    after = _inodes(out)
    assert before.keys() <= after.keys()  # and the shard of a new word
    changed = {name for name in before if after[name] != before[name]}
    # the page edited, the search files of its words and its text; all else the same files
    assert "adr/0002-log-in-json.html" in changed
    assert "adr/0001-use-queues.html" not in changed and "index.html" not in changed
    assert "assets/app.js" not in changed and "sidebar/0.js" not in changed
    for name in before.keys() - changed:
        assert (out / name).read_bytes() == text[name]
        assert (out / name).stat().st_nlink == 1  # the old site's name for it is gone
    assert "Lines of YAML." in (out / "adr" / "0002-log-in-json.html").read_text()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".public.")]


def test_nothing_of_the_old_site_is_trusted(tmp_path: Path) -> None:
    write_records(tmp_path / "adr", RECORDS)
    out = tmp_path / "public"
    _build(tmp_path / "adr", out)
    page = out / "adr" / "0001-use-queues.html"
    good = page.read_bytes()
    page.write_bytes(good.replace(b"Queues first.", b"Queues worst."))  # the same size
    secret = tmp_path / "secret.html"
    secret.write_bytes((out / "index.html").read_bytes())
    (out / "index.html").unlink()
    (out / "index.html").symlink_to(secret)  # a link out of the site, to the same bytes
    _build(tmp_path / "adr", out)
    assert page.read_bytes() == good
    home = out / "index.html"
    assert not home.is_symlink() and home.read_bytes() == secret.read_bytes()
    assert home.stat().st_ino != secret.stat().st_ino


def test_a_site_built_elsewhere_is_written_whole(tmp_path: Path) -> None:
    write_records(tmp_path / "adr", RECORDS)
    _build(tmp_path / "adr", tmp_path / "one")
    _build(tmp_path / "adr", tmp_path / "two")
    one, two = _inodes(tmp_path / "one"), _inodes(tmp_path / "two")
    assert one.keys() == two.keys() and not set(one.values()) & set(two.values())
    for name in one:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_the_search_files_come_from_the_cache_when_nothing_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from archlog.features import search_shards

    monkeypatch.setenv("ARCHLOG_CACHE_DIR", str(tmp_path / "cache"))
    write_records(tmp_path / "adr", RECORDS)
    _build(tmp_path / "adr", tmp_path / "one")

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the search files were made again")

    monkeypatch.setattr(search_shards, "files", refuse)
    _build(tmp_path / "adr", tmp_path / "two")
    names = sorted(p.name for p in (tmp_path / "one" / "search").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "two" / "search").iterdir())
    for name in names:
        one = (tmp_path / "one" / "search" / name).read_bytes()
        assert one == (tmp_path / "two" / "search" / name).read_bytes()


@pytest.mark.parametrize(
    "change",
    [
        lambda name, data: (name, data.replace(b");\n", b");alert(1);\n")),
        lambda name, data: (name, data + b"alert(1);\n"),
        lambda _name, data: ("../../escaped.js", data),
        lambda name, data: (name, data.decode()),
    ],
)
def test_search_files_the_cache_holds_are_checked_where_they_are_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: object
) -> None:
    from archlog.read import cache

    monkeypatch.setenv("ARCHLOG_CACHE_DIR", str(tmp_path / "cache"))
    write_records(tmp_path / "adr", RECORDS)
    out = tmp_path / "public"
    _build(tmp_path / "adr", out)
    (kept,) = (tmp_path / "cache").rglob("*.site-search.msgpack")
    loaded = cache.load_file(kept)
    assert loaded is not None
    stamp, entries = loaded
    key, files = entries[""]
    name = sorted(files)[-1]
    new_name, new_data = change(name, files.pop(name))  # type: ignore[operator]
    entries[""] = [key, {**files, new_name: new_data}]
    assert cache.dump_file(kept, stamp, entries)
    _build(tmp_path / "adr", out)
    for path in out.rglob("*.js"):
        assert b"alert(1)" not in path.read_bytes()
    assert (out / name).is_file()
    assert not os.path.lexists(tmp_path / "escaped.js") and not (out / "escaped.js").exists()


def test_the_page_key_covers_every_field_the_templates_read_of_a_record() -> None:
    import re

    from archlog.features.site.pagecache import RECORD_FIELDS

    templates = Path(__file__).resolve().parent.parent / "src/archlog/features/site/templates"
    text = "".join(path.read_text() for path in templates.glob("*.html"))
    names = r"record|other|r|e\.record|pager\.previous|pager\.next"
    read = set(re.findall(rf"\b(?:{names})\.(\w+)", text))
    assert {"id", "title", "number", "category"} <= read  # the pattern finds them
    assert read <= set(RECORD_FIELDS), read - set(RECORD_FIELDS)


def test_a_rebuild_renders_only_the_pages_whose_context_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from archlog.features.site import markdown

    monkeypatch.setenv("ARCHLOG_CACHE_DIR", str(tmp_path / "cache"))
    paths = write_records(tmp_path / "adr", RECORDS)
    out = tmp_path / "public"
    _build(tmp_path / "adr", out)
    cleaned: list[str] = []
    sanitise = markdown.sanitise

    def counted(raw: str) -> str:
        cleaned.append(raw)
        return sanitise(raw)

    monkeypatch.setattr(markdown, "sanitise", counted)
    _build(tmp_path / "adr", out)
    assert cleaned == []  # every page as it was: none rendered
    paths[3].write_text(paths[3].read_text().replace("# 3. Use streams", "# 3. Use logs"))
    _build(tmp_path / "adr", out)
    # the edited body rendered (and cleaned), then the page renamed and the page whose
    # "next" link names it, cleaned where they are output
    said = sorted(body.split("<p>")[1].split("<")[0] for body in cleaned)
    assert said == ["Lines of JSON.", "Streams, then.", "Streams, then."]
    assert "Use logs" in (out / "adr" / "0002-log-in-json.html").read_text()
    page = out / "adr" / "0001-use-queues.html"
    good = page.read_bytes()
    page.write_bytes(good.replace(b"Queues first.", b"Queues worst."))  # the old site changed
    cleaned.clear()
    _build(tmp_path / "adr", out)
    assert len(cleaned) == 1 and page.read_bytes() == good
