"""Bad archive contents: each failure reason, exactly, and several reported at once."""

from __future__ import annotations

import json

import pytest

from dockyard.services.lexv2_models.formats import (
    ArchiveError,
    CustomVocabularyItem,
    LocaleDefinition,
    ResourceType,
    read_archive,
    read_bot_archive,
    read_bot_locale_archive,
    read_custom_vocabulary_archive,
    write_bot_locale_archive,
    write_custom_vocabulary_archive,
)

L = "B/BotLocales/en_US"
SLOT = {
    "name": "City",
    "slotTypeName": "AMAZON.City",
    "valueElicitationSetting": {"slotConstraint": "Required"},
}


def files(**overrides: object) -> dict[str, bytes]:
    """A minimal valid Bot archive; ``overrides`` maps a path (``/`` as ``__``) to JSON or None."""
    base: dict[str, object] = {
        "Manifest.json": {"metaData": {"schemaVersion": "1", "fileFormat": "LexJson", "resourceType": "BOT"}},
        "B/Bot.json": {"name": "B", "dataPrivacy": {"childDirected": False}, "idleSessionTTLInSeconds": 300},
        f"{L}/BotLocale.json": {"identifier": "en_US", "nluConfidenceThreshold": 0.4},
        f"{L}/Intents/Book/Intent.json": {
            "name": "Book",
            "sampleUtterances": [{"utterance": "book"}, {"utterance": "fly"}, {"utterance": "go"}],
            "slotPriorities": [{"priority": 0, "slotName": "City"}],
        },
        f"{L}/Intents/Book/Slots/City/Slot.json": SLOT,
        f"{L}/SlotTypes/Size/SlotType.json": {
            "name": "Size",
            "slotTypeValues": [{"sampleValue": {"value": "big"}}],
        },
    }
    for key, value in overrides.items():
        base[key.replace("__", "/")] = value
    return {
        k: (v if isinstance(v, bytes) else json.dumps(v).encode()) for k, v in base.items() if v is not None
    }


def reasons(data: bytes, **kwargs: object) -> list[str]:
    with pytest.raises(ArchiveError) as caught:
        read_archive(data, **kwargs)  # type: ignore[arg-type]
    return caught.value.reasons


def test_minimal_archive_is_valid(make_zip):
    bot = read_bot_archive(make_zip(files()))
    assert bot.locales["en_US"].intents["Book"].slots["City"].slot_type_name == "AMAZON.City"


def test_missing_manifest(make_zip):
    assert reasons(make_zip(files(**{"Manifest.json": None}))) == [
        "Manifest.json is missing from the archive root"
    ]


def test_documented_manifest_spelling_is_accepted(make_zip):
    content = files(**{"Manifest.json": None})
    content["manifest.json"] = json.dumps(
        {"metadata": {"schemaVersion": "1.0", "fileFormat": "LexJson", "resourceType": "Bot"}}
    ).encode()
    assert read_archive(make_zip(content)).resource_type is ResourceType.BOT


def test_bad_manifest(make_zip):
    manifest = {"metaData": {"schemaVersion": "2", "fileFormat": "TSV", "resourceType": "Alias"}}
    assert reasons(make_zip(files(**{"Manifest.json": manifest}))) == [
        "Manifest.json: field 'metaData.resourceType' must be one of BOT, BOTLOCALE, CUSTOMVOCABULARY "
        "(got 'Alias')",
        "Manifest.json: field 'metaData.fileFormat' must be 'LexJson' (got 'TSV')",
        "Manifest.json: field 'metaData.schemaVersion' must be '1' (got '2')",
    ]


def test_wrong_resource_type(make_zip):
    manifest = {"metaData": {"schemaVersion": "1", "fileFormat": "LexJson", "resourceType": "BOTLOCALE"}}
    data = make_zip(files(**{"Manifest.json": manifest}))
    assert reasons(data, expected=ResourceType.BOT) == [
        "Manifest.json: expected a Bot archive but the manifest declares BotLocale"
    ]


def test_missing_bot_json(make_zip):
    assert reasons(make_zip(files(**{"B/Bot.json": None}))) == [
        "Bot.json is missing (expected <BotName>/Bot.json)"
    ]


def test_missing_bot_locale_json(make_zip):
    assert reasons(make_zip(files(**{f"{L}/BotLocale.json": None}))) == [f"{L}/BotLocale.json is missing"]


def test_missing_intent_json(make_zip):
    assert reasons(make_zip(files(**{f"{L}/Intents/Book/Intent.json": None}))) == [
        f"{L}/Intents/Book/Intent.json is missing (the intent has Slot.json files)"
    ]


def test_invalid_json_position(make_zip):
    content = files()
    content[f"{L}/Intents/Book/Intent.json"] = b'{\n  "name": "Book",\n  "description": oops\n}'
    assert reasons(make_zip(content)) == [
        f"{L}/Intents/Book/Intent.json: invalid JSON at line 3 column 18: Expecting value",
    ]


