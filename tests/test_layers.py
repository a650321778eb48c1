"""The floors of the house (ARCHITECTURE.md), checked on the source: every `import` and `from … import` in
assistant/, at module level or inside a function, is read with `ast`.

1. A package never imports one on a higher floor.
2. The front ends (tui/, cli/) never import store/, retrieval/ or llm/, except their exception types:
   everything else goes through services/.
   (That no feature imports services/ follows from 1: services sit on the floor above the features.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "assistant"

FLOORS: dict[str, int] = {
    "domain": 0, "config": 0, "__init__": 0, "__main__": 5,
    "store": 1, "text": 1, "llm": 1, "retrieval": 1,
    "ingest": 2, "ranking": 2, "drafting": 2, "ask": 2, "announce": 2, "groups": 2, "outcomes": 2,
    "services": 3,
    "tui": 4, "cli": 4,
}
FRONT_ENDS = {"tui", "cli"}
BACK_ROOMS = {"store", "retrieval", "llm"}


def _is_exception_name(name: str) -> bool:
    return name.endswith(("Error", "Exception", "NotConfigured"))


def imports_of(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, imported module, names taken from it) for every import of an `assistant.*` module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("assistant."):
                    found.append((node.lineno, alias.name, []))
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "assistant":  # `from assistant import x`: a subpackage, or a name of the root package
                for alias in node.names:
                    is_module = (PACKAGE / alias.name).is_dir() or (PACKAGE / f"{alias.name}.py").is_file()
                    found.append((node.lineno, f"assistant.{alias.name if is_module else '__init__'}", []))
            elif node.module.startswith("assistant."):
                found.append((node.lineno, node.module, [a.name for a in node.names]))
    return found


def area_of(module: str) -> str:
    return module.split(".")[1]


def violations(root: Path = PACKAGE) -> list[str]:
    bad = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        here = rel.parts[0].removesuffix(".py")
        if here not in FLOORS:
            bad.append(f"{rel}: package '{here}' has no floor in tests/test_layers.py (add it to ARCHITECTURE.md too)")
            continue
        for line, module, names in imports_of(path):
            there = area_of(module)
            if there == here:
                continue
            if there not in FLOORS:
                bad.append(f"{rel}:{line}: imports unknown package {module}")
            elif FLOORS[there] > FLOORS[here]:
                bad.append(f"{rel}:{line}: floor {FLOORS[here]} ({here}) imports floor {FLOORS[there]} ({module})")
            elif here in FRONT_ENDS and there in BACK_ROOMS and not (names and all(map(_is_exception_name, names))):
                bad.append(f"{rel}:{line}: the front end imports {module} ({', '.join(names) or 'module'}); "
                           "go through services/")
    return bad


def test_the_package_keeps_its_floors():
    assert violations() == []


@pytest.mark.parametrize(
    ("where", "source", "expected"),
    [
        ("store/x.py", "def f():\n    from assistant.ranking.model import score\n", "floor 1 (store) imports floor 2"),
        ("text/x.py", "import assistant.drafting.guardrails\n", "floor 1 (text) imports floor 2"),
        ("tui/x.py", "from assistant.store import Store\n", "the front end imports assistant.store"),
        ("cli/x.py", "from assistant.retrieval.search import Retriever\n", "the front end imports"),
        ("announce/x.py", "from assistant.services import retriever\n", "floor 2 (announce) imports floor 3 (assistant.services)"),
        ("ranking/x.py", "from assistant.tui.app import OutreachApp\n", "floor 2 (ranking) imports floor 4"),
        ("agent/x.py", "x = 1\n", "has no floor"),
    ],
)
def test_each_kind_of_violation_is_caught(tmp_path, where, source, expected):
    path = tmp_path / where
    path.parent.mkdir(parents=True)
    path.write_text(source, encoding="utf-8")
    assert any(expected in v for v in violations(tmp_path))


def test_exception_types_may_cross_to_the_front_ends(tmp_path):
    (tmp_path / "cli").mkdir()
    (tmp_path / "cli" / "x.py").write_text("from assistant.store import StoreError\n", encoding="utf-8")
    assert violations(tmp_path) == []


def test_help_loads_no_heavy_library():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "assistant", "--help"], capture_output=True,
                         text=True, cwd=PACKAGE.parent, timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    loaded = {line.split("|")[-1].strip().split(".")[0] for line in out.stderr.splitlines() if "|" in line}
    assert "assistant" in loaded  # the import log was read
    assert not loaded & {"chromadb", "langchain", "langchain_openai", "langchain_core", "openai", "textual"}


def test_the_package_never_edits_sys_path():
    edits = [f"{p.relative_to(PACKAGE)}" for p in PACKAGE.rglob("*.py") if "sys.path" in p.read_text(encoding="utf-8")]
    assert edits == []
