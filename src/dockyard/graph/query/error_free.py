"""Whether a WHERE condition can raise an error on some row.

The row interpreter evaluates a WHERE's AND from left to right and stops at the first false conjunct,
so a conjunct that raises (``toUpper(n.p)`` on an integer, ``n.p - 1`` on a string) fails the query
on every row an earlier conjunct does not make false. A condition evaluated on fewer rows (a
comparison pushed down to a node of the vectorised MATCH, a WITH's WHERE moved into the MATCH) keeps
the row interpreter's answer only when the conditions evaluated on those rows cannot raise. This
reads a condition conservatively: comparisons, ``IS [NOT] NULL``, ``IN`` a constant list, string
predicates and boolean connectives over literals, given parameters, variables and the properties of
the given node or relationship variables cannot; anything else might.
"""

from __future__ import annotations

from typing import Any

from dockyard.graph.query import ast as A

_EQUALITIES = ("=", "<>", "STARTS WITH", "ENDS WITH", "CONTAINS")
_ORDERINGS = ("<", "<=", ">", ">=")
_CONNECTIVES = ("AND", "OR", "XOR")


def cannot_raise(e: A.Expr, elements: set[str], params: dict[str, Any]) -> bool:
    """Whether the boolean condition ``e`` evaluates without error on every row where each name of
    ``elements`` is a node, a relationship or null."""
    if isinstance(e, A.Binary):
        if e.op in _CONNECTIVES:
            return cannot_raise(e.left, elements, params) and cannot_raise(e.right, elements, params)
        if e.op in _EQUALITIES:
            return _plain(e.left, elements, params, True) and _plain(e.right, elements, params, True)
        if e.op in _ORDERINGS:
            return _plain(e.left, elements, params, False) and _plain(e.right, elements, params, False)
        if e.op == "IN":
            return _plain(e.left, elements, params, True) and _a_list(e.right, elements, params)
        return False
    if isinstance(e, A.Unary) and e.op == "NOT":
        return cannot_raise(e.operand, elements, params)
    if isinstance(e, A.IsNull):
        return _plain(e.operand, elements, params, True)
    if isinstance(e, A.Literal):
        return e.value is None or isinstance(e.value, bool)
    return False


def reads_without_error(e: A.Expr, elements: set[str], params: dict[str, Any]) -> bool:
    """Whether the value of ``e`` is read without error on every such row (a literal, a parameter, a
    variable or a property of one of ``elements``)."""
    return _plain(e, elements, params, True)


def _a_list(e: A.Expr, elements: set[str], params: dict[str, Any]) -> bool:
    """A list (or null) whose items are read without error."""
    if isinstance(e, A.ListExpr):
        return all(_plain(item, elements, params, True) for item in e.items)
    if isinstance(e, A.Param) and e.name not in params:
        return False  # "Expected parameter(s)"
    value = e.value if isinstance(e, A.Literal) else params[e.name] if isinstance(e, A.Param) else 0
    return value is None or isinstance(value, list)


def _plain(e: A.Expr, elements: set[str], params: dict[str, Any], any_value: bool) -> bool:
    """An operand read without error (``any_value``: whatever its value; else a value an ordering
    compares without error: not a list, a map, a path or an element)."""
    if isinstance(e, A.Prop):
        return isinstance(e.subject, A.Var) and e.subject.name in elements
    if isinstance(e, A.Literal):
        return any_value or not isinstance(e.value, list | dict)
    if isinstance(e, A.Param):  # a parameter not given raises "Expected parameter(s)"
        return e.name in params and (any_value or not isinstance(params[e.name], list | dict))
    return any_value and isinstance(e, A.Var)
