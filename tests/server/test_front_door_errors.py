"""AWS-shaped answers where a request is unsigned, signed for a bad region, or for an operation
neither Dockyard nor moto implements."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from botocore.exceptions import ClientError

from dockyard.gateway.identity import valid_region


def test_unsigned_request_to_a_service_route_is_a_403_not_moto_s3(dockyard_server):
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(dockyard_server.endpoint + "/graphs", timeout=10)
    assert exc.value.code == 403
    body = exc.value.read().decode()
    assert "MissingAuthenticationTokenException" in exc.value.headers.get("x-amzn-ErrorType", "") + body
    assert "Traceback" not in body


def test_bedrock_operation_moto_lacks_is_a_501_naming_it(aws):
    client = aws("bedrock")
    with pytest.raises(ClientError) as exc:
        client.get_guardrail(guardrailIdentifier="g")
    err = exc.value.response
    assert err["ResponseMetadata"]["HTTPStatusCode"] == 501
    assert err["Error"]["Code"] == "NotImplementedException"
    assert "GetGuardrail" in err["Error"]["Message"]


@pytest.mark.parametrize("region", ["../..%2fetc", "us-east-1/../x", "", "US-EAST-1", "x" * 200])
def test_bad_regions_are_refused(region):
    assert not valid_region(region)


@pytest.mark.parametrize("region", ["us-east-1", "eu-central-2", "us-gov-west-1", "ap-southeast-5", "cn-north-1"])
def test_real_regions_pass(region):
    assert valid_region(region)


def test_a_request_signed_for_a_path_region_is_refused(aws):
    client = aws("neptune-graph", region_name="not-a-region")
    with pytest.raises(ClientError) as exc:
        client.list_graphs()
    assert exc.value.response["Error"]["Code"] == "InvalidSignatureException"
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


def test_internal_errors_do_not_leak_reprs(monkeypatch):
    import boto3
    from botocore.config import Config

    from dockyard.mocking.in_process import DockyardMock
    from dockyard.services.registry import spec_by_model

    def broken(ctx, params):
        raise KeyError("secret-internal-detail")

    monkeypatch.setitem(spec_by_model()["neptune-graph"].handlers, "ListGraphs", broken)
    with DockyardMock():
        client = boto3.client("neptune-graph", region_name="us-east-1", aws_access_key_id="testing",
                              aws_secret_access_key="testing", config=Config(retries={"max_attempts": 1}))
        with pytest.raises(ClientError) as exc:
            client.list_graphs()
    message = exc.value.response["Error"]["Message"]
    assert exc.value.response["Error"]["Code"] == "InternalServerException"
    assert "secret-internal-detail" not in message and "KeyError" not in message
    assert "ListGraphs" in message
