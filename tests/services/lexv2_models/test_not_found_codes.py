"""Every Lex V2 operation with a handler, called on resources that do not exist, answers an error
code its botocore model lists for that operation (PreconditionFailedException 412 where the model
has no ResourceNotFoundException: Create/Update/Build/Delete* under a missing bot, locale, ...)."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

import dockyard
from dockyard.service_kit import service_model
from dockyard.services.registry import service_specs
from tests.services.lexv2_models.import_export.conftest import CREDENTIALS

MODEL = service_model("lexv2-models")
OPERATIONS = sorted(service_specs()["lexv2-models"].handlers)
# what every operation may answer besides its modelled errors (the protocol's own codes)
COMMON = {"ValidationException", "ThrottlingException", "InternalServerException"}
# operations with no parent resource: nothing to be missing
NO_PARENT = {"CreateBot", "ListBots", "CreateUploadUrl", "ListImports", "ListExports", "ListTestSets",
             "ListBuiltInIntents", "ListBuiltInSlotTypes"}
# the List* operations under a missing parent answer an empty list (docs/decisions.md)
EMPTY_LIST = {"ListBotLocales", "ListBotVersions", "ListIntents", "ListSlotTypes", "ListSlots", "ListBotAliases",
              "ListBotReplicas", "ListBotVersionReplicas", "ListBotAliasReplicas"}

# operations whose model lists no not-found code at all: a missing resource is a ValidationException
VALIDATION_ONLY = {"DeleteUtterances"}

VALUES = {
    "botVersion": "DRAFT", "sourceBotVersion": "DRAFT", "localeId": "en_US", "nluIntentConfidenceThreshold": 0.4,
    "roleArn": "arn:aws:iam::123456789012:role/LexRole", "resourceARN":
        "arn:aws:lex:us-east-1:123456789012:bot/NOSUCHID00", "locale": "en_US", "fileFormat": "LexJson",
    "dataPrivacy": {"childDirected": False}, "idleSessionTTLInSeconds": 300, "mergeStrategy": "FailOnConflict",
    "tagKeys": ["k"], "tags": {"k": "v"},
    "action": ["lex:RecognizeText"], "principal": [{"arn": "arn:aws:iam::123456789012:root"}],
}


def _value(name: str, shape: Any, depth: int = 0) -> Any:
    if name == "botVersion" and shape.metadata.get("pattern") == "^[0-9]+$":
        return "1"  # a numbered version (DescribeBotVersion, DeleteBotVersion)
    if name in VALUES:
        return VALUES[name]
    kind = shape.type_name
    if kind == "structure":
        if getattr(shape, "is_union", False) or not shape.required_members:
            members = shape.required_members or list(shape.members)[:1]
        else:
            members = shape.required_members
        return {m: _value(m, shape.members[m], depth + 1) for m in members}
    if kind == "list":
        return [_value(name, shape.member, depth + 1)]
    if kind == "map":
        return {"en_US": _value(name, shape.value, depth + 1)}
    if kind == "string":
        if shape.enum:
            return shape.enum[0]
        return "NOSUCHID00" if name.endswith("Id") else "Missing"
    if kind in ("integer", "long"):
        return int(shape.metadata.get("min", 1))
    if kind in ("double", "float"):
        return 0.5
    if kind == "boolean":
        return False
    return "x"


def _input(operation: str) -> dict[str, Any]:
    shape = MODEL.operation_model(operation).input_shape
    if shape is None:
        return {}
    params = {m: _value(m, shape.members[m]) for m in shape.required_members}
    if operation.startswith("List") and "botId" in shape.members:
        params.setdefault("botId", "NOSUCHID00")
    if operation in ("CreateExport", "StartImport"):
        spec = {"botId": "NOSUCHID00", "botVersion": "DRAFT", "localeId": "en_US"}
        params["resourceSpecification"] = {"botLocaleExportSpecification" if operation == "CreateExport"
                                           else "botLocaleImportSpecification": spec}
    return params


@pytest.fixture(scope="module")
def client():
    with dockyard.mock():
        yield boto3.client("lexv2-models", config=Config(retries={"max_attempts": 1}, parameter_validation=False),
                           **CREDENTIALS)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_not_found_answers_a_code_the_model_allows(client, operation: str) -> None:
    allowed = {e.name for e in MODEL.operation_model(operation).error_shapes} | COMMON
    method = getattr(client, MODEL.operation_model(operation).metadata.get("x", "") or _snake(operation))
    try:
        method(**_input(operation))
    except ClientError as err:
        code = err.response["Error"]["Code"]
        assert code in allowed, (operation, code, err.response["Error"]["Message"])
        if operation not in VALIDATION_ONLY:
            assert code != "ValidationException", (operation, err.response["Error"]["Message"])
        else:
            assert "Could not find" in err.response["Error"]["Message"], err.response["Error"]["Message"]
        return
    assert operation in NO_PARENT | EMPTY_LIST, f"{operation} on a missing resource succeeded"


def _snake(operation: str) -> str:
    from botocore import xform_name

    return xform_name(operation)
