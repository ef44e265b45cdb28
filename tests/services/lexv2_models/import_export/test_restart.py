"""Imports and exports interrupted by a stop or a SIGKILL: recovery must know whether the job's
effects were committed (they are committed with the import's Completed mark in one transaction)."""

from __future__ import annotations

import signal
import time
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws

import dockyard
from dockyard.services.lexv2_models.resources import imports
from dockyard.services.lexv2_models.resources.import_apply import apply_import
from dockyard.services.lexv2_models.resources.import_source import fetch, read_content
from tests.conftest import ServerProcess
from tests.server.test_restart_recovery import external_s3  # noqa: F401  (fixture)
from tests.services.lexv2_models.import_export.archives import (
    locale_archive,
    small_bot_archive,
    vocabulary_archive,
)
from tests.services.lexv2_models.import_export.conftest import CREDENTIALS
from tests.services.lexv2_models.import_export.helpers import (
    bot_spec,
    new_bot_with_locale,
    upload,
    wait_export,
    wait_import,
)


def test_import_committed_before_a_stop_completes_after_the_restart(tmp_path: Path) -> None:
    """The state a kill just after the commit leaves: effects and Completed mark written, job record
    still InProgress. The retry must not apply the file again (FailOnConflict would then fail it)."""
    with mock_aws():
        with dockyard.mock(data_dir=tmp_path, job_clock="manual") as mock:
            client = boto3.client("lexv2-models", **CREDENTIALS)
            import_id = upload(client, small_bot_archive("Committed"))
            client.start_import(importId=import_id, resourceSpecification=bot_spec("Committed"),
                                mergeStrategy="FailOnConflict")
            job = mock.jobs.get(import_id)
            deps, scope, params = mock.runtime, job.scope, job.input
            content = read_content(fetch(deps, scope, import_id, params["specName"], params["spec"]),
                                   params["specName"], params["spec"], None)
            with deps.db.transaction():  # what the job's commit writes, the job record left behind
                resource_id, name = apply_import(deps.db, scope, params["specName"], params["spec"], content,
                                                 params["mergeStrategy"])
                imports.record_applied(deps.db, scope, import_id, resource_id, name)
            assert mock.jobs.get(import_id).status == "InProgress"
        with dockyard.mock(data_dir=tmp_path) as restarted:
            client = boto3.client("lexv2-models", **CREDENTIALS)
            restarted.jobs.advance(import_id)
            answer = wait_import(client, import_id)
            assert answer["importStatus"] == "Completed", answer["failureReasons"]
            assert restarted.jobs.get(import_id).status == "Completed"
            assert [b["botName"] for b in client.list_bots()["botSummaries"]] == ["Committed"]


TEST_SET_CSV = b"Line #,Conversation #,Source,Input,Expected Output Intent\r\n1,-,User,hello,Greeting\r\n"


def _test_set_spec(name: str) -> dict[str, Any]:
    return {"testSetImportResourceSpecification": {
        "testSetName": name, "roleArn": "arn:aws:iam::123456789012:role/LexTestSets",
        "storageLocation": {"s3BucketName": "lex-test-set-store", "s3Path": "sets/"},
        "importInputLocation": {"s3BucketName": "lex-test-sets", "s3Path": "set.csv"}, "modality": "Text"}}


def _commit_without_the_job(mock: Any, import_id: str) -> None:
    """What a process killed right after the import's commit left (before the engine wrote the two
    together): the effects and the imported resource's name are in, the job record is InProgress."""
    job = mock.jobs.get(import_id)
    deps, scope, params = mock.runtime, job.scope, job.input
    content = read_content(fetch(deps, scope, import_id, params["specName"], params["spec"]),
                           params["specName"], params["spec"], None)
    with deps.db.transaction():
        resource_id, name = apply_import(deps.db, scope, params["specName"], params["spec"], content,
                                         params["mergeStrategy"])
        imports.record_applied(deps.db, scope, import_id, resource_id, name)
    assert mock.jobs.get(import_id).status == "InProgress"


def test_vocabulary_import_committed_before_a_stop_is_not_applied_again(tmp_path: Path) -> None:
    """FailOnConflict: applying the file a second time would clash with its own phrases."""
    with mock_aws():
        with dockyard.mock(data_dir=tmp_path):
            ids = new_bot_with_locale(boto3.client("lexv2-models", **CREDENTIALS), "Vocab")
        with dockyard.mock(data_dir=tmp_path, job_clock="manual") as mock:
            client = boto3.client("lexv2-models", **CREDENTIALS)
            import_id = upload(client, vocabulary_archive([("pepperoni", 2), ("calzone", None)]))
            client.start_import(importId=import_id, resourceSpecification={"customVocabularyImportSpecification": ids},
                                mergeStrategy="FailOnConflict")
            _commit_without_the_job(mock, import_id)
        with dockyard.mock(data_dir=tmp_path) as restarted:
            client = boto3.client("lexv2-models", **CREDENTIALS)
            restarted.jobs.advance(import_id)
            answer = wait_import(client, import_id)
            assert answer["importStatus"] == "Completed", answer["failureReasons"]
            items = client.list_custom_vocabulary_items(**ids, maxResults=100)["customVocabularyItems"]
            assert sorted((i["phrase"], i.get("weight")) for i in items) == [("calzone", None), ("pepperoni", 2)]


