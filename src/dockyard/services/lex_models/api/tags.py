"""TagResource, UntagResource, ListTagsForResource (bots and bot aliases)."""

from __future__ import annotations

from dockyard.service_kit import RequestContext
from dockyard.services.lex_models import SPEC, errors
from dockyard.services.lex_models.api.definitions import Params
from dockyard.services.lex_models.resources import aliases, tags
from dockyard.services.lex_models.resources import definitions as defs


def _check(ctx: RequestContext, arn: str) -> str:
    parts = arn.split(":")
    if len(parts) < 7 or parts[5] != "bot":
        raise errors.bad_request(f"The resource ARN {arn} is not a bot or bot alias ARN.")
    bot = parts[6]
    if defs.find(ctx.deps.db, ctx.scope, defs.BOT, bot) is None or (len(parts) > 7 and aliases.find(
            ctx, bot, parts[7]) is None):
        raise errors.not_found(f"The resource {arn} does not exist.")
    return arn


@SPEC.operation("TagResource")
def tag_resource(ctx: RequestContext, params: Params) -> Params:
    tags.tag(ctx.deps.db, ctx.scope, _check(ctx, params["resourceArn"]), params["tags"])
    return {}


@SPEC.operation("UntagResource")
def untag_resource(ctx: RequestContext, params: Params) -> Params:
    tags.untag(ctx.deps.db, ctx.scope, _check(ctx, params["resourceArn"]), params["tagKeys"])
    return {}


@SPEC.operation("ListTagsForResource")
def list_tags(ctx: RequestContext, params: Params) -> Params:
    return {"tags": tags.get(ctx.deps.db, ctx.scope, _check(ctx, params["resourceArn"]))}
