"""The built-in catalogue: supported locales, built-in intents and built-in slot types.

Signatures and descriptions follow the Lex V2 developer guide (built-in intents and slot types
pages). Locale availability is simplified: every built-in is offered in every locale, except the
few that AWS documents for English only.
"""

from __future__ import annotations

LOCALE_NAMES: dict[str, str] = {
    "ar_AE": "Gulf Arabic (UAE)", "ca_ES": "Catalan (Spain)", "de_AT": "German (Austria)",
    "de_DE": "German (DE)", "en_AU": "English (AU)", "en_GB": "English (GB)", "en_IE": "English (IE)",
    "en_IN": "English (IN)", "en_NZ": "English (NZ)", "en_US": "English (US)", "en_ZA": "English (ZA)",
    "es_419": "Spanish (LATAM)", "es_ES": "Spanish (ES)", "es_US": "Spanish (US)", "fi_FI": "Finnish (FI)",
    "fr_CA": "French (CA)", "fr_FR": "French (FR)", "hi_IN": "Hindi (IN)", "it_IT": "Italian (Italy)",
    "ja_JP": "Japanese (JP)", "ko_KR": "Korean (KR)", "nl_NL": "Dutch (NL)", "no_NO": "Norwegian (NO)",
    "pl_PL": "Polish (PL)", "pt_BR": "Portuguese (BR)", "pt_PT": "Portuguese (PT)", "sv_SE": "Swedish (SE)",
    "zh_CN": "Mandarin (PRC)", "zh_HK": "Cantonese (HK)",
}  # fmt: skip

FALLBACK_INTENT = "AMAZON.FallbackIntent"

BUILT_IN_INTENTS: dict[str, str] = {
    "AMAZON.BedrockAgentIntent": "Uses a Bedrock agent or knowledge base to answer customer questions.",
    "AMAZON.CancelIntent": "Responds to words and phrases that indicate the user wants to cancel the current "
                           "interaction.",
    "AMAZON.FallbackIntent": "Default intent when no other intent matches.",
    "AMAZON.HelpIntent": "Responds to words or phrases that indicate the user needs help while interacting with "
                         "the bot.",
    "AMAZON.KendraSearchIntent": "Searches documents that you have indexed with Amazon Kendra.",
    "AMAZON.PauseIntent": "Responds to words and phrases that enable the user to pause an interaction.",
    "AMAZON.QInConnectIntent": "Uses Amazon Q in Connect to answer customer questions.",
    "AMAZON.QnAIntent": "Uses a foundation model to answer customer questions from a knowledge base.",
    "AMAZON.RepeatIntent": "Responds to words and phrases that enable the user to repeat the previous message.",
    "AMAZON.ResumeIntent": "Responds to words and phrases that enable the user to resume a paused interaction.",
    "AMAZON.StartOverIntent": "Responds to words and phrases that enable the user to stop processing the "
                              "current task and start over from the beginning.",
    "AMAZON.StopIntent": "Responds to words and phrases that indicate the user wants to stop processing the "
                         "current interaction.",
}

BUILT_IN_SLOT_TYPES: dict[str, str] = {
    "AMAZON.AlphaNumeric": "Recognizes words made up of letters and numbers.",
    "AMAZON.City": "Recognizes words that represent a city.",
    "AMAZON.Confirmation": "Recognizes words and phrases that indicate yes, no, maybe or don't know.",
    "AMAZON.Country": "Recognizes words that represent a country.",
    "AMAZON.Date": "Recognizes words that represent a date and converts them to a standard format.",
    "AMAZON.Duration": "Recognizes words that represent duration and converts them to a standard format.",
    "AMAZON.EmailAddress": "Recognizes words that represent an email address and converts them into a "
                           "standard email address.",
    "AMAZON.FirstName": "Recognizes commonly used first names.",
    "AMAZON.FreeFormInput": "Recognizes strings that consist of any words or characters.",
    "AMAZON.LastName": "Recognizes commonly used last names.",
    "AMAZON.Number": "Recognizes numeric words and converts them into digits.",
    "AMAZON.Percentage": "Recognizes words that represent a percentage and converts them to a number and a "
                         "percent sign.",
    "AMAZON.PhoneNumber": "Recognizes words that represent a phone number and converts them into a numeric "
                          "string.",
    "AMAZON.SpeedUnit": "Recognizes words that represent a speed unit and converts them into a standard "
                        "abbreviation.",
    "AMAZON.State": "Recognizes words that represent a state.",
    "AMAZON.StreetName": "Recognizes words that represent a street name.",
    "AMAZON.Time": "Recognizes words that indicate times and converts them into a time format.",
    "AMAZON.UKPostalCode": "Recognizes words that represent a UK post code and converts them into a standard "
                           "form.",
    "AMAZON.WeightUnit": "Recognizes words that represent a weight unit and converts them into a standard "
                         "abbreviation.",
}

_ENGLISH_ONLY = {"AMAZON.UKPostalCode": ("en_GB",), "AMAZON.KendraSearchIntent": ("en_US", "en_GB", "en_AU"),
                 "AMAZON.QInConnectIntent": ("en_US",)}

EXTENDABLE_SLOT_TYPES = frozenset({"AMAZON.AlphaNumeric"})


def locale_name(locale_id: str) -> str | None:
    return LOCALE_NAMES.get(locale_id)


def _offered(signature: str, locale_id: str) -> bool:
    only = _ENGLISH_ONLY.get(signature)
    return only is None or locale_id in only


def built_in_intents(locale_id: str) -> list[dict[str, str]]:
    return [{"intentSignature": s, "description": d} for s, d in sorted(BUILT_IN_INTENTS.items())
            if _offered(s, locale_id)]


def built_in_slot_types(locale_id: str) -> list[dict[str, str]]:
    return [{"slotTypeSignature": s, "description": d} for s, d in sorted(BUILT_IN_SLOT_TYPES.items())
            if _offered(s, locale_id)]


def is_built_in_slot_type(signature: str, locale_id: str) -> bool:
    return signature in BUILT_IN_SLOT_TYPES and _offered(signature, locale_id)


def is_built_in_intent(signature: str, locale_id: str) -> bool:
    return signature in BUILT_IN_INTENTS and _offered(signature, locale_id)
