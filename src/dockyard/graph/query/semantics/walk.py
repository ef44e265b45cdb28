"""The sub-expressions of an expression (patterns' property maps included), for searches that do not
care about scopes (is there an aggregate, a ``rand()``, a variable anywhere in it)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

from dockyard.graph.query import ast as A


def children(e: object) -> Iterator[A.Expr]:
    """Direct sub-expressions, of any dataclass node (also ones added to the AST later)."""
    if not dataclasses.is_dataclass(e):
        return
    for f in dataclasses.fields(e):
        yield from _exprs(getattr(e, f.name))


def _exprs(value: object) -> Iterator[A.Expr]:
    if isinstance(value, A.Expr):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _exprs(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _exprs(item)
    elif isinstance(value, A.NodePattern | A.RelPattern | A.PathPattern):
        yield from children(value)


def find(e: A.Expr, wanted: Callable[[A.Expr], bool]) -> A.Expr | None:
    """The first sub-expression (``e`` included, depth first, left to right) that is ``wanted``."""
    stack = [e]
    while stack:
        x = stack.pop()
        if wanted(x):
            return x
        stack.extend(reversed(list(children(x))))
    return None
