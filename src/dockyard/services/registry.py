"""Finds every service folder: a new service is a new package under ``dockyard.services``."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

import dockyard.services as services_pkg
from dockyard.services.service_spec import ServiceSpec


@cache
def service_specs() -> dict[str, ServiceSpec]:
    specs: dict[str, ServiceSpec] = {}
    for info in pkgutil.iter_modules(services_pkg.__path__):
        if not info.ispkg:
            continue
        module = importlib.import_module(f"dockyard.services.{info.name}")
        spec = getattr(module, "SPEC", None)
        if isinstance(spec, ServiceSpec):
            importlib.import_module(f"dockyard.services.{info.name}.api")
            specs[spec.name] = spec
    return specs
