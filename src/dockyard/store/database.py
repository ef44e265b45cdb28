"""SQLite database shared by every layer; resources are JSON documents keyed by scope, kind and id.

One connection, guarded by a re-entrant lock, serves every thread: SQLite serialises writers anyway
and a point read costs microseconds. ``transaction()`` groups writes that must land together.
A file database uses WAL so readers never wait on the writer; ``path=None`` is in memory (the
in-process mock).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS resources (
    service TEXT NOT NULL,
    account TEXT NOT NULL,
    region  TEXT NOT NULL,
    kind    TEXT NOT NULL,
    id      TEXT NOT NULL,
    parent  TEXT NOT NULL DEFAULT '',
    seq     INTEGER NOT NULL,
    doc     TEXT NOT NULL,
    PRIMARY KEY (service, account, region, kind, id)
);
CREATE INDEX IF NOT EXISTS resources_parent ON resources (service, account, region, kind, parent, seq);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""


@dataclass(frozen=True)
class Scope:
    """Where a resource lives: resources of one account or region are invisible from another."""

    service: str
    account: str
    region: str


class Database:
    def __init__(self, path: str | Path | None = None) -> None:
        self.path = None if path is None else Path(path)
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        target = ":memory:" if self.path is None else str(self.path)
        self._conn = sqlite3.connect(target, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        if self.path is not None:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self.lock = threading.RLock()
        self._depth = 0
        self._conn.executescript(_SCHEMA)

    def lock_held(self) -> bool:
        """Whether the calling thread holds the database lock (is inside a transaction or a write)."""
        owned = getattr(self.lock, "_is_owned", None)  # RLock's own answer (CPython and its C lock alike)
        return bool(owned is not None and owned())

    # -- raw access for layers with tables of their own -------------------------------------------
    def execute(self, sql: str, args: tuple[Any, ...] | dict[str, Any] = ()) -> sqlite3.Cursor:
        with self.lock:
            return self._conn.execute(sql, args)

    def executemany(self, sql: str, rows: Any) -> sqlite3.Cursor:
        with self.lock:
            return self._conn.executemany(sql, rows)

    def executescript(self, sql: str) -> None:
        with self.lock:
            self._conn.executescript(sql)

    def query(self, sql: str, args: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        with self.lock:
            return self._conn.execute(sql, args).fetchall()

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """Writes inside land together or not at all. Nests: an inner block is a savepoint of the
        outer one (its writes land when the outermost block commits; an exception out of it undoes
        the inner block's writes only, whether or not the outer block then catches it)."""
        with self.lock:
            depth = self._depth
            self._conn.execute("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT nested_{depth}")
            self._depth += 1
            try:
                yield self
            except BaseException:
                self._depth = depth
                if depth == 0:
                    self._conn.execute("ROLLBACK")
                else:
                    self._conn.execute(f"ROLLBACK TO nested_{depth}")
                    self._conn.execute(f"RELEASE nested_{depth}")
                raise
            self._depth = depth
            self._conn.execute("COMMIT" if depth == 0 else f"RELEASE nested_{depth}")

    # -- resource documents ------------------------------------------------------------------------
    def put(self, scope: Scope, kind: str, id: str, doc: dict[str, Any], parent: str = "") -> None:
        data = json.dumps(doc, separators=(",", ":"))
        with self.lock:
            self._conn.execute(
                "INSERT INTO resources (service, account, region, kind, id, parent, seq, doc) "
                "VALUES (?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM resources), ?) "
                "ON CONFLICT (service, account, region, kind, id) DO UPDATE SET doc = excluded.doc, "
                "parent = excluded.parent",
                (scope.service, scope.account, scope.region, kind, id, parent, data),
            )

    def get(self, scope: Scope, kind: str, id: str) -> dict[str, Any] | None:
        with self.lock:
            row = self._conn.execute(
                "SELECT doc FROM resources WHERE service=? AND account=? AND region=? AND kind=? AND id=?",
                (scope.service, scope.account, scope.region, kind, id),
            ).fetchone()
        return None if row is None else json.loads(row[0])

    def delete(self, scope: Scope, kind: str, id: str) -> bool:
        with self.lock:
            cur = self._conn.execute(
                "DELETE FROM resources WHERE service=? AND account=? AND region=? AND kind=? AND id=?",
                (scope.service, scope.account, scope.region, kind, id),
            )
        return cur.rowcount > 0

    def delete_children(self, scope: Scope, kind: str, parent: str) -> int:
        with self.lock:
            cur = self._conn.execute(
                "DELETE FROM resources WHERE service=? AND account=? AND region=? AND kind=? AND parent=?",
                (scope.service, scope.account, scope.region, kind, parent),
            )
        return cur.rowcount

    @staticmethod
    def _where(scope: Scope, kind: str, parent: str | None, table: str = "resources") -> tuple[str, tuple[Any, ...]]:
        """The WHERE clause (and its arguments) selecting one kind in a scope, optionally one parent's."""
        p = f"{table}."
        sql = f" WHERE {p}service=? AND {p}account=? AND {p}region=? AND {p}kind=?"
        args: tuple[Any, ...] = (scope.service, scope.account, scope.region, kind)
        if parent is not None:
            sql += f" AND {p}parent=?"
            args += (parent,)
        return sql, args

    def list(self, scope: Scope, kind: str, parent: str | None = None) -> list[dict[str, Any]]:
        """Documents of one kind in creation order (optionally only the children of ``parent``)."""
        where, args = self._where(scope, kind, parent)
        with self.lock:
            rows = self._conn.execute("SELECT doc FROM resources" + where + " ORDER BY seq", args).fetchall()
        return [json.loads(r[0]) for r in rows]

    def count(self, scope: Scope, kind: str, parent: str | None = None) -> int:
        where, args = self._where(scope, kind, parent)
        with self.lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM resources" + where, args).fetchone()[0])

    def project(
        self, scope: Scope, kind: str, fields: list[str], parent: str | None = None
    ) -> list[dict[str, Any]]:
        """Only some top-level scalar fields of each document (SQLite reads them; Python decodes no
        whole document): name checks over large documents stay cheap."""
        columns = ", ".join(f"json_extract(doc, '$.{f}')" for f in fields)
        where, args = self._where(scope, kind, parent)
        with self.lock:
            rows = self._conn.execute(f"SELECT {columns} FROM resources" + where + " ORDER BY seq", args).fetchall()
        return [dict(zip(fields, row, strict=True)) for row in rows]

    def count_array_items(
        self, scope: Scope, kind: str, array: str, parent: str | None = None, nested: str | None = None,
        exclude_id: str | None = None,
    ) -> int:
        """How many items the array field ``array`` holds across documents (plus, with ``nested``, the
        items of that array field inside each item), counted by SQLite."""
        item = "1" if nested is None else f"1 + COALESCE(json_array_length(item.value, '$.{nested}'), 0)"
        where, args = self._where(scope, kind, parent, table="r")
        sql = f"SELECT COALESCE(SUM({item}), 0) FROM resources AS r, json_each(r.doc, '$.{array}') AS item" + where
        if exclude_id is not None:
            sql += " AND r.id<>?"
            args += (exclude_id,)
        with self.lock:
            return int(self._conn.execute(sql, args).fetchone()[0])

    def find(self, kind: str, id: str) -> tuple[Scope, dict[str, Any]] | None:
        """A resource by kind and id in any scope (the control plane and job recovery use this)."""
        with self.lock:
            row = self._conn.execute(
                "SELECT service, account, region, doc FROM resources WHERE kind=? AND id=?", (kind, id)
            ).fetchone()
        if row is None:
            return None
        return Scope(row[0], row[1], row[2]), json.loads(row[3])

    def reset(self) -> None:
        """Forget every resource (and every table other layers added rows to). A virtual table (e.g.
        FTS5) is emptied through itself; its shadow tables are left to it (emptying them directly
        corrupts the index)."""
        with self.lock:
            tables = [
                r[0]
                for r in self._conn.execute(
                    "SELECT name FROM pragma_table_list WHERE schema='main' AND type IN ('table', 'virtual') "
                    "AND name NOT LIKE 'sqlite_%'"
                )
            ]
            for t in tables:
                self._conn.execute(f'DELETE FROM "{t}"')

    def close(self) -> None:
        with self.lock:
            self._conn.close()
