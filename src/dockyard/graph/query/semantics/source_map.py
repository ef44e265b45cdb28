"""Where the parser found each AST node (line and column), for the semantic pass's error positions.

The AST carries no positions (its trees are shared through the plan cache and compared by value);
the parser fills a SourceMap keyed by node identity while it builds one tree, the semantic pass
reads it right after, and the map is dropped with the parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SourceMap:
    positions: dict[int, tuple[int, int]] = field(default_factory=dict)  # id(node) -> (line, column)
    unaliased: set[int] = field(default_factory=set)  # id(ReturnItem) written without AS

    def mark(self, node: object, line: int, column: int) -> None:
        self.positions.setdefault(id(node), (line, column))

    def position(self, node: object) -> tuple[int, int] | None:
        return self.positions.get(id(node))
