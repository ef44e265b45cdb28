"""Tags of any Q in Connect resource, by ARN (TagResource/UntagResource/ListTagsForResource)."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.qconnect.errors import not_found

KIND = "tags"
TAGGABLE = "taggable"


def register(ctx: RequestContext, resource_arn: str, tags: dict[str, str] | None) -> None:
    """A new taggable resource and its creation tags."""
    ctx.deps.db.put(ctx.scope, TAGGABLE, resource_arn, {"arn": resource_arn})
    ctx.deps.db.put(ctx.scope, KIND, resource_arn, dict(tags or {}))


def forget(ctx: RequestContext, resource_arn: str) -> None:
    ctx.deps.db.delete(ctx.scope, TAGGABLE, resource_arn)
    ctx.deps.db.delete(ctx.scope, KIND, resource_arn)


def of(ctx: RequestContext, resource_arn: str) -> dict[str, str]:
    return ctx.deps.db.get(ctx.scope, KIND, resource_arn) or {}


def _known(ctx: RequestContext, resource_arn: str) -> None:
    if ctx.deps.db.get(ctx.scope, TAGGABLE, resource_arn) is None:
        raise not_found("Resource", resource_arn)


def tag(ctx: RequestContext, resource_arn: str, tags: dict[str, Any]) -> None:
    _known(ctx, resource_arn)
    ctx.deps.db.put(ctx.scope, KIND, resource_arn, {**of(ctx, resource_arn), **tags})


def untag(ctx: RequestContext, resource_arn: str, keys: list[str]) -> None:
    _known(ctx, resource_arn)
    current = of(ctx, resource_arn)
    ctx.deps.db.put(ctx.scope, KIND, resource_arn, {k: v for k, v in current.items() if k not in keys})


def listed(ctx: RequestContext, resource_arn: str) -> dict[str, str]:
    _known(ctx, resource_arn)
    return of(ctx, resource_arn)
