"""``site serve`` answers its own host names only, drops idle connections, refuses a NUL in a
path, and removes its temporary site when it stops."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import cli_env

RECORD = (
    "# {n}. Decision {n}\n\nDate: 2024-05-0{n}\n\n## Status\n\nAccepted\n\n## Context\n\nWhy {n}.\n"
)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int, Path]]:
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    for n in (1, 2):
        (folder / f"{n:04d}-decision-{n}.md").write_text(RECORD.format(n=n))
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "archlog", "site", "serve", "--port", "0"],
        cwd=tmp_path,
        env=cli_env(TMPDIR=str(scratch)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = proc.stdout.readline()  # type: ignore[union-attr]
    assert line.startswith("serving http://127.0.0.1:"), line + proc.stderr.read()  # type: ignore[union-attr]
    port = int(line.split("/")[2].split(":")[1])
    try:
        yield proc, port, scratch
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=20)


def _ask(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(request)
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def _get(port: int, path: str, host: str) -> int:
    answer = _ask(port, f"GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n".encode())
    return int(answer.split(b" ", 2)[1])


def test_only_the_bound_host_names_are_answered(
    served: tuple[subprocess.Popen[str], int, Path],
) -> None:
    _proc, port, _scratch = served
    assert _get(port, "/index.html", f"127.0.0.1:{port}") == 200
    assert _get(port, "/index.html", f"localhost:{port}") == 200
    assert _get(port, "/index.html", f"attacker.example:{port}") == 421  # a rebound DNS name
    assert _get(port, "/index.html", "attacker.example") == 421


def test_a_nul_in_the_path_is_a_bad_request(
    served: tuple[subprocess.Popen[str], int, Path],
) -> None:
    proc, port, _scratch = served
    assert _get(port, "/adr/%00.html", f"127.0.0.1:{port}") == 400
    assert _get(port, "/index.html", f"127.0.0.1:{port}") == 200  # still serving
    assert proc.poll() is None


def test_an_idle_connection_is_closed(served: tuple[subprocess.Popen[str], int, Path]) -> None:
    _proc, port, _scratch = served
    with socket.create_connection(("127.0.0.1", port), timeout=30) as idle:
        start = time.perf_counter()
        assert idle.recv(1) == b""  # the server closed it
        waited = time.perf_counter() - start
    assert 5 < waited < 20, waited


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_the_temporary_site_is_removed_on_exit(
    served: tuple[subprocess.Popen[str], int, Path], sig: signal.Signals
) -> None:
    proc, _port, scratch = served
    assert [p.name for p in scratch.iterdir() if p.name.startswith("archlog-site-")]
    proc.send_signal(sig)
    proc.wait(timeout=20)
    assert list(scratch.iterdir()) == []
