"""What an S3 request is, for the account checks both front doors make before moto answers it: the
requester's access key and account, the bucket and key it names, the IAM action it is, and whether
that account may do it (:func:`dockyard.blobs.s3_access.may_access`)."""

from __future__ import annotations

import re
from urllib.parse import unquote

from dockyard.blobs.s3_access import INTERNAL_ACCOUNT, may_access

INTERNAL_ACCESS_KEY = "dockyard"  # Dockyard's own identity in the embedded S3
_CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/\d{8}/[^/]+/([^/]+)/aws4_request")
_SIGV2 = re.compile(r"^AWS ([^:\s]+):")
_ACCOUNT_KEY = re.compile(r"\d{12}")
# query parameters that list or page a bucket rather than naming a sub-resource
_LIST_PARAMS = frozenset(
    {"list-type", "prefix", "delimiter", "marker", "max-keys", "continuation-token", "start-after",
     "fetch-owner", "encoding-type", "x-id"}
)
_PRESIGN_PARAMS = frozenset({"AWSAccessKeyId", "Signature", "Expires", "x-id"})
ACCESS_DENIED_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>'
)


def credential(headers: dict[str, str], query: dict[str, list[str]]) -> tuple[str | None, str | None]:
    """(access key id, signing service) of a request, from its Authorization header or presigned query."""
    auth = headers.get("authorization", "")
    m = _CREDENTIAL.search(auth) or _CREDENTIAL.search("Credential=" + query.get("X-Amz-Credential", [""])[0])
    if m is not None:
        return m.group(1), m.group(2)
    m2 = _SIGV2.match(auth)
    if m2 is not None:
        return m2.group(1), "s3"
    if "AWSAccessKeyId" in query:
        return query["AWSAccessKeyId"][0], "s3"
    return None, None


def account_of(access_key: str | None, default_account: str) -> str:
    """12 digits select that account, Dockyard's own key its internal one, any other the default."""
    if access_key == INTERNAL_ACCESS_KEY:
        return INTERNAL_ACCOUNT
    if access_key is not None and _ACCOUNT_KEY.fullmatch(access_key):
        return access_key
    return default_account


def s3_target(path: str, host: str) -> tuple[str | None, str | None]:
    """(bucket, key) a path-style or virtual-hosted S3 request names (percent-decoded)."""
    hostname = host.rsplit(":", 1)[0] if not host.startswith("[") else host
    if hostname.endswith(".localhost") or ".s3." in hostname or ".s3-" in hostname:
        bucket = hostname.split(".", 1)[0]
        return bucket, unquote(path.lstrip("/")) or None
    parts = path.lstrip("/").split("/", 1)
    if not parts[0]:
        return None, None
    return unquote(parts[0]), (unquote(parts[1]) or None) if len(parts) == 2 else None


def s3_action(method: str, key: str | None, query: dict[str, list[str]]) -> str | None:
    """The IAM action a request is (None: CreateBucket, which S3 answers whoever owns the name)."""
    if key is not None:
        return {"GET": "s3:GetObject", "HEAD": "s3:GetObject", "DELETE": "s3:DeleteObject"}.get(
            method, "s3:PutObject"
        )
    if method == "POST" and "delete" in query:
        return "s3:DeleteObject"
    subresources = sorted(set(query) - _LIST_PARAMS)
    if not subresources:
        return {"PUT": None, "DELETE": "s3:DeleteBucket"}.get(method, "s3:ListBucket")
    verb = {"PUT": "Put", "DELETE": "Delete", "POST": "Put"}.get(method, "Get")
    return f"s3:{verb}Bucket{subresources[0].capitalize()}"


def allowed(account: str, method: str, path: str, host: str, query: dict[str, list[str]],
            headers: dict[str, str]) -> bool:
    """Whether ``account`` may make this S3 request (a CopyObject also needs to read its source)."""
    bucket, key = s3_target(path, host)
    if bucket is None:
        return True
    action = s3_action(method, key, query)
    if action is not None and not may_access(account, bucket, key, action):
        return False
    source = headers.get("x-amz-copy-source")
    if source:
        src_bucket, src_key = s3_target("/" + unquote(source.split("?", 1)[0]).lstrip("/"), "")
        if src_bucket and not may_access(account, src_bucket, src_key, "s3:GetObject"):
            return False
    return True


def is_single_put(method: str, key: str | None, query: dict[str, list[str]], headers: dict[str, str]) -> bool:
    """A PutObject (not a part, a copy, or a sub-resource such as ``?acl`` or ``?tagging``)."""
    if method != "PUT" or key is None or "x-amz-copy-source" in headers:
        return False
    return all(name in _PRESIGN_PARAMS or name.lower().startswith("x-amz-") for name in query)
