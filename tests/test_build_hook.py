"""The build hook (hatch_build.py): Mermaid comes from the tree, a local copy, the cache or
the registry, always checked against the pinned hash; without any, the build stops and
says how to go on — never a package without Mermaid."""

from __future__ import annotations

import base64
import hashlib
import http.server
import importlib.util
import io
import re
import tarfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT

SCRIPT = b"/* a stand-in for mermaid.min.js */\n"
LICENCE = b"The licence of the stand-in.\n"


def _tarball(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


RELEASE = _tarball({"package/dist/mermaid.min.js": SCRIPT, "package/LICENSE": LICENCE})


@pytest.fixture
def hook(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> ModuleType:
    """hatch_build.py, pinned to a small stand-in release, with an empty cache and a
    registry address that refuses."""
    spec = importlib.util.spec_from_file_location("hatch_build", ROOT / "hatch_build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    digest = base64.b64encode(hashlib.sha512(RELEASE).digest()).decode()
    monkeypatch.setattr(module, "INTEGRITY", f"sha512-{digest}")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("ARCHLOG_MERMAID_URL", "http://127.0.0.1:9/mermaid.tgz")  # discard port
    monkeypatch.delenv("ARCHLOG_MERMAID_TARBALL", raising=False)
    return module


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A registry on the loopback address serving the stand-in release; the paths asked."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", str(len(RELEASE)))
            self.end_headers()
            self.wfile.write(RELEASE)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("ARCHLOG_MERMAID_URL", f"http://127.0.0.1:{server.server_port}/m.tgz")
    try:
        yield asked
    finally:
        server.shutdown()
        server.server_close()


def test_without_network_or_a_copy_the_build_stops_and_says_how(
    hook: ModuleType, tmp_path: Path
) -> None:
    vendor = tmp_path / "vendor"
    with pytest.raises(hook.BuildError) as caught:
        hook.ensure(vendor)
    message = str(caught.value)
    assert "Mermaid 11.17.2 is needed in the package" in message
    assert "cannot download http://127.0.0.1:9/mermaid.tgz" in message
    assert "ARCHLOG_MERMAID_TARBALL" in message and "sdist" in message
    assert not vendor.exists()


def test_a_local_copy_is_checked_then_unpacked(
    hook: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "mermaid.tgz"
    copy.write_bytes(_tarball({"package/dist/mermaid.min.js": b"tampered", "package/LICENSE": b""}))
    monkeypatch.setenv("ARCHLOG_MERMAID_TARBALL", str(copy))
    vendor = tmp_path / "vendor"
    with pytest.raises(
        hook.BuildError, match=re.escape("is not Mermaid 11.17.2 (its SHA-512 differs)")
    ):
        hook.ensure(vendor)
    assert not vendor.exists()
    copy.write_bytes(RELEASE)
    hook.ensure(vendor)
    assert (vendor / "mermaid.min.js").read_bytes() == SCRIPT
    assert (vendor / "mermaid.LICENSE").read_bytes() == LICENCE
    assert sorted(p.name for p in vendor.iterdir()) == ["mermaid.LICENSE", "mermaid.min.js"]


def test_one_download_serves_every_later_build(
    hook: ModuleType, registry: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hook.ensure(tmp_path / "first")
    assert registry == ["/m.tgz"]
    assert (tmp_path / "cache" / "archlog-build" / "mermaid-11.17.2.tgz").read_bytes() == RELEASE
    monkeypatch.setenv("ARCHLOG_MERMAID_URL", "http://127.0.0.1:9/mermaid.tgz")  # offline now
    hook.ensure(tmp_path / "second")
    assert (tmp_path / "second" / "mermaid.min.js").read_bytes() == SCRIPT
    assert registry == ["/m.tgz"]


def test_a_damaged_cache_is_fetched_again(
    hook: ModuleType, registry: list[str], tmp_path: Path
) -> None:
    cached = tmp_path / "cache" / "archlog-build" / "mermaid-11.17.2.tgz"
    cached.parent.mkdir(parents=True)
    cached.write_bytes(RELEASE[:100])
    hook.ensure(tmp_path / "vendor")
    assert registry == ["/m.tgz"] and cached.read_bytes() == RELEASE


def test_a_tree_that_has_the_bundle_needs_nothing(hook: ModuleType, tmp_path: Path) -> None:
    vendor = tmp_path / "vendor"  # as in an sdist
    vendor.mkdir()
    (vendor / "mermaid.min.js").write_bytes(b"kept")
    (vendor / "mermaid.LICENSE").write_bytes(b"kept")
    hook.ensure(vendor)  # the registry refuses: nothing was asked of it
    assert (vendor / "mermaid.min.js").read_bytes() == b"kept"
