"""Intent and slot operations."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.lexv2_models import operation
from dockyard.services.lexv2_models.resources import intents, list_query, locale_state, slots
from dockyard.services.lexv2_models.resources.request_keys import locale_ids, locale_key

Params = dict[str, Any]


@operation("CreateIntent")
def create_intent(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return intents.create_intent(ctx.deps.db, locale_key(ctx, params), params)


@operation("DescribeIntent")
def describe_intent(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return intents.load_intent(ctx.deps.db, locale_key(ctx, params), params["intentId"])


@operation("UpdateIntent")
def update_intent(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return intents.update_intent(ctx.deps.db, locale_key(ctx, params), params["intentId"], params)


@operation("DeleteIntent")
def delete_intent(ctx: RequestContext, params: Params) -> dict[str, Any]:
    intents.delete_intent(ctx.deps.db, locale_key(ctx, params), params["intentId"])
    return {}


@operation("ListIntents")
def list_intents(ctx: RequestContext, params: Params) -> dict[str, Any]:
    db = ctx.deps.db
    lk = locale_key(ctx, params)
    locale_state.load_locale(db, lk)
    docs = list_query.apply_filters(intents.list_intents(db, lk), params.get("filters"), {"IntentName": "intentName"})
    fields = {"IntentName": "intentName", "LastUpdatedDateTime": "lastUpdatedDateTime"}
    docs = list_query.apply_sort(docs, params.get("sortBy"), fields, "intentName")
    page, token = list_query.page(docs, params)
    return {**locale_ids(lk), "intentSummaries": page,
            "nextToken": token}


@operation("CreateSlot")
def create_slot(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return slots.create_slot(ctx.deps.db, locale_key(ctx, params), params["intentId"], params)


@operation("DescribeSlot")
def describe_slot(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return slots.load_slot(ctx.deps.db, locale_key(ctx, params), params["intentId"], params["slotId"])


@operation("UpdateSlot")
def update_slot(ctx: RequestContext, params: Params) -> dict[str, Any]:
    lk = locale_key(ctx, params)
    return slots.update_slot(ctx.deps.db, lk, params["intentId"], params["slotId"], params)


@operation("DeleteSlot")
def delete_slot(ctx: RequestContext, params: Params) -> dict[str, Any]:
    slots.delete_slot(ctx.deps.db, locale_key(ctx, params), params["intentId"], params["slotId"])
    return {}


@operation("ListSlots")
def list_slots(ctx: RequestContext, params: Params) -> dict[str, Any]:
    db = ctx.deps.db
    lk = locale_key(ctx, params)
    intents.load_intent(db, lk, params["intentId"])
    docs = slots.list_slots(db, lk, params["intentId"])
    docs = list_query.apply_filters(docs, params.get("filters"), {"SlotName": "slotName"})
    docs = list_query.apply_sort(docs, params.get("sortBy"),
                                 {"SlotName": "slotName", "LastUpdatedDateTime": "lastUpdatedDateTime"}, "slotName")
    page, token = list_query.page(docs, params)
    return {**locale_ids(lk), "intentId": params["intentId"], "slotSummaries": [slots.summary(d) for d in page],
            "nextToken": token}
