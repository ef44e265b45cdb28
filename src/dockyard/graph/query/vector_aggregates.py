"""Counts, sums, averages, minima and maxima of a RETURN or WITH right after a MATCH, computed over
the MATCH's binding columns.

``MATCH ... RETURN|WITH [key,] sum(y.j) AS s, avg(z.j) AS a, count(*) AS c ... [WHERE ...] [ORDER BY ...]
[SKIP/LIMIT]``: ``y``/``z`` a node or fixed-length relationship the clause binds; the key (at most one)
``x.k``, ``x`` or ``id(x)`` of a node it binds. Each aggregate's argument is read per binding row from
the property's dense numbers (``dense_numbers``), the rows are grouped by the key's value code (or
vertex index), the groups come in the order of their first row, as the row interpreter's groups come,
and each group folds as ``aggregates.fold`` folds it: an integer sum is exact (the shape is declined
when it could pass 64 bits, for the row interpreter to report ``long overflow``), a float sum and every
average are ``math.fsum``'s exactly rounded sums (``exact_sums``: the order of the rows does not
matter; NaN, infinities and values near overflow are left to the row interpreter), a group without a
value gives null. The WITH's WHERE, ORDER BY and SKIP/LIMIT then apply to the grouped rows. Declined
(None, the clause runs as rows) for anything whose answer could depend on which row came first or on
a value type numpy does not order as the row interpreter does: a key or argument of several value
types (integers of any width are one type, as are floats), of strings (for an argument), of dates, a
float key or extreme over NaN or ``-0.0`` (``-0.0`` and ``0.0`` are one group and one extreme, shown as
whichever row came first), a ``~`` key (``x.`~id``` is the element's id, in no column), an OPTIONAL
MATCH, DISTINCT, a WITH's WHERE that reads a variable the WITH does not project.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from dockyard.graph.graph_view import GraphView
from dockyard.graph.query import ast as A
from dockyard.graph.query.ast_search import holds
from dockyard.graph.query.dense_numbers import dense_numbers, one_kind
from dockyard.graph.query.exact_sums import exact_sums
from dockyard.graph.query.fast_group import Grouped
from dockyard.graph.query.memory_budget import RowBudget
from dockyard.graph.query.values import ColumnNode
from dockyard.graph.query.vector_filters import EXACT_INTEGERS, magnitude, stored_property
from dockyard.graph.value_types import ValueType

Column = Callable[[str], tuple[str, np.ndarray]]  # a variable -> ("vertex" | "edge", its index column)

_FOLDED = ("sum", "avg", "min", "max")
_LONG = 2**63


@dataclass(frozen=True)
class Aggregate:
    """One RETURN item: ``name(var.key)``, ``count(var)`` (key None) or ``count(*)`` (var None)."""

    alias: str
    name: str
    var: str | None
    key: str | None


@dataclass(frozen=True)
class AggregateShape:
    key_item: A.ReturnItem | None  # ``x.k AS key``, or None: one row over every binding
    aggregates: list[Aggregate]


@dataclass(frozen=True)
class _Values:
    """An argument per binding row: its value (0 where it has none), whether it has one, its kind."""

    values: np.ndarray
    present: np.ndarray
    integral: bool


def aggregate_shape(clause: A.Match, ret: A.Projection, given: set[str]) -> AggregateShape | None:
    """The RETURN's (or WITH's) items as aggregates over the clause's columns, or None when it is not
    of the shape."""
    if clause.optional or ret.star or ret.distinct or (ret.kind == "RETURN" and ret.where is not None):
        return None
    nodes = {n.var for p in clause.patterns for n in p.nodes if n.var} - given
    rels = {r.var for p in clause.patterns for r in p.rels if r.var and not r.variable_length} - given
    key_item: A.ReturnItem | None = None
    aggregates: list[Aggregate] = []
    for item in ret.items:
        e = item.expr
        if isinstance(e, A.Call) and e.name in (*_FOLDED, "count") and not e.distinct:
            arg = e.args[0] if len(e.args) == 1 else None
            if e.star:
                aggregates.append(Aggregate(item.alias, "count", None, None))
            elif isinstance(arg, A.Var) and e.name == "count" and arg.name in nodes | rels:
                aggregates.append(Aggregate(item.alias, "count", arg.name, None))
            elif stored_property(arg) and arg.subject.name in nodes | rels:  # type: ignore[union-attr]
                aggregates.append(Aggregate(item.alias, e.name, arg.subject.name, arg.key))
            else:
                return None
        elif key_item is None and _key_node(e) in nodes:
            key_item = item
        else:
            return None
    if not aggregates:
        return None
    aliases = {item.alias for item in ret.items}
    if any(not (isinstance(s.expr, A.Var) and s.expr.name in aliases) for s in ret.order):
        return None
    if ret.where is not None and holds(ret.where, lambda e: isinstance(e, A.Var) and e.name not in aliases):
        return None  # a WHERE reading a variable of before the WITH (the row interpreter reads its first row's)
    return AggregateShape(key_item, aggregates)


def _key_node(e: A.Expr) -> str | None:
    """The node variable a grouping key reads: ``x.k``, ``x`` or ``id(x)``."""
    if stored_property(e):
        return e.subject.name  # type: ignore[attr-defined]
    if isinstance(e, A.Var):
        return e.name
    if isinstance(e, A.Call) and e.name == "id" and len(e.args) == 1 and isinstance(e.args[0], A.Var):
        return e.args[0].name
    return None


def aggregated_rows(
    columns: GraphView, column: Column, rows: int, shape: AggregateShape, ret: A.Projection, budget: RowBudget
) -> Grouped | None:
    """The grouped rows of ``shape`` over ``rows`` binding rows (``column(var)``: a variable's index
    column), and the projection over aliases still to apply to them; or None (declined)."""
    budget.check(rows)  # the rows the MATCH gives, as the row interpreter holds them
    if shape.key_item is None:
        group, keys = np.zeros(rows, np.int64), [None]
    else:
        found = _groups(columns, column, shape.key_item)
        if found is None:
            return None
        group, keys = found
    sizes = np.bincount(group, minlength=len(keys))
    out: list[dict[str, Any]] = [{} for _ in keys]
    if shape.key_item is not None:
        for row, key in zip(out, keys, strict=True):
            row[shape.key_item.alias] = key
    for aggregate in shape.aggregates:
        if aggregate.key is None:  # count(*) / count(x): a variable the clause binds is never null
            folded: list[Any] = sizes.tolist()
        elif aggregate.name == "count":  # count(x.k): the rows whose element has a value of k
            kind, index = column(aggregate.var)  # type: ignore[arg-type]
            present = _present(columns, kind, aggregate.key, index)
            if present is None:
                return None
            folded = np.bincount(group[present], minlength=len(keys)).tolist()
        else:
            kind, index = column(aggregate.var)  # type: ignore[arg-type]
            values = _values(columns, kind, aggregate.key, index)
            if values is None:
                return None
            found_fold = _fold(aggregate.name, values, group, len(keys))
            if found_fold is None:
                return None
            folded = found_fold
        for row, value in zip(out, folded, strict=True):
            row[aggregate.alias] = value
    projection = A.Projection(ret.kind, [A.ReturnItem(A.Var(item.alias), item.alias) for item in ret.items],
                              order=ret.order, skip=ret.skip, limit=ret.limit, where=ret.where)  # fmt: skip
    if shape.key_item is not None:  # the groups with rows, in the order of their first row (as rows group)
        first = np.full(len(keys), rows, np.int64)
        np.minimum.at(first, group, np.arange(rows, dtype=np.int64))
        live = np.flatnonzero(sizes)
        out = [out[i] for i in live[np.argsort(first[live], kind="stable")].tolist()]
    return out, projection


def _unordered(values: np.ndarray) -> bool:
    """Whether floats hold a value numpy does not order as the row interpreter does: NaN, or ``-0.0``
    (equal to ``0.0``: which one a group or an extreme shows is the first row's)."""
    return values.dtype.kind == "f" and bool(np.isnan(values).any() or np.signbit(values[values == 0]).any())


def _present(columns: GraphView, kind: str, key: str, index: np.ndarray) -> np.ndarray | None:
    """Per binding row, whether its element has a value of ``key`` (None: a vertex of several)."""
    element = columns.element_key_columns(kind, key)
    if element is None:
        return None
    found, size = element
    has = np.zeros(size, bool)
    for owners, _ in found.values():
        has[owners] = True
    return has[index]


def _values(columns: GraphView, kind: str, key: str, index: np.ndarray) -> _Values | None:
    dense = dense_numbers(columns, kind, key)
    if dense is None:
        return None
    values, present, integral = dense
    return _Values(values[index], present[index], integral)


def _groups(columns: GraphView, column: Column, key_item: A.ReturnItem) -> tuple[np.ndarray, list[Any]] | None:
    """Per binding row its group, and each group's key (the last: rows without the key, null)."""
    prop = key_item.expr
    if not isinstance(prop, A.Prop):  # a node, or its id: one group per vertex index
        _, index = column(_key_node(prop))  # type: ignore[arg-type]
        distinct, group = np.unique(index, return_inverse=True)
        if isinstance(prop, A.Var):
            return group, [ColumnNode(columns.vertex_at(i), i) for i in distinct.tolist()]
        ids = columns.vertex_id_list()
        return group, [ids[i] for i in distinct.tolist()]
    assert isinstance(prop.subject, A.Var)
    _, index = column(prop.subject.name)
    element = columns.element_key_columns("vertex", prop.key)
    if element is None:
        return None
    found, _ = element
    if ValueType.DATE in found or ValueType.DATETIME in found:
        return None
    strings = ValueType.STRING in found
    if len(found) > 1:  # integers of several widths are one kind of key, as are floats
        typed = one_kind(found)
        if typed is None:
            return None
        owners, values, _ = typed
    elif found:
        owners, values = next(iter(found.values()))
    else:
        owners = values = np.zeros(0, np.int64)
    if _unordered(values):
        return None
    distinct, inverse = np.unique(values, return_inverse=True)
    code = np.full(columns.num_vertices, -1, np.int64)
    code[owners] = inverse
    keys: list[Any] = columns.decode_terms(distinct) if strings else distinct.tolist()
    group = code[index]
    group[group < 0] = len(keys)
    return group, [*keys, None]


def _fold(name: str, values: _Values, group: np.ndarray, groups: int) -> list[Any] | None:
    """``name`` of each group's present values (null where it has none), or None (declined)."""
    present = values.present
    kept = values.values[present]
    at = group[present] if groups != 1 else np.zeros(len(kept), np.int64)
    counts = np.bincount(at, minlength=groups) if groups != 1 else np.array([len(kept)])
    if name in ("min", "max"):
        if _unordered(kept):
            return None
        folded = _extremes(name, kept, at, groups, values.integral)
    elif name == "sum" and values.integral:
        biggest = magnitude(kept)
        if biggest and biggest * int(counts.max()) >= _LONG:
            return None  # could pass 64 bits: the row interpreter reports long overflow
        if groups == 1:
            folded = [int(kept.sum())]
        else:
            sums = np.zeros(groups, np.int64)
            np.add.at(sums, at, kept)
            folded = sums.tolist()
    else:  # a float sum, or an average: exactly rounded sums, as math.fsum gives them
        if values.integral and magnitude(kept) >= EXACT_INTEGERS:
            return None  # fsum reads each integer as a float: the row interpreter's to round
        sums_f = exact_sums(kept.astype(np.float64), at, groups)
        if sums_f is None:
            return None  # NaN, infinities, huge values: math.fsum's own answers and errors
        if name == "sum":
            folded = sums_f
        else:
            folded = [s / n if n else None for s, n in zip(sums_f, counts.tolist(), strict=True)]
    return [value if n else None for value, n in zip(folded, counts.tolist(), strict=True)]


def _extremes(name: str, kept: np.ndarray, at: np.ndarray, groups: int, integral: bool) -> list[Any]:
    if groups == 1 and len(kept):
        return [(kept.min() if name == "min" else kept.max()).item()]
    if integral:
        start = np.iinfo(np.int64).max if name == "min" else np.iinfo(np.int64).min
        found = np.full(groups, start, np.int64)
    else:
        found = np.full(groups, np.inf if name == "min" else -np.inf)
    (np.minimum if name == "min" else np.maximum).at(found, at, kept)
    return found.tolist()
