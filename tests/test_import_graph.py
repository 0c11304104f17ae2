"""The modules of course_utils import one another without circles, lazy imports inside functions
included, and the course side reaches the offline backend only through its server."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
# What the course side may import from the offline backend: the server's entry points
# (client.py starts it, `python -m course_utils serve` runs it).
OFFLINE_DOORS = {"course_utils.offline.server"}


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(tree: ast.AST, module: str, is_package: bool) -> set[str]:
    """Every dotted name an import statement anywhere in the tree names (module, or module.name)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: counted from this module's package
                package = module.split(".") if is_package else module.split(".")[:-1]
                base = ".".join(package[:len(package) - node.level + 1] + ([base] if base else []))
            names |= {base} | {f"{base}.{alias.name}" for alias in node.names}
    return names


def import_graph(root: Path, package: str) -> nx.DiGraph:
    """The modules of `package` (a folder below root) and which of them each one imports."""
    files = sorted((root / package.replace(".", "/")).rglob("*.py"))
    modules = {module_name(path, root): path for path in files}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name in imported_names(tree, module, path.name == "__init__.py"):
            if name in modules and name != module:
                graph.add_edge(module, name)
    return graph


def circles(graph: nx.DiGraph) -> list[list[str]]:
    return sorted(sorted(cycle) for cycle in nx.simple_cycles(graph))


def is_offline(module: str) -> bool:
    return module == "course_utils.offline" or module.startswith("course_utils.offline.")


def offline_crossings(graph: nx.DiGraph) -> list[tuple[str, str]]:
    """Imports from the course side into the offline backend, other than its doors."""
    return sorted((a, b) for a, b in graph.edges if not is_offline(a) and is_offline(b) and b not in OFFLINE_DOORS)


def test_course_utils_has_no_import_circles():
    assert circles(import_graph(ROOT, "course_utils")) == []


def test_the_course_side_imports_only_the_offline_servers_entry_points():
    assert offline_crossings(import_graph(ROOT, "course_utils")) == []


def write_package(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_a_planted_circle_through_a_lazy_import_is_found(tmp_path):
    write_package(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/a.py": "import pkg.b\n",
        "pkg/b.py": "def later():\n    from pkg import a\n    return a\n",  # the lazy import closes the circle
        "pkg/sub/__init__.py": "",
        "pkg/sub/c.py": "from ..a import x\n",
        "pkg/sub/d.py": "def later():\n    from . import e\n",
        "pkg/sub/e.py": "from .d import later\n",  # relative imports, both ways
    })
    graph = import_graph(tmp_path, "pkg")
    assert ("pkg.sub.c", "pkg.a") in graph.edges
    assert circles(graph) == [["pkg.a", "pkg.b"], ["pkg.sub.d", "pkg.sub.e"]]


def test_a_planted_import_of_model_internals_is_found(tmp_path):
    write_package(tmp_path, {
        "course_utils/__init__.py": "",
        "course_utils/client.py": "def start():\n    from course_utils.offline.server import ensure_started\n",
        "course_utils/prompts.py": "from course_utils.offline.sql import candidates\n",
        "course_utils/offline/__init__.py": "",
        "course_utils/offline/server.py": "",
        "course_utils/offline/sql/__init__.py": "",
        "course_utils/offline/sql/candidates.py": "",
        "course_utils/offline_assets.py": "",  # a name that starts like the package, outside it
    })
    assert offline_crossings(import_graph(tmp_path, "course_utils")) == [
        ("course_utils.prompts", "course_utils.offline.sql"),
        ("course_utils.prompts", "course_utils.offline.sql.candidates")]
    assert not is_offline("course_utils.offline_assets")
