"""Resource policies of bots and bot aliases: one IAM policy document per ARN, with a revision id.

* The resource must exist in the caller's account and region (a bot, or an alias of one, the test
  alias included); otherwise ResourceNotFoundException.
* CreateResourcePolicy / UpdateResourcePolicy store the policy as the JSON text the caller sent,
  after checking it is a policy document (``formats.policy_document``); a policy exists once.
* Every write (create, update, delete, a statement added or removed) gives a new revision id: the
  previous one plus one, as decimal text (``"1"`` first). A write with an ``expectedRevisionId``
  that is not the current revision answers PreconditionFailedException. After a delete the record
  stays without a policy, so revision ids keep increasing if a policy is attached again; it goes
  with its bot or alias.
* Statements: ``statementId`` is the statement's ``Sid`` and unique in the policy
  (ConflictException); a principal is a service or an IAM ARN, never both; no Allow for a principal
  of another account; a service principal needs ``aws:SourceAccount`` and ``aws:SourceArn``
  conditions. Removing the last statement deletes the policy.
"""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import Database, Scope
from dockyard.services.lexv2_models.errors import conflict, not_found, precondition, validation
from dockyard.services.lexv2_models.formats.policy_document import (
    PolicyDocumentError,
    read_policy,
    statement_ids,
    with_statement,
    without_statement,
    write_policy,
)
from dockyard.services.lexv2_models.resources import aliases, arns, bots, keys
from dockyard.services.lexv2_models.resources.arns import LexArn

Doc = dict[str, Any]
SERVICE_CONDITION_KEYS = ("aws:SourceAccount", "aws:SourceArn")


def _resource(db: Database, scope: Scope, arn: str) -> LexArn:
    """The existing bot or alias ``arn`` names."""
    named = arns.parse(scope, arn)
    if named is None:
        raise not_found(f"Could not find the resource {arn}.")
    if named.alias_id is None:
        bots.load_bot(db, scope, named.bot_id)
    else:
        aliases.load_alias(db, scope, named.bot_id, named.alias_id)
    return named


def _record(db: Database, scope: Scope, arn: str) -> Doc | None:
    return db.get(scope, keys.RESOURCE_POLICY, arn)


def _current(db: Database, scope: Scope, arn: str) -> tuple[LexArn, Doc]:
    """The existing resource and its policy record, when it has a policy."""
    named = _resource(db, scope, arn)
    record = _record(db, scope, arn)
    if record is None or record.get("policy") is None:
        raise not_found(f"The resource {arn} does not have a resource policy.")
    return named, record


def _check_revision(record: Doc | None, expected: str | None, arn: str) -> None:
    if expected is None:
        return
    current = record.get("revisionId") if record and record.get("policy") is not None else None
    if expected != current:
        held = f"the current revision ID is {current}" if current else "the resource has no resource policy"
        raise precondition(f"The revision ID {expected} does not match the resource policy of {arn}: {held}.")


def _write(db: Database, scope: Scope, named: LexArn, policy: str | None) -> Doc:
    previous = _record(db, scope, named.arn)
    revision = str(int(previous["revisionId"]) + 1) if previous else "1"
    record = {"resourceArn": named.arn, "policy": policy, "revisionId": revision}
    db.put(scope, keys.RESOURCE_POLICY, named.arn, record, parent=named.bot_id)
    return record


def _checked(policy: str) -> Doc:
    try:
        return read_policy(policy)
    except PolicyDocumentError as err:
        raise validation(f"The resource policy is not valid: {err}") from None


def describe(db: Database, scope: Scope, arn: str) -> Doc:
    return _current(db, scope, arn)[1]


def create(db: Database, scope: Scope, arn: str, policy: str) -> Doc:
    with db.transaction():
        named = _resource(db, scope, arn)
        record = _record(db, scope, arn)
        if record is not None and record.get("policy") is not None:
            raise precondition(f"The resource {arn} already has a resource policy (revision "
                               f"{record['revisionId']}); change it with UpdateResourcePolicy.")
        _checked(policy)
        return _write(db, scope, named, policy)


def update(db: Database, scope: Scope, arn: str, policy: str, expected: str | None) -> Doc:
    with db.transaction():
        named, record = _current(db, scope, arn)
        _check_revision(record, expected, arn)
        _checked(policy)
        return _write(db, scope, named, policy)


def delete(db: Database, scope: Scope, arn: str, expected: str | None) -> Doc:
    with db.transaction():
        named, record = _current(db, scope, arn)
        _check_revision(record, expected, arn)
        return _write(db, scope, named, None)


def _principal(items: list[Doc], effect: str, scope: Scope) -> Doc:
    services: list[str] = []
    principals: list[str] = []
    for item in items:
        if (item.get("service") is None) == (item.get("arn") is None):
            raise validation("Each principal must name either a service or an arn, not both.")
        if item.get("service") is not None:
            services.append(item["service"])
            continue
        account = item["arn"].split(":")[4]
        if effect == "Allow" and account != scope.account:
            raise validation(f"You can't create a resource policy statement that allows cross-account access: "
                             f"the principal {item['arn']} is not in account {scope.account}.")
        principals.append(item["arn"])
    out: Doc = {}
    if principals:
        out["AWS"] = principals[0] if len(principals) == 1 else principals
    if services:
        out["Service"] = services[0] if len(services) == 1 else services
    return out


def _check_service_conditions(principal: Doc, condition: Doc | None) -> None:
    if "Service" not in principal:
        return
    given = {key.lower() for block in (condition or {}).values() for key in block}
    missing = [k for k in SERVICE_CONDITION_KEYS if k.lower() not in given]
    if missing:
        raise validation("A statement with a service principal needs a condition on "
                         f"{' and '.join(SERVICE_CONDITION_KEYS)}; {', '.join(missing)} is missing.")


def add_statement(db: Database, scope: Scope, arn: str, params: Doc) -> Doc:
    """CreateResourcePolicyStatement: append a statement (a new policy when there is none)."""
    with db.transaction():
        named = _resource(db, scope, arn)
        record = _record(db, scope, arn)
        _check_revision(record, params.get("expectedRevisionId"), arn)
        text = record.get("policy") if record else None
        doc = read_policy(text) if text is not None else None
        sid = params["statementId"]
        if doc is not None and sid in statement_ids(doc):
            raise conflict(f"The resource policy of {arn} already has a statement with the ID {sid}.")
        principal = _principal(params["principal"], params["effect"], scope)
        _check_service_conditions(principal, params.get("condition"))
        statement: Doc = {"Sid": sid, "Effect": params["effect"], "Principal": principal,
                          "Action": list(params["action"]), "Resource": arn}
        if params.get("condition"):
            statement["Condition"] = params["condition"]
        return _write(db, scope, named, write_policy(with_statement(doc, statement)))


def remove_statement(db: Database, scope: Scope, arn: str, sid: str, expected: str | None) -> Doc:
    """DeleteResourcePolicyStatement: the last statement removed deletes the policy."""
    with db.transaction():
        named, record = _current(db, scope, arn)
        _check_revision(record, expected, arn)
        doc = read_policy(record["policy"])
        if sid not in statement_ids(doc):
            raise not_found(f"The resource policy of {arn} has no statement with the ID {sid}.")
        remaining = without_statement(doc, sid)
        return _write(db, scope, named, None if remaining is None else write_policy(remaining))


def forget(db: Database, scope: Scope, arn: str) -> None:
    """The resource is gone: so is its policy record."""
    db.delete(scope, keys.RESOURCE_POLICY, arn)
