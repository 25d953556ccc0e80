"""The package's shape, read from its source (AST, nothing imported): imports run one way down
the stages, no module circles back, no private name crosses modules, modules stay short, few
stay loose at the top. docs/architecture.md explains the order this test holds."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "mtqg_cli"

PIPELINE = ("cli", "app", "compare", "store", "config", "check", "figures", "form", "read", "model")
"""The stages from the top (the command line) down to the data model; a stage imports only the
stages after it, and `compare`, `store` and `config` (one rank) not each other."""
RANK = {
    "cli": 9, "app": 8, "compare": 7, "store": 7, "config": 7, "check": 6, "figures": 5,
    "form": 4, "read": 3, "model": 1,
}  # fmt: skip
EDGE = ("report", "render")
"""The outputs, at the edge: they may import any stage but `cli` and `app` (which call them)."""
LEAVES = ("model", "words")
"""Import nothing of the project: the contract and vocabulary, and what people read."""
STAGES = frozenset(RANK) | frozenset(EDGE) | {"words"}
MAX_LINES, MAX_CLI_LINES, MAX_TOP = 400, 200, 6


@dataclass(frozen=True)
class Import:
    """One name (or module) a module imports from the project."""

    source: str
    target: str
    """The module imported: `mtqg_cli.a.b` for `from mtqg_cli.a import b` when b is a module."""
    name: str | None
    """The name imported from `target` (None for `import x` and for modules)."""


def module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts).removesuffix(".__init__")


def stage(module: str) -> str:
    """The stage a module belongs to: its first package under mtqg_cli, "top" if loose."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in STAGES) else "top"


def imports(package: Path) -> list[Import]:
    """Every import of the project in every module, at the top or inside a function."""
    root = package.name
    found: list[Import] = []
    for path in sorted(package.rglob("*.py")):
        source = module_name(path, package)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.extend(
                    Import(source, a.name, None) for a in node.names if a.name.split(".")[0] == root
                )
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module.split(".")[0] != root:
                    continue
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    as_path = package.parent / full.replace(".", "/")
                    if as_path.with_suffix(".py").exists() or (as_path / "__init__.py").exists():
                        found.append(Import(source, full, None))
                    else:
                        found.append(Import(source, node.module, alias.name))
    return found


def allowed(source: str, target: str) -> bool:
    """Whether a module of stage `source` may import one of stage `target` (both stages)."""
    if source == target or "top" in (source, target):
        return True
    if source in LEAVES:
        return False
    if target == "words" or source == "cli":
        return True
    if source in EDGE:
        return target not in ("cli", "app")
    if target in EDGE:
        return source == "app"
    return RANK[source] > RANK[target]


def layer_breaks(found: Iterable[Import]) -> set[tuple[str, str]]:
    """(module, module imported) of each import against the order, leaves' imports apart."""
    return {
        (i.source, i.target)
        for i in found
        if stage(i.source) not in LEAVES and not allowed(stage(i.source), stage(i.target))
    }


def leaf_imports(found: Iterable[Import], leaf: str) -> set[tuple[str, str]]:
    """Imports of the project by a leaf stage's modules, other than of its own stage."""
    return {(i.source, i.target) for i in found if stage(i.source) == leaf != stage(i.target)}


def cycles(found: Iterable[Import]) -> list[tuple[str, ...]]:
    """The modules of each circle of imports (strongly connected, more than one module)."""
    graph: dict[str, set[str]] = {}
    for i in found:
        graph.setdefault(i.source, set()).add(i.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[tuple[str, ...]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            part: list[str] = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                part.append(top)
                if top == node:
                    break
            if len(part) > 1:
                circles.append(tuple(sorted(part)))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return circles


def private_imports(found: Iterable[Import]) -> set[tuple[str, str, str]]:
    """(module, module imported from, name) of each `_name` imported from another module."""
    return {
        (i.source, i.target, i.name)
        for i in found
        if i.name and i.name.startswith("_") and not i.name.startswith("__")
    }


def long_modules(package: Path) -> dict[str, int]:
    """Modules over 400 lines (CLI modules over 200), with their lengths."""
    found = {}
    for path in package.rglob("*.py"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        limit = MAX_CLI_LINES if path.parent.name == "cli" else MAX_LINES
        if lines > limit:
            found[str(path.relative_to(package))] = lines
    return found


FOUND = imports(PACKAGE)


# --------------------------------------------------------------------------- the package
def test_every_package_is_a_known_stage() -> None:
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert packages <= STAGES, f"place {sorted(packages - STAGES)} in the order (and the docs)"
    assert set(PIPELINE) | set(EDGE) | {"words"} == STAGES


def test_imports_run_one_way_down_the_stages() -> None:
    assert sorted(layer_breaks(FOUND)) == []


def test_the_model_imports_nothing_of_the_project() -> None:
    assert sorted(leaf_imports(FOUND, "model")) == []


def test_the_words_import_nothing_of_the_project() -> None:
    assert sorted(leaf_imports(FOUND, "words")) == []


def test_no_module_imports_itself_back() -> None:
    assert sorted(cycles(FOUND)) == []


def test_no_private_name_is_imported_from_another_module() -> None:
    assert sorted(private_imports(FOUND)) == []


def test_no_module_is_long() -> None:
    assert long_modules(PACKAGE) == {}


def test_few_modules_stay_loose_at_the_top() -> None:
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(loose) <= MAX_TOP, loose


# --------------------------------------------------------------------------- the checks
def _package(root: Path, files: Mapping[str, str]) -> Path:
    package = root / "mtqg_cli"
    for name, text in {"__init__.py": "", **files}.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package


def test_the_checks_find_what_they_are_for(tmp_path: Path) -> None:
    """A package with one of each break: every check names it, and only it."""
    package = _package(
        tmp_path,
        {
            "model/__init__.py": "",
            "model/base.py": "from mtqg_cli.form import rows\n",  # a leaf importing the project
            "form/__init__.py": "",
            "form/rows.py": "def _hidden() -> None: ...\n",
            "form/more.py": "from mtqg_cli.form.rows import _hidden\nimport mtqg_cli.check.a\n",
            "check/__init__.py": "",
            "check/a.py": "def f() -> None:\n    from mtqg_cli.check import b\n",
            "check/b.py": "from mtqg_cli.check.a import f\n",
            "cli/__init__.py": "",
            "cli/long.py": "x = 1\n" * 201,
        },
    )
    found = imports(package)
    assert layer_breaks(found) == {("mtqg_cli.form.more", "mtqg_cli.check.a")}
    assert leaf_imports(found, "model") == {("mtqg_cli.model.base", "mtqg_cli.form.rows")}
    assert cycles(found) == [("mtqg_cli.check.a", "mtqg_cli.check.b")]
    assert private_imports(found) == {("mtqg_cli.form.more", "mtqg_cli.form.rows", "_hidden")}
    assert long_modules(package) == {"cli/long.py": 201}


@pytest.mark.parametrize(
    ("source", "target", "ok"),
    [
        ("app", "form", True), ("form", "app", False), ("compare", "store", False),
        ("figures", "check", False), ("check", "figures", True), ("report", "app", False),
        ("app", "report", True), ("render", "report", True), ("check", "render", False),
        ("read", "words", True), ("model", "words", False), ("cli", "render", True),
    ],
)  # fmt: skip
def test_the_order_of_the_stages(source: str, target: str, ok: bool) -> None:
    assert allowed(source, target) is ok
