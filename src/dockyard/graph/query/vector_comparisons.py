"""A WHERE comparison of two elements' numeric properties (``a.k < b.j``) evaluated over a MATCH's
binding columns instead of row by row.

Each side is read from the property's dense numbers (``dense_numbers``) at the variable's index
column, and the comparison holds where both have a value and numpy's comparison is true: a missing
value is null, and a condition that is null or false drops the row, as the row interpreter's WHERE
does. Integers compare exactly in int64; a float compares with an integer as numbers (declined when
an integer side passes 2**53, where float64 would round it); NaN anywhere declines (``<>`` of NaN is
the row interpreter's to decide). Strings, booleans, dates and mixed value kinds are left to the rows.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import numpy as np

from dockyard.graph.graph_view import GraphView
from dockyard.graph.query import ast as A
from dockyard.graph.query.dense_numbers import dense_numbers
from dockyard.graph.query.vector_filters import EXACT_INTEGERS, magnitude, stored_property

Column = Callable[[str], tuple[str, np.ndarray] | None]  # a variable -> ("vertex" | "edge", index column)
_OPS: dict[str, Callable[[Any, Any], Any]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "=": operator.eq, "<>": operator.ne,
}  # fmt: skip


def comparison(conjunct: A.Expr) -> tuple[tuple[str, str], str, tuple[str, str]] | None:
    """``x.k OP y.j`` of two variables' stored properties as ((x, k), OP, (y, j)), or None."""
    if not (isinstance(conjunct, A.Binary) and conjunct.op in _OPS):
        return None
    if not (stored_property(conjunct.left) and stored_property(conjunct.right)):
        return None
    left, right = conjunct.left, conjunct.right
    return (left.subject.name, left.key), conjunct.op, (right.subject.name, right.key)  # type: ignore[attr-defined]


def compared(view: GraphView, column: Column, conjunct: A.Expr) -> np.ndarray | None:
    """Per binding row, whether ``conjunct`` is true; None when it is not evaluated here."""
    found = comparison(conjunct)
    if found is None:
        return None
    sides = []  # per side: its values, whether each row has one, whether they are integers
    for var, key in (found[0], found[2]):
        at = column(var)
        if at is None:
            return None
        dense = dense_numbers(view, at[0], key)
        if dense is None:
            return None
        values, present, integral = dense
        taken = values[at[1]]
        if not integral and np.isnan(taken).any():
            return None
        sides.append((taken, present[at[1]], integral))
    (left, left_present, left_integral), (right, right_present, right_integral) = sides
    if left_integral != right_integral and magnitude(left if left_integral else right) >= EXACT_INTEGERS:
        return None  # an integer past 2**53 against a float: float64 cannot hold it exactly
    return _OPS[found[1]](left, right) & left_present & right_present
