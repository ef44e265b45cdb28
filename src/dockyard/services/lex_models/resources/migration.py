"""Migration of a V1 bot version to Lex V2, through the Lex V2 service's own handlers."""

from __future__ import annotations

import time
from typing import Any

from dockyard.service_kit import RequestContext, Scope
from dockyard.services.lex_models.formats import v2_mapping as v2
from dockyard.services.lex_models.resources import definitions as defs
from dockyard.services.lex_models.resources.references import intent_refs

V2 = "lexv2-models"


def call(deps: Any, scope: Scope, operation: str, params: dict[str, Any]) -> dict[str, Any]:
    from dockyard.services.registry import service_specs  # the V2 service's own code, not a copy

    ctx = RequestContext(deps=deps, service=V2, operation=operation, account=scope.account, region=scope.region,
                         model=V2)
    return service_specs()[V2].handlers[operation](ctx, {k: v for k, v in params.items() if v is not None})


def find_v2_bot(deps: Any, scope: Scope, name: str) -> str | None:
    answer = call(deps, scope, "ListBots", {"filters": [{"name": "BotName", "values": [name], "operator": "EQ"}]})
    return next((b["botId"] for b in answer.get("botSummaries", []) if b["botName"] == name), None)


def wait_for(deps: Any, scope: Scope, operation: str, params: dict[str, Any], field: str, busy: set[str],
             timeout: float = 30.0) -> None:
    """Poll a V2 Describe operation until ``field`` leaves the ``busy`` statuses."""
    end = time.monotonic() + timeout
    while (status := call(deps, scope, operation, params)[field]) in busy:
        if time.monotonic() > end:
            raise TimeoutError(f"Lex V2 {operation} stayed {status} for {timeout:.0f} s")
        time.sleep(0.01)


def wait_available(deps: Any, scope: Scope, bot_id: str) -> None:
    wait_for(deps, scope, "DescribeBot", {"botId": bot_id}, "botStatus", {"Creating", "Versioning", "Importing"})


def prepare(deps: Any, v2_scope: Scope, v1_scope: Scope, bot_name: str, version: str,
            bot_id: str) -> tuple[dict[str, Any], dict[str, str]]:
    """Wait for V2 bot ``bot_id``, create its DRAFT locale if missing and wait for it (jobs run
    meanwhile: never inside a transaction); the V1 bot version and the V2 locale's ids."""
    db = deps.db
    bot = defs.load(db, v1_scope, defs.BOT, bot_name, version)
    wait_available(deps, v2_scope, bot_id)
    locale = v2.locale_id(bot.get("locale", "en-US"))
    base = {"botId": bot_id, "botVersion": "DRAFT", "localeId": locale}
    locales = call(deps, v2_scope, "ListBotLocales", {"botId": bot_id, "botVersion": "DRAFT"})
    if not any(s["localeId"] == locale for s in locales.get("botLocaleSummaries", [])):
        call(deps, v2_scope, "CreateBotLocale", {**base, "nluIntentConfidenceThreshold":
                                                 bot.get("nluIntentConfidenceThreshold", 0.4)})
    wait_for(deps, v2_scope, "DescribeBotLocale", base, "botLocaleStatus", {"Creating", "Building", "Importing"})
    return bot, base


def write(deps: Any, v2_scope: Scope, v1_scope: Scope, bot: dict[str, Any], base: dict[str, str]) -> list[dict]:
    """Write the V1 bot version's slot types and intents into the V2 locale ``base`` (no waits: the
    caller may hold a transaction); the alerts."""
    db = deps.db
    alerts = v2.Alerts()
    bot_name = bot["name"]
    intents = [defs.load(db, v1_scope, defs.INTENT, n, v) for n, v in intent_refs(bot)]
    slot_type_ids: dict[str, str] = {}
    for intent in intents:
        for slot in intent.get("slots") or []:
            name = slot["slotType"]
            if name in slot_type_ids or name.startswith("AMAZON."):
                continue
            st = defs.load(db, v1_scope, defs.SLOT_TYPE, name, slot.get("slotTypeVersion") or defs.LATEST)
            created = call(deps, v2_scope, "CreateSlotType", {**base, **v2.slot_type_params(st)})
            slot_type_ids[name] = created["slotTypeId"]
    for intent in intents:
        params = v2.intent_params(intent, alerts)
        intent_id = call(deps, v2_scope, "CreateIntent", {**base, **params})["intentId"]
        priorities = []
        for slot in intent.get("slots") or []:
            type_id = slot_type_ids.get(slot["slotType"]) or v2.builtin_slot_type(slot["slotType"], alerts)
            slot_id = call(deps, v2_scope, "CreateSlot", {**base, "intentId": intent_id,
                                                          **v2.slot_params(slot, type_id, alerts)})["slotId"]
            priorities.append({"priority": slot.get("priority", len(priorities) + 1), "slotId": slot_id})
        if priorities:
            call(deps, v2_scope, "UpdateIntent", {**base, "intentId": intent_id, **params,
                                                  "slotPriorities": priorities})
    if bot.get("clarificationPrompt"):
        alerts.add("WARN", "The clarification prompt is migrated as the AMAZON.FallbackIntent's behaviour in V2 "
                   "and is not copied.", bot_name)
    return list(alerts)
