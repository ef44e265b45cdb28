"""Every service folder has the same parts, and every operation of its models is accounted for."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import dockyard.services as services_pkg
from dockyard.protocol.models import service_model
from dockyard.service_kit import ServiceSpec
from dockyard.services.registry import service_specs

SERVICES_DIR = Path(services_pkg.__file__).parent
PACKAGES = ("api", "resources", "jobs", "formats")
FOLDERS = sorted(p.name for p in SERVICES_DIR.iterdir() if p.is_dir() and (p / "__init__.py").exists())


def test_every_service_folder_has_a_spec() -> None:
    names = {importlib.import_module(f"dockyard.services.{f}").SPEC.name for f in FOLDERS}
    assert names == set(service_specs())


@pytest.mark.parametrize("folder", FOLDERS)
def test_folder_has_every_part(folder: str) -> None:
    root = SERVICES_DIR / folder
    missing = [p for p in PACKAGES if not (root / p / "__init__.py").is_file()]
    if not (root / "errors.py").is_file():
        missing.append("errors.py")
    assert not missing, f"services/{folder} lacks {', '.join(missing)}"
    assert not (root / "api.py").exists(), f"services/{folder}: handlers live in api/, not api.py"


@pytest.mark.parametrize("folder", FOLDERS)
def test_api_modules_hold_only_handlers_discovered_automatically(folder: str) -> None:
    for path in (SERVICES_DIR / folder / "api").glob("*.py"):
        text = path.read_text()
        assert "noqa: E402" not in text, f"{path}: no tail imports; the registry discovers api/ modules"


@pytest.mark.parametrize("name", sorted(service_specs()))
def test_every_operation_has_a_handler_or_a_reason(name: str) -> None:
    spec = service_specs()[name]
    operations: set[str] = set()
    for model in spec.models:
        operations |= set(service_model(model).operation_names)
    if spec.moto_serves_too:
        unaccounted: set[str] = set()  # moto answers what has no handler
    else:
        unaccounted = operations - set(spec.handlers) - set(spec.not_implemented)
    assert not unaccounted, f"{name}: neither handler nor not-implemented entry: {sorted(unaccounted)}"
    unknown = (set(spec.handlers) | set(spec.not_implemented)) - operations
    assert not unknown, f"{name}: handlers for operations its models do not have: {sorted(unknown)}"
    assert all(spec.not_implemented.values()), f"{name}: every not-implemented entry says why"


def test_a_handler_registered_twice_is_refused() -> None:
    spec = ServiceSpec(name="neptune-graph")
    spec.operation("GetGraph")(lambda ctx, params: {})
    with pytest.raises(ValueError, match="two handlers"):
        spec.operation("GetGraph")(lambda ctx, params: {})
    with pytest.raises(ValueError, match="declared"):
        spec.declare_not_implemented("reason", "GetGraph")
