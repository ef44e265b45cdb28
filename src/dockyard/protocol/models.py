"""The botocore service models Dockyard speaks, loaded once and cached."""

from __future__ import annotations

from functools import cache

import botocore.session
from botocore.model import ServiceModel

# botocore service name -> signing name, for the five services Dockyard implements.
SERVICES: dict[str, str] = {
    "neptune-graph": "neptune-graph",
    "lexv2-models": "lex",
    "lex-models": "lex",
    "qconnect": "wisdom",
    "bedrock": "bedrock",
}


@cache
def _session() -> botocore.session.Session:
    return botocore.session.get_session()


@cache
def service_model(name: str) -> ServiceModel:
    """The botocore ServiceModel of ``name`` (e.g. ``neptune-graph``)."""
    return _session().get_service_model(name)


def all_service_models() -> dict[str, ServiceModel]:
    return {name: service_model(name) for name in SERVICES}
