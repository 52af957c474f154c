"""The engine stays pure: no module under matching/engine imports Django, and nothing imports an engine module's
private names."""

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import matching.engine

ENGINE = Path(matching.engine.__file__).parent
REPO = ENGINE.parents[1]
OUR_CODE = ("matching", "mentoring", "programs", "sessions", "tests")


def engine_modules() -> list[str]:
    return ["matching.engine", *(f"matching.engine.{m.name}" for m in pkgutil.walk_packages([str(ENGINE)]))]


def imported_modules(path: Path) -> set[str]:
    """Every module an import statement in this file names, at any depth (a function's lazy import counts)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_the_engine_has_modules_to_check():
    assert {"matching.engine.scoring", "matching.engine.solver", "matching.engine.coverage"} <= set(engine_modules())


def test_no_engine_module_imports_django_or_the_rest_of_matching():
    for path in ENGINE.rglob("*.py"):
        for name in imported_modules(path):
            assert name.split(".")[0] != "django", f"{path.name} imports {name}"
            assert not name.startswith("matching.") or name.startswith("matching.engine"), f"{path.name}: {name}"


def test_importing_every_engine_module_loads_no_django():
    # A fresh interpreter, since this one has Django loaded already; what the modules import in turn counts too.
    code = (
        "import importlib, sys\n"
        "for name in sys.argv[1:]:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *engine_modules()], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.strip() == "[]"


def private_engine_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    engine_names, found = set(), []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("matching.engine"):
            for alias in node.names:
                if alias.name.startswith("_"):
                    found.append(f"from {node.module} import {alias.name}")
                engine_names.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            engine_names |= {a.asname for a in node.names if a.name.startswith("matching.engine") and a.asname}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in engine_names
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            found.append(f"{node.value.id}.{node.attr}")
    return found


def test_no_module_imports_an_engine_modules_private_names():
    offenders = {
        str(path.relative_to(REPO)): found
        for top in OUR_CODE
        for path in (REPO / top).rglob("*.py")
        if (found := private_engine_imports(path))
    }
    assert offenders == {}
