"""The botocore service models Dockyard speaks, loaded once and cached."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import botocore.session
from botocore.model import ServiceModel


@cache
def _session() -> botocore.session.Session:
    return botocore.session.get_session()


@cache
def service_model(name: str) -> ServiceModel:
    """The botocore ServiceModel of ``name`` (e.g. ``neptune-graph``)."""
    return _session().get_service_model(name)


def service_models(names: Iterable[str]) -> dict[str, ServiceModel]:
    return {name: service_model(name) for name in names}
