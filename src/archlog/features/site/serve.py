"""``archlog site serve``: build, serve on 127.0.0.1, rebuild on change, reload the page.

The site is built into a temporary folder (removed on exit, SIGTERM included) and served by
a small threaded HTTP server. The ADR folder is watched (watchfiles); a change rebuilds the
site — unchanged records come from the render cache, so only what the change affects is
rendered again — and bumps a version that the pages poll (``/__archlog/version``), so an
open page reloads itself.

The server answers only requests whose ``Host`` is a name it is bound to (a page of another
site cannot read it through a rebinding of its DNS name to this address), drops connections
idle for :data:`IDLE_TIMEOUT` seconds and serves at most :data:`MAX_CONNECTIONS` at once, and
answers a malformed path (a NUL in it) with 400.
"""

from __future__ import annotations

import contextlib
import http.server
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from archlog.features.site.settings import SiteSettings
    from archlog.read.store import Store

VERSION_PATH = "/__archlog/version"
#: Seconds a connection may stay silent before it is closed.
IDLE_TIMEOUT = 10.0
#: Connections served at once; more wait in the listening queue.
MAX_CONNECTIONS = 32


class _State:
    def __init__(self) -> None:
        self.version = 0
        self.lock = threading.Lock()


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The ``Host`` values the server answers: the names of the address it is bound to, with
    and without the port."""
    names = {host, "localhost", "127.0.0.1", "::1"} if _loopback(host) else {host}
    if host in ("0.0.0.0", "::", ""):  # every interface: this machine's own names too
        import socket

        names |= {"localhost", "127.0.0.1", "::1", socket.gethostname(), socket.getfqdn()}
    shown = {f"[{n}]" if ":" in n else n for n in names}
    return frozenset({n.lower() for n in shown} | {f"{n.lower()}:{port}" for n in shown})


def _loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site's folder to the known hosts; the live page's version at
    :data:`VERSION_PATH`."""

    site: ClassVar[Path]
    state: ClassVar[_State]
    hosts: ClassVar[frozenset[str]]
    timeout = IDLE_TIMEOUT  # a socket timeout: an idle connection is closed

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, directory=str(self.site), **kwargs)

    def _refused(self) -> bool:
        """Answer a request from an unknown host or with a malformed path; whether so."""
        from urllib.parse import unquote

        host = (self.headers.get("Host") or "").strip().lower()
        if host not in self.hosts:
            self.send_error(421, "Unknown host")
            return True
        if "\0" in unquote(self.path) or "\0" in self.path:
            self.send_error(400, "Bad path")
            return True
        return False

    def do_HEAD(self) -> None:
        if not self._refused():
            super().do_HEAD()

    def do_GET(self) -> None:
        if self._refused():
            return
        if self.path.split("?", 1)[0] == VERSION_PATH:
            body = str(self.state.version).encode()
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

    def translate_path(self, path: str) -> str:
        try:
            return super().translate_path(path)
        except ValueError:  # what the file system cannot name: nothing there
            return str(self.site / "__archlog_no_such_file__")

    def log_message(self, _format: str, *_args: Any) -> None:
        return  # quiet: the terminal shows rebuilds, not requests


def _handler(
    out: Path, state: _State, hosts: frozenset[str]
) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(_Handler):
        """The handler of one server: its site, its live state, its hosts."""

    Handler.site, Handler.state, Handler.hosts = out, state, hosts
    return Handler


class _Server(http.server.ThreadingHTTPServer):
    """A threaded server that serves at most :data:`MAX_CONNECTIONS` connections at once."""

    daemon_threads = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        super().__init__(*args, **kwargs)

    def process_request(self, request: Any, client_address: Any) -> None:
        self.slots.acquire()
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


def serve(
    repo_dir: str | None,
    host: str,
    port: int,
    *,
    ready: Callable[[str], None],
    rebuilt: Callable[[float, int], None],
    stop: threading.Event | None = None,
) -> None:
    """Build, serve and watch until ``stop`` is set (or the process is interrupted)."""
    from archlog.features.site import SiteSettings
    from archlog.read.store import Store

    repo = Store.open(repo_dir)
    settings = SiteSettings.of(repo)
    scratch = Path(tempfile.mkdtemp(prefix="archlog-site-"))
    with _removed_on_exit(scratch):
        _serve(
            repo,
            repo_dir,
            settings,
            scratch / "site",
            host,
            port,
            ready=ready,
            rebuilt=rebuilt,
            stop=stop or threading.Event(),
        )


@contextlib.contextmanager
def _removed_on_exit(folder: Path) -> Iterator[None]:
    """Remove ``folder`` however serving ends: normally, on an error, Ctrl-C or SIGTERM."""
    previous = None
    if threading.current_thread() is threading.main_thread():

        def terminate(_signum: int, _frame: object) -> None:
            raise SystemExit(143)

        previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _serve(
    repo: Store,
    repo_dir: str | None,
    settings: SiteSettings,
    out: Path,
    host: str,
    port: int,
    *,
    ready: Callable[[str], None],
    rebuilt: Callable[[float, int], None],
    stop: threading.Event,
) -> None:
    import time

    from watchfiles import Change, watch

    from archlog.features.site import build
    from archlog.read.store import Store

    build(repo, out, settings=settings, live=True)
    state = _State()
    server = _Server((host, port), _handler(out, state, allowed_hosts(host, port)))
    bound = server.server_address[1]
    if bound != port:  # port 0: the system chose one
        server.RequestHandlerClass = _handler(out, state, allowed_hosts(host, int(bound)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    shown_host = f"[{host}]" if ":" in host else host
    ready(f"http://{shown_host}:{bound}/index.html")
    try:
        for changes in watch(
            repo.folder,
            stop_event=stop,
            debounce=50,
            step=20,
            watch_filter=_interesting,
        ):
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


def _interesting(_change: object, path: str) -> bool:
    name = Path(path).name
    return name.lower().endswith(".md") and not name.startswith(".")
