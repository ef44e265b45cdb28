"""No module uses another module's private (``_x``) names: no ``from m import _x``, no
``module._x``, and in the layers that must be clean, no ``obj._x`` on anything but ``self``/``cls``
(``self._engine._step``-style reaches into another class's privates)."""

from __future__ import annotations

import ast

import pytest

from tests.layers.import_graph import Module, modules, package_of

# layers where every ``x._name`` must be on ``self`` or ``cls``; not (yet) strict: ``services`` (being
# migrated to the kit), ``cli`` (annotates with ``argparse._SubParsersAction``), ``mocking`` (marks
# botocore's call objects with a ``_dockyard_aware`` attribute of its own)
STRICT_LAYERS = {
    "store",
    "blobs",
    "protocol",
    "faults",
    "jobs",
    "graph",
    "service_kit",
    "gateway",
    "control",
    "runtime",
    "server",
    "dockyard",
}

# moto's private names a module may read, per module: moto offers no way to move an object's bytes
# in chunks, so this one module reaches into its ``FakeKey`` (and says so in its docstring)
THIRD_PARTY_PRIVATE = {"dockyard.blobs.moto_object_bytes": {"_value_buffer", "_etag"}}


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _imported_modules(module: Module) -> set[str]:
    """Local names bound to dockyard modules by ``import``/``from ... import`` statements."""
    known = {m.name for m in modules()}
    bound = set()
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("dockyard"):
                    bound.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("dockyard"):
            for alias in node.names:
                if f"{node.module}.{alias.name}" in known:
                    bound.add(alias.asname or alias.name)
    return bound


def _violations(module: Module, strict: bool) -> list[str]:
    found = []
    mods = _imported_modules(module)
    allowed = THIRD_PARTY_PRIVATE.get(module.name, set())
    for node in ast.walk(module.tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("dockyard"):
            found += [f"line {node.lineno}: from {node.module} import {a.name}" for a in node.names if _private(a.name)]
        elif isinstance(node, ast.Attribute) and _private(node.attr):
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in mods:
                found.append(f"line {node.lineno}: {owner.id}.{node.attr} (a module's private name)")
            elif strict and node.attr not in allowed and not (
                isinstance(owner, ast.Name) and owner.id in {"self", "cls"}
            ):
                found.append(f"line {node.lineno}: {ast.unparse(node)} (another object's private name)")
    return found


def _layer_modules(strict: bool) -> list[Module]:
    return [m for m in modules() if (package_of(m.name) in STRICT_LAYERS) == strict]


@pytest.mark.parametrize("module", _layer_modules(strict=True), ids=lambda m: m.name)
def test_strict_layers_use_only_their_own_private_names(module):
    assert _violations(module, strict=True) == []


@pytest.mark.parametrize("module", _layer_modules(strict=False), ids=lambda m: m.name)
def test_no_module_imports_or_reads_another_modules_private_names(module):
    assert _violations(module, strict=False) == []


def test_the_checker_sees_violations(tmp_path):
    source = tmp_path / "bad.py"
    source.write_text(
        "from dockyard.jobs.engine import _merged\n"
        "import dockyard.jobs.engine as engine_module\n"
        "engine_module._UNSET\n"
        "def f(ctx):\n    return ctx._engine._step\n"
    )
    bad = _violations(Module("dockyard.jobs.bad", source, False), strict=True)
    assert len(bad) == 4  # the import, the module attribute, ctx._engine and ctx._engine._step
