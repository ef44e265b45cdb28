"""Quick responses: the rules CreateQuickResponse/UpdateQuickResponse apply (also to every row of an
import file) and their storage, children of their knowledge base.

Input is first checked against the botocore input shape (lengths, patterns, the same wording as the
protocol layer), then against what the shape cannot say: channels Chat/Email, supported languages,
routing-profile grouping, unique name and shortcut key in the knowledge base, 1,000 per base.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from dockyard.service_kit import AwsError, Database, Scope, service_model, validate_input
from dockyard.services.qconnect.errors import conflict, invalid, not_found, quota

KIND = "quick-response"
QUOTA = 1000
CHANNELS = ("Chat", "Email")
LANGUAGES = ("de_DE", "en_US", "es_ES", "fr_FR", "id_ID", "it_IT", "ja_JP", "ko_KR", "pt_BR", "zh_CN", "zh_TW")
PLAIN = "application/x.quickresponse;format=plain"
MARKDOWN = "application/x.quickresponse;format=markdown"
MAX_ROUTING_PROFILES = 40
_CREATE_SHAPE = service_model("qconnect").operation_model("CreateQuickResponse").input_shape
_FIELDS = ("name", "contentType", "description", "shortcutKey", "isActive", "channels", "language",
           "groupingConfiguration")


@dataclass(frozen=True)
class Where:
    """Where quick responses are stored: usable from a handler and from an import job alike."""

    db: Database
    scope: Scope

    def arn(self, resource: str) -> str:
        return f"arn:aws:wisdom:{self.scope.region}:{self.scope.account}:{resource}"


def check_input(params: dict[str, Any]) -> None:
    """Every rule of a CreateQuickResponse input other than uniqueness and the quota (AwsError)."""
    validate_input(params, _CREATE_SHAPE)
    for channel in params.get("channels") or []:
        if channel not in CHANNELS:
            raise invalid(f"Invalid channel '{channel}': channels must be among {', '.join(CHANNELS)}.")
    language = params.get("language")
    if language is not None and language not in LANGUAGES:
        raise invalid(f"Language '{language}' is not supported: use one of {', '.join(LANGUAGES)}.")
    grouping = params.get("groupingConfiguration")
    if grouping is not None:
        values = grouping.get("values") or []
        if values and not grouping.get("criteria"):
            raise invalid("groupingConfiguration.criteria is required when values are given.")
        if len(values) > MAX_ROUTING_PROFILES:
            raise invalid(f"A quick response can be assigned at most {MAX_ROUTING_PROFILES} routing profiles.")


def check_unique(taken_names: set[str], taken_keys: set[str], params: dict[str, Any]) -> None:
    if params["name"] in taken_names:
        raise conflict(f"A quick response with name '{params['name']}' already exists in this knowledge base.")
    key = params.get("shortcutKey")
    if key is not None and key in taken_keys:
        raise conflict(f"A quick response with shortcut key '{key}' already exists in this knowledge base.")


def taken(where: Where, kb_id: str, exclude: str | None = None) -> tuple[set[str], set[str]]:
    rows = where.db.project(where.scope, KIND, ["quickResponseId", "name", "shortcutKey"], parent=kb_id)
    rows = [r for r in rows if r["quickResponseId"] != exclude]
    return {r["name"] for r in rows}, {r["shortcutKey"] for r in rows if r["shortcutKey"] is not None}


def quota_error() -> AwsError:
    return quota(f"You have reached the limit of {QUOTA} quick responses in this knowledge base.")


def contents(content_type: str, text: str) -> dict[str, Any]:
    return {"markdown" if content_type == MARKDOWN else "plainText": {"content": text}}


def build(where: Where, kb: dict[str, Any], params: dict[str, Any], now: float) -> dict[str, Any]:
    """The stored document of a checked CreateQuickResponse input (not yet written)."""
    qr_id = str(uuid.uuid4())
    doc = {k: params[k] for k in _FIELDS if params.get(k) is not None}
    doc.setdefault("contentType", PLAIN)
    doc.setdefault("isActive", True)
    doc.setdefault("channels", ["Chat"])
    doc.update(quickResponseId=qr_id, quickResponseArn=where.arn(f"quick-response/{kb['knowledgeBaseId']}/{qr_id}"),
               knowledgeBaseId=kb["knowledgeBaseId"], knowledgeBaseArn=kb["knowledgeBaseArn"], status="CREATED",
               contents=contents(doc["contentType"], params["content"]["content"]), createdTime=now,
               lastModifiedTime=now, lastModifiedRegion=where.scope.region, tags=dict(params.get("tags") or {}))
    return doc


def _generation_name(where: Where, kb_id: str) -> str:
    return f"qconnect-quick-responses:{where.scope.account}:{where.scope.region}:{kb_id}"


def _bump(where: Where, kb_id: str) -> None:
    """Count a change of the knowledge base's quick responses (search caches compare generations)."""
    where.db.execute("INSERT INTO counters (name, value) VALUES (?, 1) "
                     "ON CONFLICT (name) DO UPDATE SET value = value + 1", (_generation_name(where, kb_id),))


