"""The ``jobs`` table: job records persisted in the shared SQLite database.

Each row holds the record as a JSON document plus the columns queries need. Writes are versioned:
an upsert only lands when its version is newer than the stored one, so writes that reach SQLite out
of order (they are made outside the engine's lock) never roll a job back.
"""

from __future__ import annotations

from dockyard.jobs.record import JobRecord
from dockyard.store.database import Database

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id         TEXT PRIMARY KEY,
    service    TEXT NOT NULL,
    kind       TEXT NOT NULL,
    account    TEXT NOT NULL,
    region     TEXT NOT NULL,
    parent     TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL,
    terminal   INTEGER NOT NULL,
    created_at REAL NOT NULL,
    version    INTEGER NOT NULL,
    doc        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_by_service ON jobs (service, kind, account, region, parent);
CREATE INDEX IF NOT EXISTS jobs_active ON jobs (terminal);
"""

_UPSERT = (
    "INSERT INTO jobs "
    "(id, service, kind, account, region, parent, status, terminal, created_at, version, doc) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET status = excluded.status, terminal = excluded.terminal, "
    "version = excluded.version, doc = excluded.doc, parent = excluded.parent "
    "WHERE excluded.version > jobs.version"
)


class JobTable:
    """Row access for the engine. Callers serialise through ``db.lock`` (the database's own lock)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        db.executescript(SCHEMA)

    def save(self, record: JobRecord) -> None:
        self.db.execute(
            _UPSERT,
            (
                record.id,
                record.service,
                record.kind,
                record.account,
                record.region,
                record.parent_id,
                record.status,
                int(record.terminal),
                record.created_at,
                record.version,
                record.to_doc(),
            ),
        )

    def delete(self, job_id: str) -> None:
        self.db.execute("DELETE FROM jobs WHERE id = ?", (job_id,))

    def load_all(self) -> list[JobRecord]:
        """Every stored job, oldest first."""
        rows = self.db.query("SELECT doc FROM jobs ORDER BY created_at, rowid")
        return [JobRecord.from_doc(row[0]) for row in rows]

    def load(self, job_id: str) -> JobRecord | None:
        rows = self.db.query("SELECT doc FROM jobs WHERE id = ?", (job_id,))
        return JobRecord.from_doc(rows[0][0]) if rows else None
