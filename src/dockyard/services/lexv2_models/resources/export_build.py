"""Stored resources -> the archive library's definitions -> the export file's bytes.

Stored documents refer by id (``slotTypeId``, ``slotPriorities[].slotId``, composite and sub-slot
``slotTypeId``); the archive refers by name, so ids are mapped back to names here. What a file
holds, per resource type:

| resource         | fileFormat | file                                                                   |
|------------------|------------|------------------------------------------------------------------------|
| Bot              | LexJson    | ``<Bot>_<Version>_<ExportId>_LexJson.zip`` (AWS layout)                 |
| BotLocale        | LexJson    | ``<Bot>_<Version>_<Locale>_<ExportId>_LEX_JSON.zip``                    |
| CustomVocabulary | TSV        | ``<Bot>_<Version>_<Locale>_<ExportId>_TSV.zip`` holding ``CustomVocabulary.tsv`` |
| TestSet          | CSV        | ``<TestSet>_<ExportId>_CSV.zip`` holding ``<TestSet>.csv``               |
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from dockyard.service_kit import Database, Scope
from dockyard.services.lexv2_models.errors import not_found
from dockyard.services.lexv2_models.formats import (
    BotDefinition,
    CustomVocabularyItem,
    IntentDefinition,
    LocaleDefinition,
    SlotDefinition,
    SlotTypeDefinition,
    bot_archive_files,
    bot_locale_archive_files,
    export_file_name,
    from_api_fields,
    write_test_set_csv,
    write_vocabulary_tsv,
)
from dockyard.services.lexv2_models.formats.file_fields import LOCALE_FIELDS
from dockyard.services.lexv2_models.resources import definition, keys, locales, test_sets
from dockyard.services.lexv2_models.resources.definition import LocaleSnapshot

Doc = dict[str, Any]
_LOCALE_API = {f.api for f in LOCALE_FIELDS}


@dataclass
class ExportFile:
    name: str
    files: dict[str, bytes]
    """The archive's entries ``{path: bytes}`` (zipped, and encrypted with a password, by the job)."""


def _name_of(ids: dict[str, str], ref: str | None) -> str | None:
    return ids.get(ref, ref) if ref is not None else None


def locale_definition(snapshot: LocaleSnapshot) -> LocaleDefinition:
    locale = from_api_fields(LocaleDefinition, snapshot.locale)
    locale.bot_version = None  # real exports write BotLocale.json "version": null
    locale.extra = {k: snapshot.locale[k] for k in locales.SETTINGS
                    if k not in _LOCALE_API and snapshot.locale.get(k) is not None}
    type_names = {t["slotTypeId"]: t["slotTypeName"] for t in snapshot.slot_types}
    for doc in snapshot.slot_types:
        doc = copy.deepcopy(doc)
        for sub in (doc.get("compositeSlotTypeSetting") or {}).get("subSlots") or []:
            sub["slotTypeId"] = _name_of(type_names, sub.get("slotTypeId"))
        slot_type = from_api_fields(SlotTypeDefinition, doc)
        locale.slot_types[slot_type.name] = slot_type
    for doc in snapshot.intents:
        slot_docs = snapshot.slots_of(doc["intentId"])
        slot_names = {s["slotId"]: s["slotName"] for s in slot_docs}
        intent_doc = dict(doc)
        if intent_doc.get("slotPriorities") is not None:
            intent_doc["slotPriorities"] = [{"priority": p["priority"], "slotId": _name_of(slot_names, p["slotId"])}
                                            for p in intent_doc["slotPriorities"]]
        intent = from_api_fields(IntentDefinition, intent_doc)
        for slot_doc in slot_docs:
            slot_doc = copy.deepcopy(slot_doc)
            slot_doc["slotTypeId"] = _name_of(type_names, slot_doc.get("slotTypeId"))
            for spec in ((slot_doc.get("subSlotSetting") or {}).get("slotSpecifications") or {}).values():
                spec["slotTypeId"] = _name_of(type_names, spec.get("slotTypeId"))
            slot = from_api_fields(SlotDefinition, slot_doc)
            intent.slots[slot.name] = slot
        locale.intents[intent.name] = intent
    if snapshot.vocabulary is not None:
        locale.custom_vocabulary = vocabulary_items(snapshot)
    return locale


def vocabulary_items(snapshot: LocaleSnapshot) -> list[CustomVocabularyItem]:
    return [CustomVocabularyItem(d["phrase"], d.get("weight"), d.get("displayAs")) for d in snapshot.vocabulary_items]


def bot_definition(db: Database, scope: Scope, bot_id: str, bot_version: str) -> BotDefinition:
    snapshot = definition.read_bot(db, scope, bot_id, bot_version)
    if snapshot is None:
        raise not_found(f"Could not find version {bot_version} of the bot with ID {bot_id}.")
    bot = from_api_fields(BotDefinition, {**snapshot.bot, "botVersion": bot_version})
    bot.locales = {lid: locale_definition(ls) for lid, ls in snapshot.locales.items()}
    return bot


def _locale_snapshot(db: Database, scope: Scope, spec: Doc) -> LocaleSnapshot:
    lk = keys.LocaleKey(scope, spec["botId"], spec["botVersion"], spec["localeId"])
    snapshot = definition.read_locale(db, lk)
    if snapshot is None:
        raise not_found(f"Could not find the bot locale {lk.locale_id} for bot {lk.bot_id} version "
                        f"{lk.bot_version}.")
    return snapshot


def _bot_name(db: Database, scope: Scope, bot_id: str) -> str:
    bot = db.get(scope, keys.BOT, bot_id)
    if bot is None:
        raise not_found(f"Could not find the bot with ID {bot_id}.")
    return bot["botName"]


def build_export(db: Database, scope: Scope, export_id: str, spec_name: str, spec: Doc) -> ExportFile:
    """The file an export of ``spec`` produces, read from the resources as they are now."""
    if spec_name == "botExportSpecification":
        bot = bot_definition(db, scope, spec["botId"], spec["botVersion"])
        return ExportFile(export_file_name(bot.name, spec["botVersion"], export_id), bot_archive_files(bot))
    if spec_name == "botLocaleExportSpecification":
        locale = locale_definition(_locale_snapshot(db, scope, spec))
        name = _bot_name(db, scope, spec["botId"])
        return ExportFile(export_file_name(name, spec["botVersion"], export_id, spec["localeId"]),
                          bot_locale_archive_files(name, locale))
    if spec_name == "customVocabularyExportSpecification":
        snapshot = _locale_snapshot(db, scope, spec)
        if snapshot.vocabulary is None:
            raise not_found(f"Could not find the custom vocabulary of locale {spec['localeId']} of bot "
                            f"{spec['botId']} version {spec['botVersion']}.")
        name = _bot_name(db, scope, spec["botId"])
        return ExportFile(f"{name}_{spec['botVersion']}_{spec['localeId']}_{export_id}_TSV.zip",
                          {"CustomVocabulary.tsv": write_vocabulary_tsv(vocabulary_items(snapshot))})
    doc = test_sets.load(db, scope, spec["testSetId"])
    return ExportFile(f"{doc['testSetName']}_{export_id}_CSV.zip",
                      {f"{doc['testSetName']}.csv": write_test_set_csv(test_sets.to_test_set(doc))})
