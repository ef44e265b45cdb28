"""Build a bot through boto3 Create* calls from a LexJson export directory (the airline sample).

The archive library reads the files into API-spelled definitions; this module maps names to the
ids our calls hand back (slot type names -> ids, slot names -> ids for ``slotPriorities``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dockyard.services.lexv2_models.formats import LexArchive, read_entries, to_api_fields

ROLE_ARN = "arn:aws:iam::123456789012:role/aws-service-role/lexv2.amazonaws.com/AWSServiceRoleForLexV2Bots"
FAST_WAIT = {"Delay": 1, "MaxAttempts": 10}
_METADATA = {"ResponseMetadata", "creationDateTime", "lastUpdatedDateTime", "botId", "botVersion", "localeId"}


def strip_nulls(value: Any) -> Any:
    """Drop ``null`` members (boto3 refuses None values; the files write unset members as null)."""
    if isinstance(value, dict):
        return {k: strip_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [strip_nulls(v) for v in value]
    return value


def read_export(root: Path) -> LexArchive:
    files = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    return read_entries(files)


def _params(obj: Any, drop: set[str]) -> dict[str, Any]:
    return {k: v for k, v in strip_nulls(to_api_fields(obj)).items() if k not in drop}


@dataclass
class SentLocale:
    """What was sent for one locale, keyed by resource name, and the ids that came back."""

    locale: dict[str, Any]
    slot_types: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    intents: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    slots: dict[tuple[str, str], tuple[str, dict[str, Any]]] = field(default_factory=dict)


@dataclass
class SentBot:
    bot_id: str
    bot: dict[str, Any]
    locales: dict[str, SentLocale] = field(default_factory=dict)


def create_bot_from_export(client: Any, archive: LexArchive, bot_name: str) -> SentBot:
    """CreateBot, CreateBotLocale, CreateSlotType, CreateIntent / UpdateIntent, CreateSlot and
    UpdateIntent (slot priorities) for every resource of the export. Returns what was sent."""
    assert archive.bot is not None
    bot_params = {**_params(archive.bot, {"botId", "botVersion"}), "botName": bot_name, "roleArn": ROLE_ARN}
    bot_id = client.create_bot(**bot_params)["botId"]
    client.get_waiter("bot_available").wait(botId=bot_id, WaiterConfig=FAST_WAIT)
    sent = SentBot(bot_id, bot_params)
    for locale_id, locale in archive.locales.items():
        ids = {"botId": bot_id, "botVersion": "DRAFT", "localeId": locale_id}
        locale_params = _params(locale, {"localeName", "localeId", "botVersion"})
        client.create_bot_locale(**ids, **locale_params)
        client.get_waiter("bot_locale_created").wait(**ids, WaiterConfig=FAST_WAIT)
        out = sent.locales[locale_id] = SentLocale(locale_params)
        type_ids: dict[str, str] = {}
        for name, slot_type in locale.slot_types.items():
            params = _params(slot_type, {"slotTypeId"})
            type_ids[name] = client.create_slot_type(**ids, **params)["slotTypeId"]
            out.slot_types[name] = (type_ids[name], params)
        for name, intent in locale.intents.items():
            params = _params(intent, {"intentId", "slotPriorities"})
            if intent.parent_intent_signature == "AMAZON.FallbackIntent":
                intent_id = client.update_intent(**ids, intentId="FALLBCKINT", **params)["intentId"]
            else:
                intent_id = client.create_intent(**ids, **params)["intentId"]
            slot_ids: dict[str, str] = {}
            for slot_name, slot in intent.slots.items():
                slot_params = _params(slot, {"slotId"})
                type_name = slot_params.get("slotTypeId")
                if type_name is not None and not type_name.startswith("AMAZON."):
                    slot_params["slotTypeId"] = type_ids[type_name]
                slot_ids[slot_name] = client.create_slot(**ids, intentId=intent_id, **slot_params)["slotId"]
                out.slots[(name, slot_name)] = (slot_ids[slot_name], slot_params)
            if intent.slot_priorities:
                params["slotPriorities"] = [{"priority": p.priority, "slotId": slot_ids[p.slot_name]}
                                            for p in intent.slot_priorities]
                client.update_intent(**ids, intentId=intent_id, **params)
            out.intents[name] = (intent_id, params)
    return sent


def without_metadata(answer: dict[str, Any], *ids: str, keep: set[str] | None = None) -> dict[str, Any]:
    """A Describe* answer without ResponseMetadata, timestamps, parent ids and the ``ids`` named,
    optionally only the ``keep`` members, for comparisons with what was sent."""
    drop = {*_METADATA, *ids}
    out = {k: v for k, v in answer.items() if k not in drop}
    return out if keep is None else {k: v for k, v in out.items() if k in keep}
