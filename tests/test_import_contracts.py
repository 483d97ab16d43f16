"""`make lint`'s import contracts catch a wrong import: a copy of the package with one bad
import added fails `lint-imports` (run with the project's own configuration), naming the
contract it breaks; the copy as it is passes. And the package's imports, every one counted
(inside functions and under ``TYPE_CHECKING`` too), have no cycle."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.needs import LINT_IMPORTS, ROOT, need

PACKAGE = ROOT / "src" / "archlog"


def _copy(tmp_path: Path) -> Path:
    """The package's Python files and the project's configuration, in ``tmp_path``."""

    def not_python(folder: str, names: list[str]) -> set[str]:
        return {n for n in names if not n.endswith(".py") and not (Path(folder) / n).is_dir()}

    shutil.copytree(PACKAGE, tmp_path / "src" / "archlog", ignore=not_python)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path / "src" / "archlog"


def _lint_imports(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "pyproject.toml"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path / "src")},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def package(tmp_path: Path) -> Path:
    need("import-linter")
    copy = _copy(tmp_path)
    clean = _lint_imports(tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr  # the copy as it is: all kept
    return copy


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("model.py", "import click", "Only the CLI uses click and rich"),
        ("read/names.py", "from archlog.api import Repository", "Layers: each imports only"),
        ("cli/console.py", "from archlog.read import store", "The CLI calls the API"),
    ],
    ids=["library-imports-click", "reader-imports-the-api", "cli-reaches-below-the-api"],
)
def test_a_wrong_import_breaks_a_contract(
    package: Path, tmp_path: Path, module: str, line: str, contract: str
) -> None:
    target = package / module
    target.write_text(target.read_text() + f"\n{line}  # a wrong import, on purpose\n")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0, result.stdout
    broken = [ln for ln in result.stdout.splitlines() if ln.endswith("BROKEN")]
    assert any(ln.startswith(contract) for ln in broken), result.stdout
    assert f"archlog.{module.removesuffix('.py').replace('/', '.')}" in result.stdout


def test_no_import_cycle_and_no_module_name_twice() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "import_graph.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout
    assert "cycles: none" in result.stdout


def test_the_graph_script_sees_a_cycle_made_inside_a_function(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("import_graph", ROOT / "scripts/import_graph.py")
    assert spec is not None and spec.loader is not None
    import_graph = importlib.util.module_from_spec(spec)
    sys.modules["import_graph"] = import_graph  # its dataclass looks itself up there
    try:
        spec.loader.exec_module(import_graph)
    finally:
        del sys.modules["import_graph"]
    package = tmp_path / "archlog"
    (package / "infra").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "infra" / "__init__.py").write_text("")
    (package / "infra" / "one.py").write_text("from archlog.infra import two\n")
    (package / "infra" / "two.py").write_text(
        "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from . import three\n"
    )
    (package / "infra" / "three.py").write_text("def f():\n    from archlog.infra.one import x\n")
    graph = import_graph.build(package)
    assert graph.cycles() == [["archlog.infra.one", "archlog.infra.three", "archlog.infra.two"]]