def test_test_set_append_committed_before_a_stop_is_not_appended_twice(tmp_path: Path) -> None:
    with mock_aws():
        with dockyard.mock(data_dir=tmp_path):
            client = boto3.client("lexv2-models", **CREDENTIALS)
            first = wait_import(client, _start(client, TEST_SET_CSV, _test_set_spec("Appended"), "FailOnConflict"))
            test_set_id = first["importedResourceId"]
        with dockyard.mock(data_dir=tmp_path, job_clock="manual") as mock:
            client = boto3.client("lexv2-models", **CREDENTIALS)
            import_id = _start(client, TEST_SET_CSV, _test_set_spec("Appended"), "Append")
            _commit_without_the_job(mock, import_id)
        with dockyard.mock(data_dir=tmp_path) as restarted:
            client = boto3.client("lexv2-models", **CREDENTIALS)
            restarted.jobs.advance(import_id)
            answer = wait_import(client, import_id)
            assert answer["importStatus"] == "Completed", answer["failureReasons"]
            assert answer["importedResourceId"] == test_set_id
            assert client.describe_test_set(testSetId=test_set_id)["numTurns"] == 2  # one turn, appended once


def _start(client: Any, data: bytes, spec: dict[str, Any], merge: str) -> str:
    import_id = upload(client, data)
    client.start_import(importId=import_id, resourceSpecification=spec, mergeStrategy=merge)
    return import_id


def _wait(read: Any, member: str, timeout: float = 30.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while (got := read())[member] == "InProgress":
        assert time.monotonic() < deadline, got
        time.sleep(0.05)
    return got


def _server_env(s3: str) -> dict[str, str]:
    return {"DOCKYARD_S3_ENDPOINT": s3, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": "us-east-1"}


@pytest.mark.slow
@pytest.mark.parametrize("kill_after", [0.0, 0.2, 0.6, 0.8, 1.0])
def test_sigkill_during_a_bot_import_then_restart(tmp_path: Path, external_s3: str, kill_after: float) -> None:  # noqa: F811
    env = _server_env(external_s3)
    server = ServerProcess("--job-clock", "instant", data_dir=tmp_path, env=env)
    try:
        client = server.client("lexv2-models")
        intents = tuple(f"Intent{i}" for i in range(100))
        import_id = upload(client, small_bot_archive("Killed", intents=intents))
        client.start_import(importId=import_id, resourceSpecification=bot_spec("Killed"),
                            mergeStrategy="FailOnConflict")
        time.sleep(kill_after)
    finally:
        server.stop(signal.SIGKILL)
    restarted = ServerProcess(data_dir=tmp_path, env=env)
    try:
        client = restarted.client("lexv2-models")
        got = _wait(lambda: client.describe_import(importId=import_id), "importStatus")
        assert got["importStatus"] == "Completed", got["failureReasons"]
        assert [b["botName"] for b in client.list_bots()["botSummaries"]] == ["Killed"]
    finally:
        restarted.stop()


@pytest.mark.slow
def test_sigkill_during_a_locale_import_then_restart(tmp_path: Path, external_s3: str) -> None:  # noqa: F811
    env = _server_env(external_s3)
    ids = _bot_before(tmp_path, env, "LocaleTarget", "en_GB")
    server = ServerProcess("--job-clock", "manual", data_dir=tmp_path, env=env)
    try:
        client = server.client("lexv2-models")
        import_id = upload(client, locale_archive("LocaleTarget", locale_id="en_US"))
        spec = {"botLocaleImportSpecification": {"botId": ids["botId"], "botVersion": "DRAFT", "localeId": "en_US"}}
        client.start_import(importId=import_id, resourceSpecification=spec, mergeStrategy="FailOnConflict")
        assert client.describe_import(importId=import_id)["importStatus"] == "InProgress"
    finally:
        server.stop(signal.SIGKILL)
    restarted = ServerProcess(data_dir=tmp_path, env=env)
    try:
        client = restarted.client("lexv2-models")
        _set_instant(restarted, import_id)
        got = _wait(lambda: client.describe_import(importId=import_id), "importStatus")
        assert got["importStatus"] == "Completed", got["failureReasons"]
        locales = client.list_bot_locales(botId=ids["botId"], botVersion="DRAFT")["botLocaleSummaries"]
        assert sorted(s["localeId"] for s in locales) == ["en_GB", "en_US"]
    finally:
        restarted.stop()


@pytest.mark.slow
def test_sigkill_during_an_export_then_restart(tmp_path: Path, external_s3: str) -> None:  # noqa: F811
    env = _server_env(external_s3)
    bot_id = _bot_before(tmp_path, env, "Exported", "en_US")["botId"]
    server = ServerProcess("--job-clock", "manual", data_dir=tmp_path, env=env)
    try:
        client = server.client("lexv2-models")
        export_id = client.create_export(resourceSpecification={"botExportSpecification": {
            "botId": bot_id, "botVersion": "DRAFT"}}, fileFormat="LexJson")["exportId"]
        assert client.describe_export(exportId=export_id)["exportStatus"] == "InProgress"
    finally:
        server.stop(signal.SIGKILL)
    restarted = ServerProcess(data_dir=tmp_path, env=env)
    try:
        client = restarted.client("lexv2-models")
        _set_instant(restarted, export_id)
        got = wait_export(client, export_id)
        assert got["exportStatus"] == "Completed", got["failureReasons"]
        assert client.describe_export(exportId=export_id)["downloadUrl"]
    finally:
        restarted.stop()


def _bot_before(tmp_path: Path, env: dict[str, str], name: str, locale_id: str) -> dict[str, str]:
    """A bot imported (and the server stopped cleanly) before the run that is killed."""
    server = ServerProcess("--job-clock", "instant", data_dir=tmp_path, env=env)
    try:
        return new_bot_with_locale(server.client("lexv2-models"), name, locale_id=locale_id)
    finally:
        server.stop()


def _set_instant(server: ServerProcess, job_id: str) -> None:
    from tests.server.test_restart_recovery import _control

    _control(server, "POST", f"/jobs/{job_id}/clock", {"clock": "instant"})
