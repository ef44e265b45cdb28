"""What a bot build checks: every reason it fails, in AWS's words where known."""

from __future__ import annotations

import re
from typing import Any

from dockyard.service_kit import Database, Scope
from dockyard.services.lex_models.resources import definitions as defs
from dockyard.services.lex_models.resources.references import intent_refs, slot_type_refs

SLOT_IN_UTTERANCE = re.compile(r"\{([^{}]*)\}")


def build_failures(db: Database, scope: Scope, bot: dict[str, Any]) -> list[str]:
    """Why ``bot`` cannot be built (empty when it can)."""
    reasons: list[str] = []
    refs = list(intent_refs(bot))
    if not refs:
        reasons.append(f"Bot {bot['name']} has no intents: add at least one intent before building.")
    for name, version in refs:
        intent = defs.find(db, scope, defs.INTENT, name, version)
        if intent is None:
            reasons.append(f"Intent {name} version {version} does not exist.")
            continue
        reasons.extend(_intent_failures(db, scope, intent))
    return reasons


def _intent_failures(db: Database, scope: Scope, intent: dict[str, Any]) -> list[str]:
    reasons: list[str] = []
    name = intent["name"]
    if not intent.get("sampleUtterances") and not intent.get("parentIntentSignature"):
        reasons.append(f"Intent {name} has no sample utterances: add at least one.")
    slot_names = {s["name"] for s in intent.get("slots") or []}
    for utterance in intent.get("sampleUtterances") or []:
        for ref in SLOT_IN_UTTERANCE.findall(utterance):
            if ref not in slot_names:
                reasons.append(f"Intent {name}: the utterance '{utterance}' refers to the unknown slot {{{ref}}}.")
    for slot_type, version in slot_type_refs(intent):
        if defs.find(db, scope, defs.SLOT_TYPE, slot_type, version) is None:
            reasons.append(f"Intent {name}: slot type {slot_type} version {version} does not exist.")
    return reasons
