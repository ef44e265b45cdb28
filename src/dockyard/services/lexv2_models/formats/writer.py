"""Write the definition model as a LexJson archive in AWS's layout.

Entries are deflated, have no directory entries and use ``/`` separators (as real exports);
each JSON file is one compact line with keys in the real export's order. With a ``password``
every entry is encrypted with WinZip AES-256 (pyzipper ``WZ_AES``).
"""

from __future__ import annotations

import io
import time
import zipfile

import pyzipper

from .file_fields import BOT_FIELDS, INTENT_FIELDS, LOCALE_FIELDS, SLOT_FIELDS, SLOT_TYPE_FIELDS
from .json_codec import dump_json
from .layout import bot_path, intent_path, locale_path, slot_path, slot_type_path, vocabulary_path
from .manifest import MANIFEST_NAME, manifest_bytes
from .model import BotDefinition, CustomVocabularyItem, LocaleDefinition
from .resource_codec import encode_resource
from .resource_type import ResourceType
from .vocabulary_json import encode_vocabulary

DateTime = tuple[int, int, int, int, int, int]


def bot_archive_files(bot: BotDefinition) -> dict[str, bytes]:
    """``{entry path: content}`` of a Bot export, in writing order (manifest first)."""
    files = {
        MANIFEST_NAME: manifest_bytes(ResourceType.BOT),
        bot_path(bot.name): dump_json(encode_resource(bot, BOT_FIELDS, "bot")),
    }
    for locale in bot.locales.values():
        files.update(_locale_files(bot.name, locale))
    return files


def bot_locale_archive_files(bot_name: str, locale: LocaleDefinition) -> dict[str, bytes]:
    """Files of a BotLocale export: the manifest and the locale tree under ``<bot_name>/``."""
    return {MANIFEST_NAME: manifest_bytes(ResourceType.BOT_LOCALE), **_locale_files(bot_name, locale)}


def custom_vocabulary_archive_files(
    bot_name: str, locale_id: str, items: list[CustomVocabularyItem]
) -> dict[str, bytes]:
    """Files of a CustomVocabulary export (LexJson form)."""
    return {
        MANIFEST_NAME: manifest_bytes(ResourceType.CUSTOM_VOCABULARY),
        vocabulary_path(bot_name, locale_id): dump_json(encode_vocabulary(items)),
    }


def _locale_files(bot: str, locale: LocaleDefinition) -> dict[str, bytes]:
    loc = locale.locale_id
    files = {locale_path(bot, loc): dump_json(encode_resource(locale, LOCALE_FIELDS, "locale"))}
    for intent in locale.intents.values():
        files[intent_path(bot, loc, intent.name)] = dump_json(
            encode_resource(intent, INTENT_FIELDS, "intent")
        )
        for slot in intent.slots.values():
            files[slot_path(bot, loc, intent.name, slot.name)] = dump_json(
                encode_resource(slot, SLOT_FIELDS, "slot")
            )
    for slot_type in locale.slot_types.values():
        files[slot_type_path(bot, loc, slot_type.name)] = dump_json(
            encode_resource(slot_type, SLOT_TYPE_FIELDS, "slot_type")
        )
    if locale.custom_vocabulary is not None:
        files[vocabulary_path(bot, loc)] = dump_json(encode_vocabulary(locale.custom_vocabulary))
    return files


def write_bot_archive(
    bot: BotDefinition, *, password: str | None = None, date_time: DateTime | None = None
) -> bytes:
    """The zip of a Bot export."""
    return zip_files(bot_archive_files(bot), password=password, date_time=date_time)


def write_bot_locale_archive(
    bot_name: str, locale: LocaleDefinition, *, password: str | None = None, date_time: DateTime | None = None
) -> bytes:
    """The zip of a BotLocale export."""
    return zip_files(bot_locale_archive_files(bot_name, locale), password=password, date_time=date_time)


def write_custom_vocabulary_archive(
    bot_name: str,
    locale_id: str,
    items: list[CustomVocabularyItem],
    *,
    password: str | None = None,
    date_time: DateTime | None = None,
) -> bytes:
    """The zip of a CustomVocabulary export in LexJson form."""
    files = custom_vocabulary_archive_files(bot_name, locale_id, items)
    return zip_files(files, password=password, date_time=date_time)


def zip_files(
    files: dict[str, bytes], *, password: str | None = None, date_time: DateTime | None = None
) -> bytes:
    """Deflate ``files`` into a zip (AES-256 encrypted when ``password`` is given)."""
    stamp = date_time or time.gmtime()[:6]
    buffer = io.BytesIO()
    if password:
        archive: zipfile.ZipFile = pyzipper.AESZipFile(
            buffer, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
        )
        archive.setpassword(password.encode("utf-8"))
    else:
        archive = zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED)
    info_cls = getattr(archive, "zipinfo_cls", zipfile.ZipInfo)
    with archive:
        for name, content in files.items():
            info = info_cls(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()
