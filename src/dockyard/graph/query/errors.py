"""Errors of the query engine: syntax errors carry line and column."""

from __future__ import annotations


class QueryError(Exception):
    """A query that cannot run (a type error, an undefined variable, ...)."""


class UnsupportedOperation(QueryError):
    """A construct this engine does not run (yet)."""


class CypherSyntaxError(QueryError):
    """A query refused at compile time; ``kind`` names the openCypher TCK's detail type where one
    applies (InvalidNumberLiteral, ...; None: a plain grammar error, the TCK's UnexpectedSyntax)."""

    def __init__(self, message: str, line: int, column: int, kind: str | None = None) -> None:
        super().__init__(f"{message} (line {line}, column {column})")
        self.detail = message
        self.line = line
        self.column = column
        self.kind = kind


class ConstraintViolation(QueryError):
    """A write that breaks a rule of the graph (a taken ~id, deleting a vertex that has edges, ...)."""


class QueryCancelled(QueryError):
    """The query was cancelled (CancelQuery) while it ran."""


class ConcurrentModification(QueryError):
    """Another write held the graph for longer than this query could wait."""


class SemanticError(CypherSyntaxError):
    """A query the grammar accepts but openCypher's semantic rules refuse (compile time); ``kind`` is
    the openCypher TCK's detail type (UndefinedVariable, VariableAlreadyBound, ...)."""

    def __init__(self, kind: str, message: str, line: int, column: int) -> None:
        super().__init__(message, line, column, kind)
class MemoryLimitExceeded(QueryError):
    """The query's intermediate results outgrew its memory budget (``limit`` binding rows)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"intermediate results exceeded the budget of {limit:,} rows")
        self.limit = limit
