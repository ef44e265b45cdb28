"""Apply a parsed import to the stored resources, per resource type and merge strategy.

Runs inside ONE ``db.transaction()`` (opened by :func:`apply_import`): any refusal raises
:class:`ImportRefused` after collecting every reason, and the rollback leaves every existing
resource exactly as it was.

* **Bot** - conflict: a bot with the name exists. FailOnConflict fails naming it; Overwrite keeps the
  bot id, takes the settings of ``botImportSpecification`` and replaces the DRAFT locales with the
  archive's (numbered versions are kept). Append is refused by StartImport.
* **BotLocale** - conflict: the locale exists in DRAFT. Overwrite replaces it with its children.
  Append is refused by StartImport.
* **CustomVocabulary** - conflict: a phrase of the file exists (any case). FailOnConflict fails
  naming every such phrase; Overwrite replaces every item; Append adds new phrases, and existing
  phrases take the file's weight and displayAs.
* **TestSet** - conflict: a test set with the name exists. Overwrite replaces its records and
  settings (same id); Append appends the records.
"""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import AwsError, Database, Scope
from dockyard.services.lexv2_models.errors import ImportRefused
from dockyard.services.lexv2_models.formats import BotDefinition, LocaleDefinition, to_api_fields
from dockyard.services.lexv2_models.resources import bots, definition, keys, locale_state, locales, test_sets
from dockyard.services.lexv2_models.resources import custom_vocabulary as vocabulary
from dockyard.services.lexv2_models.resources.import_locale import (
    vocabulary_params,
    write_locale_children,
    write_vocabulary_items,
)
from dockyard.services.lexv2_models.resources.import_source import ImportContent
from dockyard.services.lexv2_models.resources.keys import LocaleKey

Doc = dict[str, Any]
BOT_SPEC_SETTINGS = ("roleArn", "dataPrivacy", "idleSessionTTLInSeconds", "errorLogSettings", "botTags",
                     "testBotAliasTags")
FAIL, OVERWRITE, APPEND = "FailOnConflict", "Overwrite", "Append"
NOTHING = "with mergeStrategy FailOnConflict nothing was imported"


def _locale_params(locale: LocaleDefinition, overrides: Doc | None = None) -> Doc:
    fields = to_api_fields(locale)
    params = {k: v for k, v in fields.items() if k in locales.SETTINGS}
    for key, value in (overrides or {}).items():
        if key in locales.SETTINGS and value is not None:
            params[key] = value
    return params


def _new_locale(db: Database, lk: LocaleKey, locale: LocaleDefinition, reasons: list[str],
                overrides: Doc | None = None) -> None:
    try:
        locales.create_locale(db, lk, _locale_params(locale, overrides), status="NotBuilt")
    except AwsError as err:
        reasons.append(f"Bot locale {lk.locale_id}: {err.message}")
        return
    write_locale_children(db, lk, locale, reasons)


def _refuse_if(reasons: list[str]) -> None:
    if reasons:
        raise ImportRefused(reasons)


# -- Bot ---------------------------------------------------------------------------------------------
def _bot_by_name(db: Database, scope: Scope, name: str) -> Doc | None:
    return next((b for b in db.list(scope, keys.BOT) if b["botName"] == name), None)


def apply_bot(db: Database, scope: Scope, spec: Doc, bot: BotDefinition, merge: str) -> tuple[str, str]:
    name = spec["botName"]
    params: Doc = {"botName": name, "description": bot.description,
                   "idleSessionTTLInSeconds": bot.idle_session_ttl_in_seconds,
                   "errorLogSettings": bot.error_log_settings}
    params.update({k: spec[k] for k in BOT_SPEC_SETTINGS if spec.get(k) is not None})
    existing = _bot_by_name(db, scope, name)
    try:
        if existing is None:
            doc = bots.create_bot(db, scope, params, status="Available")
        elif merge == FAIL:
            raise ImportRefused([f"A bot named {name} already exists (bot ID {existing['botId']}); {NOTHING}."])
        else:
            bots.require_status(existing, ("Available", "Failed", "Inactive"), "overwritten")
            doc = {**existing, **{k: params.get(k) for k in bots.SETTINGS if k in params},
                   "botTags": dict(params.get("botTags") or {}),
                   "testBotAliasTags": dict(params.get("testBotAliasTags") or {}),
                   "botStatus": "Available", "failureReasons": []}
            db.put(scope, keys.BOT, doc["botId"], doc)
            for old in locales.list_locales(db, scope, doc["botId"], keys.DRAFT):
                definition.delete_locale_tree(db, LocaleKey(scope, doc["botId"], keys.DRAFT, old["localeId"]))
    except AwsError as err:
        raise ImportRefused([f"Bot {name}: {err.message}"]) from None
    reasons: list[str] = []
    for locale in bot.locales.values():
        _new_locale(db, LocaleKey(scope, doc["botId"], keys.DRAFT, locale.locale_id), locale, reasons)
    _refuse_if(reasons)
    return doc["botId"], name


