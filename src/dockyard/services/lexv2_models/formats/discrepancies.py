"""Test-set discrepancies: what a test set expects (intents, slots) that a bot locale does not have.

Pure: test-set turns and the locale's intent -> slot names in; the discrepancies, the report's
``testSetDiscrepancyTopErrors`` and the raw output (JSON) out. No storage, no HTTP.

* an intent discrepancy: a user turn expects an intent the locale has no intent of that name for;
* a slot discrepancy: a user turn expects a slot (``Expected Output Slot``) its expected intent,
  which the locale has, has no slot of that name for. A composite sub-slot (``Car.Color``) is
  checked by its slot (``Car``). The slots of a missing intent are not reported again.

Each discrepancy lists the record numbers (from 1, the ListTestSetRecords numbering) of the turns
that show it. The top errors are the ``TOP_ERRORS`` discrepancies of each kind met in the most
turns (then by name); the raw output holds them all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

TOP_ERRORS = 10


@dataclass
class IntentDiscrepancy:
    intent_name: str
    records: list[int] = field(default_factory=list)

    @property
    def message(self) -> str:
        return (f"The test set expects the intent {self.intent_name}, which the bot locale does not have "
                f"({_turns(self.records)}).")


@dataclass
class SlotDiscrepancy:
    intent_name: str
    slot_name: str
    records: list[int] = field(default_factory=list)

    @property
    def message(self) -> str:
        return (f"The test set expects the slot {self.slot_name} in the intent {self.intent_name}, which the "
                f"intent does not have ({_turns(self.records)}).")


@dataclass
class Discrepancies:
    intents: list[IntentDiscrepancy] = field(default_factory=list)
    slots: list[SlotDiscrepancy] = field(default_factory=list)


def _turns(records: list[int]) -> str:
    shown = ", ".join(str(r) for r in records[:5]) + (", ..." if len(records) > 5 else "")
    return f"{len(records)} turn{'s' if len(records) != 1 else ''}: record {shown}"


def find_discrepancies(turns: Iterable[Mapping[str, Any]], locale: Mapping[str, set[str]]) -> Discrepancies:
    """``turns``: test-set turns (``source``, ``expected_intent``, ``expected_slots``) in record order;
    ``locale``: intent name -> its slot names."""
    intents: dict[str, IntentDiscrepancy] = {}
    slots: dict[tuple[str, str], SlotDiscrepancy] = {}
    for number, turn in enumerate(turns, start=1):
        intent = turn.get("expected_intent")
        if turn.get("source") != "User" or not intent:
            continue
        if intent not in locale:
            intents.setdefault(intent, IntentDiscrepancy(intent)).records.append(number)
            continue
        for slot in dict.fromkeys(name.split(".", 1)[0] for name in turn.get("expected_slots") or {}):
            if slot not in locale[intent]:
                slots.setdefault((intent, slot), SlotDiscrepancy(intent, slot)).records.append(number)
    return Discrepancies(list(intents.values()), list(slots.values()))


def top_errors(found: Discrepancies, limit: int = TOP_ERRORS) -> dict[str, list[dict[str, str]]]:
    """``testSetDiscrepancyTopErrors``: the discrepancies met in the most turns, ``limit`` of each kind."""
    intents = sorted(found.intents, key=lambda d: (-len(d.records), d.intent_name))[:limit]
    slots = sorted(found.slots, key=lambda d: (-len(d.records), d.intent_name, d.slot_name))[:limit]
    return {
        "intentDiscrepancies": [{"intentName": d.intent_name, "errorMessage": d.message} for d in intents],
        "slotDiscrepancies": [{"intentName": d.intent_name, "slotName": d.slot_name, "errorMessage": d.message}
                              for d in slots],
    }


def raw_output(found: Discrepancies, header: Mapping[str, Any]) -> bytes:
    """The file behind ``testSetDiscrepancyRawOutputUrl``: ``header`` (report, test set, target) and
    every discrepancy with the record numbers of its turns, as JSON."""
    doc = {
        **header,
        "intentDiscrepancies": [{"intentName": d.intent_name, "errorMessage": d.message, "recordNumbers": d.records}
                                for d in found.intents],
        "slotDiscrepancies": [{"intentName": d.intent_name, "slotName": d.slot_name, "errorMessage": d.message,
                               "recordNumbers": d.records} for d in found.slots],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False).encode("utf-8")
