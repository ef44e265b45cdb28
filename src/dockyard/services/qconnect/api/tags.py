"""TagResource, UntagResource, ListTagsForResource."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.qconnect import SPEC
from dockyard.services.qconnect.resources import tags


@SPEC.operation("TagResource")
def tag_resource(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    tags.tag(ctx, params["resourceArn"], params["tags"])
    return {}


@SPEC.operation("UntagResource")
def untag_resource(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    tags.untag(ctx, params["resourceArn"], params["tagKeys"])
    return {}


@SPEC.operation("ListTagsForResource")
def list_tags_for_resource(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    return {"tags": tags.listed(ctx, params["resourceArn"])}
