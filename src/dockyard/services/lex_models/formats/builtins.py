"""The catalogue of Lex V1 built-in intents and slot types GetBuiltin* answer from.

Signatures from the Lex V1 developer guide (built-in intents and slot types); the ``AMAZON.US_*``
slot types are en-US only, the others every V1 locale (a simplification, see docs/decisions.md).
``AMAZON.KendraSearchIntent`` is en-US only.
"""

from __future__ import annotations

LOCALES = ("de-DE", "en-AU", "en-GB", "en-IN", "en-US", "es-419", "es-ES", "es-US", "fr-CA", "fr-FR", "it-IT",
           "ja-JP", "ko-KR")

INTENTS: dict[str, tuple[str, ...]] = {  # signature -> its slots
    "AMAZON.CancelIntent": (), "AMAZON.FallbackIntent": (), "AMAZON.HelpIntent": (), "AMAZON.PauseIntent": (),
    "AMAZON.RepeatIntent": (), "AMAZON.ResumeIntent": (), "AMAZON.StartOverIntent": (), "AMAZON.StopIntent": (),
    "AMAZON.KendraSearchIntent": (),
}
EN_US_ONLY = {"AMAZON.KendraSearchIntent", "AMAZON.US_CITY", "AMAZON.US_FIRST_NAME", "AMAZON.US_LAST_NAME",
              "AMAZON.US_STATE"}
SLOT_TYPES = ("AMAZON.AlphaNumeric", "AMAZON.Country", "AMAZON.DATE", "AMAZON.DURATION", "AMAZON.EmailAddress",
              "AMAZON.FOUR_DIGIT_NUMBER", "AMAZON.NUMBER", "AMAZON.Percentage", "AMAZON.PhoneNumber",
              "AMAZON.SpeedUnit", "AMAZON.StreetName", "AMAZON.TIME", "AMAZON.US_CITY", "AMAZON.US_FIRST_NAME",
              "AMAZON.US_LAST_NAME", "AMAZON.US_STATE", "AMAZON.WeightUnit")


def locales_of(signature: str) -> list[str]:
    return ["en-US"] if signature in EN_US_ONLY else list(LOCALES)


def matching(signatures: list[str] | tuple[str, ...], locale: str | None, contains: str | None) -> list[dict]:
    out = []
    for signature in sorted(signatures):
        if contains and contains not in signature:
            continue
        if locale and locale not in locales_of(signature):
            continue
        out.append({"signature": signature, "supportedLocales": locales_of(signature)})
    return out
