"""Layers point down: the package import graph of ``dockyard`` has no cycle, every import goes to a
lower (or the same) layer, and services import only the kit, the graph and themselves."""

from __future__ import annotations

from collections import defaultdict

from tests.layers.import_graph import find_cycles, imports, modules, package_of

# lowest first; ``dockyard`` is the package root (``__init__``/``__main__``), above everything
LAYERS = [
    "store",
    "blobs",
    "protocol",
    "faults",
    "jobs",
    "graph",
    "service_kit",
    "services",
    "gateway",
    "control",
    "runtime",
    "mocking",
    "server",
    "cli",
    "dockyard",
]
RANK = {name: i for i, name in enumerate(LAYERS)}
SERVICES_NEVER_IMPORT = {"gateway", "server", "runtime", "mocking", "control", "cli"}


def _edges() -> list[tuple[str, str, str, int]]:
    """(importing module, imported module, ..., line) for every dockyard import."""
    return [(m.name, target, str(m.path), line) for m in modules() for target, line in imports(m)]


def _package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for source, target, _, _ in _edges():
        a, b = package_of(source), package_of(target)
        if a != b:
            graph[a].add(b)
    return graph


def test_every_package_has_a_layer():
    packages = {package_of(m.name) for m in modules()}
    assert packages - set(LAYERS) == set(), "add new packages to LAYERS (and docs/architecture.md)"


def test_no_cycle_among_packages():
    assert find_cycles(_package_graph()) == []


def test_the_cycle_finder_finds_cycles():
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


def test_imports_point_down_the_layers():
    upward = [
        f"{path}:{line}: {source} imports {target}"
        for source, target, path, line in _edges()
        if RANK[package_of(target)] > RANK[package_of(source)]
    ]
    assert upward == []


def test_services_never_import_the_front_of_the_house():
    bad = [
        f"{path}:{line}: {source} imports {target}"
        for source, target, path, line in _edges()
        if package_of(source) == "services" and package_of(target) in SERVICES_NEVER_IMPORT
    ]
    assert bad == []


def test_layers_below_the_services_do_not_know_them():
    below = {name for name in LAYERS[: RANK["services"]]}
    bad = [
        f"{path}:{line}: {source} imports {target}"
        for source, target, path, line in _edges()
        if package_of(source) in below and package_of(target) == "services"
    ]
    assert bad == []


def test_the_graph_is_not_empty():
    """Guards against a vacuous pass: the walk sees the imports we know exist."""
    edges = {(source, target) for source, target, _, _ in _edges()}
    assert ("dockyard.jobs.engine", "dockyard.jobs.record_store") in edges
    assert ("dockyard.gateway.dispatcher", "dockyard.services.registry") in edges
