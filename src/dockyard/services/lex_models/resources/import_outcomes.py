"""The outcome of a StartImport, written in the same transaction as the import's definitions.

Storage (``Database`` kind, id): ``import-outcome  IMPORTID  {"failure": str | None}``. Its presence
says the import's writes are committed (all of them, or, on a failure, those made before it: Lex V1
imports are not rolled back); a job retried after a restart finds it and only replays the outcome.
"""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import Database, Scope

OUTCOME = "import-outcome"


def find(db: Database, scope: Scope, import_id: str) -> dict[str, Any] | None:
    return db.get(scope, OUTCOME, import_id)


def record(db: Database, scope: Scope, import_id: str, failure: str | None) -> None:
    """Call inside the transaction that writes the import's definitions."""
    db.put(scope, OUTCOME, import_id, {"failure": failure})
