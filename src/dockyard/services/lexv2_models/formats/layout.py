"""Where each file lives in a LexJson archive (AWS layout), in both directions.

::

    Manifest.json
    <BotName>/Bot.json
    <BotName>/BotLocales/<localeId>/BotLocale.json
    <BotName>/BotLocales/<localeId>/Intents/<IntentName>/Intent.json
    <BotName>/BotLocales/<localeId>/Intents/<IntentName>/Slots/<SlotName>/Slot.json
    <BotName>/BotLocales/<localeId>/SlotTypes/<SlotTypeName>/SlotType.json
    <BotName>/BotLocales/<localeId>/CustomVocabulary/CustomVocabulary.json

The reader also accepts locale trees without the ``<BotName>/`` folder (locale and custom
vocabulary exports contain "only the structure under the locale" per the documentation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class EntryKind(Enum):
    BOT = "Bot.json"
    LOCALE = "BotLocale.json"
    INTENT = "Intent.json"
    SLOT = "Slot.json"
    SLOT_TYPE = "SlotType.json"
    VOCABULARY = "CustomVocabulary.json"


@dataclass(frozen=True)
class EntryRef:
    """What an entry path designates."""

    kind: EntryKind
    root: str | None
    locale: str | None = None
    intent: str | None = None
    slot: str | None = None
    slot_type: str | None = None


_BOT = re.compile(r"^(?P<root>[^/]+)/Bot\.json$")
_LOCALE_TREE = re.compile(r"^(?:(?P<root>[^/]+)/)?BotLocales/(?P<locale>[^/]+)/(?P<rest>.+)$")
_IN_LOCALE: tuple[tuple[EntryKind, re.Pattern[str]], ...] = (
    (EntryKind.LOCALE, re.compile(r"^BotLocale\.json$")),
    (EntryKind.INTENT, re.compile(r"^Intents/(?P<intent>[^/]+)/Intent\.json$")),
    (EntryKind.SLOT, re.compile(r"^Intents/(?P<intent>[^/]+)/Slots/(?P<slot>[^/]+)/Slot\.json$")),
    (EntryKind.SLOT_TYPE, re.compile(r"^SlotTypes/(?P<slot_type>[^/]+)/SlotType\.json$")),
    (EntryKind.VOCABULARY, re.compile(r"^CustomVocabulary/CustomVocabulary\.json$")),
)


def classify(name: str) -> EntryRef | None:
    """The meaning of entry ``name``, or ``None`` for a file outside the layout."""
    if match := _BOT.match(name):
        return EntryRef(EntryKind.BOT, match["root"])
    tree = _LOCALE_TREE.match(name)
    if tree is None:
        return None
    for kind, pattern in _IN_LOCALE:
        if found := pattern.match(tree["rest"]):
            parts = found.groupdict()
            return EntryRef(
                kind,
                tree["root"],
                tree["locale"],
                parts.get("intent"),
                parts.get("slot"),
                parts.get("slot_type"),
            )
    return None


def bot_path(bot: str) -> str:
    return f"{bot}/Bot.json"


def locale_dir(bot: str, locale: str) -> str:
    return f"{bot}/BotLocales/{locale}"


def locale_path(bot: str, locale: str) -> str:
    return f"{locale_dir(bot, locale)}/BotLocale.json"


def intent_path(bot: str, locale: str, intent: str) -> str:
    return f"{locale_dir(bot, locale)}/Intents/{intent}/Intent.json"


def slot_path(bot: str, locale: str, intent: str, slot: str) -> str:
    return f"{locale_dir(bot, locale)}/Intents/{intent}/Slots/{slot}/Slot.json"


def slot_type_path(bot: str, locale: str, slot_type: str) -> str:
    return f"{locale_dir(bot, locale)}/SlotTypes/{slot_type}/SlotType.json"


def vocabulary_path(bot: str, locale: str) -> str:
    return f"{locale_dir(bot, locale)}/CustomVocabulary/CustomVocabulary.json"


def export_file_name(bot_name: str, bot_version: str, export_id: str, locale_id: str | None = None) -> str:
    """The download name AWS gives an export (documented pattern)."""
    if locale_id is None:
        return f"{bot_name}_{bot_version}_{export_id}_LexJson.zip"
    return f"{bot_name}_{bot_version}_{locale_id}_{export_id}_LEX_JSON.zip"
