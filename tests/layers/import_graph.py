"""The import graph of ``dockyard``, read from the source (AST): every ``import``/``from`` statement
anywhere in a module — module level, inside functions, under ``TYPE_CHECKING`` — counts."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dockyard

SRC = Path(dockyard.__file__).parent


@dataclass(frozen=True)
class Module:
    name: str  # dotted, e.g. dockyard.jobs.engine
    path: Path
    is_package: bool  # an __init__.py

    @property
    def tree(self) -> ast.Module:
        return ast.parse(self.path.read_text(encoding="utf-8"), filename=str(self.path))


def modules() -> list[Module]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        found.append(Module(".".join(parts), path, is_package))
    return found


def resolve(module: Module, node: ast.ImportFrom) -> str:
    """The absolute module name a ``from`` import names (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    base = module.name.split(".")
    if not module.is_package:
        base.pop()
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports(module: Module) -> Iterator[tuple[str, int]]:
    """Every dockyard module ``module`` imports, with the line: ``from a import b`` yields ``a.b``
    when that is a module, else ``a``."""
    known = {m.name for m in modules()}
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "dockyard":
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            target = resolve(module, node)
            if target.split(".")[0] != "dockyard":
                continue
            for alias in node.names:
                if target == "dockyard" and alias.name == "__version__":
                    continue  # package metadata, defined before the root imports anything
                sub = f"{target}.{alias.name}"
                yield (sub if sub in known else target), node.lineno


def package_of(name: str) -> str:
    """The layer a module belongs to: ``dockyard.jobs.engine`` -> ``jobs``; ``dockyard`` -> ``dockyard``."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] != "__main__" else "dockyard"


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every cycle a depth-first walk of ``graph`` meets (each as a path back to its start)."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    path: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return cycles
