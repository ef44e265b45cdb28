"""The three resource types a LexJson archive can hold."""

from __future__ import annotations

from enum import Enum


class ResourceType(Enum):
    """Value = the API's name (``DescribeImport``/``resourceSpecification`` vocabulary)."""

    BOT = "Bot"
    BOT_LOCALE = "BotLocale"
    CUSTOM_VOCABULARY = "CustomVocabulary"

    @property
    def manifest_value(self) -> str:
        """How the manifest spells it when Dockyard writes one (real exports: ``BOT``)."""
        return {"Bot": "BOT", "BotLocale": "BOTLOCALE", "CustomVocabulary": "CUSTOMVOCABULARY"}[self.value]

    @classmethod
    def parse(cls, text: str) -> ResourceType | None:
        """Lenient: ``BOT``/``Bot``, ``BOTLOCALE``/``BOT_LOCALE``/``BotLocale``, ... or ``None``."""
        key = text.replace("_", "").replace(" ", "").lower()
        for member in cls:
            if member.value.lower() == key:
                return member
        return None
