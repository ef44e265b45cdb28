"""The pure discrepancy finder: which turns count, composite sub-slots, ordering and the top-N cut."""

from __future__ import annotations

import json

from dockyard.services.lexv2_models.formats.discrepancies import find_discrepancies, raw_output, top_errors

LOCALE = {"OrderCar": {"Car", "Pickup"}, "FallbackIntent": set()}


def _user(intent: str | None, **slots: str) -> dict:
    return {"source": "User", "expected_intent": intent, "expected_slots": slots}


def test_agent_turns_and_turns_without_an_intent_are_not_checked() -> None:
    turns = [{"source": "Agent", "expected_intent": "Nope", "expected_slots": {}}, _user(None), _user("")]
    found = find_discrepancies(turns, LOCALE)
    assert (found.intents, found.slots) == ([], [])


def test_composite_sub_slots_are_checked_by_their_slot_and_missing_intents_hide_their_slots() -> None:
    turns = [_user("OrderCar", **{"Car.Color": "red", "Car.Make": "x", "Drop": "y"}), _user("Rent", Car="z")]
    found = find_discrepancies(turns, LOCALE)
    assert [(d.intent_name, d.records) for d in found.intents] == [("Rent", [2])]
    assert [(d.intent_name, d.slot_name, d.records) for d in found.slots] == [("OrderCar", "Drop", [1])]


def test_top_errors_keep_the_most_frequent_and_raw_output_keeps_all() -> None:
    turns = [_user(f"Missing{i % 12}") for i in range(30)]
    found = find_discrepancies(turns, LOCALE)
    top = top_errors(found, limit=3)["intentDiscrepancies"]
    assert [d["intentName"] for d in top] == ["Missing0", "Missing1", "Missing2"]  # 3 turns each, then by name
    assert top[0]["errorMessage"].endswith("(3 turns: record 1, 13, 25).")
    raw = json.loads(raw_output(found, {"testSetId": "T"}))
    assert raw["testSetId"] == "T" and len(raw["intentDiscrepancies"]) == 12
    many = find_discrepancies([_user("Gone")] * 7, LOCALE)
    assert many.intents[0].message.endswith("(7 turns: record 1, 2, 3, 4, 5, ...).")
