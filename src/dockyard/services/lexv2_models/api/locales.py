"""Bot locale operations, BuildBotLocale and the built-in catalogue."""

from __future__ import annotations

import time
from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.lexv2_models import operation
from dockyard.services.lexv2_models.errors import precondition, validation
from dockyard.services.lexv2_models.jobs import build, locale_create, locale_delete
from dockyard.services.lexv2_models.resources import builtin_catalogue, list_query, locale_state, locales
from dockyard.services.lexv2_models.resources.request_keys import locale_key
from dockyard.services.lexv2_models.resources.versions import load_version

Params = dict[str, Any]


@operation("CreateBotLocale")
def create_bot_locale(ctx: RequestContext, params: Params) -> dict[str, Any]:
    db = ctx.deps.db
    lk = locale_key(ctx, params)
    with db.transaction():
        doc = locales.create_locale(db, lk, params)
        locale_create.start(ctx.deps, lk)
    return doc


@operation("DescribeBotLocale")
def describe_bot_locale(ctx: RequestContext, params: Params) -> dict[str, Any]:
    db = ctx.deps.db
    lk = locale_key(ctx, params)
    return locales.counted(db, lk, locale_state.load_locale(db, lk))


@operation("UpdateBotLocale")
def update_bot_locale(ctx: RequestContext, params: Params) -> dict[str, Any]:
    return locales.update_locale(ctx.deps.db, locale_key(ctx, params), params)


@operation("DeleteBotLocale")
def delete_bot_locale(ctx: RequestContext, params: Params) -> dict[str, Any]:
    db = ctx.deps.db
    lk = locale_key(ctx, params)
    locale_state.require_draft(lk, "locales")
    with db.transaction():
        doc = locale_state.load_locale(db, lk)
        if doc["botLocaleStatus"] != "Deleting":
            if doc["botLocaleStatus"] in ("Building", "Creating", "Importing"):
                raise precondition(f"The bot locale {lk.locale_id} is in status {doc['botLocaleStatus']} and "
                                   "cannot be deleted now.")
            locale_state.set_status(db, lk, "Deleting")
            locale_delete.start(ctx.deps, lk)
    return {"botId": lk.bot_id, "botVersion": lk.bot_version, "localeId": lk.locale_id, "botLocaleStatus": "Deleting"}


@operation("ListBotLocales")
def list_bot_locales(ctx: RequestContext, params: Params) -> dict[str, Any]:
    db = ctx.deps.db
    load_version(db, ctx.scope, params["botId"], params["botVersion"])
    docs = locales.list_locales(db, ctx.scope, params["botId"], params["botVersion"])
    docs = list_query.apply_filters(docs, params.get("filters"), {"BotLocaleName": "localeName"})
    docs = list_query.apply_sort(docs, params.get("sortBy"), {"BotLocaleName": "localeName"}, "localeName")
    page, token = list_query.page(docs, params)
    return {"botId": params["botId"], "botVersion": params["botVersion"], "nextToken": token,
            "botLocaleSummaries": page}


@operation("BuildBotLocale")
def build_bot_locale(ctx: RequestContext, params: Params) -> dict[str, Any]:
    db = ctx.deps.db
    lk = locale_key(ctx, params)
    locale_state.require_draft(lk, "builds")
    now = time.time()
    with db.transaction():
        doc = locale_state.load_locale(db, lk)
        if doc["botLocaleStatus"] in ("Creating", "Deleting", "Building", "Importing"):
            raise precondition(f"The bot locale {lk.locale_id} of bot {lk.bot_id} is in status "
                               f"{doc['botLocaleStatus']} and cannot be built now.")
        locale_state.set_status(db, lk, "Building", event="Build submitted", lastBuildSubmittedDateTime=now,
                                failureReasons=[])
        build.start(ctx.deps, lk)
    return {"botId": lk.bot_id, "botVersion": lk.bot_version, "localeId": lk.locale_id, "botLocaleStatus": "Building",
            "lastBuildSubmittedDateTime": now}


def _catalogue_locale(locale_id: str) -> None:
    if builtin_catalogue.locale_name(locale_id) is None:
        raise validation(f"The locale {locale_id} is not supported.")


@operation("ListBuiltInIntents")
def list_built_in_intents(ctx: RequestContext, params: Params) -> dict[str, Any]:
    _catalogue_locale(params["localeId"])
    docs = list_query.apply_sort(builtin_catalogue.built_in_intents(params["localeId"]), params.get("sortBy"),
                                 {"IntentSignature": "intentSignature"}, "intentSignature")
    page, token = list_query.page(docs, params, default_max=20)
    return {"builtInIntentSummaries": page, "nextToken": token, "localeId": params["localeId"]}


@operation("ListBuiltInSlotTypes")
def list_built_in_slot_types(ctx: RequestContext, params: Params) -> dict[str, Any]:
    _catalogue_locale(params["localeId"])
    docs = list_query.apply_sort(builtin_catalogue.built_in_slot_types(params["localeId"]), params.get("sortBy"),
                                 {"SlotTypeSignature": "slotTypeSignature"}, "slotTypeSignature")
    page, token = list_query.page(docs, params, default_max=20)
    return {"builtInSlotTypeSummaries": page, "nextToken": token, "localeId": params["localeId"]}
