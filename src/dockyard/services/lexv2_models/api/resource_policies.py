"""Resource policies of bots and bot aliases, and their statements."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.lexv2_models import operation
from dockyard.services.lexv2_models.resources import resource_policies as policies

Params = dict[str, Any]


@operation("CreateResourcePolicy")
def create_resource_policy(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return policies.create(ctx.deps.db, ctx.scope, params["resourceArn"], params["policy"])


@operation("DescribeResourcePolicy")
def describe_resource_policy(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return policies.describe(ctx.deps.db, ctx.scope, params["resourceArn"])


@operation("UpdateResourcePolicy")
def update_resource_policy(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return policies.update(ctx.deps.db, ctx.scope, params["resourceArn"], params["policy"],
                           params.get("expectedRevisionId"))


@operation("DeleteResourcePolicy")
def delete_resource_policy(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return policies.delete(ctx.deps.db, ctx.scope, params["resourceArn"], params.get("expectedRevisionId"))


@operation("CreateResourcePolicyStatement")
def create_resource_policy_statement(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return policies.add_statement(ctx.deps.db, ctx.scope, params["resourceArn"], params)


@operation("DeleteResourcePolicyStatement")
def delete_resource_policy_statement(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return policies.remove_statement(ctx.deps.db, ctx.scope, params["resourceArn"], params["statementId"],
                                     params.get("expectedRevisionId"))
