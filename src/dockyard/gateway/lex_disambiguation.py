"""Lex V1 (``lex-models``) and V2 (``lexv2-models``) both sign as ``lex``.

Behind one port, method + path leave exactly four pairs ambiguous (a test checks this over both
models): ``POST /imports/`` (V1 StartImport, V2 ListImports) and ``/tags/{resourceArn}``
(TagResource, UntagResource, ListTagsForResource in both). The host tells them apart where it can
(``models.lex.<region>`` vs ``models-v2-lex.<region>``); otherwise the body or the ARN does.
"""

from __future__ import annotations

import json

from dockyard.protocol.http_message import HttpRequest

V1 = "lex-models"
V2 = "lexv2-models"
_V1_IMPORT_MEMBERS = {"payload", "resourceType", "mergeStrategy"}


def services_for_host(host: str) -> frozenset[str]:
    if "models-v2-lex." in host:
        return frozenset({V2})
    if "models.lex." in host:
        return frozenset({V1})
    return frozenset({V1, V2})


def pick_lex_service(request: HttpRequest, labels: dict[str, str]) -> str:
    """Which of the two models an ambiguous request belongs to."""
    arn = next((v for k, v in labels.items() if k.lower() == "resourcearn"), None)
    if arn is not None:
        resource = arn.split(":", 5)[-1] if arn.count(":") >= 5 else arn
        return V2 if "/" in resource else V1
    try:
        doc = json.loads(request.body or b"{}")
    except ValueError:
        return V2
    if isinstance(doc, dict) and _V1_IMPORT_MEMBERS & doc.keys():
        return V1
    return V2
