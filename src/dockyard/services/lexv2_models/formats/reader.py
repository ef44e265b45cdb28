"""Read a LexJson archive (bot, bot locale or custom vocabulary) into the definition model.

Every problem found is reported at once in one :class:`ArchiveError` (JSON errors, schema
violations, missing files, name mismatches, dangling references), except the zip-level
refusals of :mod:`.safe_zip` and a missing/invalid manifest, which stop reading early.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import ArchiveError
from .file_fields import BOT_FIELDS, INTENT_FIELDS, LOCALE_FIELDS, SLOT_FIELDS, SLOT_TYPE_FIELDS
from .json_codec import parse_json
from .layout import EntryKind, EntryRef, classify, locale_dir
from .limits import DEFAULT_LIMITS, ZipLimits
from .manifest import Manifest, find_manifest, parse_manifest
from .model import (
    BotDefinition,
    CustomVocabularyDefinition,
    CustomVocabularyItem,
    IntentDefinition,
    LocaleDefinition,
    SlotDefinition,
    SlotTypeDefinition,
)
from .references import reference_reasons
from .resource_codec import decode_resource
from .resource_type import ResourceType
from .safe_zip import read_zip_entries
from .vocabulary_json import decode_vocabulary


@dataclass
class LexArchive:
    """Everything a LexJson archive held."""

    manifest: Manifest
    bot_folder: str | None
    """The top-level folder (the exporting bot's name), ``None`` for a bare ``BotLocales/`` tree."""
    bot: BotDefinition | None
    """From ``Bot.json`` (always present for a Bot archive); ``bot.locales is locales``."""
    locales: dict[str, LocaleDefinition]
    vocabularies: dict[str, list[CustomVocabularyItem]]
    """``CustomVocabulary.json`` items per locale id (also attached to ``locales`` when present)."""
    ignored_entries: list[str] = field(default_factory=list)
    """Files outside the layout (e.g. a README), which AWS's format does not define."""

    @property
    def resource_type(self) -> ResourceType:
        return self.manifest.resource_type


def read_archive(
    data: bytes,
    *,
    password: str | None = None,
    expected: ResourceType | None = None,
    limits: ZipLimits = DEFAULT_LIMITS,
) -> LexArchive:
    """Open ``data`` safely and read it; ``expected`` rejects another manifest resource type."""
    return read_entries(read_zip_entries(data, password, limits), expected=expected)


def read_bot_archive(
    data: bytes, *, password: str | None = None, limits: ZipLimits = DEFAULT_LIMITS
) -> BotDefinition:
    """The bot of a ``Bot`` archive (for ``botImportSpecification``)."""
    archive = read_archive(data, password=password, expected=ResourceType.BOT, limits=limits)
    assert archive.bot is not None  # guaranteed for a Bot archive
    return archive.bot


def read_bot_locale_archive(
    data: bytes, *, password: str | None = None, limits: ZipLimits = DEFAULT_LIMITS
) -> LocaleDefinition:
    """The single locale of a ``BotLocale`` archive (for ``botLocaleImportSpecification``)."""
    archive = read_archive(data, password=password, expected=ResourceType.BOT_LOCALE, limits=limits)
    return next(iter(archive.locales.values()))


def read_custom_vocabulary_archive(
    data: bytes, *, password: str | None = None, limits: ZipLimits = DEFAULT_LIMITS
) -> CustomVocabularyDefinition:
    """The items of a ``CustomVocabulary`` archive (for ``customVocabularyImportSpecification``)."""
    archive = read_archive(data, password=password, expected=ResourceType.CUSTOM_VOCABULARY, limits=limits)
    locale_id, items = next(iter(archive.vocabularies.items()))
    return CustomVocabularyDefinition(locale_id, items)


def read_entries(files: dict[str, bytes], *, expected: ResourceType | None = None) -> LexArchive:
    """Read already-opened archive entries (``{path: bytes}``)."""
    manifest_name = find_manifest(files)
    if manifest_name is None:
        raise ArchiveError(["Manifest.json is missing from the archive root"])
    manifest = parse_manifest(manifest_name, files[manifest_name])
    if expected is not None and manifest.resource_type is not expected:
        raise ArchiveError(
            [
                f"{manifest_name}: expected a {expected.value} archive but the manifest declares "
                f"{manifest.resource_type.value}"
            ]
        )
    return _Assembler(manifest, files, manifest_name).run()


class _Assembler:
    """Decodes every classified entry, then links children to parents and checks the whole."""

    def __init__(self, manifest: Manifest, files: dict[str, bytes], manifest_name: str) -> None:
        self.manifest = manifest
        self.files = files
        self.manifest_name = manifest_name
        self.reasons: list[str] = []
        self.ignored: list[str] = []
        self.root: str | None = None
        self.bot: BotDefinition | None = None
        self.locales: dict[str, LocaleDefinition] = {}
        self.intents: dict[tuple[str, str], IntentDefinition] = {}
        self.slots: dict[tuple[str, str], dict[str, SlotDefinition]] = {}
        self.slot_types: dict[str, dict[str, SlotTypeDefinition]] = {}
        self.vocabularies: dict[str, list[CustomVocabularyItem]] = {}
        self.seen_locale_dirs: list[str] = []

    def run(self) -> LexArchive:
        refs = self._classify()
        for name, ref in refs.items():
            self._decode(name, ref)
        self._link()
        self._check_kind()
        if self.reasons:
            raise ArchiveError(list(dict.fromkeys(self.reasons)))
        if self.bot is not None:
            self.bot.locales = self.locales
        return LexArchive(self.manifest, self.root, self.bot, self.locales, self.vocabularies, self.ignored)

    def _classify(self) -> dict[str, EntryRef]:
        refs: dict[str, EntryRef] = {}
        for name in self.files:
            if name == self.manifest_name:
                continue
            ref = classify(name)
            if ref is None:
                self.ignored.append(name)
            else:
                refs[name] = ref
        roots = sorted({r.root for r in refs.values() if r.root is not None})
        if len(roots) > 1:
            self.reasons.append(f"the archive must hold one bot folder but holds several: {', '.join(roots)}")
        self.root = roots[0] if roots else None
        return refs

    def _dir(self, locale: str) -> str:
        return locale_dir(self.root, locale) if self.root else f"BotLocales/{locale}"

    def _decode(self, name: str, ref: EntryRef) -> None:
        try:
            raw = parse_json(name, self.files[name])
        except ArchiveError as err:
            self.reasons.extend(err.reasons)
            return
        if ref.locale is not None and ref.locale not in self.seen_locale_dirs:
            self.seen_locale_dirs.append(ref.locale)
        out = self.reasons
        if ref.kind is EntryKind.BOT:
            self.bot = decode_resource(name, raw, BotDefinition, BOT_FIELDS, "bot", out)
        elif ref.kind is EntryKind.LOCALE:
            locale = decode_resource(name, raw, LocaleDefinition, LOCALE_FIELDS, "locale", out)
            if locale is not None and self._named(name, "identifier", locale.locale_id, ref.locale):
                self.locales[locale.locale_id] = locale
        elif ref.kind is EntryKind.INTENT:
            intent = decode_resource(name, raw, IntentDefinition, INTENT_FIELDS, "intent", out)
            if intent is not None and self._named(name, "name", intent.name, ref.intent):
                self.intents[(ref.locale, intent.name)] = intent  # type: ignore[index]
        elif ref.kind is EntryKind.SLOT:
            slot = decode_resource(name, raw, SlotDefinition, SLOT_FIELDS, "slot", out)
            if slot is not None and self._named(name, "name", slot.name, ref.slot):
                self.slots.setdefault((ref.locale, ref.intent), {})[slot.name] = slot  # type: ignore[arg-type]
        elif ref.kind is EntryKind.SLOT_TYPE:
            slot_type = decode_resource(name, raw, SlotTypeDefinition, SLOT_TYPE_FIELDS, "slot_type", out)
            if slot_type is not None and self._named(name, "name", slot_type.name, ref.slot_type):
                self.slot_types.setdefault(ref.locale, {})[slot_type.name] = slot_type  # type: ignore[arg-type]
        else:
            items = decode_vocabulary(name, raw, out)
            if items is not None:
                self.vocabularies[ref.locale] = items  # type: ignore[index]

    def _named(self, path: str, key: str, value: str, folder: str | None) -> bool:
        if value != folder:
            self.reasons.append(f"{path}: field '{key}' is {value!r} but the folder is named {folder!r}")
            return False
        return True

    def _link(self) -> None:
        needs_locale_file = self.manifest.resource_type is not ResourceType.CUSTOM_VOCABULARY
        for (locale_id, intent_name), slots in self.slots.items():
            intent = self.intents.get((locale_id, intent_name))
            if intent is None:
                if not self._failed_file(f"{self._dir(locale_id)}/Intents/{intent_name}/Intent.json"):
                    self.reasons.append(
                        f"{self._dir(locale_id)}/Intents/{intent_name}/Intent.json is missing "
                        "(the intent has Slot.json files)"
                    )
                continue
            intent.slots = slots
        for locale_id in self.seen_locale_dirs:
            locale = self.locales.get(locale_id)
            if locale is None:
                path = f"{self._dir(locale_id)}/BotLocale.json"
                if needs_locale_file and not self._failed_file(path):
                    self.reasons.append(f"{path} is missing")
                continue
            locale.intents = {n: i for (loc, n), i in self.intents.items() if loc == locale_id}
            locale.slot_types = self.slot_types.get(locale_id, {})
            locale.custom_vocabulary = self.vocabularies.get(locale_id)
            self.reasons.extend(reference_reasons(locale, self._dir(locale_id), frozenset(self.files)))

    def _failed_file(self, path: str) -> bool:
        """Whether ``path`` exists but was already reported as invalid."""
        return path in self.files

    def _check_kind(self) -> None:
        kind = self.manifest.resource_type
        if kind is ResourceType.BOT:
            if self.bot is None and not any(n.endswith("/Bot.json") for n in self.files):
                self.reasons.append("Bot.json is missing (expected <BotName>/Bot.json)")
        elif kind is ResourceType.BOT_LOCALE:
            if len(self.seen_locale_dirs) != 1:
                found = ", ".join(self.seen_locale_dirs) or "none"
                self.reasons.append(f"a BotLocale archive must hold exactly one locale (found: {found})")
        elif len(self.vocabularies) != 1 and not self.reasons:
            self.reasons.append(
                "a CustomVocabulary archive must hold exactly one "
                "BotLocales/<localeId>/CustomVocabulary/CustomVocabulary.json "
                f"(found {len(self.vocabularies)})"
            )
