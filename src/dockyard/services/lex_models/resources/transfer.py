"""Import and export of definitions (AWS semantics: dependents to $LATEST then versioned, a shared
slot type imported once, FAIL_ON_CONFLICT stops at the first conflict, and no rollback)."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import AwsError, Database, Scope
from dockyard.services.lex_models.resources import definitions as defs
from dockyard.services.lex_models.resources.references import intent_refs, slot_type_refs

FAMILIES = {"BOT": defs.BOT, "INTENT": defs.INTENT, "SLOT_TYPE": defs.SLOT_TYPE}


class ImportConflict(Exception):
    pass


class Importer:
    def __init__(self, db: Database, scope: Scope, strategy: str, now: float) -> None:
        self.db, self.scope, self.strategy, self.now = db, scope, strategy, now
        self.slot_versions: dict[tuple[str, str], str] = {}
        self.intent_versions: dict[tuple[str, str], str] = {}

    def _put(self, family: defs.Family, resource: dict[str, Any], settings: dict[str, Any]) -> dict[str, Any]:
        name = resource["name"]
        current = defs.find(self.db, self.scope, family, name)
        if current is not None and self.strategy == "FAIL_ON_CONFLICT":
            raise ImportConflict(f"The {family.label.lower()} {name} already exists: a conflict with "
                                 "mergeStrategy FAIL_ON_CONFLICT.")
        extra = {"status": "NOT_BUILT"} if family is defs.BOT else None
        return defs.put_latest(self.db, self.scope, family, name, settings,
                               None if current is None else current["checksum"], self.now, extra)

    def slot_type(self, st: dict[str, Any], version: bool) -> None:
        key = (st["name"], str(st.get("version", defs.LATEST)))
        if key in self.slot_versions:
            return
        self._put(defs.SLOT_TYPE, st, defs.settings_of(defs.SLOT_TYPE, st))
        number = defs.LATEST
        if version:
            number = defs.create_version(self.db, self.scope, defs.SLOT_TYPE, st["name"], None, self.now)["version"]
        self.slot_versions[key] = number

    def intent(self, intent: dict[str, Any], version: bool) -> None:
        key = (intent["name"], str(intent.get("version", defs.LATEST)))
        if key in self.intent_versions:
            return
        for st in intent.get("slotTypes") or []:
            self.slot_type(st, True)
        settings = defs.settings_of(defs.INTENT, intent)
        slots = []
        for slot in settings.get("slots") or []:
            slot = dict(slot)
            ref = (slot["slotType"], str(slot.get("slotTypeVersion", defs.LATEST)))
            if ref in self.slot_versions:
                slot["slotTypeVersion"] = self.slot_versions[ref]
            slots.append(slot)
        if slots:
            settings["slots"] = slots
        self._put(defs.INTENT, intent, settings)
        number = defs.LATEST
        if version:
            number = defs.create_version(self.db, self.scope, defs.INTENT, intent["name"], None, self.now)["version"]
        self.intent_versions[key] = number

    def bot(self, bot: dict[str, Any]) -> None:
        for st in bot.get("slotTypes") or []:
            self.slot_type(st, True)
        for intent in bot.get("intents") or []:
            self.intent(intent, True)
        settings = defs.settings_of(defs.BOT, bot)
        settings["intents"] = [
            {"intentName": i["name"],
             "intentVersion": self.intent_versions[(i["name"], str(i.get("version", defs.LATEST)))]}
            for i in bot.get("intents") or []
        ]
        self._put(defs.BOT, bot, settings)

    def run(self, resource_type: str, resource: dict[str, Any]) -> None:
        if resource_type == "BOT":
            self.bot(resource)
        elif resource_type == "INTENT":
            self.intent(resource, False)
        else:
            self.slot_type(resource, False)


def _clean(family: defs.Family, doc: dict[str, Any]) -> dict[str, Any]:
    return {"name": doc["name"], "version": doc["version"], **defs.settings_of(family, doc)}


def export_resource(db: Database, scope: Scope, resource_type: str, name: str, version: str) -> dict[str, Any]:
    """The envelope resource of one numbered version (NotFoundException when it does not exist)."""
    family = FAMILIES[resource_type]
    doc = defs.load(db, scope, family, name, version)
    if family is defs.SLOT_TYPE:
        return _clean(family, doc)

    def slot_types(intents: list[dict[str, Any]]) -> list[dict[str, Any]]:
        seen: dict[tuple[str, str], dict[str, Any]] = {}
        for intent in intents:
            for st_name, st_version in slot_type_refs(intent):
                st = defs.find(db, scope, defs.SLOT_TYPE, st_name, st_version)
                if st is None:
                    raise AwsError("NotFoundException", f"Slot type {st_name} version {st_version} used by intent "
                                   f"{intent['name']} does not exist.")
                seen.setdefault((st_name, st_version), _clean(defs.SLOT_TYPE, st))
        return list(seen.values())

    if family is defs.INTENT:
        return {**_clean(family, doc), "slotTypes": slot_types([doc])}
    intents = [defs.load(db, scope, defs.INTENT, n, v) for n, v in intent_refs(doc)]
    out = _clean(family, doc)
    out["intents"] = [_clean(defs.INTENT, i) for i in intents]
    out["slotTypes"] = slot_types(intents)
    return out
