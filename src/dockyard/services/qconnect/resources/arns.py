"""Resource ids and ARNs: ``arn:aws:wisdom:<region>:<account>:<type>/<id>[/<id>]``."""

from __future__ import annotations

import re

from dockyard.service_kit import RequestContext

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def arn(ctx: RequestContext, resource: str) -> str:
    return ctx.arn("wisdom", resource)


def id_of(value: str) -> str:
    """The id a path parameter names: a UUID, or the last UUID of a wisdom ARN."""
    if value.startswith("arn:"):
        return value.rsplit("/", 1)[-1]
    return value


def is_uuid(value: str) -> bool:
    return bool(_UUID.match(value))
