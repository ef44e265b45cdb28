"""Persistent state in SQLite: a document store of service resources (one table) that other layers
(jobs, graph) extend with tables of their own on the same database."""

from dockyard.store.database import Database, Scope

__all__ = ["Database", "Scope"]
