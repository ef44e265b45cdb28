"""Test-set discrepancy reports: a test set's expected intents and slots checked against a bot locale.

Storage: kind ``test-set-discrepancy-report``, id ``REPORTID``: what was asked
(testSetDiscrepancyReportId, testSetId, target, creationDateTime). The report's state — status,
``lastUpdatedDataTime`` (sic, the model's spelling), failure reasons, the top errors — is its job's
record (job id = report id, ``jobs/discrepancy_report``); the raw output is a JSON file in the
internal bucket (``upload_store.discrepancy_report_location``) behind a presigned URL.

The target is a bot alias (the model's only target): the alias's version's locale is checked
(``TSTALIASID``: DRAFT).
"""

from __future__ import annotations

import time
from typing import Any

from dockyard.service_kit import UPPER_ALNUM, Database, Scope, ServiceDeps, random_id
from dockyard.services.lexv2_models.errors import not_found, validation
from dockyard.services.lexv2_models.resources import alias_source, bots, keys, task_state, test_sets, upload_store
from dockyard.services.lexv2_models.resources.keys import LocaleKey
from dockyard.services.lexv2_models.resources.locale_state import load_locale

Doc = dict[str, Any]
REPORT = "test-set-discrepancy-report"


def target_locale(db: Database, scope: Scope, target: Doc) -> LocaleKey:
    """The locale a ``botAliasTarget`` names (bot, alias -> version, locale); ResourceNotFoundException
    for a missing bot, alias or locale."""
    alias_target = target["botAliasTarget"]
    bot = bots.load_bot(db, scope, alias_target["botId"])
    alias = alias_source.alias(db, scope, bot, alias_target["botAliasId"])
    if alias is None:
        raise not_found(f"Could not find the bot alias {alias_target['botAliasId']} of the bot with ID "
                        f"{bot['botId']}.")
    lk = LocaleKey(scope, bot["botId"], alias.get("botVersion") or keys.DRAFT, alias_target["localeId"])
    load_locale(db, lk)
    return lk


def locale_intents(db: Database, lk: LocaleKey) -> dict[str, set[str]]:
    """Intent name -> the names of its slots, for one locale."""
    names = {i["intentId"]: i["intentName"] for i in db.list(lk.scope, keys.INTENT, parent=lk.key)}
    out: dict[str, set[str]] = {name: set() for name in names.values()}
    for slot in db.list(lk.scope, keys.SLOT, parent=lk.key):
        if slot["intentId"] in names:
            out[names[slot["intentId"]]].add(slot["slotName"])
    return out


def create(db: Database, scope: Scope, params: Doc) -> Doc:
    """CreateTestSetDiscrepancyReport's document (the caller starts its job in the same transaction)."""
    test_sets.load(db, scope, params["testSetId"])
    alias_target = params["target"].get("botAliasTarget")
    if not alias_target:
        raise validation("target must name a botAliasTarget (botId, botAliasId, localeId).")
    target = {"botAliasTarget": dict(alias_target)}
    target_locale(db, scope, target)
    doc = {"testSetDiscrepancyReportId": random_id(10, UPPER_ALNUM), "testSetId": params["testSetId"],
           "target": target, "creationDateTime": time.time()}
    db.put(scope, REPORT, doc["testSetDiscrepancyReportId"], doc, parent=params["testSetId"])
    return doc


def load(db: Database, scope: Scope, report_id: str) -> Doc:
    doc = db.get(scope, REPORT, report_id)
    if doc is None:
        raise not_found(f"Could not find the test set discrepancy report with ID {report_id}.")
    return doc


def view(deps: ServiceDeps, scope: Scope, doc: Doc) -> Doc:
    """DescribeTestSetDiscrepancyReport: the document, the job's state and, once Completed, the
    top errors and a fresh presigned URL of the raw output."""
    report_id = doc["testSetDiscrepancyReportId"]
    state = task_state.read(deps, scope, report_id, "testSetDiscrepancyReportStatus", "The report")
    out = {**doc, "testSetDiscrepancyReportStatus": state["testSetDiscrepancyReportStatus"],
           "failureReasons": state["failureReasons"], "lastUpdatedDataTime": state.get("lastUpdatedDateTime")}
    record = task_state.job(deps, scope, report_id)
    if out["testSetDiscrepancyReportStatus"] == "Completed" and record is not None:
        out["testSetDiscrepancyTopErrors"] = record.details.get("topErrors")
        location = upload_store.discrepancy_report_location(scope, report_id)
        out["testSetDiscrepancyRawOutputUrl"] = upload_store.presign_download(deps, location)
    return out
