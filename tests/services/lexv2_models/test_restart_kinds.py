"""Lex V2 builds, versions and aliases in progress when Dockyard stops (in-process, same data dir):
after the restart each job is retried and its resource reaches the status it was heading for, once;
none is left Building, Versioning or Creating."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import boto3
from moto import mock_aws

import dockyard
from tests.services.lexv2_models.import_export.conftest import CREDENTIALS
from tests.services.lexv2_models.import_export.helpers import new_bot_with_locale

SERVICE = "lexv2-models"


def _held(mock: Any, *kinds: str) -> None:
    for kind in kinds:
        mock.jobs.set_default_clock("manual", SERVICE, kind)


def _finish_recovered(mock: Any, kind: str) -> None:
    (job,) = mock.jobs.list(service=SERVICE, kind=kind, active=True)
    assert job.attempt == 2
    mock.jobs.advance(job.id, to=mock.jobs.kind(SERVICE, kind).success_status)
    assert mock.jobs.wait(job.id).status == mock.jobs.kind(SERVICE, kind).success_status


def test_build_version_and_alias_interrupted_by_a_restart_complete(tmp_path: Path) -> None:
    with mock_aws():
        with dockyard.mock(data_dir=tmp_path) as mock:
            client = boto3.client(SERVICE, **CREDENTIALS)
            ids = new_bot_with_locale(client, "Restarted")
            _held(mock, "locale-build")
            client.build_bot_locale(**ids)
            assert client.describe_bot_locale(**ids)["botLocaleStatus"] == "Building"
        with dockyard.mock(data_dir=tmp_path) as mock:
            client = boto3.client(SERVICE, **CREDENTIALS)
            _finish_recovered(mock, "locale-build")
            assert client.describe_bot_locale(**ids)["botLocaleStatus"] == "Built"
            _held(mock, "version-create", "alias-create")
            version = client.create_bot_version(botId=ids["botId"], botVersionLocaleSpecification={
                ids["localeId"]: {"sourceBotVersion": "DRAFT"}})["botVersion"]
            alias_id = client.create_bot_alias(botId=ids["botId"], botAliasName="live")["botAliasId"]
            assert client.describe_bot_version(botId=ids["botId"], botVersion=version)["botStatus"] == "Versioning"
            assert client.describe_bot_alias(botId=ids["botId"], botAliasId=alias_id)["botAliasStatus"] == "Creating"
        with dockyard.mock(data_dir=tmp_path) as mock:
            client = boto3.client(SERVICE, **CREDENTIALS)
            _finish_recovered(mock, "version-create")
            _finish_recovered(mock, "alias-create")
            assert client.describe_bot_version(botId=ids["botId"], botVersion=version)["botStatus"] == "Available"
            assert client.describe_bot(botId=ids["botId"])["botStatus"] == "Available"
            assert client.describe_bot_alias(botId=ids["botId"], botAliasId=alias_id)["botAliasStatus"] == "Available"
            versions = client.list_bot_versions(botId=ids["botId"])["botVersionSummaries"]
            assert sorted(v["botVersion"] for v in versions) == ["1", "DRAFT"]
