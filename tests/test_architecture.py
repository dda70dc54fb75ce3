"""The apps depend one way: ``core`` ← ``accounts`` ← ``taxonomy`` ← domain apps, without cycles.

Parses every module under ``src/tillid`` (migrations aside) with ``ast`` and builds the app-to-app
import graph from module-level and function-level imports alike, so a cycle cannot hide inside a
function. A domain app reaches another through its selectors and services, never its models.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "tillid"
APPS = sorted(path.name for path in SOURCE.iterdir() if (path / "__init__.py").exists())

# Importing another app's models is allowed only for these (app, imported app) pairs:
ALLOWED_MODEL_IMPORTS = {
    # ``accounts`` is the identity layer every app builds on: ``User`` and ``OrgUnit`` are the
    # types of the acting user and of organisation units, not another domain's records.
    *((app, "accounts") for app in APPS),
    # The HSDS API is a second front end of the directory: it serialises the directory's models
    # (which it reads through ``directory.hsds_selectors``) field by field.
    ("api", "directory"),
}
# Modules that may import other apps inside functions: Django's ``AppConfig.ready`` hooks, which
# run once the registry is ready and register with ``core`` (demo loaders, search, navigation).
DEFERRED_IMPORTS_ALLOWED_IN = {"apps.py"}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, relative to src/tillid
    target: str  # the dotted name imported
    line: int
    deferred: bool  # inside a function
    type_only: bool  # under ``if TYPE_CHECKING:``, for annotations only

    @property
    def app(self) -> str:
        return self.module.split("/")[0]

    @property
    def target_app(self) -> str | None:
        parts = self.target.split(".")
        if parts[0] == "tillid" and len(parts) > 1 and parts[1] in APPS:
            return parts[1]
        return None


def _imports(path: Path) -> Iterator[Import]:
    module = str(path.relative_to(SOURCE))
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    deferred_nodes = {
        id(node)
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(function)
    }
    type_only_nodes = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and ast.unparse(block.test).endswith("TYPE_CHECKING")
        for statement in block.body
        for node in ast.walk(statement)
    }
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            yield Import(
                module, name, node.lineno, id(node) in deferred_nodes, id(node) in type_only_nodes
            )


@functools.cache
def _cross_app_imports() -> tuple[Import, ...]:
    """Parsed once per test process: four tests read the same imports of ~300 modules."""
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE)
        if "migrations" in relative.parts or len(relative.parts) < 2:
            continue
        for found_import in _imports(path):
            if found_import.target_app not in (None, found_import.app):
                found.append(found_import)
    return tuple(found)


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {app: set() for app in APPS}
    for found in _cross_app_imports():
        assert found.target_app is not None
        graph[found.app].add(found.target_app)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a path of apps, or None."""
    visiting: list[str] = []
    done: set[str] = set()

    def visit(app: str) -> list[str] | None:
        if app in visiting:
            return [*visiting[visiting.index(app) :], app]
        if app in done:
            return None
        visiting.append(app)
        for target in sorted(graph[app]):
            cycle = visit(target)
            if cycle:
                return cycle
        visiting.pop()
        done.add(app)
        return None

    for app in sorted(graph):
        cycle = visit(app)
        if cycle:
            return cycle
    return None


def test_the_source_tree_is_found() -> None:
    assert {"core", "accounts", "taxonomy", "knowledge", "courses", "directory"} <= set(APPS)
    assert len(_cross_app_imports()) > 20


def test_the_apps_import_each_other_without_a_cycle() -> None:
    cycle = _cycle(_graph())
    assert cycle is None, "import cycle between apps: " + " → ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_core_imports_no_other_app() -> None:
    assert _graph()["core"] == set()


def test_accounts_and_taxonomy_import_no_domain_app() -> None:
    graph = _graph()
    assert graph["accounts"] <= {"core"}
    assert graph["taxonomy"] <= {"core"}


def _offers_selectors_or_services(app: str) -> bool:
    return any((SOURCE / app / name).exists() for name in ("selectors.py", "services.py")) or any(
        (SOURCE / app / name).is_dir() for name in ("selectors", "services")
    )


def test_no_app_imports_the_models_of_an_app_that_offers_selectors_or_services() -> None:
    offenders = [
        f"{found.module}:{found.line} imports {found.target}"
        for found in _cross_app_imports()
        if found.target_app is not None
        and not found.type_only
        and found.target.split(".")[2:3] == ["models"]
        and _offers_selectors_or_services(found.target_app)
        and (found.app, found.target_app) not in ALLOWED_MODEL_IMPORTS
    ]
    assert offenders == []


def test_imports_of_other_apps_stand_at_module_top() -> None:
    offenders = [
        f"{found.module}:{found.line} imports {found.target} inside a function"
        for found in _cross_app_imports()
        if found.deferred and Path(found.module).name not in DEFERRED_IMPORTS_ALLOWED_IN
    ]
    assert offenders == []


@pytest.mark.parametrize(
    "pattern", ['is_installed("tillid.', "except ImportError", "not built yet"]
)
def test_no_guards_left_from_the_build_order(pattern: str) -> None:
    offenders = [
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if pattern in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


LONG_MODULE = 400


def test_a_module_over_400_lines_says_why_at_its_top() -> None:
    """Past about 400 lines a module is split by sub-domain (STYLE.md), or says why not."""
    unexplained = []
    for path in sorted(SOURCE.rglob("*.py")):
        if "migrations" in path.relative_to(SOURCE).parts:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        docstring = ast.get_docstring(ast.parse("\n".join(lines))) or ""
        if len(lines) > LONG_MODULE and f"Over {LONG_MODULE} lines" not in docstring:
            unexplained.append(f"{path.relative_to(SOURCE)} ({len(lines)} lines)")
    assert unexplained == []
