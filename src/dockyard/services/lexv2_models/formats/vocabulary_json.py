"""``CustomVocabulary.json``: ``{"customVocabularyItems":[{"phrase","weight","displayAs"}]}``."""

from __future__ import annotations

from typing import Any

from .model import CustomVocabularyItem

ITEMS_KEY = "customVocabularyItems"


def check_item_fields(phrase: Any, weight: Any, display_as: Any, where: str) -> list[str]:
    """API constraints of ``NewCustomVocabularyItem``; ``where`` prefixes each message."""
    problems: list[str] = []
    if phrase is None:
        problems.append(f"{where}phrase' is required")
    elif not isinstance(phrase, str) or not 1 <= len(phrase) <= 100:
        problems.append(f"{where}phrase' must be a string of 1 to 100 characters")
    if weight is not None and (
        isinstance(weight, bool) or not isinstance(weight, int) or not 0 <= weight <= 3
    ):
        problems.append(f"{where}weight' must be an integer from 0 to 3")
    if display_as is not None and (not isinstance(display_as, str) or not 1 <= len(display_as) <= 100):
        problems.append(f"{where}displayAs' must be a string of 1 to 100 characters")
    return problems


def decode_vocabulary(path: str, raw: Any, out: list[str]) -> list[CustomVocabularyItem] | None:
    """Items of a parsed ``CustomVocabulary.json``; reasons go to ``out``."""
    items = raw.get(ITEMS_KEY) if isinstance(raw, dict) else None
    if not isinstance(items, list):
        out.append(f"{path}: field '{ITEMS_KEY}' is required and must be a list")
        return None
    problems: list[str] = []
    result: list[CustomVocabularyItem] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        where = f"field '{ITEMS_KEY}[{index}]."
        if not isinstance(item, dict):
            problems.append(f"field '{ITEMS_KEY}[{index}]' must be an object")
            continue
        phrase, weight, display = item.get("phrase"), item.get("weight"), item.get("displayAs")
        found = check_item_fields(phrase, weight, display, where)
        if not found and phrase in seen:
            found.append(f"{where}phrase' repeats the phrase {phrase!r}")
        problems.extend(found)
        if not found:
            seen.add(phrase)
            result.append(CustomVocabularyItem(phrase, weight, display))
    out.extend(f"{path}: {p}" for p in problems)
    return None if problems else result


def encode_vocabulary(items: list[CustomVocabularyItem]) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    for item in items:
        row: dict[str, Any] = {"phrase": item.phrase, "weight": item.weight}
        if item.display_as is not None:
            row["displayAs"] = item.display_as
        rows.append(row)
    return {ITEMS_KEY: rows}
