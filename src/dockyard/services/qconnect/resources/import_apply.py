"""Applying an import file to a knowledge base: every row checked as CreateQuickResponse checks its
input, the good rows created in one transaction, the bad ones collected for the failed-record report.

A file with at least one good row ends COMPLETE (with a failedRecordReport when some rows failed);
a file with no good row ends FAILED with nothing created (docs/decisions.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dockyard.service_kit import AwsError
from dockyard.services.qconnect.formats.quick_response_csv import ImportFile
from dockyard.services.qconnect.resources import quick_responses
from dockyard.services.qconnect.resources.quick_responses import Where


@dataclass
class Outcome:
    created: list[dict[str, Any]] = field(default_factory=list)
    failures: list[tuple[list[str], str]] = field(default_factory=list)  # (cells, reason)


def apply(where: Where, kb: dict[str, Any], file: ImportFile, now: float) -> Outcome:
    outcome = Outcome()
    with where.db.transaction():
        names, keys = quick_responses.taken(where, kb["knowledgeBaseId"])
        file_names: dict[str, int] = {}
        file_keys: dict[str, int] = {}
        for row in file.rows:
            reason = row.error
            params = {**row.params, "knowledgeBaseId": kb["knowledgeBaseId"]}
            if reason is None:
                reason = _check(params, names, keys, file_names, file_keys)
            if reason is None and len(names) >= quick_responses.QUOTA:
                reason = quick_responses.quota_error().message
            if reason is not None:
                outcome.failures.append((row.cells, f"Row {row.number}: {reason}"))
                continue
            file_names[params["name"]] = row.number
            names.add(params["name"])
            if params.get("shortcutKey") is not None:
                file_keys[params["shortcutKey"]] = row.number
                keys.add(params["shortcutKey"])
            outcome.created.append(quick_responses.build(where, kb, params, now))
        if outcome.created:
            for doc in outcome.created:
                quick_responses.put(where, doc)
    return outcome


def _check(params: dict[str, Any], names: set[str], keys: set[str], file_names: dict[str, int],
           file_keys: dict[str, int]) -> str | None:
    try:
        quick_responses.check_input(params)
    except AwsError as exc:
        return exc.message
    name, key = params["name"], params.get("shortcutKey")
    if name in file_names:
        return f"The name '{name}' is also used by row {file_names[name]} of this file."
    if key is not None and key in file_keys:
        return f"The shortcut key '{key}' is also used by row {file_keys[key]} of this file."
    try:
        quick_responses.check_unique(names, keys, params)
    except AwsError as exc:
        return exc.message
    return None
