"""Errors raised by the graph store."""

from __future__ import annotations


class GraphError(Exception):
    """Base class of graph store errors."""


class InvalidBatch(GraphError):
    """A batch handed to the bulk loader is malformed (lengths, types, list-valued edge properties)."""


class CardinalityViolation(GraphError):
    """A ``(single)`` property received a second, different value for a vertex."""

    def __init__(self, row: int, message: str) -> None:
        super().__init__(message)
        self.row = row


class LoaderClosed(GraphError):
    """The bulk loader was already committed or aborted."""
