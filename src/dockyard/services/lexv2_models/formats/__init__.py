"""Lex V2 import/export archives (LexJson zip, custom-vocabulary TSV, test-set CSV): a pure library.

No HTTP and no storage: bytes in, definition model out, and back. See ``docs/lexv2-archive.md``.
"""

from .api_fields import from_api_fields, to_api_fields
from .errors import ArchiveError
from .layout import export_file_name
from .limits import DEFAULT_LIMITS, ZipLimits
from .manifest import Manifest
from .model import (
    BotDefinition,
    CustomVocabularyDefinition,
    CustomVocabularyItem,
    IntentDefinition,
    LocaleDefinition,
    SlotDefinition,
    SlotPriority,
    SlotTypeDefinition,
)
from .reader import (
    LexArchive,
    read_archive,
    read_bot_archive,
    read_bot_locale_archive,
    read_custom_vocabulary_archive,
    read_entries,
)
from .resource_type import ResourceType
from .safe_zip import read_zip_entries
from .test_set_csv import TestSet, TestSetTurn, read_test_set_csv, write_test_set_csv
from .vocabulary_tsv import read_vocabulary_tsv, write_vocabulary_tsv
from .writer import (
    bot_archive_files,
    bot_locale_archive_files,
    custom_vocabulary_archive_files,
    write_bot_archive,
    write_bot_locale_archive,
    write_custom_vocabulary_archive,
    zip_files,
)

__all__ = [
    "DEFAULT_LIMITS",
    "ArchiveError",
    "BotDefinition",
    "CustomVocabularyDefinition",
    "CustomVocabularyItem",
    "IntentDefinition",
    "LexArchive",
    "LocaleDefinition",
    "Manifest",
    "ResourceType",
    "SlotDefinition",
    "SlotPriority",
    "SlotTypeDefinition",
    "TestSet",
    "TestSetTurn",
    "ZipLimits",
    "bot_archive_files",
    "bot_locale_archive_files",
    "custom_vocabulary_archive_files",
    "export_file_name",
    "from_api_fields",
    "read_archive",
    "read_bot_archive",
    "read_bot_locale_archive",
    "read_custom_vocabulary_archive",
    "read_entries",
    "read_test_set_csv",
    "read_vocabulary_tsv",
    "read_zip_entries",
    "to_api_fields",
    "write_bot_archive",
    "write_bot_locale_archive",
    "write_custom_vocabulary_archive",
    "write_test_set_csv",
    "write_vocabulary_tsv",
    "zip_files",
]
