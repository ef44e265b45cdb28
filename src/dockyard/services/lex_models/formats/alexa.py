"""The Alexa Skills Kit interaction model a V1 bot exports to (export only).

Mapping: invocationName = the bot name in lower case with underscores as spaces; each intent ->
``{name, samples, slots[{name, type, samples}]}`` (an intent with a ``parentIntentSignature``
``AMAZON.X`` is named ``AMAZON.X``); each custom slot type -> ``{name, values[{name{value,
synonyms}}]}``; built-in slot types keep their ``AMAZON.*`` names. ASK requires AMAZON.CancelIntent,
AMAZON.HelpIntent and AMAZON.StopIntent: they are added when the bot has none. Prompts, code hooks
and response cards have no place in an interaction model and are left out.
"""

from __future__ import annotations

from typing import Any

REQUIRED_INTENTS = ("AMAZON.CancelIntent", "AMAZON.HelpIntent", "AMAZON.StopIntent")


def interaction_model(bot: dict[str, Any]) -> dict[str, Any]:
    intents = []
    for intent in bot.get("intents") or []:
        intents.append({
            "name": intent.get("parentIntentSignature") or intent["name"],
            "samples": list(intent.get("sampleUtterances") or []),
            "slots": [{"name": s["name"], "type": s["slotType"], "samples": list(s.get("sampleUtterances") or [])}
                      for s in intent.get("slots") or []],
        })
    names = {i["name"] for i in intents}
    intents += [{"name": n, "samples": []} for n in REQUIRED_INTENTS if n not in names]
    types = [{"name": st["name"], "values": [
        {"name": {"value": v["value"], "synonyms": list(v.get("synonyms") or [])}}
        for v in st.get("enumerationValues") or []]} for st in bot.get("slotTypes") or []]
    invocation = bot["name"].replace("_", " ").lower()
    return {"interactionModel": {"languageModel": {"invocationName": invocation, "intents": intents, "types": types}}}
