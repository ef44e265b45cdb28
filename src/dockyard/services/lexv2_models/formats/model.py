"""The normalised in-memory bot definition that the reader returns and the writer consumes.

Attribute names are snake_case forms of the archive/API names. Nested settings (prompts, code
hooks, contexts, ...) stay plain dicts/lists in the API's own shape (the real export files use
the API member names for everything nested). ``None`` means "unset" (written as ``null``).
Top-level keys the library does not know are kept verbatim in ``extra`` and written back.
Children are ordered dicts keyed by resource name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Json = dict[str, Any]


@dataclass
class SlotPriority:
    """``slotPriorities[]`` item. The archive names the slot; the API uses its ``slotId``."""

    priority: int
    slot_name: str


@dataclass
class SlotDefinition:
    """``Slot.json``. ``slot_type_name`` is a slot-type name of the locale or a built-in ``AMAZON.*``."""

    name: str
    slot_type_name: str | None = None
    value_elicitation_setting: Json | None = None
    id: str | None = None
    description: str | None = None
    obfuscation_setting: Json | None = None
    multiple_values_setting: Json | None = None
    sub_slot_setting: Json | None = None
    extra: Json = field(default_factory=dict)


@dataclass
class IntentDefinition:
    """``Intent.json`` plus the intent's slots."""

    name: str
    id: str | None = None
    description: str | None = None
    parent_intent_signature: str | None = None
    sample_utterances: list[Json] | None = None
    intent_confirmation_setting: Json | None = None
    intent_closing_setting: Json | None = None
    initial_response_setting: Json | None = None
    input_contexts: list[Json] | None = None
    output_contexts: list[Json] | None = None
    kendra_configuration: Json | None = None
    qn_a_intent_configuration: Json | None = None
    bedrock_agent_intent_configuration: Json | None = None
    q_in_connect_intent_configuration: Json | None = None
    dialog_code_hook: Json | None = None
    fulfillment_code_hook: Json | None = None
    slot_priorities: list[SlotPriority] | None = None
    extra: Json = field(default_factory=dict)
    slots: dict[str, SlotDefinition] = field(default_factory=dict)


@dataclass
class SlotTypeDefinition:
    """``SlotType.json`` (custom, extended built-in, grammar or composite slot type)."""

    name: str
    id: str | None = None
    description: str | None = None
    slot_type_values: list[Json] | None = None
    parent_slot_type_signature: str | None = None
    value_selection_setting: Json | None = None
    external_source_setting: Json | None = None
    composite_slot_type_setting: Json | None = None
    extra: Json = field(default_factory=dict)


@dataclass
class CustomVocabularyItem:
    """``customVocabularyItems[]`` item (phrase 1..100 chars, weight 0..3, displayAs 1..100)."""

    phrase: str
    weight: int | None = None
    display_as: str | None = None


@dataclass
class LocaleDefinition:
    """``BotLocale.json`` plus the locale's intents, slot types and custom vocabulary."""

    locale_id: str
    nlu_confidence_threshold: float | None = None
    name: str | None = None
    """Display name, e.g. ``English (US)`` (API ``localeName``)."""
    bot_version: str | None = None
    description: str | None = None
    voice_settings: Json | None = None
    extra: Json = field(default_factory=dict)
    intents: dict[str, IntentDefinition] = field(default_factory=dict)
    slot_types: dict[str, SlotTypeDefinition] = field(default_factory=dict)
    custom_vocabulary: list[CustomVocabularyItem] | None = None
    """``None``: the locale has no ``CustomVocabulary/CustomVocabulary.json``."""


@dataclass
class BotDefinition:
    """``Bot.json`` plus the bot's locales. The role ARN and tags are never in an export."""

    name: str
    data_privacy: Json | None = None
    idle_session_ttl_in_seconds: int | None = None
    id: str | None = None
    version: str | None = "DRAFT"
    description: str | None = None
    error_log_settings: Json | None = None
    extra: Json = field(default_factory=dict)
    locales: dict[str, LocaleDefinition] = field(default_factory=dict)


@dataclass
class CustomVocabularyDefinition:
    """What a ``CustomVocabulary`` archive holds: one locale's items."""

    locale_id: str
    items: list[CustomVocabularyItem] = field(default_factory=list)
