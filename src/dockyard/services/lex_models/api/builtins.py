"""GetBuiltinIntent, GetBuiltinIntents, GetBuiltinSlotTypes (from the catalogue in formats/builtins.py)."""

from __future__ import annotations

from dockyard.service_kit import RequestContext
from dockyard.services.lex_models import SPEC, errors
from dockyard.services.lex_models.api import definitions as common
from dockyard.services.lex_models.formats import builtins

Params = common.Params


@SPEC.operation("GetBuiltinIntents")
def get_builtin_intents(ctx: RequestContext, params: Params) -> Params:
    found = builtins.matching(list(builtins.INTENTS), params.get("locale"), params.get("signatureContains"))
    items, token = common.page(found, params)
    return {"intents": items, "nextToken": token}


@SPEC.operation("GetBuiltinIntent")
def get_builtin_intent(ctx: RequestContext, params: Params) -> Params:
    signature = params["signature"]
    if signature not in builtins.INTENTS:
        raise errors.not_found(f"The built-in intent {signature} does not exist.")
    return {"signature": signature, "supportedLocales": builtins.locales_of(signature),
            "slots": [{"name": s} for s in builtins.INTENTS[signature]]}


@SPEC.operation("GetBuiltinSlotTypes")
def get_builtin_slot_types(ctx: RequestContext, params: Params) -> Params:
    found = builtins.matching(builtins.SLOT_TYPES, params.get("locale"), params.get("signatureContains"))
    items, token = common.page(found, params)
    return {"slotTypes": items, "nextToken": token}
