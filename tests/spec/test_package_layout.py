"""The package's shape (STYLE.md, issue 13): packages along the pipeline, imports one way,
no module name twice, rule codes named from one table."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "tools" / "kring"
TOP_LEVEL = {"__init__.py", "__main__.py"}
# What each package may import besides itself (imports under TYPE_CHECKING aside).
MAY_IMPORT = {
    "core": set(),
    "load": {"core"},
    "checks": {"core", "load"},
    "views": {"core", "load", "checks"},
    "reporters": {"core", "load", "checks", "views"},
    "edit": {"core", "load", "checks"},
    "cli": {"core", "load", "checks", "views", "reporters", "edit"},
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports(path: Path, known: dict[str, Path]) -> Iterator[tuple[int, str]]:
    """(line, module) of every kring import outside `if TYPE_CHECKING:`, at any depth."""

    def walk(node: ast.AST) -> Iterator[tuple[int, str]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.ImportFrom) and (child.module or "").startswith("kring"):
                for alias in child.names:
                    full = f"{child.module}.{alias.name}"
                    yield child.lineno, full if full in known else str(child.module)
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.startswith("kring"):
                        yield child.lineno, alias.name
            yield from walk(child)

    return walk(ast.parse(path.read_text("utf-8")))


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in MAY_IMPORT) else ""


def test_only_the_entry_points_sit_at_the_top() -> None:
    loose = {p.name for p in PACKAGE.glob("*.py")} - TOP_LEVEL
    assert not loose, f"modules outside a package: {sorted(loose)}"
    assert {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()} >= set(MAY_IMPORT)


def test_every_package_says_what_it_does() -> None:
    for name in MAY_IMPORT:
        doc = ast.get_docstring(ast.parse((PACKAGE / name / "__init__.py").read_text("utf-8")))
        assert doc and len(doc) > 40, name


def test_no_two_modules_share_a_name() -> None:
    names: dict[str, list[str]] = {}
    for module in _modules():
        leaf = module.rsplit(".", 1)[-1]
        if module.count(".") > 1 and not module.endswith("__main__"):
            names.setdefault(leaf, []).append(module)
    twins = {leaf: found for leaf, found in names.items() if len(found) > 1}
    assert not twins


def test_no_kring_import_is_renamed() -> None:
    renamed = []
    for module, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kring"):
                renamed += [f"{module}: {a.name} as {a.asname}" for a in node.names if a.asname]
    assert not renamed


def test_imports_flow_one_way() -> None:
    known = _modules()
    wrong = []
    for module, path in known.items():
        package = _package(module)
        if package not in MAY_IMPORT:
            continue
        for line, imported in _imports(path, known):
            target = _package(imported)
            if target and target != package and target not in MAY_IMPORT[package]:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line}: {module} imports {imported}")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycle() -> None:
    known = _modules()
    edges = {
        m: {i for _, i in _imports(p, known) if i in known and i != m} for m, p in known.items()
    }
    state: dict[str, int] = {}  # 1: on the path, 2: done
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges[module]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert not cycles, cycles[:3]


def test_codes_are_named_from_the_table() -> None:
    """A "KR101" string outside core/codes.py and the rule modules is a code written twice."""
    literal = re.compile(r"KR[0-9]{3}")
    found = []
    for module, path in _modules().items():
        if module == "kring.core.codes" or module.startswith("kring.checks."):
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            value = node.value if isinstance(node, ast.Constant) else None
            if isinstance(value, str) and literal.fullmatch(value.strip()):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value!r}")
    assert not found, found


def test_the_tests_define_their_day_once() -> None:
    """Issue 13: one tests/support.py for TODAY; a test module imports it. (The simulated
    GitHub keeps a git() of its own: it also runs as a stand-alone program, without support.)"""
    tests = PACKAGE.parents[2] / "tests"
    twice = [
        f"{path.relative_to(tests)}:{number}"
        for path in sorted(tests.rglob("*.py"))
        if path.name != "support.py"
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if line.startswith('TODAY = "2026-11-25"')
    ]
    assert twice == []