def generation(where: Where, kb_id: str) -> int:
    rows = where.db.query("SELECT value FROM counters WHERE name=?", (_generation_name(where, kb_id),))
    return int(rows[0][0]) if rows else 0


def put(where: Where, doc: dict[str, Any]) -> None:
    where.db.put(where.scope, KIND, doc["quickResponseId"], doc, parent=doc["knowledgeBaseId"])
    _bump(where, doc["knowledgeBaseId"])


def create(where: Where, kb: dict[str, Any], params: dict[str, Any], now: float) -> dict[str, Any]:
    check_input(params)
    with where.db.transaction():
        names, keys = taken(where, kb["knowledgeBaseId"])
        check_unique(names, keys, params)
        if len(names) >= QUOTA:
            raise quota_error()
        doc = build(where, kb, params, now)
        put(where, doc)
    return doc


def get(where: Where, kb: dict[str, Any], quick_response_id: str) -> dict[str, Any]:
    qr_id = quick_response_id.rsplit("/", 1)[-1]
    doc = where.db.get(where.scope, KIND, qr_id)
    if doc is None or doc["knowledgeBaseId"] != kb["knowledgeBaseId"]:
        raise not_found("Quick response", quick_response_id)
    return doc


def text_of(doc: dict[str, Any]) -> str:
    provider = doc["contents"].get("markdown") or doc["contents"].get("plainText") or {}
    return provider.get("content", "")


def update(where: Where, kb: dict[str, Any], params: dict[str, Any], now: float) -> dict[str, Any]:
    with where.db.transaction():
        doc = get(where, kb, params["quickResponseId"])
        merged = {k: doc[k] for k in _FIELDS if k in doc}
        merged.update({k: params[k] for k in _FIELDS if params.get(k) is not None})
        for flag, field in (("removeDescription", "description"), ("removeShortcutKey", "shortcutKey"),
                            ("removeGroupingConfiguration", "groupingConfiguration")):
            if params.get(flag):
                if params.get(field) is not None:
                    raise invalid(f"{field} and {flag} cannot both be given.")
                merged.pop(field, None)
        text = params["content"]["content"] if params.get("content") else text_of(doc)
        check_input({**merged, "knowledgeBaseId": kb["knowledgeBaseId"], "content": {"content": text}})
        names, keys = taken(where, kb["knowledgeBaseId"], exclude=doc["quickResponseId"])
        check_unique(names, keys, merged)
        kept = {k: doc[k] for k in doc if k not in _FIELDS}
        new = {**kept, **merged, "contents": contents(merged.get("contentType", PLAIN), text),
               "lastModifiedTime": now, "status": "CREATED"}
        put(where, new)
    return new


def delete(where: Where, kb: dict[str, Any], quick_response_id: str) -> None:
    doc = get(where, kb, quick_response_id)
    where.db.delete(where.scope, KIND, doc["quickResponseId"])
    _bump(where, doc["knowledgeBaseId"])


def delete_all(where: Where, kb_id: str) -> None:
    """Every quick response of a knowledge base being deleted."""
    where.db.delete_children(where.scope, KIND, kb_id)
    _bump(where, kb_id)


def of_kb(where: Where, kb_id: str) -> list[dict[str, Any]]:
    return where.db.list(where.scope, KIND, parent=kb_id)
