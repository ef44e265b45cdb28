"""Test Workbench test-set CSV (``testSetImportResourceSpecification`` / ``fileFormat=CSV``).

Columns per the AWS guide "Creating a test set from a CSV file" (header names matched
case-insensitively, ``#`` and ``Number`` spellings both accepted):

* ``Line #`` - ignored on read, numbered 1..n on write;
* ``Conversation #`` - empty, ``-`` or ``N/A`` for a single-input test;
* ``Source`` (alias ``Conversation Participant``) - ``User`` or ``Agent``;
* ``Input`` (text sets) or ``Expected Transcription`` + ``S3 Audio Location`` (audio sets);
* ``Expected Output Intent``, ``Expected Output Slot 1..N`` (cells ``Name = value``);
* repeatable ``Input Context Tag``, ``Request Attribute``, ``Session Attribute``,
  ``RunTime Hint`` (numbered ``1..N`` on write) and ``Barge In`` (audio only).

Any other column is kept in ``extra`` under its header text.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from .errors import ArchiveError

_SINGLE = frozenset({"", "-", "n/a"})
_SOURCES = ("User", "Agent")
_REPEATED = {
    "input context tag": "input_context_tags",
    "request attribute": "request_attributes",
    "session attribute": "session_attributes",
    "runtime hint": "runtime_hints",
}
_SINGLE_COLUMNS = {
    "line #": "line",
    "line number": "line",
    "conversation #": "conversation",
    "conversation number": "conversation",
    "source": "source",
    "conversation participant": "source",
    "input": "input",
    "expected transcription": "expected_transcription",
    "s3 audio location": "s3_audio_location",
    "expected output intent": "expected_intent",
    "barge in": "barge_in",
}
_SLOT_COLUMN = re.compile(r"^expected output slot(?: \d+)?$")
_NUMBERED = re.compile(r"^(?P<base>.*?)(?: \d+)?$")


@dataclass
class TestSetTurn:
    """One CSV row."""

    __test__ = False  # not a pytest test class

    source: str
    conversation: str | None = None
    input: str | None = None
    expected_transcription: str | None = None
    s3_audio_location: str | None = None
    expected_intent: str | None = None
    expected_slots: dict[str, str] = field(default_factory=dict)
    input_context_tags: list[str] = field(default_factory=list)
    request_attributes: list[str] = field(default_factory=list)
    session_attributes: list[str] = field(default_factory=list)
    runtime_hints: list[str] = field(default_factory=list)
    barge_in: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class TestSet:
    """A whole CSV; ``modality`` is ``Audio`` when an ``S3 Audio Location`` column exists."""

    __test__ = False

    modality: str = "Text"
    turns: list[TestSetTurn] = field(default_factory=list)


def _normal(header: str) -> str:
    return " ".join(header.strip().lower().split())


def read_test_set_csv(data: bytes, path: str = "test-set.csv") -> TestSet:
    """Parse a test-set CSV; every bad row is reported (1-based CSV line numbers)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArchiveError([f"{path}: not valid UTF-8 (byte {exc.start})"]) from None
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise ArchiveError([f"{path}: the file is empty (a header row is required)"])
    headers = [_normal(h) for h in rows[0]]
    problems = _header_problems(headers, path)
    if problems:
        raise ArchiveError(problems)
    modality = "Audio" if "s3 audio location" in headers else "Text"
    turns: list[TestSetTurn] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        turn = _turn(rows[0], headers, row, number, path, modality, problems)
        if turn is not None:
            turns.append(turn)
    if not turns and not problems:
        problems.append(f"{path}: the test set has no rows")
    if problems:
        raise ArchiveError(problems)
    return TestSet(modality, turns)


def _header_problems(headers: list[str], path: str) -> list[str]:
    problems: list[str] = []
    if "source" not in headers and "conversation participant" not in headers:
        problems.append(f"{path}: the header must have a 'Source' column")
    if (
        "input" not in headers
        and "expected transcription" not in headers
        and "s3 audio location" not in headers
    ):
        problems.append(f"{path}: the header must have an 'Input' column (or the audio columns)")
    return problems


