"""The real console export (aws/lex-helper sample_airline_bot, 2 locales) reads fully and writes back."""

from __future__ import annotations

import json

from dockyard.services.lexv2_models.formats import (
    ResourceType,
    SlotPriority,
    bot_archive_files,
    read_archive,
    read_bot_archive,
    write_bot_archive,
)

INTENTS = {
    "AnythingElse",
    "Authenticate",
    "BookFlight",
    "CancelFlight",
    "ChangeFlight",
    "FallbackIntent",
    "FlightDelayUpdate",
    "Goodbye",
    "Greeting",
    "TrackBaggage",
}


def test_reads_every_resource(sample_zip):
    archive = read_archive(sample_zip)
    assert archive.resource_type is ResourceType.BOT
    assert archive.bot_folder == "LexBot"
    assert archive.ignored_entries == []
    bot = archive.bot
    assert (bot.name, bot.id, bot.version, bot.idle_session_ttl_in_seconds) == (
        "LexBot",
        "47C8A1C439",
        "DRAFT",
        86400,
    )
    assert bot.data_privacy == {"childDirected": False}
    assert list(bot.locales) == ["en_US", "it_IT"]
    for locale_id, locale in bot.locales.items():
        assert locale.locale_id == locale_id
        assert locale.nlu_confidence_threshold == 0.4
        assert set(locale.intents) == INTENTS
        assert sum(len(i.slots) for i in locale.intents.values()) == 15
        assert len(locale.intents["BookFlight"].slots) == 8
        assert set(locale.slot_types) == {"Airport_Code", "TripType"}
        assert locale.custom_vocabulary is None
    en = bot.locales["en_US"]
    assert en.name == "English (US)"
    assert en.voice_settings == {"voiceId": "Danielle", "engine": "neural"}
    assert bot.locales["it_IT"].voice_settings == {"voiceId": "Carla", "engine": "neural"}


def test_intent_slot_and_slot_type_details(sample_zip):
    en = read_bot_archive(sample_zip).locales["en_US"]
    book = en.intents["BookFlight"]
    assert book.id == "DCSZR7W3AV"
    assert len(book.sample_utterances) == 7
    assert book.sample_utterances[4] == {"utterance": "Book a flight to {DestinationCity}"}
    assert SlotPriority(0, "TripType") in book.slot_priorities and len(book.slot_priorities) == 8
    assert book.dialog_code_hook == {"enabled": True}
    # archive spellings are normalised to the API's: isActive -> active
    assert book.fulfillment_code_hook["active"] is True and "isActive" not in book.fulfillment_code_hook
    assert book.initial_response_setting["codeHook"]["active"] is True
    fallback = en.intents["FallbackIntent"]
    assert (fallback.id, fallback.parent_intent_signature) == ("FALLBCKINT", "AMAZON.FallbackIntent")
    assert fallback.sample_utterances is None and fallback.slot_priorities == []
    origin = book.slots["OriginCity"]
    assert origin.slot_type_name == "AMAZON.City"
    prompt = origin.value_elicitation_setting["promptSpecification"]
    assert prompt["messageGroups"][0]["message"]["plainTextMessage"] == {"value": "What is the OriginCity."}
    assert book.slots["TripType"].slot_type_name == "TripType"
    trip = en.slot_types["TripType"]
    assert trip.value_selection_setting["resolutionStrategy"] == "TopResolution"
    assert [v["sampleValue"]["value"] for v in trip.slot_type_values] == ["Round Trip", "One way"]
    airport = en.slot_types["Airport_Code"]
    assert airport.parent_slot_type_signature == "AMAZON.AlphaNumeric"
    assert airport.value_selection_setting["regexFilter"] == {"pattern": "[A-Z]{3}"}


def test_writes_back_equal(sample_zip, sample_files):
    written = bot_archive_files(read_bot_archive(sample_zip))
    assert set(written) == set(sample_files)
    for name, data in written.items():
        assert json.loads(data) == json.loads(sample_files[name]), name
        if name != "LexBot/Bot.json":  # the sample's Bot.json alone is re-indented with sorted keys
            assert data == sample_files[name].rstrip(b"\n"), name  # same key order, compact, raw UTF-8


def test_zip_round_trip_plain_and_encrypted(sample_zip):
    bot = read_bot_archive(sample_zip)
    assert read_bot_archive(write_bot_archive(bot)) == bot
    assert read_bot_archive(write_bot_archive(bot, password="pw"), password="pw") == bot


def test_written_zip_layout(sample_zip):
    import io
    import zipfile

    data = write_bot_archive(read_bot_archive(sample_zip), date_time=(2024, 1, 2, 3, 4, 6))
    infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    assert infos[0].filename == "Manifest.json"
    assert all(not i.is_dir() and i.compress_type == zipfile.ZIP_DEFLATED for i in infos)
    assert zipfile.ZipFile(io.BytesIO(data)).read("Manifest.json") == (
        b'{"metaData":{"schemaVersion":"1","fileFormat":"LexJson","resourceType":"BOT"}}'
    )
