"""An openCypher engine over the graph store: parser (``parser.parse``), executor (``executor.run``).

First slice: a hand-written recursive-descent parser to an AST of dataclasses and a row interpreter
for read queries (see docs/neptune-query.md for what is covered and what is left).
"""

from dockyard.graph.query.errors import CypherSyntaxError, QueryError, UnsupportedOperation
from dockyard.graph.query.executor import run
from dockyard.graph.query.parser import parse

__all__ = ["CypherSyntaxError", "QueryError", "UnsupportedOperation", "parse", "run"]