def test_schema_violation_field_path(make_zip):
    intent = {"name": "Book", "sampleUtterances": [{"utterance": "a"}, {"utterance": "b"}, {"utterance": 3}]}
    content = files(**{f"{L}/Intents/Book/Intent.json": intent})
    assert reasons(make_zip(content)) == [
        f"{L}/Intents/Book/Intent.json: field 'sampleUtterances[2].utterance' must be a string"
    ]


def test_schema_violations_all_reported(make_zip):
    bot = {"name": "bad name!", "dataPrivacy": {}, "idleSessionTTLInSeconds": 5}
    locale = {"identifier": "en_US", "nluConfidenceThreshold": 1.5, "voiceSettings": {"engine": "loud"}}
    slot = {"name": "City", "slotTypeName": 7, "valueElicitationSetting": {"slotConstraint": "Maybe"}}
    slot_type = {
        "name": "Size",
        "slotTypeValues": [],
        "valueSelectionSetting": {"resolutionStrategy": "BEST"},
    }
    intent = {
        "name": "Book",
        "dialogCodeHook": {},
        "fulfillmentCodeHook": {"enabled": "yes", "isActive": 1},
        "slotPriorities": [{"priority": -1}],
    }
    content = files(
        **{
            "B/Bot.json": bot,
            f"{L}/BotLocale.json": locale,
            f"{L}/Intents/Book/Intent.json": intent,
            f"{L}/Intents/Book/Slots/City/Slot.json": slot,
            f"{L}/SlotTypes/Size/SlotType.json": slot_type,
        }
    )
    assert reasons(make_zip(content)) == [
        "B/Bot.json: field 'dataPrivacy.childDirected' is required",
        "B/Bot.json: field 'idleSessionTTLInSeconds' must be at least 60",
        "B/Bot.json: field 'name' must match the pattern ^([0-9a-zA-Z][_-]?){1,100}$ (got 'bad name!')",
        f"{L}/BotLocale.json: field 'voiceSettings.voiceId' is required",
        f"{L}/BotLocale.json: field 'voiceSettings.engine' must be one of standard, neural, long-form, "
        "generative (got 'loud')",
        f"{L}/BotLocale.json: field 'nluConfidenceThreshold' must be at most 1",
        f"{L}/Intents/Book/Intent.json: field 'dialogCodeHook.enabled' is required",
        f"{L}/Intents/Book/Intent.json: field 'fulfillmentCodeHook.enabled' must be a boolean",
        f"{L}/Intents/Book/Intent.json: field 'fulfillmentCodeHook.isActive' must be a boolean",
        f"{L}/Intents/Book/Intent.json: field 'slotPriorities[0].priority' must be an integer from 0 to 100",
        f"{L}/Intents/Book/Intent.json: field 'slotPriorities[0].slotName' is required",
        f"{L}/Intents/Book/Slots/City/Slot.json: field 'slotTypeName' must be a string",
        f"{L}/Intents/Book/Slots/City/Slot.json: field 'valueElicitationSetting.slotConstraint' must be "
        "one of Required, Optional (got 'Maybe')",
        f"{L}/SlotTypes/Size/SlotType.json: field 'slotTypeValues' must have at least 1 items",
        f"{L}/SlotTypes/Size/SlotType.json: field 'valueSelectionSetting.resolutionStrategy' must be one of "
        "ORIGINAL_VALUE, TOP_RESOLUTION, CONCATENATION (got 'BEST')",
    ]


def test_required_fields(make_zip):
    content = files(**{f"{L}/Intents/Book/Slots/City/Slot.json": {"name": "City"}})
    assert reasons(make_zip(content)) == [
        f"{L}/Intents/Book/Slots/City/Slot.json: field 'valueElicitationSetting' is required"
    ]


def test_unknown_slot_type(make_zip):
    slot = dict(SLOT, slotTypeName="Colour")
    assert reasons(make_zip(files(**{f"{L}/Intents/Book/Slots/City/Slot.json": slot}))) == [
        f"{L}/Intents/Book/Slots/City/Slot.json: field 'slotTypeName' refers to slot type 'Colour', which is "
        "neither a built-in AMAZON.* type nor a slot type of locale en_US"
    ]


def test_custom_slot_type_reference_resolves(make_zip):
    slot = dict(SLOT, slotTypeName="Size")
    bot = read_bot_archive(make_zip(files(**{f"{L}/Intents/Book/Slots/City/Slot.json": slot})))
    assert bot.locales["en_US"].intents["Book"].slots["City"].slot_type_name == "Size"


def test_slot_priority_for_unknown_slot(make_zip):
    intent = {"name": "Book", "slotPriorities": [{"priority": 0, "slotName": "Town"}]}
    assert reasons(make_zip(files(**{f"{L}/Intents/Book/Intent.json": intent}))) == [
        f"{L}/Intents/Book/Intent.json: field 'slotPriorities[0].slotName' refers to slot 'Town', "
        "which the intent does not have"
    ]


