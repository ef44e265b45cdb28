"""Errors of the query engine: syntax errors carry line and column."""

from __future__ import annotations


class QueryError(Exception):
    """A query that cannot run (a type error, an undefined variable, ...)."""


class UnsupportedOperation(QueryError):
    """A construct this engine does not run (yet)."""


class CypherSyntaxError(QueryError):
    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(f"{message} (line {line}, column {column})")
        self.detail = message
        self.line = line
        self.column = column
