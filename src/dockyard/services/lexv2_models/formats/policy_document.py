"""IAM resource-policy documents (the ``policy`` of the Lex V2 resource-policy operations): a pure
reader and the statement edits CreateResourcePolicyStatement / DeleteResourcePolicyStatement make.

``read_policy`` accepts what the IAM JSON policy grammar allows a resource-based policy: an object
with ``Statement`` (one statement object or a non-empty list), optional ``Version``
(``2012-10-17`` or ``2008-10-17``) and ``Id``; each statement with ``Effect`` Allow or Deny, a
principal (``Principal`` or ``NotPrincipal``), an action (``Action`` or ``NotAction``), optional
``Sid``, ``Resource``/``NotResource`` and ``Condition``. Statement ids are unique. Anything else
raises :class:`PolicyDocumentError` with a sentence saying what is wrong.
"""

from __future__ import annotations

import json
from typing import Any

Doc = dict[str, Any]

VERSIONS = ("2012-10-17", "2008-10-17")
DEFAULT_VERSION = "2012-10-17"
TOP_LEVEL = frozenset({"Version", "Id", "Statement"})
STATEMENT_ELEMENTS = frozenset({"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource",
                                "NotResource", "Condition"})


class PolicyDocumentError(ValueError):
    """The policy document is not one Lex accepts; the message says why."""


def _strings(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value)
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) and v for v in value)


def _check_principal(value: Any, where: str) -> None:
    if value == "*":
        return
    if not isinstance(value, dict) or not value:
        raise PolicyDocumentError(f"{where}: the principal must be \"*\" or an object such as "
                                  "{\"AWS\": ...} or {\"Service\": ...}.")
    for key, names in value.items():
        if key not in ("AWS", "Service", "Federated", "CanonicalUser") or not _strings(names):
            raise PolicyDocumentError(f"{where}: the principal element {key} is not valid.")


def _check_statement(statement: Any, where: str) -> None:
    if not isinstance(statement, dict):
        raise PolicyDocumentError(f"{where} must be a JSON object.")
    unknown = sorted(set(statement) - STATEMENT_ELEMENTS)
    if unknown:
        raise PolicyDocumentError(f"{where} has the unsupported element(s) {', '.join(unknown)}.")
    if statement.get("Effect") not in ("Allow", "Deny"):
        raise PolicyDocumentError(f"{where}: Effect must be Allow or Deny.")
    if "Sid" in statement and not isinstance(statement["Sid"], str):
        raise PolicyDocumentError(f"{where}: Sid must be a string.")
    principals = [k for k in ("Principal", "NotPrincipal") if k in statement]
    if len(principals) != 1:
        raise PolicyDocumentError(f"{where} must have exactly one of Principal and NotPrincipal "
                                  "(a resource-based policy names who it applies to).")
    _check_principal(statement[principals[0]], where)
    actions = [k for k in ("Action", "NotAction") if k in statement]
    if len(actions) != 1 or not _strings(statement[actions[0]]):
        raise PolicyDocumentError(f"{where} must have exactly one of Action and NotAction, a string or a "
                                  "non-empty list of strings.")
    for key in ("Resource", "NotResource"):
        if key in statement and not _strings(statement[key]):
            raise PolicyDocumentError(f"{where}: {key} must be a string or a non-empty list of strings.")
    if "Condition" in statement and not isinstance(statement["Condition"], dict):
        raise PolicyDocumentError(f"{where}: Condition must be a JSON object.")


def read_policy(text: str) -> Doc:
    """The policy ``text`` as a document, after checking it (``PolicyDocumentError`` if it is not valid)."""
    try:
        doc = json.loads(text)
    except ValueError as err:
        raise PolicyDocumentError(f"The policy is not valid JSON: {err}.") from None
    except RecursionError:
        raise PolicyDocumentError("The policy is nested too deeply.") from None
    if not isinstance(doc, dict):
        raise PolicyDocumentError("The policy must be a JSON object.")
    unknown = sorted(set(doc) - TOP_LEVEL)
    if unknown:
        raise PolicyDocumentError(f"The policy has the unsupported element(s) {', '.join(unknown)}.")
    if "Version" in doc and doc["Version"] not in VERSIONS:
        raise PolicyDocumentError(f"The policy Version must be one of {', '.join(VERSIONS)}.")
    if "Statement" not in doc:
        raise PolicyDocumentError("The policy must have a Statement element.")
    items = statements(doc)
    if not items:
        raise PolicyDocumentError("The policy must have at least one statement.")
    seen: set[str] = set()
    for number, statement in enumerate(items, 1):
        _check_statement(statement, f"Statement {number}")
        sid = statement.get("Sid")
        if sid:
            if sid in seen:
                raise PolicyDocumentError(f"The policy has more than one statement with the Sid {sid}; "
                                          "statement ids must be unique.")
            seen.add(sid)
    return doc


def statements(doc: Doc) -> list[Any]:
    """The statements of a document (``Statement`` may be one object or a list)."""
    value = doc.get("Statement")
    if isinstance(value, list):
        return list(value)
    return [] if value is None else [value]


def statement_ids(doc: Doc) -> list[str]:
    return [s["Sid"] for s in statements(doc) if isinstance(s, dict) and s.get("Sid")]


def with_statement(doc: Doc | None, statement: Doc) -> Doc:
    """The document with ``statement`` appended (a new ``2012-10-17`` document when there is none)."""
    if doc is None:
        return {"Version": DEFAULT_VERSION, "Statement": [statement]}
    return {**doc, "Statement": [*statements(doc), statement]}


def without_statement(doc: Doc, sid: str) -> Doc | None:
    """The document without the statement ``sid``; None when no statement is left."""
    remaining = [s for s in statements(doc) if not (isinstance(s, dict) and s.get("Sid") == sid)]
    return {**doc, "Statement": remaining} if remaining else None


def write_policy(doc: Doc) -> str:
    """The document as compact JSON text."""
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False)
