"""The pure readers: the import envelope and the resource checks."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dockyard.services.lex_models.formats.envelope import FormatError, read_payload, write_payload
from dockyard.services.lex_models.formats.resources import problems, resource_type

from .helpers import zip_bytes

NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_", min_size=1, max_size=40)
TEXT = st.text(min_size=1, max_size=60)


@given(name=NAMES, values=st.lists(TEXT, min_size=1, max_size=20))
def test_written_payloads_read_back(name: str, values: list[str]) -> None:
    resource = {"name": name, "version": "1", "enumerationValues": [{"value": v} for v in values]}
    assert read_payload(write_payload("x.json", resource)) == resource
    assert problems(resource, "SLOT_TYPE") == []


@given(data=st.binary(max_size=200))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    try:
        read_payload(data)
    except FormatError:
        pass


def test_directories_do_not_count_as_files() -> None:
    body = json.dumps({"metadata": {"schemaVersion": "1.0", "importType": "LEX", "importFormat": "JSON"},
                       "resource": {"name": "A"}}).encode()
    assert read_payload(zip_bytes({"dir/": b"", "dir/a.json": body})) == {"name": "A"}


@pytest.mark.parametrize(("resource", "kind"), [
    ({"name": "B", "locale": "en-US"}, "BOT"), ({"name": "I", "sampleUtterances": []}, "INTENT"),
    ({"name": "S", "enumerationValues": []}, "SLOT_TYPE"), ({"name": "X"}, "UNKNOWN")])
def test_resource_type(resource: dict, kind: str) -> None:
    assert resource_type(resource) == kind


def test_limits_are_named() -> None:
    big = {"name": "Big", "enumerationValues": [{"value": f"v{i}", "synonyms": ["a", "b"]} for i in range(3400)]}
    assert problems(big, "SLOT_TYPE") == ["Slot type Big has 10200 values and synonyms; the limit is 10000."]
    assert problems({"name": "Bad1", "sampleUtterances": []}, "INTENT") == [
        "resource.name 'Bad1' is invalid: it must be 1-100 letters or underscores."]


def test_bot_wide_limits() -> None:
    intents = [{"name": f"I_{chr(97 + i % 26)}{chr(97 + i // 26)}", "sampleUtterances": ["u" * 200] * 1000}
               for i in range(2)]
    assert problems({"name": "Bot", "locale": "en-US", "intents": intents}, "BOT") == [
        "Bot Bot has 400000 utterance characters; the limit is 200000."]
    types = [{"name": f"T_{chr(97 + t)}", "enumerationValues": [{"value": f"v{v}"} for v in range(9000)]}
             for t in range(6)]
    assert problems({"name": "Bot", "locale": "en-US", "slotTypes": types}, "BOT") == [
        "Bot Bot has 54000 slot type values and synonyms; the limit is 50000."]
