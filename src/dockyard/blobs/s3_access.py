"""Who may touch a bucket of the embedded S3: its owner, whoever its bucket policy grants, and Dockyard.

Buckets belong to the account that created them (moto keeps one backend per account; the front door
tells moto the requester's account). Dockyard's own buckets (Lex and Q in Connect uploads, exports)
belong to :data:`INTERNAL_ACCOUNT`, an id no access key can select, so no user lists or reads them;
the presigned URLs Dockyard hands out are signed by that identity. Another account is allowed what an
``Allow`` statement of the bucket policy grants it (``Principal`` ``"*"``, the account id, or an ARN
of that account; ``Action`` and ``Resource`` with ``*``/``?`` wildcards) and no ``Deny`` refuses.
"""

from __future__ import annotations

import json
import os
from fnmatch import fnmatchcase
from typing import Any

INTERNAL_ACCOUNT = "dockyard"  # moto account of Dockyard's own buckets: not 12 digits, so never a user's


def bucket_owner(bucket: str) -> str | None:
    """The account that owns ``bucket`` in the embedded S3 (None: no such bucket)."""
    from moto.s3.models import s3_backends

    owner = s3_backends.bucket_accounts.get(bucket)
    return None if owner is None else owner[1]


def _bucket_policy(bucket: str) -> dict[str, Any] | None:
    from moto.s3.models import s3_backends

    owner = s3_backends.bucket_accounts.get(bucket)
    if owner is None:
        return None
    found = s3_backends[owner[1]][owner[0]].buckets.get(bucket)
    if found is None or not found.policy:
        return None
    try:
        doc = json.loads(found.policy)
    except ValueError:
        return None
    return doc if isinstance(doc, dict) else None


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _names_principal(principal: Any, account: str) -> bool:
    if principal == "*":
        return True
    if isinstance(principal, dict):
        principal = principal.get("AWS", [])
    for p in _as_list(principal):
        if not isinstance(p, str):
            continue
        if p in ("*", account) or p.startswith(f"arn:aws:iam::{account}:"):
            return True
    return False


def _matches(patterns: Any, value: str, fold_case: bool = False) -> bool:
    """Whether a policy's Action/Resource (one pattern or a list, ``*`` and ``?`` wildcards) names
    ``value``; actions compare without case, as IAM does."""
    if fold_case:
        value = value.lower()
    return any(
        isinstance(p, str) and fnmatchcase(value, p.lower() if fold_case else p) for p in _as_list(patterns)
    )


def policy_allows(bucket: str, account: str, action: str, resource: str) -> bool:
    """Whether the policy of ``bucket`` lets ``account`` do ``action`` (``s3:GetObject``) on
    ``resource`` (``arn:aws:s3:::bucket/key`` or ``arn:aws:s3:::bucket``)."""
    doc = _bucket_policy(bucket)
    if doc is None:
        return False
    allowed = False
    for statement in _as_list(doc.get("Statement", [])):
        if not isinstance(statement, dict):
            continue
        if not _names_principal(statement.get("Principal"), account):
            continue
        if not _matches(statement.get("Action", []), action, fold_case=True):
            continue
        if not _matches(statement.get("Resource", []), resource):
            continue
        if statement.get("Effect") == "Deny":
            return False
        if statement.get("Effect") == "Allow":
            allowed = True
    return allowed


def may_access(account: str, bucket: str, key: str | None, action: str) -> bool:
    """Whether ``account`` may do ``action`` on ``bucket`` (``key`` of it); True for buckets that do
    not exist (S3 answers NoSuchBucket then). With ``MOTO_ACCOUNT_ID`` set, moto files everything under
    that one account whatever the request says: there are no accounts to keep apart, always True."""
    if os.environ.get("MOTO_ACCOUNT_ID"):
        return True
    owner = bucket_owner(bucket)
    if owner is None or owner == account or account == INTERNAL_ACCOUNT:
        return True
    if owner == INTERNAL_ACCOUNT:
        return False
    resource = f"arn:aws:s3:::{bucket}" + ("" if key is None else f"/{key}")
    return policy_allows(bucket, account, action, resource)

