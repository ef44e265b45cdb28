"""Custom-vocabulary TSV, test-set CSV and the model <-> API field mapping."""

from __future__ import annotations

import pytest

from dockyard.services.lexv2_models.formats import (
    ArchiveError,
    CustomVocabularyItem,
    IntentDefinition,
    SlotDefinition,
    SlotPriority,
    export_file_name,
    from_api_fields,
    read_bot_archive,
    read_test_set_csv,
    read_vocabulary_tsv,
    to_api_fields,
    write_test_set_csv,
    write_vocabulary_tsv,
)


def test_vocabulary_tsv_layout():
    items = [CustomVocabularyItem("Dockyard", 2, "DockYard"), CustomVocabularyItem("Lex")]
    assert write_vocabulary_tsv(items) == b"phrase\tweight\tdisplayAs\nDockyard\t2\tDockYard\nLex\t\t\n"
    assert read_vocabulary_tsv(b"Dockyard\t2\nLex\n") == [
        CustomVocabularyItem("Dockyard", 2),
        CustomVocabularyItem("Lex"),
    ]


def test_vocabulary_tsv_errors():
    with pytest.raises(ArchiveError) as caught:
        read_vocabulary_tsv(b"phrase\tweight\n\t1\nok\t7\nok\t1\nok\t1\na\tb\tc\td\n")
    assert caught.value.reasons == [
        "CustomVocabulary.tsv: line 2: field 'phrase' is required",
        "CustomVocabulary.tsv: line 3: field 'weight' must be an integer from 0 to 3",
        "CustomVocabulary.tsv: line 5: phrase 'ok' appears more than once",
        "CustomVocabulary.tsv: line 6 has 4 columns, at most 3 allowed",
    ]


CSV = (
    "Line #,Conversation #,Source,Input,Expected Output Intent,Expected Output Slot 1,Expected Output Slot 2,"
    "Session Attribute,Notes\r\n"
    "1,-,User,book a flight to Rome,BookFlight,DestinationCity = Rome,,tier=gold,first\r\n"
    "2,1,User,cancel,CancelFlight,,,,\r\n"
    "3,1,Agent,Which reservation?,,,,,\r\n"
)


def test_test_set_csv_read():
    test_set = read_test_set_csv(CSV.encode())
    assert test_set.modality == "Text"
    first, second, third = test_set.turns
    assert (first.conversation, first.source, first.input, first.expected_intent) == (
        None,
        "User",
        "book a flight to Rome",
        "BookFlight",
    )
    assert first.expected_slots == {"DestinationCity": "Rome"}
    assert first.session_attributes == ["tier=gold"]
    assert first.extra == {"Notes": "first"}
    assert (second.conversation, third.source) == ("1", "Agent")
    assert read_test_set_csv(write_test_set_csv(test_set)) == test_set


def test_test_set_csv_audio_columns():
    data = b"Line #,Source,Expected Transcription,S3 Audio Location,Expected Output Intent,Barge In\n1,User,hi,s3://b/k.wav,Greeting,No\n"
    test_set = read_test_set_csv(data)
    assert test_set.modality == "Audio"
    assert test_set.turns[0].s3_audio_location == "s3://b/k.wav" and test_set.turns[0].barge_in == "No"
    assert read_test_set_csv(write_test_set_csv(test_set)) == test_set


def test_test_set_csv_errors():
    with pytest.raises(ArchiveError) as caught:
        read_test_set_csv(
            b"Line #,Source,Input,Expected Output Slot 1\n1,Robot,hi,\n2,User,,\n3,User,x,Rome\n"
        )
    assert caught.value.reasons == [
        "test-set.csv: line 2: column 'Source' must be User or Agent (got 'Robot')",
        "test-set.csv: line 3: column 'Input' is required for a User row",
        "test-set.csv: line 4: column 'Expected Output Slot 1' must look like 'SlotName = value' (got 'Rome')",
    ]
    with pytest.raises(ArchiveError) as caught:
        read_test_set_csv(b"Line #,Text\n")
    assert caught.value.reasons == [
        "test-set.csv: the header must have a 'Source' column",
        "test-set.csv: the header must have an 'Input' column (or the audio columns)",
    ]


def test_api_field_names(sample_zip):
    en = read_bot_archive(sample_zip).locales["en_US"]
    locale_fields = to_api_fields(en)
    assert locale_fields["localeId"] == "en_US" and locale_fields["nluIntentConfidenceThreshold"] == 0.4
    slot = to_api_fields(en.intents["BookFlight"].slots["TripType"])
    assert (slot["slotName"], slot["slotTypeId"]) == ("TripType", "TripType")  # a name: the caller maps it
    assert "valueElicitationSetting" in slot
    intent = IntentDefinition(
        "Book", slot_priorities=[SlotPriority(1, "City")], slots={"City": SlotDefinition("City")}
    )
    assert to_api_fields(intent) == {
        "intentName": "Book",
        "slotPriorities": [{"priority": 1, "slotId": "City"}],
    }
    assert from_api_fields(
        IntentDefinition,
        {"intentName": "Book", "slotPriorities": [{"priority": 1, "slotId": "City"}], "creationDateTime": 0},
    ) == IntentDefinition("Book", slot_priorities=[SlotPriority(1, "City")])


def test_export_file_names():
    assert export_file_name("LexBot", "DRAFT", "ABCDEFGHIJ") == "LexBot_DRAFT_ABCDEFGHIJ_LexJson.zip"
    assert export_file_name("LexBot", "1", "ABCDEFGHIJ", "en_US") == "LexBot_1_en_US_ABCDEFGHIJ_LEX_JSON.zip"
