"""Every module of the package imports on its own, on a fresh interpreter: no import cycle
between the steps (``import guillemet.resolve`` alone once failed), no module that works only
after another one was imported."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import guillemet

ROOT = Path(guillemet.__file__).resolve().parent.parent

#: Third-party packages loaded once before the modules are tried, so that each try costs a fork
#: rather than a spaCy import; none of them imports guillemet, so the order of guillemet's own
#: imports is exactly that of a fresh interpreter.
PRELOAD = ("spacy", "numpy", "click", "fastapi", "pydantic", "jinja2", "trafilatura", "orjson")

#: Run in a fresh interpreter: preload, then fork once per module; a child imports one module.
_PROBE = r"""
import importlib, json, os, sys, traceback
for name in PRELOAD:
    try:
        importlib.import_module(name)
    except ImportError:
        pass
assert not [m for m in sys.modules if m == "guillemet" or m.startswith("guillemet.")]
results = {}
for module in MODULES:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            importlib.import_module(module)
            message = ""
        except BaseException as exc:
            missing = getattr(exc, "name", None) or ""
            optional = isinstance(exc, ModuleNotFoundError) and not missing.startswith("guillemet")
            message = ("optional " if optional else "") + "".join(traceback.format_exception_only(exc)).strip()
        os.write(write, message.encode())
        os._exit(0)
    os.close(write)
    chunks = []
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.close(read)
    os.waitpid(pid, 0)
    results[module] = b"".join(chunks).decode()
print(json.dumps(results))
"""


def _modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(guillemet.__path__, "guillemet."))


@pytest.fixture(scope="module")
def import_results() -> dict[str, str]:
    if not hasattr(os, "fork"):
        pytest.skip("needs os.fork (POSIX)")
    code = f"PRELOAD = {PRELOAD!r}\nMODULES = {_modules()!r}\n" + _PROBE
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_package_has_the_steps():
    names = _modules()
    for step in ("guillemet.pipeline", "guillemet.resolve", "guillemet.find.quotes", "guillemet.syntax",
                 "guillemet.claims", "guillemet.identity", "guillemet.lang.fr"):
        assert step in names


@pytest.mark.parametrize("module", _modules())
def test_module_imports_alone(import_results, module):
    error = import_results[module]
    if error.startswith("optional "):
        pytest.skip(f"an optional dependency is missing: {error}")
    assert error == "", f"`python -c 'import {module}'` fails: {error}"


# -- layers ---------------------------------------------------------------------------------

#: The steps of the recipe (guillemet.pipeline); none imports another, nor the pipeline.
STEPS = ("guillemet.find", "guillemet.resolve", "guillemet.claims", "guillemet.identity")
#: What the steps stand on; none of these imports a step or the pipeline.
BELOW_STEPS = ("guillemet.errors", "guillemet.record", "guillemet.lang", "guillemet.nlp",
               "guillemet.syntax", "guillemet.found", "guillemet.names")


def _imports(module: str) -> set[str]:
    """The guillemet modules ``module`` imports anywhere in its source (lazy imports too)."""
    import ast
    import importlib.util

    path = importlib.util.find_spec(module).origin
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return {m for m in found if m.startswith("guillemet")}


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


@pytest.mark.parametrize("module", [m for m in _modules()
                                    if any(_within(m, p) for p in STEPS + BELOW_STEPS)])
def test_no_module_imports_a_step_above_or_beside_it(module):
    own = next(p for p in STEPS + BELOW_STEPS if _within(module, p))
    forbidden = ["guillemet.pipeline"] + [s for s in STEPS if s != own]
    if own in BELOW_STEPS:
        forbidden = ["guillemet.pipeline", *STEPS]
    bad = sorted(m for m in _imports(module) if any(_within(m, f) for f in forbidden))
    assert not bad, f"{module} imports {bad}: a step reads only the layers below it"
