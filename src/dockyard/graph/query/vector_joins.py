"""Hash joins of the vectorised MATCH: ``MATCH (a ...), (b ...) WHERE a.k = b.j`` pairs the rows whose
vertices hold equal values, instead of a cross product filtered row by row.

Equality is the row interpreter's ``=``: numbers equal across Int/Long/Float/Double by value (a Float
as the double it reads as), strings by their term, booleans only booleans; a missing value, a null or
NaN equals nothing. A key some vertex holds several values of, temporal values and integers beyond
2**53 (which a double could round onto another) are left to the row interpreter (None).
"""

from __future__ import annotations

import numpy as np

from dockyard.graph.csr import expand_ranges
from dockyard.graph.graph_view import GraphView
from dockyard.graph.query import ast as A
from dockyard.graph.query.vector_filters import EXACT_INTEGERS, FLOAT_TYPES, INTEGER_TYPES, magnitude
from dockyard.graph.value_types import ValueType

_DOMAINS = {ValueType.STRING: 2, ValueType.BOOL: 3}  # numbers are domain 1; 0: no value


def equality_join(e: A.Expr, variables: set[str]) -> tuple[str, str, str, str] | None:
    """``a.k = b.j`` of two different ``variables`` as (a, k, b, j), else None."""
    if not (isinstance(e, A.Binary) and e.op == "="):
        return None
    sides = []
    for side in (e.left, e.right):
        if not (isinstance(side, A.Prop) and isinstance(side.subject, A.Var) and side.subject.name in variables):
            return None
        if side.key.startswith("~"):
            return None
        sides.append((side.subject.name, side.key))
    (a, k), (b, j) = sides
    return None if a == b else (a, k, b, j)


def _values(view: GraphView, key: str, vertices: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Per vertex of ``vertices``, the value's domain (0: none) and the value as a float64."""
    if not view.vertex_key_single_valued(key):
        return None
    domain = np.zeros(len(vertices), np.int8)
    value = np.zeros(len(vertices), np.float64)
    for vtype, (owners, values) in view.vertex_key_columns(key).items():
        if vtype in INTEGER_TYPES + FLOAT_TYPES:
            code = 1
            if vtype in INTEGER_TYPES and magnitude(values) >= EXACT_INTEGERS:
                return None
        elif vtype in _DOMAINS:
            code = _DOMAINS[vtype]
        else:
            return None
        if not len(owners):
            continue
        at = np.minimum(np.searchsorted(owners, vertices), len(owners) - 1)
        hit = owners[at] == vertices
        found = values[at[hit]].astype(np.float64)
        domain[hit] = code
        value[hit] = found
    domain[(domain == 1) & np.isnan(value)] = 0  # NaN equals nothing
    return domain, value


def join_pairs(
    view: GraphView, left: np.ndarray, left_key: str, right: np.ndarray, right_key: str
) -> tuple[np.ndarray, np.ndarray] | None:
    """The (left position, right position) pairs whose values are equal, ordered by left position and
    then right position; None when the keys are not comparable here."""
    ours, theirs = _values(view, left_key, left), _values(view, right_key, right)
    if ours is None or theirs is None:
        return None
    lefts, rights = [], []
    for code in (1, 2, 3):
        mine = np.flatnonzero(ours[0] == code)
        other = np.flatnonzero(theirs[0] == code)
        if not len(mine) or not len(other):
            continue
        order = np.lexsort((other, theirs[1][other]))  # by value, then position
        sorted_positions, sorted_values = other[order], theirs[1][other][order]
        wanted = ours[1][mine]
        low = np.searchsorted(sorted_values, wanted, "left")
        positions, source = expand_ranges(low, np.searchsorted(sorted_values, wanted, "right") - low)
        lefts.append(mine[source])
        rights.append(sorted_positions[positions])
    if not lefts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    left_at, right_at = np.concatenate(lefts), np.concatenate(rights)
    order = np.lexsort((right_at, left_at))
    return left_at[order], right_at[order]


