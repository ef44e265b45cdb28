"""The AST of an openCypher query: plain dataclasses."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cached_property
from typing import Any


class Expr:
    pass


@dataclass
class Literal(Expr):
    value: Any


@dataclass
class Param(Expr):
    name: str


@dataclass
class Var(Expr):
    name: str


@dataclass
class ListExpr(Expr):
    items: list[Expr]


@dataclass
class MapExpr(Expr):
    items: dict[str, Expr]


@dataclass
class Prop(Expr):
    subject: Expr
    key: str


@dataclass
class Index(Expr):
    subject: Expr
    index: Expr


@dataclass
class Slice(Expr):
    subject: Expr
    start: Expr | None
    stop: Expr | None


@dataclass
class Unary(Expr):
    op: str
    operand: Expr


@dataclass
class Binary(Expr):
    op: str
    left: Expr
    right: Expr


@dataclass
class IsNull(Expr):
    operand: Expr
    negated: bool


@dataclass
class HasLabels(Expr):
    subject: Expr
    labels: list[str]


@dataclass
class Call(Expr):
    name: str
    args: list[Expr]
    distinct: bool = False
    star: bool = False


@dataclass
class Case(Expr):
    subject: Expr | None
    whens: list[tuple[Expr, Expr]]
    default: Expr | None


@dataclass
class ListComprehension(Expr):
    var: str
    source: Expr
    where: Expr | None
    project: Expr | None


@dataclass
class Quantifier(Expr):
    kind: str  # all, any, none, single
    var: str
    source: Expr
    where: Expr


@dataclass
class NodePattern:
    var: str | None
    labels: list[str]
    props: Expr | None


@dataclass
class RelPattern:
    var: str | None
    types: list[str]
    props: Expr | None
    direction: str  # "out" (->), "in" (<-), "both" (-)
    min_hops: int = 1
    max_hops: int | None = 1  # None: unbounded
    star: bool = False  # written with ``*`` (``[r*1..1]`` binds r to a list, like any variable length)

    @property
    def variable_length(self) -> bool:
        return self.star or not (self.min_hops == 1 and self.max_hops == 1)


@dataclass
class PathPattern:
    var: str | None
    nodes: list[NodePattern]
    rels: list[RelPattern]
    shortest: str | None = None  # "shortestPath" / "allShortestPaths": parsed, refused as Neptune does

    @property
    def variables(self) -> list[str]:
        """The variables the pattern binds: its nodes', then its relationships', then the path's."""
        names = [n.var for n in self.nodes] + [r.var for r in self.rels] + [self.var]
        return [n for n in names if n is not None]


@dataclass
class PatternExpr(Expr):
    """A pattern used as a predicate (``WHERE (a)-->(b)``)."""

    pattern: PathPattern


@dataclass
class ExistsExpr(Expr):
    pattern: PathPattern


@dataclass
class ExistsSubquery(Expr):
    """``EXISTS { ... }``: a full query (or patterns with WHERE, as a MATCH) that sees the outer row."""

    query: Query


@dataclass
class PatternComprehension(Expr):
    """``[p = (a)-->(b) WHERE ... | expr]``."""

    pattern: PathPattern
    where: Expr | None
    project: Expr


@dataclass
class MapProjection(Expr):
    """``n {.name, .*, key: expr, var}``: entries in written order; a None value projects ``.key``."""

    subject: str
    entries: list[tuple[str, Expr | None]]
    all_properties: bool = False


@dataclass
class Reduce(Expr):
    """``reduce(acc = init, x IN list | step)``."""

    acc: str
    init: Expr
    var: str
    source: Expr
    step: Expr


@dataclass
class Clause:
    pass


@dataclass
class Match(Clause):
    patterns: list[PathPattern]
    where: Expr | None
    optional: bool = False


@dataclass
class ReturnItem:
    expr: Expr
    alias: str


@dataclass
class SortItem:
    expr: Expr
    descending: bool


@dataclass
class Projection(Clause):
    """RETURN or WITH."""

    kind: str
    items: list[ReturnItem]
    star: bool = False
    distinct: bool = False
    order: list[SortItem] = field(default_factory=list)
    skip: Expr | None = None
    limit: Expr | None = None
    where: Expr | None = None


@dataclass
class Unwind(Clause):
    expr: Expr
    alias: str


@dataclass
class Create(Clause):
    patterns: list[PathPattern]


@dataclass
class SetItem:
    target: Expr
    value: Expr | None
    op: str  # "=", "+=", "label"
    labels: list[str] = field(default_factory=list)


@dataclass
class Merge(Clause):
    pattern: PathPattern
    on_create: list[SetItem]
    on_match: list[SetItem]


@dataclass
class SetClause(Clause):
    items: list[SetItem]


@dataclass
class Remove(Clause):
    items: list[SetItem]


@dataclass
class Delete(Clause):
    exprs: list[Expr]
    detach: bool


@dataclass
class RefusedClause(Clause):
    """A clause that parses but Neptune does not run (``FOREACH``); the query is refused."""

    keyword: str


@dataclass
class CallProcedure(Clause):
    name: str
    args: list[Expr]
    yields: list[str]  # the procedure's output columns YIELD names (none: all of them)
    aliases: dict[str, str] = field(default_factory=dict)  # YIELD out AS var
    where: Expr | None = None  # YIELD ... WHERE
    implicit_args: bool = False  # ``CALL proc`` without parentheses: arguments from same-named parameters


@dataclass
class CallSubquery(Clause):
    """``CALL { ... }``: ``imports[i]`` lists what part i's importing WITH imports (["*"] for ``WITH *``,
    None without one); that WITH is not among the part's clauses."""

    query: Query
    imports: list[list[str] | None]


@dataclass
class SingleQuery:
    clauses: list[Clause]


@dataclass
class QueryHint:
    """``USING QUERY:TIMEOUTMILLISECONDS 100`` (Neptune's query hints)."""

    scope: str
    name: str
    value: Any


@dataclass
class Query:
    parts: list[SingleQuery]
    union_all: list[bool]  # per UNION between parts
    hints: list[QueryHint] = field(default_factory=list)
    unsupported: str | None = None  # a construct that parses but Neptune refuses to run (the message)

    @cached_property  # asked several times per run of a (plan-cached) tree
    def is_write(self) -> bool:
        return any(isinstance(c, Create | Merge | SetClause | Remove | Delete) for p in self.parts for c in p.clauses)


def children(x: Any) -> Iterator[Any]:
    """The values an AST value holds: a node's fields, a list's or tuple's items, a dict's values
    (nothing for a string, number or None); what a walk over the tree descends into."""
    if is_dataclass(x) and not isinstance(x, type):
        for f in fields(x):
            yield getattr(x, f.name)
    elif isinstance(x, list | tuple):
        yield from x
    elif isinstance(x, dict):
        yield from x.values()
