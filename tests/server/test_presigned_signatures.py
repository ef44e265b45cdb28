"""Presigned URLs sent to the server are verified as S3 verifies them: a tampered signature, a raised
X-Amz-Expires, another access key in the credential or a wrong secret answer 403
SignatureDoesNotMatch; an expired URL answers 403 AccessDenied "Request has expired"; the URLs
Dockyard hands out verify (and stop verifying once touched)."""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import boto3
import pytest
from botocore.config import Config

from tests.conftest import ServerProcess


def _fetch(url: str, method: str = "GET", data: bytes | None = None) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, method=method), timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _s3(server: ServerProcess, key_id: str = "testing", secret: str = "testing", version: str = "s3v4"):
    config = Config(signature_version=version, s3={"addressing_style": "path"})
    return boto3.client("s3", endpoint_url=server.endpoint, region_name="us-east-1", config=config,
                        aws_access_key_id=key_id, aws_secret_access_key=secret)


@pytest.fixture(scope="module")
def signed_get(dockyard_server: ServerProcess) -> str:
    s3 = _s3(dockyard_server)
    s3.create_bucket(Bucket="signatures")
    s3.put_object(Bucket="signatures", Key="a b/c.txt", Body=b"content")
    return s3.generate_presigned_url("get_object", Params={"Bucket": "signatures", "Key": "a b/c.txt"}, ExpiresIn=60)


def _mismatch(status: int, body: bytes) -> bool:
    return status == 403 and b"<Code>SignatureDoesNotMatch</Code>" in body


def test_a_genuine_url_verifies(signed_get: str) -> None:
    assert _fetch(signed_get) == (200, b"content")


def test_a_tampered_signature_is_refused(signed_get: str) -> None:
    tampered = re.sub(r"X-Amz-Signature=[0-9a-f]+", "X-Amz-Signature=" + "0" * 64, signed_get)
    assert _mismatch(*_fetch(tampered))


def test_a_raised_expiry_is_refused(signed_get: str) -> None:
    assert "X-Amz-Expires=60" in signed_get
    assert _mismatch(*_fetch(signed_get.replace("X-Amz-Expires=60", "X-Amz-Expires=604800")))


def test_another_accounts_credential_is_refused(signed_get: str) -> None:
    assert "X-Amz-Credential=testing%2F" in signed_get
    assert _mismatch(*_fetch(signed_get.replace("X-Amz-Credential=testing%2F", "X-Amz-Credential=222222222222%2F")))


def test_another_key_is_refused(signed_get: str) -> None:
    assert _mismatch(*_fetch(signed_get.replace("/signatures/a%20b/c.txt", "/signatures/other.txt")))


def test_a_wrong_secret_is_refused(dockyard_server: ServerProcess, signed_get: str) -> None:
    forged = _s3(dockyard_server, secret="not-the-secret").generate_presigned_url(
        "get_object", Params={"Bucket": "signatures", "Key": "a b/c.txt"}, ExpiresIn=60)
    assert _mismatch(*_fetch(forged))


def test_sigv2_urls_are_verified_too(dockyard_server: ServerProcess, signed_get: str) -> None:
    s3 = _s3(dockyard_server, version="s3")
    url = s3.generate_presigned_url("get_object", Params={"Bucket": "signatures", "Key": "a b/c.txt"}, ExpiresIn=60)
    assert "Signature=" in url and "X-Amz-Signature" not in url
    assert _fetch(url) == (200, b"content")
    expires = re.search(r"Expires=(\d+)", url).group(1)
    assert _mismatch(*_fetch(url.replace(f"Expires={expires}", f"Expires={int(expires) + 3600}")))


def test_an_expired_url_answers_request_has_expired(dockyard_server: ServerProcess) -> None:
    s3 = _s3(dockyard_server)
    url = s3.generate_presigned_url("get_object", Params={"Bucket": "signatures", "Key": "a b/c.txt"}, ExpiresIn=1)
    url = re.sub(r"X-Amz-Date=\d{8}T\d{6}Z", "X-Amz-Date=20200101T000000Z", url)  # expired, whatever its signature
    status, body = _fetch(url)
    assert status == 403 and b"<Code>AccessDenied</Code><Message>Request has expired</Message>" in body


def test_dockyard_upload_urls_verify_and_refuse_tampering(dockyard_server: ServerProcess) -> None:
    lex = dockyard_server.client("lexv2-models")
    upload = lex.create_upload_url()["uploadUrl"]
    assert _fetch(upload.replace("X-Amz-Expires=300", "X-Amz-Expires=3000"), "PUT", b"zip")[0] == 403
    assert _fetch(upload, "PUT", b"zip")[0] == 200
    # Dockyard's internal upload bucket is nobody's to read or list, its own account's included
    bucket = re.search(r"/(dockyard-lexv2-[^/]+)/", upload).group(1)
    s3 = dockyard_server.client("s3")
    assert bucket not in [b["Name"] for b in s3.list_buckets()["Buckets"]]
    with pytest.raises(Exception) as denied:
        s3.list_objects_v2(Bucket=bucket)
    assert "AccessDenied" in str(denied.value)


def test_configured_secret_keys() -> None:
    server = ServerProcess(env={"DOCKYARD_SECRET_ACCESS_KEYS": "AKIDEXAMPLE=wJalrXUtnFEMI,444444444444=s3cret"})
    try:
        owner = _s3(server, "444444444444", "s3cret")
        owner.create_bucket(Bucket="configured")
        owner.put_object(Bucket="configured", Key="k", Body=b"v")
        url = owner.generate_presigned_url("get_object", Params={"Bucket": "configured", "Key": "k"}, ExpiresIn=60)
        assert _fetch(url) == (200, b"v")
        wrong = _s3(server, "444444444444", "testing").generate_presigned_url(
            "get_object", Params={"Bucket": "configured", "Key": "k"}, ExpiresIn=60)
        assert _mismatch(*_fetch(wrong))
    finally:
        server.stop()


def test_a_url_signed_by_another_account_is_denied(dockyard_server: ServerProcess) -> None:
    owner = _s3(dockyard_server, "111111111111")
    owner.create_bucket(Bucket="signatures-owned")
    owner.put_object(Bucket="signatures-owned", Key="k", Body=b"mine")
    mine = owner.generate_presigned_url("get_object", Params={"Bucket": "signatures-owned", "Key": "k"})
    assert _fetch(mine) == (200, b"mine")
    foreign = _s3(dockyard_server, "222222222222").generate_presigned_url(
        "get_object", Params={"Bucket": "signatures-owned", "Key": "k"})
    status, body = _fetch(foreign)  # a valid signature, but not the owner's account
    assert status == 403 and b"<Code>AccessDenied</Code>" in body
