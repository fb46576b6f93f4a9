"""The import graph stays the shape DESIGN.md describes (issue 18).

Parses every project module (ast, no import side effects) and fails on:

* a cycle between the project's top-level packages, or between its modules (imports
  inside functions count: they hide a cycle, they do not remove it; so does importing
  ``a.b.c``, which first runs the package ``a.b``'s ``__init__`` and whatever it
  imports);
* importing a ``_private`` name from another module (give a helper used elsewhere a
  public name);
* ``bijeenkomsten`` or ``initiatieven`` importing ``matching`` (DESIGN.md, convention 10:
  they announce changes, matching subscribes).

What was already there and too big to fix at once is listed below. The lists can only
shrink: a new violation fails, and so does an entry that no longer occurs (remove it).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bijeenkomsten", "initiatieven", "matching", "netwerkplatform")
LOWER_APPS = ("bijeenkomsten", "initiatieven")

# Module cycles that exist today. Each found cycle must lie inside one of these.
KNOWN_MODULE_CYCLES: list[set[str]] = []

# (importing module, module imported from, private name) that exist today: none since the
# helpers shared between modules got public names; a new one fails.
KNOWN_PRIVATE_IMPORTS: set[tuple[str, str, str]] = set()


# --- Reading the graph --------------------------------------------------------------


def project_modules(root: Path, packages=PACKAGES) -> dict[str, Path]:
    modules = {}
    for package in packages:
        for path in (root / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def packages_run_first(module: str, target: str, modules: dict[str, Path]) -> set[str]:
    """The packages whose ``__init__`` importing ``target`` runs before ``target`` itself.

    Python imports ``a.b`` before ``a.b.c``, so a re-exporting ``__init__`` is part of
    every import of its submodules: a circle through it is a real circle. The packages
    ``module`` itself lives in are left out: they are already being imported when
    ``module`` runs, so a sibling import does not run them again.
    """
    parts = target.split(".")
    parents = (".".join(parts[:n]) for n in range(1, len(parts)))
    return {
        parent
        for parent in parents
        if parent in modules and module != parent and not module.startswith(parent + ".")
    }


def read_imports(modules: dict[str, Path], packages=PACKAGES):
    """Edges {module: {imported project module}} and every ``from X import name``
    as (module, X, name, line), anywhere in the file (functions included). Importing a
    submodule is also an edge to each package ``__init__`` it runs first."""
    edges: dict[str, set[str]] = {m: set() for m in modules}
    names: list[tuple[str, str, str, int]] = []
    for module, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                targets = [(alias.name, None) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                source = node.module or ""
                if node.level:
                    base = module.split(".") if is_package else module.split(".")[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    source = ".".join([*base, *([node.module] if node.module else [])])
                targets = [(source, alias.name) for alias in node.names]
            else:
                continue
            for source, name in targets:
                if source.split(".")[0] not in packages:
                    continue
                target = f"{source}.{name}" if f"{source}.{name}" in modules else source
                while target not in modules and "." in target:
                    target = target.rsplit(".", 1)[0]
                if target != module:
                    edges[module].add(target)
                edges[module] |= packages_run_first(module, target, modules)
                if name and f"{source}.{name}" not in modules:
                    names.append((module, source, name, node.lineno))
    return edges, names


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components with more than one member (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(component)
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def top_level(module: str) -> str:
    """The app a module belongs to; ``netwerkplatform.core`` and its siblings count apart."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "netwerkplatform" and len(parts) > 1 else parts[0]


def package_graph(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, targets in edges.items():
        for target in targets:
            if top_level(module) != top_level(target):
                graph.setdefault(top_level(module), set()).add(top_level(target))
    return graph


def private_imports(names) -> set[tuple[str, str, str]]:
    return {
        (module, source, name)
        for module, source, name, _line in names
        if name.startswith("_") and not name.startswith("__") and source != module
    }


def upward_imports(edges: dict[str, set[str]]) -> list[tuple[str, str]]:
    return sorted(
        (module, target)
        for module, targets in edges.items()
        for target in targets
        if module.split(".")[0] in LOWER_APPS and target.split(".")[0] == "matching"
    )


# --- The rules ------------------------------------------------------------------------


def _project():
    return read_imports(project_modules(ROOT))


def test_it_finds_no_cycle_between_the_apps():
    edges, _names = _project()
    assert cycles(package_graph(edges)) == []


def test_it_finds_no_new_cycle_between_modules():
    edges, _names = _project()
    found = cycles(edges)
    new = [c for c in found if not any(c <= known for known in KNOWN_MODULE_CYCLES)]
    assert new == [], "import cycle(s) between modules; give the shared part its own module"
    gone = [k for k in KNOWN_MODULE_CYCLES if not any(c <= k for c in found)]
    assert gone == [], "fixed: remove it from the list"


def test_it_finds_no_new_import_of_a_private_name():
    _edges, names = _project()
    found = private_imports(names)
    assert sorted(found - KNOWN_PRIVATE_IMPORTS) == [], "give a helper used elsewhere a public name"
    assert sorted(KNOWN_PRIVATE_IMPORTS - found) == [], "fixed: remove it from the list"


def test_it_finds_no_import_of_matching_in_bijeenkomsten_or_initiatieven():
    edges, _names = _project()
    assert upward_imports(edges) == []


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def test_the_rules_see_a_cycle_a_private_name_and_an_upward_import(tmp_path):
    """The checker itself: on a small made-up project every rule fires."""
    files = {
        "initiatieven/__init__.py": "",
        "initiatieven/a.py": "from bijeenkomsten.b import thing\n",
        "bijeenkomsten/__init__.py": "",
        "bijeenkomsten/b.py": (
            "def later():\n    from initiatieven.a import _helper\n"
            "    from matching import engine\n"
        ),
        "matching/__init__.py": "",
        "matching/engine.py": "",
    }
    _write(tmp_path, files)
    packages = ("bijeenkomsten", "initiatieven", "matching")
    edges, names = read_imports(project_modules(tmp_path, packages), packages)
    assert cycles(edges) == [{"initiatieven.a", "bijeenkomsten.b"}]
    assert cycles(package_graph(edges)) == [{"initiatieven", "bijeenkomsten"}]
    assert private_imports(names) == {("bijeenkomsten.b", "initiatieven.a", "_helper")}
    assert upward_imports(edges) == [
        ("bijeenkomsten.b", "matching"),
        ("bijeenkomsten.b", "matching.engine"),
    ]


def test_the_rules_see_a_cycle_through_a_package_init_hidden_in_a_function(tmp_path):
    """``matching.services`` importing ``matching.dates.services.access`` inside a
    function runs the dates package's ``__init__``, which imports ``outcomes``, which
    imports ``matching.services``: a circle, though no module names the other directly.
    Siblings importing each other inside one package are no circle."""
    _write(
        tmp_path,
        {
            "matching/__init__.py": "",
            "matching/services.py": (
                "def confirm():\n    from matching.dates.services.access import url\n"
            ),
            "matching/dates/__init__.py": "",
            "matching/dates/services/__init__.py": (
                "from matching.dates.services.access import url\n"
                "from matching.dates.services.outcomes import record\n"
            ),
            "matching/dates/services/access.py": "url = 1\n",
            "matching/dates/services/outcomes.py": (
                "from matching.dates.services.access import url\n"
                "from matching.services import confirm\n"
            ),
        },
    )
    edges, _names = read_imports(project_modules(tmp_path, ("matching",)), ("matching",))
    assert cycles(edges) == [
        {"matching.services", "matching.dates.services", "matching.dates.services.outcomes"}
    ]
