"""What Dockyard does not implement: Bedrock falls through to moto, the others name the operation."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError


def test_bedrock_operations_we_do_not_implement_reach_moto(aws) -> None:
    bedrock = aws("bedrock")
    # moto implements Bedrock's model-customization resources; Dockyard does not (yet)
    listed = bedrock.list_custom_models()
    assert listed["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert listed["modelSummaries"] == []


def test_unimplemented_operations_answer_not_implemented(aws) -> None:
    qconnect = aws("qconnect")
    with pytest.raises(ClientError) as info:
        qconnect.list_message_templates(knowledgeBaseId="00000000-0000-4000-8000-000000000000")
    assert info.value.response["Error"]["Code"] == "NotImplementedException"
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 501
    assert "qconnect ListMessageTemplates" in info.value.response["Error"]["Message"]
