"""Finds every service folder: a new service is a new package under ``dockyard.services``.

A service package exposes ``SPEC`` (a ServiceSpec). Importing every module of its ``api`` (and
``jobs``) package, or its ``api`` module, registers the handlers and job kinds on that spec.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from types import ModuleType

import dockyard.services as services_pkg
from dockyard.service_kit import ServiceSpec

DISCOVERED_PARTS = ("api", "jobs")


def _import_part(package: str, part: str) -> None:
    try:
        module: ModuleType = importlib.import_module(f"{package}.{part}")
    except ModuleNotFoundError as exc:
        if exc.name == f"{package}.{part}":
            return
        raise
    if hasattr(module, "__path__"):  # a package: every module in it, sorted by name
        for info in sorted(pkgutil.walk_packages(module.__path__, f"{module.__name__}."), key=lambda i: i.name):
            importlib.import_module(info.name)


@cache
def service_specs() -> dict[str, ServiceSpec]:
    """Every service's spec by its name, handlers and job kinds registered."""
    specs: dict[str, ServiceSpec] = {}
    for info in sorted(pkgutil.iter_modules(services_pkg.__path__), key=lambda i: i.name):
        if not info.ispkg:
            continue
        package = f"dockyard.services.{info.name}"
        spec = getattr(importlib.import_module(package), "SPEC", None)
        if isinstance(spec, ServiceSpec):
            for part in DISCOVERED_PARTS:
                _import_part(package, part)
            specs[spec.name] = spec
    return specs


@cache
def spec_by_model() -> dict[str, ServiceSpec]:
    """The spec that answers each botocore model (a spec may answer several: qconnect and wisdom)."""
    found: dict[str, ServiceSpec] = {}
    for spec in service_specs().values():
        for model in spec.models:
            if model in found:
                raise ValueError(f"botocore model {model} is answered by {found[model].name} and {spec.name}")
            found[model] = spec
    return found
