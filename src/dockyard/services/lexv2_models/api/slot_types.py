"""Slot type operations."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.lexv2_models import operation
from dockyard.services.lexv2_models.resources import list_query, locale_state, slot_types
from dockyard.services.lexv2_models.resources.request_keys import locale_ids, locale_key

Params = dict[str, Any]


@operation("CreateSlotType")
def create_slot_type(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return slot_types.create_slot_type(ctx.deps.db, locale_key(ctx, params), params)


@operation("DescribeSlotType")
def describe_slot_type(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return slot_types.load_slot_type(ctx.deps.db, locale_key(ctx, params), params["slotTypeId"])


@operation("UpdateSlotType")
def update_slot_type(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return slot_types.update_slot_type(ctx.deps.db, locale_key(ctx, params), params["slotTypeId"], params)


@operation("DeleteSlotType")
def delete_slot_type(ctx: RequestContext, params: Params) -> dict[str, Any]:
    slot_types.delete_slot_type(ctx.deps.db, locale_key(ctx, params), params["slotTypeId"],
                                bool(params.get("skipResourceInUseCheck")))
    return {}


def _summary(doc: dict[str, Any]) -> dict[str, Any]:
    """A slot type with the two summary members derived from its settings."""
    return {**doc, "externalSourceType": "S3" if doc.get("externalSourceSetting") else None,
            "slotTypeCategory": slot_types.category(doc)}


@operation("ListSlotTypes")
def list_slot_types(ctx: RequestContext, params: Params) -> dict[str, Any]:
    db = ctx.deps.db
    lk = locale_key(ctx, params)
    locale_state.load_locale(db, lk)
    docs = [_summary(d) for d in slot_types.list_slot_types(db, lk)]
    docs = list_query.apply_filters(docs, params.get("filters"),
                                    {"SlotTypeName": "slotTypeName", "ExternalSourceType": "externalSourceType"})
    docs = list_query.apply_sort(docs, params.get("sortBy"),
                                 {"SlotTypeName": "slotTypeName", "LastUpdatedDateTime": "lastUpdatedDateTime"},
                                 "slotTypeName")
    page, token = list_query.page(docs, params)
    return {**locale_ids(lk), "slotTypeSummaries": page,
            "nextToken": token}
