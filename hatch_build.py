"""Build hook: put Mermaid's browser bundle in the package, so sites draw Mermaid offline.

archlog's site never loads anything from the network when viewed, so the Mermaid library
travels with the package: its pinned release's ``dist/mermaid.min.js`` and licence go under
``archlog/features/site/static/vendor/`` in the wheel, and under the same path of the source
tree in the sdist, so that a wheel built from the sdist needs no network.

Where the bundle comes from, the first that has it:

1. the source tree itself (an sdist carries it; an earlier build left it there);
2. ``ARCHLOG_MERMAID_TARBALL``: a local copy of the pinned npm tarball, for a build without
   network (``npm pack mermaid@VERSION`` makes one);
3. the user's cache of that tarball (``$XDG_CACHE_HOME/archlog-build``), filled by
4. the npm registry (``ARCHLOG_MERMAID_URL`` names another address, a mirror).

Every tarball is checked against the release's published SHA-512 before anything is taken
from it. When none of them gives the bundle, the build fails and says how to provide it: a
package without Mermaid would be a smaller one under the same name and version.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import tarfile
import tempfile
import urllib.request
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

VERSION = "11.17.2"
TARBALL = f"mermaid-{VERSION}.tgz"
URL = f"https://registry.npmjs.org/mermaid/-/{TARBALL}"
INTEGRITY = (
    "sha512-V6K3C8EBdEsPFZXSKMJe6ppQOENxuHARr9GvHX4hh47lAbhMRD9qf4oEK7LoaRQxULMa80/qt5gHO73a"
    "CleBBg=="
)
VENDOR = "src/archlog/features/site/static/vendor"
FILES = ("mermaid.min.js", "mermaid.LICENSE")


class BuildError(RuntimeError):
    """The bundle could not be had: the build must stop."""


class VendorMermaid(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        vendor = Path(self.root) / VENDOR
        ensure(vendor)
        if version == "editable":
            return  # the package runs from the source tree, where the bundle now is
        for name in FILES:
            inside = f"{VENDOR}/{name}" if self.target_name == "sdist" else _in_wheel(name)
            build_data["force_include"][str(vendor / name)] = inside


def ensure(vendor: Path) -> None:
    """Put the bundle and its licence in ``vendor`` unless they are there; a BuildError that
    says how to provide them when they cannot be had."""
    if all((vendor / name).is_file() for name in FILES):
        return
    try:
        unpack(tarball(), vendor)
    except BuildError as exc:
        raise BuildError(
            f"archlog build: Mermaid {VERSION} is needed in the package and could not be had: "
            f"{exc}. Build from archlog's sdist (it carries Mermaid), or set "
            f"ARCHLOG_MERMAID_TARBALL to a copy of {TARBALL} (npm pack mermaid@{VERSION})"
        ) from None


def _in_wheel(name: str) -> str:
    return f"{VENDOR.removeprefix('src/')}/{name}"


def tarball() -> bytes:
    """The pinned tarball, checked: from ARCHLOG_MERMAID_TARBALL, the cache, or the registry."""
    given = os.environ.get("ARCHLOG_MERMAID_TARBALL")
    if given:
        try:
            return checked(Path(given).read_bytes(), given)
        except OSError as exc:
            raise BuildError(f"cannot read ARCHLOG_MERMAID_TARBALL {given}: {exc}") from None
    cache = _cache_dir() / TARBALL
    try:
        return checked(cache.read_bytes(), str(cache))
    except (OSError, BuildError):
        pass  # not cached yet, or damaged: fetch it again
    url = os.environ.get("ARCHLOG_MERMAID_URL") or URL
    try:
        with urllib.request.urlopen(
            url, timeout=60
        ) as response:  # a pinned https URL, or the mirror asked for
            data = checked(response.read(), url)
    except OSError as exc:
        raise BuildError(f"cannot download {url}: {exc}") from None
    _keep(cache, data)
    return data


def checked(data: bytes, where: str) -> bytes:
    """``data`` if it is the pinned release (its published SHA-512), else a BuildError."""
    algorithm, expected = INTEGRITY.split("-", 1)
    if base64.b64encode(hashlib.new(algorithm, data).digest()).decode() != expected:
        raise BuildError(f"{where} is not Mermaid {VERSION} (its SHA-512 differs)")
    return data


def unpack(data: bytes, vendor: Path) -> None:
    """Write the bundle and its licence from the tarball into ``vendor``, each whole."""
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        members = {
            "mermaid.min.js": "package/dist/mermaid.min.js",
            "mermaid.LICENSE": "package/LICENSE",
        }
        contents = {}
        for name, member in members.items():
            extracted = tar.extractfile(member)
            if extracted is None:
                raise BuildError(f"{member} is not a file in {TARBALL}")
            contents[name] = extracted.read()
    vendor.mkdir(parents=True, exist_ok=True)
    for name, content in contents.items():
        _keep(vendor / name, content)


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "archlog-build"


def _keep(path: Path, data: bytes) -> None:
    """Write ``path`` whole (a temporary file beside it, then renamed). Only the cache may
    fail to be written: the build goes on without keeping the tarball."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        if path.parent != _cache_dir():
            raise BuildError(f"cannot write {path}: {exc}") from None
