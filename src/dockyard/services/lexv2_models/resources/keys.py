"""Storage kinds and keys: every resource of a locale of a bot version lives under one parent key.

Layout (``Database`` kind, id, parent)::

    bot                 BOTID                          ""
    bot-version         BOTID/N                        BOTID
    locale              BOTID/VER/LOCALE               BOTID/VER
    intent              BOTID/VER/LOCALE/INTENTID      BOTID/VER/LOCALE
    slot                BOTID/VER/LOCALE/SLOTID        BOTID/VER/LOCALE   (doc["intentId"] names the intent)
    slot-type           BOTID/VER/LOCALE/SLOTTYPEID    BOTID/VER/LOCALE
    vocabulary          BOTID/VER/LOCALE               BOTID/VER          (custom vocabulary metadata)
    vocabulary-item     BOTID/VER/LOCALE/ITEMID        BOTID/VER/LOCALE
    bot-alias           BOTID/ALIASID                  BOTID              (TSTALIASID only once updated)
    resource-policy     the bot's or alias's ARN       BOTID              (also kept after a delete: the
                                                                           revision counter goes on)

so ``db.list(scope, kind, parent=locale_key.key)`` reads every intent, slot, slot type or
vocabulary item of one locale, which is what a build, a version snapshot, an import or an export
needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from dockyard.service_kit import Scope

BOT = "bot"
BOT_VERSION = "bot-version"
LOCALE = "locale"
INTENT = "intent"
SLOT = "slot"
SLOT_TYPE = "slot-type"
VOCABULARY = "vocabulary"
VOCABULARY_ITEM = "vocabulary-item"
BOT_ALIAS = "bot-alias"
RESOURCE_POLICY = "resource-policy"

DRAFT = "DRAFT"
LOCALE_CHILD_KINDS = (INTENT, SLOT, SLOT_TYPE, VOCABULARY_ITEM)


def version_key(bot_id: str, bot_version: str) -> str:
    return f"{bot_id}/{bot_version}"


def alias_key(bot_id: str, alias_id: str) -> str:
    return f"{bot_id}/{alias_id}"


def split_alias_key(key: str) -> tuple[str, str]:
    """``botId/ALIASID`` back to (botId, ALIASID)."""
    bot_id, alias_id = key.split("/")
    return bot_id, alias_id


def split_version_key(key: str) -> tuple[str, str]:
    """``botId/N`` back to (botId, N)."""
    bot_id, bot_version = key.split("/")
    return bot_id, bot_version


@dataclass(frozen=True)
class LocaleKey:
    """One locale of one bot version in one account and region: the context of every child call."""

    scope: Scope
    bot_id: str
    bot_version: str
    locale_id: str

    @property
    def key(self) -> str:
        """The locale's id and the parent key of its children."""
        return f"{self.bot_id}/{self.bot_version}/{self.locale_id}"

    @property
    def parent(self) -> str:
        """The parent key of the locale itself (its bot version)."""
        return version_key(self.bot_id, self.bot_version)

    def child(self, child_id: str) -> str:
        """The storage id of a child (intent, slot, slot type, vocabulary item) of this locale."""
        return f"{self.key}/{child_id}"

    @classmethod
    def of(cls, scope: Scope, key: str) -> LocaleKey:
        """The locale named by its storage id ``botId/version/localeId`` (a locale job's parent id)."""
        bot_id, bot_version, locale_id = key.split("/")
        return cls(scope, bot_id, bot_version, locale_id)

    def at_version(self, bot_version: str) -> LocaleKey:
        return LocaleKey(self.scope, self.bot_id, bot_version, self.locale_id)

    def where(self) -> str:
        """How messages name the locale."""
        return f"locale {self.locale_id} of bot {self.bot_id} version {self.bot_version}"
