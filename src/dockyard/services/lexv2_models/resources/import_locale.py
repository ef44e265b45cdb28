"""Write one archive locale (slot types, intents, slots, slot priorities, custom vocabulary) into a
freshly created DRAFT locale through the resource API, mapping the archive's names to new ids.

Every resource is attempted; each refusal (the same ``AwsError`` the API would answer) becomes a
failure reason naming the resource, so one failed import reports all its problems. The caller runs
this inside the import's transaction and rolls everything back if any reason was collected.
"""

from __future__ import annotations

import copy
from typing import Any

from dockyard.service_kit import AwsError, Database
from dockyard.services.lexv2_models.formats import (
    IntentDefinition,
    LocaleDefinition,
    SlotTypeDefinition,
    to_api_fields,
)
from dockyard.services.lexv2_models.resources import (
    builtin_catalogue,
    custom_vocabulary,
    intents,
    keys,
    quotas,
    slot_types,
    slots,
)
from dockyard.services.lexv2_models.resources.keys import LocaleKey

Doc = dict[str, Any]


class _LocaleWriter:
    def __init__(self, db: Database, lk: LocaleKey, locale: LocaleDefinition, reasons: list[str]) -> None:
        self.db = db
        self.lk = lk
        self.locale = locale
        self.reasons = reasons
        self.type_ids: dict[str, str] = {}
        self.failed_types: set[str] = set()
        self.value_total = 0
        self.pending_values: list[tuple[SlotTypeDefinition, Doc, list[Doc]]] = []
        """Values + synonyms written to the (new) locale so far."""

    def where(self, what: str) -> str:
        return f"{what} (locale {self.lk.locale_id})"

    def type_ref(self, ref: str | None) -> str | None:
        """A slot type reference of the archive (name or old id) as this locale's id."""
        if ref is None or ref.startswith("AMAZON."):
            return ref
        return self.type_ids.get(ref, ref)

    # -- slot types: composite ones last, they refer to the others ----------------------------------
    def write_slot_types(self) -> None:
        ordered = sorted(self.locale.slot_types.values(), key=lambda t: t.composite_slot_type_setting is not None)
        for slot_type in ordered:
            self._write_slot_type(slot_type)
        for slot_type, doc, values in self.pending_values:
            try:
                self._add_values(doc, values)
            except AwsError as err:
                self.reasons.append(f"{self.where(f'Slot type {slot_type.name}')}: {err.message}")

    def _write_slot_type(self, slot_type: SlotTypeDefinition) -> None:
        params = to_api_fields(slot_type)
        params.pop("slotTypeId", None)
        composite = params.get("compositeSlotTypeSetting")
        if composite and composite.get("subSlots"):
            composite = copy.deepcopy(composite)
            for sub in composite["subSlots"]:
                sub["slotTypeId"] = self.type_ref(sub.get("slotTypeId"))
            params["compositeSlotTypeSetting"] = composite
        values = params.get("slotTypeValues")
        deferred = bool(values) and not params.get("externalSourceSetting") and not composite
        if deferred:
            params["slotTypeValues"] = None
        try:
            doc = slot_types.create_slot_type(self.db, self.lk, params)
        except AwsError as err:
            self.reasons.append(f"{self.where(f'Slot type {slot_type.name}')}: {err.message}")
            self.failed_types.update(n for n in (slot_type.name, slot_type.id) if n)
            return
        if deferred:
            self.pending_values.append((slot_type, doc, values))
        self.type_ids[slot_type.name] = doc["slotTypeId"]
        if slot_type.id:
            self.type_ids.setdefault(slot_type.id, doc["slotTypeId"])

    def _add_values(self, doc: Doc, values: list[Doc]) -> None:
        """Give a slot type created without values its values, with CreateSlotType's quota checks.

        Slot types with values are created empty and get their values once all exist: the locale
        is new, so its value total is what this import wrote so far. Counting it here spares
        CreateSlotType's scan of every other slot type's values (quadratic on big bots)."""
        quotas.check_slot_type_values(values, doc["slotTypeName"], self.value_total)
        self.value_total += quotas.slot_type_value_count(values)
        doc["slotTypeValues"] = values
        self.db.put(self.lk.scope, keys.SLOT_TYPE, self.lk.child(doc["slotTypeId"]), doc, parent=self.lk.key)

    # -- intents, their slots and priorities ---------------------------------------------------------
    def write_intents(self) -> None:
        for intent in self.locale.intents.values():
            self._write_intent(intent)

    def _write_intent(self, intent: IntentDefinition) -> None:
        params = to_api_fields(intent)
        params.pop("intentId", None)
        params.pop("slotPriorities", None)
        try:
            if intent.parent_intent_signature == builtin_catalogue.FALLBACK_INTENT:
                doc = intents.update_intent(self.db, self.lk, intents.FALLBACK_ID, params)
            else:
                doc = intents.create_intent(self.db, self.lk, params)
        except AwsError as err:
            self.reasons.append(f"{self.where(f'Intent {intent.name}')}: {err.message}")
            return
        slot_ids: dict[str, str] = {}
        for slot in intent.slots.values():
            fields = to_api_fields(slot)
            fields.pop("slotId", None)
            if slot.slot_type_name in self.failed_types:
                continue  # its slot type was already reported
            fields["slotTypeId"] = self.type_ref(fields.get("slotTypeId"))
            sub = fields.get("subSlotSetting")
            if sub and sub.get("slotSpecifications"):
                sub = copy.deepcopy(sub)
                for spec in sub["slotSpecifications"].values():
                    spec["slotTypeId"] = self.type_ref(spec.get("slotTypeId"))
                fields["subSlotSetting"] = sub
            try:
                slot_ids[slot.name] = slots.create_slot(self.db, self.lk, doc["intentId"], fields)["slotId"]
            except AwsError as err:
                self.reasons.append(f"{self.where(f'Slot {slot.name} of intent {intent.name}')}: {err.message}")
        if intent.slot_priorities is not None and len(slot_ids) == len(intent.slots):
            stored = intents.load_intent(self.db, self.lk, doc["intentId"])
            stored["slotPriorities"] = [{"priority": p.priority, "slotId": slot_ids[p.slot_name]}
                                        for p in intent.slot_priorities if p.slot_name in slot_ids]
            intents.put_intent(self.db, self.lk, stored)

    # -- custom vocabulary ---------------------------------------------------------------------------
    def write_vocabulary(self) -> None:
        if self.locale.custom_vocabulary is None:
            return
        write_vocabulary_items(self.db, self.lk, vocabulary_params(self.locale.custom_vocabulary), self.reasons)


def vocabulary_params(items: list[Any]) -> list[Doc]:
    """Archive vocabulary items as BatchCreateCustomVocabularyItem items."""
    out = []
    for item in items:
        doc: Doc = {"phrase": item.phrase}
        if item.weight is not None:
            doc["weight"] = item.weight
        if item.display_as is not None:
            doc["displayAs"] = item.display_as
        out.append(doc)
    return out


def write_vocabulary_items(db: Database, lk: LocaleKey, items: list[Doc], reasons: list[str]) -> None:
    try:
        _, errors = custom_vocabulary.batch_create(db, lk, items)
    except AwsError as err:
        reasons.append(f"Custom vocabulary (locale {lk.locale_id}): {err.message}")
        return
    reasons.extend(f"Custom vocabulary (locale {lk.locale_id}): {e['errorMessage']}" for e in errors)


def write_locale_children(db: Database, lk: LocaleKey, locale: LocaleDefinition, reasons: list[str]) -> None:
    """Create every child of ``locale`` in the (new, empty) DRAFT locale ``lk``."""
    writer = _LocaleWriter(db, lk, locale, reasons)
    writer.write_slot_types()
    writer.write_intents()
    writer.write_vocabulary()
