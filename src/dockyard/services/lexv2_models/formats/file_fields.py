"""Per-file field tables: archive JSON key <-> model attribute <-> API member name.

Each table is in the key order of the real export files (``sample_airline_bot``); the writer
emits keys in this order. ``always`` keys are written as ``null`` when unset (as AWS does);
the others (absent from the real sample) only when set.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileField:
    key: str
    """Key in the archive file."""
    attr: str
    """Attribute of the model dataclass."""
    api: str
    """Member name in the Create*/Describe* API shapes."""
    always: bool = True


def _same(key: str, attr: str, always: bool = True) -> FileField:
    return FileField(key, attr, key, always)


BOT_FIELDS: tuple[FileField, ...] = (
    _same("dataPrivacy", "data_privacy"),
    _same("description", "description"),
    _same("errorLogSettings", "error_log_settings"),
    FileField("identifier", "id", "botId"),
    _same("idleSessionTTLInSeconds", "idle_session_ttl_in_seconds"),
    FileField("name", "name", "botName"),
    FileField("version", "version", "botVersion"),
)

LOCALE_FIELDS: tuple[FileField, ...] = (
    FileField("name", "name", "localeName"),
    FileField("identifier", "locale_id", "localeId"),
    FileField("version", "bot_version", "botVersion"),
    _same("description", "description"),
    _same("voiceSettings", "voice_settings"),
    FileField("nluConfidenceThreshold", "nlu_confidence_threshold", "nluIntentConfidenceThreshold"),
)

INTENT_FIELDS: tuple[FileField, ...] = (
    FileField("name", "name", "intentName"),
    FileField("identifier", "id", "intentId"),
    _same("description", "description"),
    _same("parentIntentSignature", "parent_intent_signature"),
    _same("sampleUtterances", "sample_utterances"),
    _same("intentConfirmationSetting", "intent_confirmation_setting"),
    _same("intentClosingSetting", "intent_closing_setting"),
    _same("initialResponseSetting", "initial_response_setting"),
    _same("inputContexts", "input_contexts"),
    _same("outputContexts", "output_contexts"),
    _same("kendraConfiguration", "kendra_configuration"),
    _same("qnAIntentConfiguration", "qn_a_intent_configuration"),
    _same("bedrockAgentIntentConfiguration", "bedrock_agent_intent_configuration"),
    _same("qInConnectIntentConfiguration", "q_in_connect_intent_configuration"),
    _same("dialogCodeHook", "dialog_code_hook"),
    _same("fulfillmentCodeHook", "fulfillment_code_hook"),
    _same("slotPriorities", "slot_priorities"),
)

SLOT_FIELDS: tuple[FileField, ...] = (
    FileField("name", "name", "slotName"),
    FileField("identifier", "id", "slotId"),
    _same("description", "description"),
    FileField("slotTypeName", "slot_type_name", "slotTypeId"),
    _same("obfuscationSetting", "obfuscation_setting"),
    _same("valueElicitationSetting", "value_elicitation_setting"),
    _same("multipleValuesSetting", "multiple_values_setting"),
    _same("subSlotSetting", "sub_slot_setting", always=False),
)

SLOT_TYPE_FIELDS: tuple[FileField, ...] = (
    FileField("name", "name", "slotTypeName"),
    FileField("identifier", "id", "slotTypeId"),
    _same("description", "description"),
    _same("slotTypeValues", "slot_type_values"),
    _same("parentSlotTypeSignature", "parent_slot_type_signature"),
    _same("valueSelectionSetting", "value_selection_setting"),
    _same("externalSourceSetting", "external_source_setting", always=False),
    _same("compositeSlotTypeSetting", "composite_slot_type_setting", always=False),
)
