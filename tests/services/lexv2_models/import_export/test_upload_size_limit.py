"""An import file over Lex V2's import file limit (50 MiB; lowered through the environment here) fails
the import with a failure reason naming both sizes, before its bytes are read; a file of exactly the
limit imports. Both front doors."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config

import dockyard
from dockyard.services.lexv2_models.resources.import_source import MAX_IMPORT_FILE_BYTES, max_import_file_bytes
from tests.conftest import CREDENTIALS, ServerProcess
from tests.services.lexv2_models.import_export.archives import small_bot_archive
from tests.services.lexv2_models.import_export.helpers import bot_spec, import_file, unique, wait_import
from tests.services.lexv2_models.resources.airline import ROLE_ARN

NAME = "SizedBot"
ARCHIVE = small_bot_archive(NAME)
LIMIT = len(ARCHIVE)
ENV = {"DOCKYARD_LEXV2_MAX_IMPORT_FILE_BYTES": str(LIMIT)}


def _with_comment(data: bytes, comment: bytes) -> bytes:
    """The same archive, ``len(comment)`` bytes longer (a zip comment)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.comment = comment
    return out.getvalue()


@pytest.fixture(params=["mock", "server"])
def door(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], Any]]:
    """A boto3 client factory for one front door, with the import file limit lowered to ``LIMIT``."""
    if request.param == "server":
        server = ServerProcess(env=ENV)
        try:
            yield server.client
        finally:
            server.stop()
        return
    monkeypatch.setenv("DOCKYARD_LEXV2_MAX_IMPORT_FILE_BYTES", str(LIMIT))
    with dockyard.mock():
        yield lambda service: boto3.client(service, config=Config(retries={"max_attempts": 1}), **CREDENTIALS)


@pytest.fixture
def lex(door: Callable[[str], Any]) -> Any:
    return door("lexv2-models")


@pytest.fixture
def s3_client(door: Callable[[str], Any]) -> Any:
    return door("s3")


def test_import_file_over_the_limit_fails_with_its_size(lex: Any) -> None:
    assert len(_with_comment(ARCHIVE, b"")) == LIMIT
    too_big = _with_comment(ARCHIVE, b"x")
    answer = import_file(lex, too_big, bot_spec(unique("Big")))
    assert answer["importStatus"] == "Failed"
    assert answer["failureReasons"] == [f"The uploaded import file is {LIMIT + 1} bytes, more than the limit of "
                                        f"{LIMIT} bytes for a Lex V2 import file."]
    assert lex.list_bots()["botSummaries"] == []
    fits = import_file(lex, ARCHIVE, bot_spec(NAME))
    assert fits["importStatus"] == "Completed", fits.get("failureReasons")


def test_test_set_file_over_the_limit_fails_with_its_size(lex: Any, s3_client: Any) -> None:
    s3_client.create_bucket(Bucket="big-test-sets")
    s3_client.put_object(Bucket="big-test-sets", Key="set.csv", Body=b"x" * (LIMIT + 1))
    import_id = lex.create_upload_url()["importId"]  # nothing PUT: the CSV is read from S3
    spec = {"testSetImportResourceSpecification": {
        "testSetName": unique("big"), "roleArn": ROLE_ARN, "modality": "Text",
        "storageLocation": {"s3BucketName": "lex-test-set-store", "s3Path": "sets/"},
        "importInputLocation": {"s3BucketName": "big-test-sets", "s3Path": "set.csv"}}}
    lex.start_import(importId=import_id, resourceSpecification=spec, mergeStrategy="FailOnConflict")
    answer = wait_import(lex, import_id)
    assert answer["importStatus"] == "Failed"
    assert answer["failureReasons"] == [f"The test set file s3://big-test-sets/set.csv is {LIMIT + 1} bytes, more "
                                        f"than the limit of {LIMIT} bytes for a Lex V2 import file."]


def test_default_limit_is_50_mib(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DOCKYARD_LEXV2_MAX_IMPORT_FILE_BYTES", raising=False)
    assert max_import_file_bytes() == MAX_IMPORT_FILE_BYTES == 50 * 1024 * 1024
