"""Service, region and account from a request's SigV4 credential scope."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dockyard.protocol.http_message import HttpRequest

DEFAULT_ACCOUNT = "123456789012"
DEFAULT_REGION = "us-east-1"
_CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/(\d{8})/([^/]+)/([^/]+)/aws4_request")
_ACCOUNT_KEY = re.compile(r"\d{12}")
# AWS region names: us-east-1, eu-central-2, us-gov-west-1, cn-north-1, ap-southeast-5 ...
_REGION = re.compile(r"[a-z]{2}(-[a-z]+){1,2}-\d{1,2}")


def valid_region(region: str) -> bool:
    """Whether ``region`` is shaped like an AWS region name (never a path or an escape)."""
    return _REGION.fullmatch(region) is not None


@dataclass(frozen=True)
class Identity:
    signing_service: str | None
    region: str
    account: str


def identify(request: HttpRequest) -> Identity:
    auth = request.headers.get("authorization", "")
    m = _CREDENTIAL.search(auth)
    if m is None:
        cred = request.query.get("X-Amz-Credential")
        if cred:
            m = _CREDENTIAL.search("Credential=" + cred[0])
    if m is None:
        return Identity(None, DEFAULT_REGION, DEFAULT_ACCOUNT)
    key, _date, region, service = m.groups()
    return Identity(service, region, account_of_key(key))


def account_of_key(access_key: str, default: str = DEFAULT_ACCOUNT) -> str:
    """The account a request acts as: a 12-digit access key names it, any other key is ``default``'s."""
    return access_key if _ACCOUNT_KEY.fullmatch(access_key) else default


def is_ours(authorization: str | bytes | None, signing_names: frozenset[str]) -> bool:
    """Whether a signed request may be for one of our services (cheap: the header alone)."""
    if authorization is None:
        return False
    if isinstance(authorization, bytes):
        authorization = authorization.decode("latin-1")
    m = _CREDENTIAL.search(authorization)
    return m is not None and m.group(4) in signing_names
