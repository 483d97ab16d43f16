"""Build hook: put Mermaid's browser bundle in the package, so sites draw Mermaid offline.

archlog's site never loads anything from the network when viewed, so the Mermaid library
travels with the package: at build time (wheel or editable install) its pinned release is
fetched from the npm registry, checked against its published SHA-512, and its
``dist/mermaid.min.js`` and licence are placed under
``archlog/features/site/static/vendor/``. If the registry cannot be reached, the build goes
on without it (sites then show Mermaid fences as source, or use ``site.mermaid_js``).
``ARCHLOG_NO_VENDOR=1`` skips the download.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import sys
import tarfile
import urllib.request
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

VERSION = "11.17.2"
URL = f"https://registry.npmjs.org/mermaid/-/mermaid-{VERSION}.tgz"
INTEGRITY = (
    "sha512-V6K3C8EBdEsPFZXSKMJe6ppQOENxuHARr9GvHX4hh47lAbhMRD9qf4oEK7LoaRQxULMa80/qt5gHO73a"
    "CleBBg=="
)
VENDOR = Path("src/archlog/features/site/static/vendor")


class VendorMermaid(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        vendor = Path(self.root) / VENDOR
        target = vendor / "mermaid.min.js"
        if not target.exists() and not os.environ.get("ARCHLOG_NO_VENDOR"):
            try:
                fetch(vendor)
            except Exception as exc:  # a build without Mermaid still works
                print(f"archlog build: Mermaid not bundled ({exc})", file=sys.stderr)
        if target.exists() and self.target_name == "wheel" and version != "editable":
            for name in ("mermaid.min.js", "mermaid.LICENSE"):
                build_data["force_include"][str(vendor / name)] = (
                    f"archlog/features/site/static/vendor/{name}"
                )


def fetch(vendor: Path) -> None:
    with urllib.request.urlopen(URL, timeout=60) as response:  # a fixed https URL
        data = response.read()
    algorithm, expected = INTEGRITY.split("-", 1)
    if base64.b64encode(hashlib.new(algorithm, data).digest()).decode() != expected:
        raise ValueError("the downloaded Mermaid package does not match its published hash")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        script = tar.extractfile("package/dist/mermaid.min.js")
        licence = tar.extractfile("package/LICENSE")
        if script is None or licence is None:
            raise ValueError("unexpected Mermaid package layout")
        vendor.mkdir(parents=True, exist_ok=True)
        (vendor / "mermaid.LICENSE").write_bytes(licence.read())
        tmp = vendor / "mermaid.min.js.tmp"
        tmp.write_bytes(script.read())
        tmp.replace(vendor / "mermaid.min.js")
