"""Read what an import imports: the uploaded file (or, for a test set, its S3 input) parsed by the
archive library. Nothing here touches resources; every problem becomes an :class:`ImportRefused`.

| resource type     | accepted file                                                                  |
|-------------------|--------------------------------------------------------------------------------|
| Bot, BotLocale    | LexJson zip with a manifest of that type                                       |
| CustomVocabulary  | LexJson zip (manifest CustomVocabulary), or a zip holding one ``.tsv`` file     |
| TestSet           | a CSV, or a zip holding one ``.csv`` file; the uploaded file, else the CSV at   |
|                   | ``importInputLocation``                                                        |
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from dockyard.service_kit import S3Location, Scope, ServiceDeps
from dockyard.services.lexv2_models.errors import ImportRefused
from dockyard.services.lexv2_models.formats import (
    ArchiveError,
    BotDefinition,
    CustomVocabularyItem,
    LocaleDefinition,
    ResourceType,
    TestSet,
    read_entries,
    read_test_set_csv,
    read_vocabulary_tsv,
    read_zip_entries,
)
from dockyard.services.lexv2_models.formats.manifest import find_manifest
from dockyard.services.lexv2_models.resources import upload_store

NOT_UPLOADED = ("The import file was not uploaded: PUT the .zip archive to the uploadUrl that CreateUploadUrl "
                "returned, then call StartImport.")


MAX_IMPORT_FILE_BYTES = 50 * 1024 * 1024


def max_import_file_bytes() -> int:
    """The largest file an import reads: 50 MiB, the archive reader's uncompressed limit
    (``DOCKYARD_LEXV2_MAX_IMPORT_FILE_BYTES`` sets another, for tests)."""
    try:
        return int(os.environ.get("DOCKYARD_LEXV2_MAX_IMPORT_FILE_BYTES", MAX_IMPORT_FILE_BYTES))
    except ValueError:
        return MAX_IMPORT_FILE_BYTES


def _refuse_too_large(deps: ServiceDeps, location: S3Location, what: str) -> None:
    """Refuse a file over the limit before its bytes are read."""
    size, limit = deps.blobs.size_of(location), max_import_file_bytes()
    if size is not None and size > limit:
        raise ImportRefused([f"{what} is {size} bytes, more than the limit of {limit} bytes for a Lex V2 "
                             "import file."])


@dataclass
class ImportContent:
    """The parsed file: exactly one of the members is set, per the resource type."""

    bot: BotDefinition | None = None
    locale: LocaleDefinition | None = None
    vocabulary: list[CustomVocabularyItem] | None = None
    test_set: TestSet | None = None


def _entries(data: bytes, password: str | None) -> dict[str, bytes]:
    try:
        return read_zip_entries(data, password)
    except ArchiveError as err:
        raise ImportRefused(err.reasons) from None


def _archive(files: dict[str, bytes], expected: ResourceType) -> Any:
    try:
        return read_entries(files, expected=expected)
    except ArchiveError as err:
        raise ImportRefused(err.reasons) from None


def _single(files: dict[str, bytes], suffix: str) -> tuple[str, bytes] | None:
    found = [(n, d) for n, d in files.items() if n.lower().endswith(suffix)]
    return found[0] if len(found) == 1 else None


def read_vocabulary(files: dict[str, bytes]) -> list[CustomVocabularyItem]:
    if find_manifest(files) is None:
        tsv = _single(files, ".tsv")
        if tsv is not None:
            try:
                return read_vocabulary_tsv(tsv[1], tsv[0])
            except ArchiveError as err:
                raise ImportRefused(err.reasons) from None
    archive = _archive(files, ResourceType.CUSTOM_VOCABULARY)
    return next(iter(archive.vocabularies.values()))


def read_test_set(data: bytes, password: str | None, modality: str) -> TestSet:
    name, csv_bytes = "test-set.csv", data
    if data[:2] == b"PK":
        files = _entries(data, password)
        single = _single(files, ".csv")
        if single is None:
            raise ImportRefused([f"the archive must hold exactly one .csv file (found "
                                 f"{sum(n.lower().endswith('.csv') for n in files)})"])
        name, csv_bytes = single
    try:
        test_set = read_test_set_csv(csv_bytes, name)
    except ArchiveError as err:
        raise ImportRefused(err.reasons) from None
    if test_set.modality != modality:
        raise ImportRefused([f"{name}: the file holds a {test_set.modality} test set but the import's modality "
                             f"is {modality}"])
    return test_set


def fetch(deps: ServiceDeps, scope: Scope, import_id: str, spec_name: str, spec: dict[str, Any]) -> bytes:
    """The bytes to import: the upload, or (test sets without an upload) ``importInputLocation``."""
    uploaded = upload_store.upload_location(scope, import_id)
    _refuse_too_large(deps, uploaded, "The uploaded import file")
    data = upload_store.read(deps, uploaded)
    if data:
        return data
    if spec_name == "testSetImportResourceSpecification":
        where = spec["importInputLocation"]
        location = S3Location(where["s3BucketName"], where["s3Path"])
        if not deps.blobs.account_may(scope.account, "s3:GetObject", location):
            raise ImportRefused([
                f"Could not read the test set file {location.uri}: Access Denied (account {scope.account} is not "
                "authorized to perform s3:GetObject on it; the bucket belongs to another account)."
            ])
        _refuse_too_large(deps, location, f"The test set file {location.uri}")
        data = upload_store.read(deps, location)
        if data is None:
            raise ImportRefused([f"Could not read the test set file {location.uri}: the object does not exist."])
        return data
    raise ImportRefused([NOT_UPLOADED])


def read_content(data: bytes, spec_name: str, spec: dict[str, Any], password: str | None) -> ImportContent:
    """Parse ``data`` for the resource type ``spec_name`` names."""
    if spec_name == "testSetImportResourceSpecification":
        return ImportContent(test_set=read_test_set(data, password, spec["modality"]))
    files = _entries(data, password)
    if spec_name == "botImportSpecification":
        return ImportContent(bot=_archive(files, ResourceType.BOT).bot)
    if spec_name == "botLocaleImportSpecification":
        archive = _archive(files, ResourceType.BOT_LOCALE)
        return ImportContent(locale=next(iter(archive.locales.values())))
    return ImportContent(vocabulary=read_vocabulary(files))