def _turn(
    raw_headers: list[str],
    headers: list[str],
    row: list[str],
    number: int,
    path: str,
    modality: str,
    problems: list[str],
) -> TestSetTurn | None:
    if len(row) > len(headers):
        problems.append(f"{path}: line {number} has {len(row)} cells but the header has {len(headers)}")
        return None
    turn = TestSetTurn(source="")
    found: list[str] = []
    for raw_header, header, cell in zip(raw_headers, headers, row, strict=False):
        value = cell.strip()
        attr = _SINGLE_COLUMNS.get(header)
        if attr == "line":
            continue
        if attr is not None:
            setattr(turn, attr, value or None)
        elif _SLOT_COLUMN.match(header):
            if value:
                name, sep, slot_value = value.partition("=")
                if not sep or not name.strip():
                    found.append(
                        f"column '{raw_header.strip()}' must look like 'SlotName = value' (got {value!r})"
                    )
                else:
                    turn.expected_slots[name.strip()] = slot_value.strip()
        elif (base := _NUMBERED.match(header)["base"]) in _REPEATED:  # type: ignore[index]
            if value:
                getattr(turn, _REPEATED[base]).append(value)
        elif value:
            turn.extra[raw_header.strip()] = value
    if turn.conversation is not None and turn.conversation.lower() in _SINGLE:
        turn.conversation = None
    source = turn.source or ""
    matched = next((s for s in _SOURCES if s.lower() == source.lower()), None)
    if matched is None:
        found.append(f"column 'Source' must be User or Agent (got {source!r})")
    else:
        turn.source = matched
    if matched == "User" and modality == "Text" and not turn.input:
        found.append("column 'Input' is required for a User row")
    problems.extend(f"{path}: line {number}: {p}" for p in found)
    return None if found else turn


def write_test_set_csv(test_set: TestSet) -> bytes:
    """The CSV (CRLF line ends as the ``csv`` module writes, UTF-8 without BOM)."""
    turns = test_set.turns
    audio = test_set.modality == "Audio"
    slot_names = list(
        dict.fromkeys(name for t in turns for name in t.expected_slots)
    )  # columns by slot order
    width = {attr: max((len(getattr(t, attr)) for t in turns), default=0) for attr in _REPEATED.values()}
    extras = list(dict.fromkeys(k for t in turns for k in t.extra))
    header = ["Line #", "Conversation #", "Source"]
    header += ["Expected Transcription", "S3 Audio Location"] if audio else ["Input"]
    header += ["Expected Output Intent"]
    max_slots = max((len(t.expected_slots) for t in turns), default=0)
    header += [f"Expected Output Slot {i}" for i in range(1, max_slots + 1)]
    for base, attr in _REPEATED.items():
        title = "RunTime Hint" if attr == "runtime_hints" else base.title()
        header += [f"{title} {i}" for i in range(1, width[attr] + 1)]
    if audio:
        header.append("Barge In")
    header += extras
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for number, turn in enumerate(turns, start=1):
        row = [str(number), turn.conversation or "-", turn.source]
        row += (
            [turn.expected_transcription or "", turn.s3_audio_location or ""] if audio else [turn.input or ""]
        )
        row.append(turn.expected_intent or "")
        cells = [f"{n} = {turn.expected_slots[n]}" for n in slot_names if n in turn.expected_slots]
        row += cells + [""] * (max_slots - len(cells))
        for attr in _REPEATED.values():
            values = getattr(turn, attr)
            row += values + [""] * (width[attr] - len(values))
        if audio:
            row.append(turn.barge_in or "")
        row += [turn.extra.get(k, "") for k in extras]
        writer.writerow(row)
    return out.getvalue().encode("utf-8")
