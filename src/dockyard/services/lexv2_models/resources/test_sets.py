"""Test Workbench test sets: the documents an import creates and what the test-set operations read.

Storage: kind ``test-set``, id ``TESTSETID``; the document holds the DescribeTestSet members,
``testSetTags`` and ``turns`` (the CSV rows as :class:`TestSetTurn` fields), from which
``ListTestSetRecords`` answers and a CSV export is written.
"""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from dockyard.service_kit import UPPER_ALNUM, Database, Scope, random_id
from dockyard.services.lexv2_models.errors import ImportRefused, conflict, not_found
from dockyard.services.lexv2_models.formats import TestSet, TestSetTurn

Doc = dict[str, Any]
TEST_SET = "test-set"
SPEC_SETTINGS = ("testSetName", "description", "roleArn", "storageLocation", "modality")


def load(db: Database, scope: Scope, test_set_id: str) -> Doc:
    doc = db.get(scope, TEST_SET, test_set_id)
    if doc is None:
        raise not_found(f"Could not find the test set with ID {test_set_id}.")
    return doc


def list_test_sets(db: Database, scope: Scope) -> list[Doc]:
    return db.list(scope, TEST_SET)


def to_test_set(doc: Doc) -> TestSet:
    return TestSet(doc["modality"], [TestSetTurn(**t) for t in doc.get("turns") or []])


def _by_name(db: Database, scope: Scope, name: str) -> Doc | None:
    return next((d for d in db.list(scope, TEST_SET) if d["testSetName"] == name), None)


def apply_test_set(db: Database, scope: Scope, spec: Doc, test_set: TestSet, merge: str) -> tuple[str, str]:
    """Create (or merge into) the test set ``spec`` names; see ``import_apply`` for the strategies."""
    now = time.time()
    name = spec["testSetName"]
    turns = [dataclasses.asdict(t) for t in test_set.turns]
    doc = _by_name(db, scope, name)
    settings = {k: spec.get(k) for k in SPEC_SETTINGS}
    if doc is None:
        doc = {"testSetId": random_id(10, UPPER_ALNUM), **settings, "testSetTags": dict(spec.get("testSetTags") or {}),
               "creationDateTime": now, "turns": turns}
    elif merge == "FailOnConflict":
        raise ImportRefused([f"A test set named {name} already exists (test set ID {doc['testSetId']}); with "
                             "mergeStrategy FailOnConflict nothing was imported."])
    elif merge == "Overwrite":
        doc.update(settings, turns=turns)
    else:
        if doc["modality"] != test_set.modality:
            raise ImportRefused([f"Cannot append a {test_set.modality} test set to the {doc['modality']} "
                                 f"test set {name}."])
        doc.update(turns=[*doc.get("turns", []), *turns])
    doc.update(status="Ready", numTurns=len(doc["turns"]), lastUpdatedDateTime=now)
    db.put(scope, TEST_SET, doc["testSetId"], doc)
    return doc["testSetId"], name


def update_test_set(db: Database, scope: Scope, test_set_id: str, params: Doc) -> Doc:
    with db.transaction():
        doc = load(db, scope, test_set_id)
        name = params["testSetName"]
        other = _by_name(db, scope, name)
        if other is not None and other["testSetId"] != test_set_id:
            raise conflict(f"A test set named {name} already exists (test set ID {other['testSetId']}).")
        doc.update(testSetName=name, description=params.get("description"), lastUpdatedDateTime=time.time())
        db.put(scope, TEST_SET, test_set_id, doc)
    return doc


def delete_test_set(db: Database, scope: Scope, test_set_id: str) -> None:
    with db.transaction():
        load(db, scope, test_set_id)
        db.delete(scope, TEST_SET, test_set_id)


# -- records (ListTestSetRecords) ----------------------------------------------------------------------
def _pairs(cells: list[str]) -> dict[str, str]:
    out = {}
    for cell in cells:
        key, sep, value = cell.partition("=")
        if sep and key.strip():
            out[key.strip()] = value.strip()
    return out


def _user_turn(turn: Doc, modality: str) -> Doc:
    if modality == "Audio":
        utterance: Doc = {"audioInput": {"audioFileS3Location": turn.get("s3_audio_location") or ""}}
    else:
        utterance = {"textInput": turn.get("input") or ""}
    given: Doc = {"utteranceInput": utterance}
    if turn.get("request_attributes"):
        given["requestAttributes"] = _pairs(turn["request_attributes"])
    session: Doc = {}
    if turn.get("session_attributes"):
        session["sessionAttributes"] = _pairs(turn["session_attributes"])
    if turn.get("input_context_tags"):
        session["activeContexts"] = [{"name": n} for n in turn["input_context_tags"]]
    if session:
        given["sessionState"] = session
    expected: Doc = {"intent": {"name": turn.get("expected_intent") or ""}}
    if turn.get("expected_slots"):
        expected["intent"]["slots"] = {k: {"value": v} for k, v in turn["expected_slots"].items()}
    if turn.get("expected_transcription"):
        expected["transcript"] = turn["expected_transcription"]
    return {"userTurn": {"input": given, "expected": expected}}


def records(doc: Doc) -> list[Doc]:
    """The test set's turns as ``TestSetTurnRecord`` items (recordNumber from 1; turnNumber counts
    the turns of a conversation from 1)."""
    out: list[Doc] = []
    turn_numbers: dict[str, int] = {}
    for number, turn in enumerate(doc.get("turns") or [], start=1):
        record: Doc = {"recordNumber": number}
        conversation = turn.get("conversation")
        if conversation:
            turn_numbers[conversation] = turn_numbers.get(conversation, 0) + 1
            record.update(conversationId=conversation, turnNumber=turn_numbers[conversation])
        if turn["source"] == "Agent":
            record["turnSpecification"] = {"agentTurn": {"agentPrompt": turn.get("input") or ""}}
        else:
            record["turnSpecification"] = _user_turn(turn, doc["modality"])
        out.append(record)
    return out
