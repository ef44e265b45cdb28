"""Slot type definitions: Put, Get, list, Delete, and their versions."""

from __future__ import annotations

from dockyard.service_kit import RequestContext
from dockyard.services.lex_models import SPEC
from dockyard.services.lex_models.api import definitions as common
from dockyard.services.lex_models.resources import definitions as defs

Params = common.Params


@SPEC.operation("PutSlotType")
def put(ctx: RequestContext, params: Params) -> Params:
    return common.put(ctx, defs.SLOT_TYPE, params)


@SPEC.operation("GetSlotType")
def get(ctx: RequestContext, params: Params) -> Params:
    return defs.load(ctx.deps.db, ctx.scope, defs.SLOT_TYPE, params["name"], params["version"])


@SPEC.operation("GetSlotTypes")
def get_all(ctx: RequestContext, params: Params) -> Params:
    return common.listing(ctx, defs.SLOT_TYPE, params, "slotTypes")


@SPEC.operation("DeleteSlotType")
def delete(ctx: RequestContext, params: Params) -> Params:
    return common.delete(ctx, defs.SLOT_TYPE, params["name"])


@SPEC.operation("CreateSlotTypeVersion")
def create_version(ctx: RequestContext, params: Params) -> Params:
    return defs.create_version(ctx.deps.db, ctx.scope, defs.SLOT_TYPE, params["name"], params.get("checksum"),
                               ctx.deps.now())


@SPEC.operation("GetSlotTypeVersions")
def get_versions(ctx: RequestContext, params: Params) -> Params:
    return common.version_listing(ctx, defs.SLOT_TYPE, params, "slotTypes")


@SPEC.operation("DeleteSlotTypeVersion")
def delete_version(ctx: RequestContext, params: Params) -> Params:
    return common.delete_version(ctx, defs.SLOT_TYPE, params["name"], params["version"])
