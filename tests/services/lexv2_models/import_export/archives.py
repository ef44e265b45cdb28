"""Small archives for golden tests, written with the archive library."""

from __future__ import annotations

from typing import Any

from dockyard.services.lexv2_models.formats import (
    BotDefinition,
    CustomVocabularyItem,
    IntentDefinition,
    LocaleDefinition,
    SlotDefinition,
    SlotPriority,
    SlotTypeDefinition,
    bot_archive_files,
    bot_locale_archive_files,
    custom_vocabulary_archive_files,
    zip_files,
)

PROMPT = {"messageGroups": [{"message": {"plainTextMessage": {"value": "Which size?"}}}], "maxRetries": 2}


def small_locale(locale_id: str = "en_US", intents: tuple[str, ...] = ("OrderPizza",),
                 values: tuple[str, ...] = ("small", "large"), vocabulary: list[str] | None = None) -> LocaleDefinition:
    locale = LocaleDefinition(locale_id, 0.4)
    locale.slot_types["Size"] = SlotTypeDefinition(
        "Size", slot_type_values=[{"sampleValue": {"value": v}} for v in values],
        value_selection_setting={"resolutionStrategy": "OriginalValue"})
    for name in intents:
        intent = IntentDefinition(name, sample_utterances=[{"utterance": f"I want {name}"},
                                                           {"utterance": "a {PizzaSize} one"}],
                                  slot_priorities=[SlotPriority(1, "PizzaSize")])
        intent.slots["PizzaSize"] = SlotDefinition(
            "PizzaSize", "Size", {"slotConstraint": "Required", "promptSpecification": PROMPT})
        locale.intents[name] = intent
    if vocabulary is not None:
        locale.custom_vocabulary = [CustomVocabularyItem(p, 1) for p in vocabulary]
    return locale


def small_bot(name: str, locale_id: str = "en_US", **locale: Any) -> BotDefinition:
    bot = BotDefinition(name, {"childDirected": False}, 300)
    bot.locales[locale_id] = small_locale(locale_id, **locale)
    return bot


def small_bot_archive(name: str, locale_id: str = "en_US", password: str | None = None, **locale: Any) -> bytes:
    return zip_files(bot_archive_files(small_bot(name, locale_id, **locale)), password=password)


def locale_archive(bot_name: str = "Any", locale_id: str = "en_US", **locale: Any) -> bytes:
    return zip_files(bot_locale_archive_files(bot_name, small_locale(locale_id, **locale)))


def vocabulary_archive(items: list[tuple[str, int | None]], locale_id: str = "en_US") -> bytes:
    entries = [CustomVocabularyItem(p, w) for p, w in items]
    return zip_files(custom_vocabulary_archive_files("Any", locale_id, entries))


def bot_files(name: str, **locale: Any) -> dict[str, bytes]:
    return bot_archive_files(small_bot(name, **locale))
