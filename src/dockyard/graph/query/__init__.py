"""An openCypher engine over the graph store: parser (``parser.parse``), executor (``executor.run``),
and ``transactions.execute`` (a query against a GraphStore: reads on a snapshot, writes as one
transaction). A hand-written recursive-descent parser to an AST of dataclasses and a row interpreter
(see docs/neptune-query.md for what is covered and what is left). ``parse`` also runs the semantic
pass (``semantics``): a query openCypher's rules refuse raises SemanticError at compile time.
"""

from dockyard.graph.query.errors import (
    ArgumentError,
    ConcurrentModification,
    ConstraintViolation,
    CypherSyntaxError,
    CypherTypeError,
    EntityNotFound,
    InvalidMerge,
    InvalidQueryArgument,
    MemoryLimitExceeded,
    QueryCancelled,
    QueryError,
    SemanticError,
    UnsupportedOperation,
)
from dockyard.graph.query.executor import run
from dockyard.graph.query.parser import parse
from dockyard.graph.query.transactions import execute

__all__ = [
    "ArgumentError",
    "ConcurrentModification",
    "ConstraintViolation",
    "CypherSyntaxError",
    "CypherTypeError",
    "EntityNotFound",
    "InvalidMerge",
    "InvalidQueryArgument",
    "MemoryLimitExceeded",
    "QueryCancelled",
    "QueryError",
    "SemanticError",
    "UnsupportedOperation",
    "execute",
    "parse",
    "run",
]