# -- BotLocale ---------------------------------------------------------------------------------------
def apply_locale(db: Database, scope: Scope, spec: Doc, locale: LocaleDefinition, merge: str) -> tuple[str, str]:
    lk = LocaleKey(scope, spec["botId"], keys.DRAFT, spec["localeId"])
    try:
        bot = bots.load_bot(db, scope, lk.bot_id)
        if db.get(scope, keys.LOCALE, lk.key) is not None:
            if merge == FAIL:
                raise ImportRefused([f"The bot locale {lk.locale_id} already exists in bot {lk.bot_id} "
                                     f"version DRAFT; {NOTHING}."])
            locale_state.editable_locale(db, lk, "locales")
            definition.delete_locale_tree(db, lk)
    except AwsError as err:
        raise ImportRefused([f"Bot locale {lk.locale_id}: {err.message}"]) from None
    reasons: list[str] = []
    _new_locale(db, lk, locale, reasons, overrides=spec)
    _refuse_if(reasons)
    return bot["botId"], bot["botName"]


# -- CustomVocabulary --------------------------------------------------------------------------------
def apply_vocabulary(db: Database, scope: Scope, spec: Doc, items: list[Any], merge: str) -> tuple[str, str]:
    lk = LocaleKey(scope, spec["botId"], keys.DRAFT, spec["localeId"])
    where = f"the custom vocabulary of locale {lk.locale_id} of bot {lk.bot_id}"
    try:
        bot = bots.load_bot(db, scope, lk.bot_id)
        locale_state.editable_locale(db, lk, "the custom vocabulary")
    except AwsError as err:
        raise ImportRefused([f"Custom vocabulary: {err.message}"]) from None
    wanted = vocabulary_params(items)
    current = {d["phrase"].lower(): d for d in vocabulary.list_items(db, lk)}
    clashes = [w for w in wanted if w["phrase"].lower() in current]
    reasons: list[str] = []
    if merge == FAIL and clashes:
        raise ImportRefused([f"The phrase '{w['phrase']}' already exists in {where}; {NOTHING}." for w in clashes])
    if merge == OVERWRITE:
        db.delete_children(scope, keys.VOCABULARY_ITEM, lk.key)
        write_vocabulary_items(db, lk, wanted, reasons)
    else:
        for w in clashes:
            old = current[w["phrase"].lower()]
            db.put(scope, keys.VOCABULARY_ITEM, lk.child(old["itemId"]), {"itemId": old["itemId"], **w},
                   parent=lk.key)
        fresh = [w for w in wanted if w["phrase"].lower() not in current]
        if fresh:
            write_vocabulary_items(db, lk, fresh, reasons)
    locale_state.mark_changed(db, lk)
    _refuse_if(reasons)
    return bot["botId"], bot["botName"]


# -- all ---------------------------------------------------------------------------------------------
def apply_import(db: Database, scope: Scope, spec_name: str, spec: Doc, content: ImportContent,
                 merge: str) -> tuple[str, str]:
    """Apply ``content`` in one transaction; returns (importedResourceId, importedResourceName)."""
    with db.transaction():
        if spec_name == "botImportSpecification":
            assert content.bot is not None
            return apply_bot(db, scope, spec, content.bot, merge)
        if spec_name == "botLocaleImportSpecification":
            assert content.locale is not None
            return apply_locale(db, scope, spec, content.locale, merge)
        if spec_name == "customVocabularyImportSpecification":
            assert content.vocabulary is not None
            return apply_vocabulary(db, scope, spec, content.vocabulary, merge)
        assert content.test_set is not None
        return test_sets.apply_test_set(db, scope, spec, content.test_set, merge)
