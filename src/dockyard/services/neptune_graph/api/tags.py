"""Tags of graphs and graph snapshots: TagResource, UntagResource, ListTagsForResource."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.neptune_graph import SPEC
from dockyard.services.neptune_graph.resources import tagging

Params = dict[str, Any]


@SPEC.operation("TagResource")
def tag_resource(ctx: RequestContext, params: Params) -> dict[str, Any]:
    tagging.tag(ctx.deps.db, ctx.scope, params["resourceArn"], params["tags"])
    return {}


@SPEC.operation("UntagResource")
def untag_resource(ctx: RequestContext, params: Params) -> dict[str, Any]:
    tagging.untag(ctx.deps.db, ctx.scope, params["resourceArn"], params["tagKeys"])
    return {}


@SPEC.operation("ListTagsForResource")
def list_tags_for_resource(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return {"tags": tagging.tags_of(ctx.deps.db, ctx.scope, params["resourceArn"])}