def test_folder_name_mismatch(make_zip):
    slot_type = {"name": "Sizes"}
    assert reasons(make_zip(files(**{f"{L}/SlotTypes/Size/SlotType.json": slot_type}))) == [
        f"{L}/SlotTypes/Size/SlotType.json: field 'name' is 'Sizes' but the folder is named 'Size'"
    ]


def test_several_bot_folders(make_zip):
    content = files()
    content["C/Bot.json"] = content["B/Bot.json"]
    assert reasons(make_zip(content)) == ["the archive must hold one bot folder but holds several: B, C"]


def test_problems_in_several_files_reported_together(make_zip):
    content = files(**{f"{L}/Intents/Book/Slots/City/Slot.json": dict(SLOT, slotTypeName="Nope")})
    content["B/Bot.json"] = b"{"
    assert reasons(make_zip(content)) == [
        "B/Bot.json: invalid JSON at line 1 column 2: Expecting property name enclosed in double quotes",
        f"{L}/Intents/Book/Slots/City/Slot.json: field 'slotTypeName' refers to slot type 'Nope', which is "
        "neither a built-in AMAZON.* type nor a slot type of locale en_US",
    ]


def test_unknown_files_are_listed_not_fatal(make_zip):
    content = files()
    content["README.md"] = b"hello"
    assert read_archive(make_zip(content)).ignored_entries == ["README.md"]


def test_unknown_keys_are_kept(make_zip):
    intent = {"name": "Book", "futureSetting": {"x": 1}, "slotPriorities": []}
    bot = read_bot_archive(make_zip(files(**{f"{L}/Intents/Book/Intent.json": intent})))
    assert bot.locales["en_US"].intents["Book"].extra == {"futureSetting": {"x": 1}}


# --- locale and custom-vocabulary archives ---------------------------------------------------------------


def test_bot_locale_archive_round_trip():
    locale = LocaleDefinition("de_DE", 0.5, name="German (Germany)", voice_settings={"voiceId": "Vicki"})
    locale.custom_vocabulary = [CustomVocabularyItem("Dockyard", 2, "DockYard")]
    data = write_bot_locale_archive("B", locale, password="pw")
    assert read_bot_locale_archive(data, password="pw") == locale


def test_bot_locale_archive_needs_exactly_one_locale(make_zip):
    manifest = {"metaData": {"schemaVersion": "1", "fileFormat": "LexJson", "resourceType": "BOT_LOCALE"}}
    content = files(**{"Manifest.json": manifest, "B/Bot.json": None})
    content["B/BotLocales/fr_FR/BotLocale.json"] = b'{"identifier":"fr_FR","nluConfidenceThreshold":0.4}'
    assert reasons(make_zip(content)) == [
        "a BotLocale archive must hold exactly one locale (found: en_US, fr_FR)"
    ]


def test_locale_tree_without_bot_folder(make_zip):
    manifest = {"metaData": {"schemaVersion": "1", "fileFormat": "LexJson", "resourceType": "BotLocale"}}
    content = {
        "Manifest.json": json.dumps(manifest).encode(),
        "BotLocales/en_US/BotLocale.json": b'{"identifier":"en_US","nluConfidenceThreshold":0.4}',
    }
    assert read_bot_locale_archive(make_zip(content)).locale_id == "en_US"


def test_custom_vocabulary_archive_round_trip():
    items = [CustomVocabularyItem("Dockyard", 3), CustomVocabularyItem("Lex", None, "LEX")]
    definition = read_custom_vocabulary_archive(write_custom_vocabulary_archive("B", "en_US", items))
    assert (definition.locale_id, definition.items) == ("en_US", items)


def test_custom_vocabulary_item_errors(make_zip):
    manifest = {
        "metaData": {"schemaVersion": "1", "fileFormat": "LexJson", "resourceType": "CUSTOMVOCABULARY"}
    }
    vocab = {
        "customVocabularyItems": [
            {"phrase": "a", "weight": 9},
            {"weight": 1},
            {"phrase": "a"},
            {"phrase": "b", "displayAs": ""},
        ]
    }
    path = f"{L}/CustomVocabulary/CustomVocabulary.json"
    content = {"Manifest.json": json.dumps(manifest).encode(), path: json.dumps(vocab).encode()}
    assert reasons(make_zip(content)) == [
        f"{path}: field 'customVocabularyItems[0].weight' must be an integer from 0 to 3",
        f"{path}: field 'customVocabularyItems[1].phrase' is required",
        f"{path}: field 'customVocabularyItems[3].displayAs' must be a string of 1 to 100 characters",
    ]


def test_refused_slot_type_is_not_also_reported_missing(make_zip):
    slot = dict(SLOT, slotTypeName="Size")
    content = files(
        **{f"{L}/Intents/Book/Slots/City/Slot.json": slot, f"{L}/SlotTypes/Size/SlotType.json": None}
    )
    content[f"{L}/SlotTypes/Size/SlotType.json"] = b"not json"
    assert reasons(make_zip(content)) == [
        f"{L}/SlotTypes/Size/SlotType.json: invalid JSON at line 1 column 1: Expecting value"
    ]
