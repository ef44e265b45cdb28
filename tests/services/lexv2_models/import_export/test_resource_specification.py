"""StartImport and CreateExport take exactly one resource specification member."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

ROLE = "arn:aws:iam::123456789012:role/LexImport"


def test_start_import_refuses_zero_or_two_members(aws) -> None:
    lex = aws("lexv2-models")
    import_id = lex.create_upload_url()["importId"]
    for spec in ({}, {"botImportSpecification": {"botName": "Two", "roleArn": ROLE,
                                                 "dataPrivacy": {"childDirected": False},
                                                 "idleSessionTTLInSeconds": 300},
                      "testSetImportResourceSpecification": {
                          "testSetName": "ts", "roleArn": ROLE,
                          "storageLocation": {"s3BucketName": "bucket", "s3Path": "p"},
                          "importInputLocation": {"s3BucketName": "bucket", "s3Path": "p"},
                          "modality": "Text"}}):
        with pytest.raises(ClientError) as info:
            lex.start_import(importId=import_id, resourceSpecification=spec, mergeStrategy="Overwrite")
        error = info.value.response["Error"]
        assert error["Code"] == "ValidationException"
        assert error["Message"] == (
            "resourceSpecification must have exactly one member: botImportSpecification, "
            "botLocaleImportSpecification, customVocabularyImportSpecification or "
            "testSetImportResourceSpecification.")


def test_create_export_refuses_two_members(aws) -> None:
    lex = aws("lexv2-models")
    spec = {"botExportSpecification": {"botId": "ABCDEFGHIJ", "botVersion": "DRAFT"},
            "testSetExportSpecification": {"testSetId": "ABCDEFGHIJ"}}
    with pytest.raises(ClientError) as info:
        lex.create_export(resourceSpecification=spec, fileFormat="LexJson")
    assert info.value.response["Error"]["Message"] == (
        "resourceSpecification must have exactly one member: botExportSpecification, "
        "botLocaleExportSpecification, customVocabularyExportSpecification or testSetExportSpecification.")
