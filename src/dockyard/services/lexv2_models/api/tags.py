"""TagResource, UntagResource, ListTagsForResource on bots and bot aliases."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.lexv2_models import operation
from dockyard.services.lexv2_models.resources import tags

Params = dict[str, Any]


@operation("TagResource")
def tag_resource(ctx: RequestContext, params: Params) -> dict[str, Any]:
    tags.tag(ctx.deps.db, ctx.scope, params["resourceARN"], params["tags"])
    return {}


@operation("UntagResource")
def untag_resource(ctx: RequestContext, params: Params) -> dict[str, Any]:
    tags.untag(ctx.deps.db, ctx.scope, params["resourceARN"], params["tagKeys"])
    return {}


@operation("ListTagsForResource")
def list_tags_for_resource(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return {"tags": tags.get_tags(ctx.deps.db, ctx.scope, params["resourceARN"])}
