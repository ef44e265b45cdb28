"""Small bots for the tests: a bot with one locale, prompts, slot values."""

from __future__ import annotations

import random
import time
import uuid
from typing import Any

from tests.services.lexv2_models.resources.airline import FAST_WAIT, ROLE_ARN

CREDENTIAL_SECRET = {"aws_secret_access_key": "testing"}


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def fresh_account_client(aws: Any) -> Any:
    """A client of an account no other test uses (a 12-digit access key id selects the account)."""
    account = "".join(random.choice("0123456789") for _ in range(12))
    return aws("lexv2-models", aws_access_key_id=account)


def prompt(text: str = "Which one?") -> dict[str, Any]:
    return {"messageGroups": [{"message": {"plainTextMessage": {"value": text}}}], "maxRetries": 2}


def required(text: str = "Which one?") -> dict[str, Any]:
    return {"slotConstraint": "Required", "promptSpecification": prompt(text)}


def values(*names: str) -> list[dict[str, Any]]:
    return [{"sampleValue": {"value": n}} for n in names]


def new_bot(client: Any, name: str | None = None, locale_id: str = "en_US") -> dict[str, str]:
    """A bot (Available) with one DRAFT locale (NotBuilt); returns the locale's ids."""
    bot_id = client.create_bot(botName=name or unique("bot"), roleArn=ROLE_ARN,
                               dataPrivacy={"childDirected": False}, idleSessionTTLInSeconds=300)["botId"]
    client.get_waiter("bot_available").wait(botId=bot_id, WaiterConfig=FAST_WAIT)
    ids = {"botId": bot_id, "botVersion": "DRAFT", "localeId": locale_id}
    client.create_bot_locale(**ids, nluIntentConfidenceThreshold=0.4)
    client.get_waiter("bot_locale_created").wait(**ids, WaiterConfig=FAST_WAIT)
    return ids


def flower_bot(client: Any) -> tuple[dict[str, str], dict[str, str]]:
    """A buildable bot: OrderFlowers with a FlowerType slot of a custom slot type.
    Returns (locale ids, resource ids: intent, slot, slotType)."""
    ids = new_bot(client)
    type_id = client.create_slot_type(**ids, slotTypeName="FlowerTypes", slotTypeValues=values("rose", "lily"),
                                      valueSelectionSetting={"resolutionStrategy": "OriginalValue"})["slotTypeId"]
    intent_id = client.create_intent(**ids, intentName="OrderFlowers",
                                     sampleUtterances=[{"utterance": "I want {FlowerType}"},
                                                       {"utterance": "order flowers"}])["intentId"]
    slot_id = client.create_slot(**ids, intentId=intent_id, slotName="FlowerType", slotTypeId=type_id,
                                 valueElicitationSetting=required("Which flowers?"))["slotId"]
    return ids, {"intent": intent_id, "slot": slot_id, "slotType": type_id}


def build(client: Any, ids: dict[str, str]) -> dict[str, Any]:
    """Build and wait until the build ends (Built or Failed); the DescribeBotLocale answer."""
    client.build_bot_locale(**ids)
    for _ in range(200):
        answer = client.describe_bot_locale(**ids)
        if answer["botLocaleStatus"] not in ("Building",):
            return answer
        time.sleep(0.02)
    raise AssertionError("the build did not end")
