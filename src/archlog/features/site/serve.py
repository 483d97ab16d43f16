"""``archlog site serve``: build, serve on 127.0.0.1, rebuild on change, reload the page.

The site is built into a temporary folder and served by a small threaded HTTP server. The
ADR folder is watched (watchfiles); a change rebuilds the site — unchanged records come
from the render cache, so only what the change affects is rendered again — and bumps a
version that the pages poll (``/__archlog/version``), so an open page reloads itself.
"""

from __future__ import annotations

import functools
import http.server
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from archlog.read.store import Store

VERSION_PATH = "/__archlog/version"


class _State:
    def __init__(self) -> None:
        self.version = 0
        self.lock = threading.Lock()


def _handler(out: Path, state: _State) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(out), **kwargs)

        def do_GET(self) -> None:
            if self.path.split("?", 1)[0] == VERSION_PATH:
                body = str(state.version).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Cache-Control", "no-store")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            super().do_GET()

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            return  # quiet: the terminal shows rebuilds, not requests

    return Handler


def serve(repo_dir: str | None, host: str, port: int, *,
          ready: Callable[[str], None], rebuilt: Callable[[float, int], None],
          stop: threading.Event | None = None) -> None:  # fmt: skip
    """Build, serve and watch until ``stop`` is set (or the process is interrupted)."""
    import time

    from watchfiles import Change, watch

    from archlog.features.site import SiteSettings, build
    from archlog.read.store import Store

    repo = Store.open(repo_dir)
    out = Path(tempfile.mkdtemp(prefix="archlog-site-")) / "site"
    settings = SiteSettings.of(repo)
    build(repo, out, settings=settings, live=True)
    state = _State()
    server = http.server.ThreadingHTTPServer((host, port), _handler(out, state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    shown_host = f"[{host}]" if ":" in host else host
    ready(f"http://{shown_host}:{server.server_address[1]}/index.html")
    stop = stop or threading.Event()
    try:
        for changes in watch(repo.folder, stop_event=stop, debounce=50, step=20,
                             watch_filter=functools.partial(_interesting, repo)):  # fmt: skip
            start = time.perf_counter()
            fresh = Store.open(repo_dir)
            edited = {Path(p).resolve() for kind, p in changes if kind == Change.modified}
            known = {r.path.resolve() for r in fresh.records}
            if edited and all(kind == Change.modified for kind, _ in changes) and edited <= known:
                only = {r.path for r in fresh.records if r.path.resolve() in edited}
                build(fresh, out, settings=settings, live=True, only=only)  # those pages only
            else:  # a record added, removed or renamed: every list changes
                build(fresh, out, settings=settings, live=True)
            with state.lock:
                state.version += 1
            rebuilt(time.perf_counter() - start, len(fresh.records))
    finally:
        server.shutdown()
        server.server_close()


def _interesting(repo: Store, _change: object, path: str) -> bool:
    name = Path(path).name
    return name.lower().endswith(".md") and not name.startswith(".")
