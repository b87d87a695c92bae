"""The package's shape: its folders are the steps of the pipeline, and a step imports only from
itself and the steps before it; no import circle; MkDocs only in the adapter, kept small."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "plugins" / "labsite"
# The steps, in pipeline order; the entry points (labsite/__main__.py) come last.
STEPS = ("common", "model", "sources", "generators", "render", "outputs", "build", "mkdocs_adapter", "commands")
# It also tells MkDocs which pages (the 404 page too) the page cache keeps and hands Material's
# search entries of each page rendered to the core (250 before the page cache), and renders
# the pages with one Markdown converter a pass (285 before), and has every environment the theme
# makes prepared, Material's search's too (315 before).
ADAPTER_LINES = 320


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Every module of the package and the package's modules it imports (anywhere in the file)."""
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    found: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    targets.add(full if full in modules else node.module)
            elif isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            assert not (isinstance(node, ast.ImportFrom) and node.level), f"{name}: relative import"
        found[name] = {t for t in targets if t in modules and t != name}
    return found


def _step(module: str) -> int:
    parts = module.split(".")
    return STEPS.index(parts[1]) if len(parts) > 1 and parts[1] in STEPS else len(STEPS)


def test_every_module_lives_in_a_step_folder() -> None:
    loose = [m for m in _imports() if _step(m) == len(STEPS) and m not in ("labsite", "labsite.__main__")]
    assert loose == []


def test_no_step_imports_a_later_one() -> None:
    backwards = [
        f"{module} imports {target}"
        for module, targets in _imports().items()
        for target in targets
        if _step(target) > _step(module)
    ]
    assert backwards == []


def test_no_import_circle() -> None:
    graph = _imports()
    state: dict[str, int] = {}  # 1: being visited, 2: done
    circles = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                circles.append(" -> ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert circles == []


def test_only_the_adapter_imports_mkdocs_and_it_stays_small() -> None:
    users = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        names += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        if any(name == "mkdocs" or name.startswith("mkdocs.") for name in names):
            users.append(path.relative_to(PACKAGE).parts[0])
    assert set(users) == {"mkdocs_adapter"}
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in (PACKAGE / "mkdocs_adapter").rglob("*.py"))
    assert lines < ADAPTER_LINES
