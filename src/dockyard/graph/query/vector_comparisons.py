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
from dockyard.graph.query.vector_filters import EXACT_INTEGERS

Column = Callable[[str], tuple[str, np.ndarray] | None]  # a variable -> ("vertex" | "edge", index column)
_OPS: dict[str, Callable[[Any, Any], Any]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "=": operator.eq, "<>": operator.ne,
}  # fmt: skip


def comparison(conjunct: A.Expr) -> tuple[tuple[str, str], str, tuple[str, str]] | None:
    """``x.k OP y.j`` of two variables as ((x, k), OP, (y, j)), or None."""
    if not (isinstance(conjunct, A.Binary) and conjunct.op in _OPS):
        return None
    sides = []
    for e in (conjunct.left, conjunct.right):
        if not (isinstance(e, A.Prop) and isinstance(e.subject, A.Var)) or e.key.startswith("~"):
            return None
        sides.append((e.subject.name, e.key))
    return sides[0], conjunct.op, sides[1]


def compared(view: GraphView, column: Column, conjunct: A.Expr) -> np.ndarray | None:
    """Per binding row, whether ``conjunct`` is true; None when it is not evaluated here."""
    found = comparison(conjunct)
    if found is None:
        return None
    sides = []
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
        if integral and len(taken) and int(np.abs(taken).max()) >= EXACT_INTEGERS:
            sides.append((taken, present[at[1]], "big"))
        else:
            sides.append((taken, present[at[1]], integral))
    (left, left_present, left_kind), (right, right_present, right_kind) = sides
    if "big" in (left_kind, right_kind) and False in (left_kind, right_kind):
        return None  # a float against an integer float64 cannot hold exactly
    return _OPS[found[1]](left, right) & left_present & right_present
