"""Errors of the query engine: syntax errors carry line and column; every error may name the
openCypher TCK's error type (``tck_type``: SyntaxError, TypeError, ArgumentError, ...) and detail
type (``kind``: InvalidArgumentValue, NumberOutOfRange, ...) where one applies."""

from __future__ import annotations

from dockyard.graph.write_transaction import ConnectedVertex


class QueryError(Exception):
    """A query that cannot run (a type error, an undefined variable, ...). ``kind`` names the openCypher
    TCK's detail type where one applies (None: no TCK type fits); the class's ``tck_type`` its error
    type."""

    tck_type: str | None = None

    def __init__(self, message: str = "", kind: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind


class UnsupportedOperation(QueryError):
    """A construct this engine does not run (yet)."""


class CypherSyntaxError(QueryError):
    """A query refused at compile time; ``kind`` names the openCypher TCK's detail type where one
    applies (InvalidNumberLiteral, ...; None: a plain grammar error, the TCK's UnexpectedSyntax)."""

    tck_type = "SyntaxError"

    def __init__(self, message: str, line: int, column: int, kind: str | None = None) -> None:
        super().__init__(f"{message} (line {line}, column {column})", kind)
        self.detail = message
        self.line = line
        self.column = column


class CypherTypeError(QueryError):
    """A value of a type the operation does not take, found while the query runs (``toInteger([1])``,
    ``labels(1)``, indexing a number, a map as a property value)."""

    tck_type = "TypeError"


class ArgumentError(QueryError):
    """A function argument the function refuses while the query runs (``range(1, 5, 0)``,
    ``percentileCont(x, 1.5)``)."""

    tck_type = "ArgumentError"


class InvalidQueryArgument(QueryError):
    """A parameter that makes the query invalid where a literal would have been refused at compile time
    (``SKIP $n`` with a negative or non-integer ``n``): the TCK's SyntaxError at runtime."""

    tck_type = "SyntaxError"


class EntityNotFound(QueryError):
    """A node or relationship deleted earlier in the query whose labels or properties are read: the TCK's
    EntityNotFound (DeletedEntityAccess) at runtime."""

    tck_type = "EntityNotFound"


class InvalidMerge(QueryError):
    """A MERGE that cannot match its own pattern (a null property value): the TCK's SemanticError at
    runtime (MergeReadOwnWrites)."""

    tck_type = "SemanticError"


class ConstraintViolation(QueryError):
    """A write that breaks a rule of the graph (a taken ~id, deleting a vertex that has edges, ...)."""

    tck_type = "ConstraintVerificationFailed"


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


def constraint_violation(err: Exception) -> ConstraintViolation:
    """The query error for a write the graph refused (a GraphError), with the TCK's detail type where
    one applies (DELETE of a vertex that still has edges: DeleteConnectedNode)."""
    return ConstraintViolation(str(err), "DeleteConnectedNode" if isinstance(err, ConnectedVertex) else None)
