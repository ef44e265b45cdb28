"""A final ``RETURN x.k AS a, r.j AS b, ...`` read from a MATCH's binding columns.

Each returned property of a node or fixed-length relationship the clause binds becomes one list: the
property's Python values per vertex or edge index (an object array built once per snapshot, null
where the element has none) taken at the variable's index column, and the rows are zipped from those
lists in the binding table's order, the row interpreter's. No node or relationship object is made
for a row. A constant SKIP/LIMIT without ORDER BY or DISTINCT cuts the columns before any value is
taken; DISTINCT, ORDER BY (over the aliases) and SKIP/LIMIT otherwise apply to the rows as the row
interpreter applies them. Declined (None) for an OPTIONAL MATCH, a key some vertex holds several
values of, a ``~`` key, and anything else in the RETURN.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from dockyard.graph.graph_view import GraphView
from dockyard.graph.property_rows import python_values
from dockyard.graph.query import ast as A
from dockyard.graph.query.memory_budget import RowBudget
from dockyard.graph.query.vector_filters import constant_window, stored_property

Column = Callable[[str], tuple[str, np.ndarray]]  # a variable -> ("vertex" | "edge", its index column)
Projected = tuple[list[dict[str, Any]], A.Projection | None]


def projection_shape(clause: A.Match, ret: A.Projection, given: set[str]) -> list[tuple[str, str, str]] | None:
    """Per RETURN item (alias, variable, key), or None when the RETURN is not of the shape."""
    if clause.optional or ret.kind != "RETURN" or ret.star or ret.where is not None:
        return None  # (an OPTIONAL MATCH's unmatched input rows are rows of nulls, not in the table)
    elements = {n.var for p in clause.patterns for n in p.nodes if n.var}
    elements |= {r.var for p in clause.patterns for r in p.rels if r.var and not r.variable_length}
    elements -= given
    items = []
    for item in ret.items:
        e = item.expr
        if not (stored_property(e) and e.subject.name in elements):  # type: ignore[attr-defined]
            return None
        items.append((item.alias, e.subject.name, e.key))
    aliases = {alias for alias, _, _ in items}
    if any(not (isinstance(s.expr, A.Var) and s.expr.name in aliases) for s in ret.order):
        return None
    return items


def projected_rows(
    columns: GraphView, column: Column, rows: int, shape: list[tuple[str, str, str]], ret: A.Projection,
    params: dict[str, Any], budget: RowBudget,
) -> Projected | None:
    """The rows of the RETURN, and the projection over aliases still to apply to them (None: the
    rows are the answer); or None (declined)."""
    budget.check(rows)  # the rows the MATCH gives, as the row interpreter holds them
    cut = None if ret.order or ret.distinct else _window(ret, params, rows)
    lists = []
    for _, var, key in shape:
        kind, index = column(var)
        values = element_values(columns, kind, key)
        if values is None:
            return None
        lists.append((values[index] if cut is None else values[index[cut[0] : cut[1]]]).tolist())
    aliases = [alias for alias, _, _ in shape]
    out = [dict(zip(aliases, row, strict=True)) for row in zip(*lists, strict=True)]
    if cut is not None:
        return out, None
    projection = A.Projection("RETURN", [A.ReturnItem(A.Var(alias), alias) for alias in aliases],
                              distinct=ret.distinct, order=ret.order, skip=ret.skip, limit=ret.limit)  # fmt: skip
    return out, projection


def _window(ret: A.Projection, params: dict[str, Any], rows: int) -> tuple[int, int] | None:
    """The rows a constant SKIP/LIMIT keeps, as (start, end); None when one is not a constant
    non-negative integer (the row interpreter's projection reports it)."""
    window = constant_window(ret, params)
    if window is None:
        return None
    start = min(window[0], rows)
    return start, rows if window[1] is None else min(start + window[1], rows)


def element_values(columns: GraphView, kind: str, key: str) -> np.ndarray | None:
    """Per vertex (``kind`` "vertex") or edge index, its value of ``key`` as the row interpreter reads
    it (None: none), an object array built once per snapshot; None for a key some vertex holds
    several values of."""
    return columns.derived(("python values", kind, key), lambda: _objects(columns, kind, key))


def _objects(columns: GraphView, kind: str, key: str) -> np.ndarray | None:
    element = columns.element_key_columns(kind, key)
    if element is None:
        return None
    found, size = element
    out = np.full(size, None, object)
    for vtype, (owners, values) in found.items():
        taken = np.empty(len(owners), object)
        taken[:] = python_values(vtype, values, columns.decode_terms)
        out[owners] = taken
    return out
