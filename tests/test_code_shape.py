"""Code a newcomer can read (issue 18): short functions, tests that say what they expect.

Parses the project's Python files (ast, nothing imported) and fails on:

* a function over ``MAX_LINES`` lines whose docstring does not say why it is long
  (a sentence starting ``Long because``): split what does several things;
* ``pytest.raises`` without ``match=``: a test must check the message people rely on,
  not just that *some* error of that class happened.

Every long function says why in its docstring; KNOWN_LONG (empty) may only shrink: a new
long function without a reason fails.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("bijeenkomsten", "initiatieven", "matching", "netwerkplatform", "scripts", "tests")
MAX_LINES = 60
REASON = "long because"

# (file, function) allowed over MAX_LINES lines without a reason in their docstring:
# none any more. Keep it empty; say why in the docstring instead.
KNOWN_LONG: set[tuple[str, str]] = set()


def python_files(root: Path = ROOT) -> list[Path]:
    """The project's own Python files, without migrations (generated) and vendored code."""
    found = []
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*.py")):
            parts = path.relative_to(root).parts
            if "migrations" not in parts and "vendor" not in parts:
                found.append(path)
    return found


def long_functions(paths: list[Path], root: Path = ROOT) -> set[tuple[str, str]]:
    """(file, function) for every function over MAX_LINES lines without a reason."""
    found = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            lines = node.end_lineno - node.lineno + 1
            reason = REASON in (ast.get_docstring(node) or "").lower()
            if lines > MAX_LINES and not reason:
                found.add((path.relative_to(root).as_posix(), node.name))
    return found


def raises_without_match(paths: list[Path], root: Path = ROOT) -> list[str]:
    """file:line of every ``pytest.raises(...)`` call that has no ``match=``."""
    found = []
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "raises"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "pytest"
                and not any(keyword.arg == "match" for keyword in node.keywords)
            ):
                found.append(f"{path.relative_to(root).as_posix()}:{node.lineno}")
    return found


def test_it_finds_no_new_long_function():
    found = long_functions(python_files())
    assert found - KNOWN_LONG == set(), "split these, or say in the docstring why they are long"
    assert KNOWN_LONG - found == set(), "no longer long: remove from KNOWN_LONG"


def test_it_finds_every_pytest_raises_checking_its_message():
    tests = [path for path in python_files() if path.relative_to(ROOT).parts[0] == "tests"]
    assert raises_without_match(tests) == []


def test_the_rules_see_a_long_function_a_reason_and_a_bare_raises(tmp_path):
    body = "\n".join(f"    x{n} = {n}" for n in range(MAX_LINES))
    (tmp_path / "long.py").write_text(
        f"def long():\n{body}\n\n"
        f'def explained():\n    """Long because it lists every case."""\n{body}\n\n'
        f"def short():\n    return 1\n"
    )
    (tmp_path / "test_x.py").write_text(
        "import pytest\n"
        "def test_a():\n    with pytest.raises(ValueError):\n        int('x')\n"
        "def test_b():\n    with pytest.raises(ValueError, match='invalid'):\n        int('x')\n"
    )
    paths = [tmp_path / "long.py", tmp_path / "test_x.py"]
    assert long_functions(paths, root=tmp_path) == {("long.py", "long")}
    assert raises_without_match(paths, root=tmp_path) == ["test_x.py:3"]
