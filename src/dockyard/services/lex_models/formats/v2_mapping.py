"""Pure mapping of V1 definitions to Lex V2 request parameters, with the alerts for what V2 cannot
express (WARN: approximated; ERROR: left out)."""

from __future__ import annotations

from typing import Any

GUIDE = "https://docs.aws.amazon.com/lexv2/latest/dg/migration.html"
BUILTIN_SLOT_TYPES = {
    "AMAZON.NUMBER": "AMAZON.Number", "AMAZON.DATE": "AMAZON.Date", "AMAZON.TIME": "AMAZON.Time",
    "AMAZON.DURATION": "AMAZON.Duration", "AMAZON.US_FIRST_NAME": "AMAZON.FirstName",
    "AMAZON.US_LAST_NAME": "AMAZON.LastName", "AMAZON.EMAIL_ADDRESS": "AMAZON.EmailAddress",
    "AMAZON.PHONE_NUMBER": "AMAZON.PhoneNumber", "AMAZON.US_CITY": "AMAZON.City", "AMAZON.US_STATE": "AMAZON.State",
    "AMAZON.Country": "AMAZON.Country", "AMAZON.PERCENTAGE": "AMAZON.Percentage",
    "AMAZON.StreetName": "AMAZON.StreetName", "AMAZON.AlphaNumeric": "AMAZON.AlphaNumeric",
    "AMAZON.FOUR_DIGIT_NUMBER": "AMAZON.Number",
}


class Alerts(list):
    def add(self, kind: str, message: str, *details: str) -> None:
        self.append({"type": kind, "message": message, "details": list(details), "referenceURLs": [GUIDE]})


def locale_id(locale: str) -> str:
    return locale.replace("-", "_")


def message_groups(prompt: dict[str, Any] | None) -> list[dict[str, Any]]:
    groups: dict[int, list[dict[str, Any]]] = {}
    for m in (prompt or {}).get("messages") or []:
        kind = {"SSML": "ssmlMessage", "CustomPayload": "customPayload"}.get(m.get("contentType"), "plainTextMessage")
        groups.setdefault(m.get("groupNumber", 1), []).append({kind: {"value": m["content"]}})
    return [{"message": ms[0], **({"variations": ms[1:]} if len(ms) > 1 else {})} for _, ms in sorted(groups.items())]


def prompt_spec(prompt: dict[str, Any] | None) -> dict[str, Any]:
    return {"messageGroups": message_groups(prompt), "maxRetries": max(0, (prompt or {}).get("maxAttempts", 2) - 1)}


def slot_type_params(st: dict[str, Any]) -> dict[str, Any]:
    values = [{"sampleValue": {"value": v["value"]}, "synonyms": [{"value": s} for s in v.get("synonyms") or []]}
              for v in st.get("enumerationValues") or []]
    strategy = "TopResolution" if st.get("valueSelectionStrategy") == "TOP_RESOLUTION" else "OriginalValue"
    return {"slotTypeName": st["name"], "description": st.get("description"), "slotTypeValues": values,
            "valueSelectionSetting": {"resolutionStrategy": strategy}}


def builtin_slot_type(name: str, alerts: Alerts) -> str:
    mapped = BUILTIN_SLOT_TYPES.get(name)
    if mapped is None:
        alerts.add("WARN", f"The built-in slot type {name} has no Lex V2 equivalent; AMAZON.AlphaNumeric is used.",
                   name)
        return "AMAZON.AlphaNumeric"
    if name == "AMAZON.FOUR_DIGIT_NUMBER":
        alerts.add("WARN", "AMAZON.FOUR_DIGIT_NUMBER is migrated as AMAZON.Number.", name)
    return mapped


def intent_params(intent: dict[str, Any], alerts: Alerts) -> dict[str, Any]:
    out: dict[str, Any] = {"intentName": intent["name"], "description": intent.get("description"),
                           "sampleUtterances": [{"utterance": u} for u in intent.get("sampleUtterances") or []]}
    if intent.get("parentIntentSignature"):
        alerts.add("WARN", f"Intent {intent['name']} is built on {intent['parentIntentSignature']}; it is migrated "
                   "as a custom intent.", intent["name"])
    if intent.get("confirmationPrompt"):
        setting: dict[str, Any] = {"promptSpecification": prompt_spec(intent["confirmationPrompt"])}
        if intent.get("rejectionStatement"):
            setting["declinationResponse"] = {"messageGroups": message_groups(intent["rejectionStatement"])}
        out["intentConfirmationSetting"] = setting
    if intent.get("conclusionStatement"):
        out["intentClosingSetting"] = {"closingResponse": {"messageGroups": message_groups(
            intent["conclusionStatement"])}}
    if (intent.get("fulfillmentActivity") or {}).get("type") == "CodeHook":
        out["fulfillmentCodeHook"] = {"enabled": True}
        alerts.add("WARN", f"Intent {intent['name']}: the fulfillment Lambda is set on the V2 bot alias, not the "
                   "intent; attach it to the alias's locale settings.",
                   (intent["fulfillmentActivity"].get("codeHook") or {}).get("uri", ""))
    if intent.get("dialogCodeHook"):
        out["dialogCodeHook"] = {"enabled": True}
    if intent.get("followUpPrompt"):
        alerts.add("ERROR", f"Intent {intent['name']}: followUpPrompt has no Lex V2 equivalent and is left out.",
                   intent["name"])
    return {k: v for k, v in out.items() if v is not None}


def slot_params(slot: dict[str, Any], slot_type_id: str, alerts: Alerts) -> dict[str, Any]:
    prompt = slot.get("valueElicitationPrompt") or {"messages": [{"contentType": "PlainText",
                                                                  "content": f"What is the {slot['name']}?"}]}
    if prompt.get("responseCard"):
        alerts.add("WARN", f"Slot {slot['name']}: the response card is not migrated.", slot["name"])
    return {"slotName": slot["name"], "description": slot.get("description"), "slotTypeId": slot_type_id,
            "valueElicitationSetting": {"slotConstraint": slot.get("slotConstraint", "Optional"),
                                        "promptSpecification": prompt_spec(prompt)}}
