"""Vectorised grouped counts: ``MATCH (a[:L])[-[r[:T]]->()] RETURN [a.k AS x,] count(...) AS c
[ORDER BY aliases] [SKIP/LIMIT]`` over the columns.

Each vertex weighs its number of matching edges (its CSR degree) or 1; the weights are summed per
value of ``a.k`` with a bincount (over the value range of integers and term codes, ``np.unique``
for anything else) and the missing key forms the null group. When the first sort key is a count (or
group keys that are all numbers) and LIMIT is a constant, only the groups that can reach the first
SKIP+LIMIT rows (at or before the (SKIP+LIMIT)-th value in sort order) are handed on: the row
interpreter's projection then sorts a handful of rows instead of every group, to the same order (a
stable sort of a subset holding every row placed before the cut).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dockyard.graph.graph_view import GraphView
from dockyard.graph.query import ast as A
from dockyard.graph.query.fast_shape import match_return
from dockyard.graph.query.pending_writes import matches, split_view, touched_rows
from dockyard.graph.query.values import Node
from dockyard.graph.query.vector_filters import FLOAT_TYPES, INTEGER_TYPES, constant_window, stored_property
from dockyard.graph.value_types import ValueType

Grouped = tuple[list[dict[str, Any]], A.Projection]

_DENSE = 4  # a bincount over a value range up to this many times the row count (plus slack) is cheap
_NULL = ("null",)
_BIG_DELTA = 50_000  # touched vertices beyond which taking them one by one is not worth it


def _sums(values: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct values with a positive summed weight, and those sums."""
    if values.dtype.kind in "iub" and len(values):
        as_int = values.astype(np.int64, copy=False)
        low, high = int(as_int.min()), int(as_int.max())
        if high - low <= _DENSE * len(values) + 4096:
            sums = np.bincount(as_int - low, weights=weights, minlength=high - low + 1)
            present = np.flatnonzero(sums > 0)
            found = (present + low).astype(values.dtype)
            return found, sums[present].astype(np.int64)
    live = weights > 0
    distinct, inverse = np.unique(values[live], return_inverse=True)
    return distinct, np.bincount(inverse, weights=weights[live], minlength=len(distinct)).astype(np.int64)


def _shape(tree: A.Query) -> tuple[A.NodePattern, A.RelPattern | None, A.Projection] | None:
    shape = match_return(tree)
    if shape is None or shape[0].where is not None:
        return None
    match, ret = shape
    p = match.patterns[0]
    a = p.nodes[0]
    if p.var is not None or a.var is None or a.props is not None or len(a.labels) > 1 or len(p.rels) > 1:
        return None
    rel = p.rels[0] if p.rels else None
    if rel is not None:
        end = p.nodes[1]
        if (rel.variable_length or rel.props is not None or len(rel.types) > 1 or rel.direction == "both"
                or end.labels or end.props is not None or end.var is not None or rel.var == a.var):  # fmt: skip
            return None
    return a, rel, ret


def _merge_pending(merged: dict[Any, int], pending: list[Any], by_type: dict[ValueType, Any]) -> bool:
    """Count pending vertices' group keys into ``merged`` (null under ``_NULL``); False when a key is
    one whose group the columns' groups could hold under another spelling (a number next to float
    columns: 1 and 1.0 are one group, shown as whichever row came first) or is no scalar."""
    floats = ValueType.DOUBLE in by_type or ValueType.FLOAT in by_type
    for value in pending:
        if value is None:
            hashable: Any = _NULL
        elif isinstance(value, bool):
            hashable = ("b", value)
        elif isinstance(value, str) or (isinstance(value, int) and not floats):
            hashable = value
        else:
            return False
        merged[hashable] = merged.get(hashable, 0) + 1
    return True


def _limit(projection: A.Projection, params: dict[str, Any]) -> int | None:
    """SKIP + LIMIT when both are constant non-negative integers (no LIMIT: None)."""
    window = constant_window(projection, params)
    return None if window is None or window[1] is None else window[0] + window[1]


def _sort_column(sort: A.SortItem, count_items: list[A.ReturnItem], key_item: A.ReturnItem | None,
                 counts: np.ndarray, keys: list[Any]) -> np.ndarray | None:  # fmt: skip
    """The values the first ORDER BY key sorts the groups by, when numpy orders them as the row
    interpreter does: the counts, or group keys that are all numbers (no null, boolean or NaN)."""
    name = sort.expr.name  # type: ignore[attr-defined]
    if any(item.alias == name for item in count_items):
        return counts
    if key_item is None or key_item.alias != name:
        return None
    if not all(isinstance(k, int | float) and not isinstance(k, bool) for k in keys):
        return None
    column = np.array(keys, np.float64)  # rounding large integers only widens the cut below
    return None if np.isnan(column).any() else column


def _top(column: np.ndarray, cut: int, descending: bool) -> list[int]:
    """Positions of the values at or before the ``cut``-th in sort order (ties at the cut kept)."""
    if cut == 0:
        return []
    keyed = -column if descending else column
    threshold = np.partition(keyed, cut - 1)[cut - 1]
    return np.flatnonzero(keyed <= threshold).tolist()


def try_group_count(view: Any, tree: A.Query, params: dict[str, Any]) -> Grouped | None:
    """The grouped rows, and the projection (over aliases) still to apply to them; or None."""
    shape = _shape(tree)
    split = split_view(view)
    if shape is None or split is None:
        return None
    a, rel, ret = shape
    delta = split[1]
    if delta is not None and (rel is not None or (not a.labels and any(delta.edges.layers))
                              or (len(delta.vertices.layers) > 1 and len(delta.vertices) > _BIG_DELTA)):  # fmt: skip
        return None  # pending edges change degrees (and, unlabelled, which vertices exist): the row interpreter's
    counted = {a.var} | ({rel.var} if rel is not None and rel.var else set())
    key_item, count_items = None, []
    for item in ret.items:
        e = item.expr
        counts = isinstance(e, A.Call) and e.name == "count" and not e.distinct
        if counts and (e.star or (len(e.args) == 1 and isinstance(e.args[0], A.Var) and e.args[0].name in counted)):
            count_items.append(item)
        elif key_item is None and stored_property(e) and e.subject.name == a.var:  # type: ignore[attr-defined]
            key_item = item
        else:
            return None
    aliases = {item.alias for item in ret.items}
    if not count_items or any(not (isinstance(s.expr, A.Var) and s.expr.name in aliases) for s in ret.order):
        return None
    if delta is not None and key_item is not None and not any(s.expr.name == key_item.alias for s in ret.order):
        return None  # groups in row order: where a pending vertex's group falls is the row interpreter's
    columns: GraphView = split[0]
    n = columns.num_vertices
    if rel is None:
        weight = np.ones(n, np.int64)
    else:
        weight = columns.degrees(rel.direction, rel.types[0] if rel.types else None)
    if a.labels:
        weight = np.where(columns.label_mask(a.labels[0]), weight, 0)
    pending: list[Any] = []  # the group key of each pending vertex state the pattern matches
    if delta is not None:  # vertices the writes touched leave the columns' groups and join from their new state
        touched = delta.vertices.flat()
        weight = weight.copy()
        weight[touched_rows(columns, touched)] = 0
        label = a.labels[0] if a.labels else None
        for vertex in touched.values():
            if vertex is not None and matches(vertex, label, []):
                pending.append(None if key_item is None else Node(vertex).prop(key_item.expr.key))  # type: ignore[attr-defined]
    if key_item is None:
        merged: dict[Any, int] = {None: int(weight.sum()) + len(pending)}  # one row, even over nothing
        missing = 0
    else:
        assert isinstance(key_item.expr, A.Prop)
        found = key_sums(columns, key_item.expr.key, weight)
        if found is None:
            return None
        merged, missing, by_type = found
        if pending and not _merge_pending(merged, pending, by_type):
            return None
        missing += merged.pop(_NULL, 0)
    return grouped_rows(merged, missing, count_items, key_item, ret, params)


def key_sums(
    columns: GraphView, key: str, weight: np.ndarray
) -> tuple[dict[Any, int], int, dict[ValueType, Any]] | None:
    """Per value of vertex property ``key``, the summed ``weight`` (per vertex index) of the vertices
    holding it (a boolean under ``("b", value)``: True and 1 are two groups), the weight of those without
    it, and the key's typed columns; None for a key of several values or of temporal values."""
    by_type = columns.vertex_key_columns(key)
    if not columns.vertex_key_single_valued(key) or ValueType.DATE in by_type or ValueType.DATETIME in by_type:
        return None
    has_value = np.zeros(columns.num_vertices, bool)
    merged: dict[Any, int] = {}
    integers: set[Any] = set()  # the numeric group keys of each kind, where the weight is not zero
    floats: set[Any] = set()
    for vtype, (owners, values) in by_type.items():
        has_value[owners] = True
        distinct, sums = _sums(values, weight[owners])
        found = columns.decode_terms(distinct) if vtype is ValueType.STRING else distinct.tolist()
        if vtype in INTEGER_TYPES + FLOAT_TYPES:
            kinds = integers if vtype in INTEGER_TYPES else floats
            kinds.update(v for v, total in zip(found, sums.tolist(), strict=True) if total > 0)
        for value, total in zip(found, sums.tolist(), strict=True):
            hashable = ("b", value) if isinstance(value, bool) else value
            merged[hashable] = merged.get(hashable, 0) + total
    for value in integers & floats:  # 2 and 2.0 are one group, shown as its first row shows it
        total = merged.pop(value)
        merged[_first_spelling(by_type, weight, value)] = total
    return merged, int(weight[~has_value].sum()), by_type


def _first_spelling(by_type: dict[ValueType, Any], weight: np.ndarray, value: Any) -> Any:
    """``value`` as an int or a float, as the lowest vertex index on a row (positive weight) holding
    it spells it: the first row of the group in a scan."""
    first: dict[bool, int] = {}
    for vtype, (owners, values) in by_type.items():
        if vtype in INTEGER_TYPES + FLOAT_TYPES:
            hit = owners[(values == value) & (weight[owners] > 0)]
            if len(hit):
                integral = vtype in INTEGER_TYPES
                first[integral] = min(first.get(integral, int(hit.min())), int(hit.min()))
    integer_first, float_first = first.get(True), first.get(False)
    if integer_first is None or (float_first is not None and float_first < integer_first):
        return float(value)
    return int(value)


def grouped_rows(
    merged: dict[Any, int], missing: int, count_items: list[A.ReturnItem], key_item: A.ReturnItem | None,
    ret: A.Projection, params: dict[str, Any],
) -> Grouped:
    """The grouped rows of ``merged`` (group key -> count) and the null group (``missing`` rows), cut to
    the groups that can reach SKIP+LIMIT, and the projection over aliases still to apply to them."""
    if missing:
        merged[_NULL] = missing
    keys = [k if not isinstance(k, tuple) else k[1] if len(k) == 2 else None for k in merged]
    counts = np.fromiter(merged.values(), np.int64, len(merged))
    chosen: Any = range(len(keys))
    cut = _limit(ret, params)
    if cut is not None and ret.order and cut < len(keys):
        column = _sort_column(ret.order[0], count_items, key_item, counts, keys)
        if column is not None:
            chosen = _top(column, cut, ret.order[0].descending)
    rows = []
    for i in chosen:
        row = {item.alias: int(counts[i]) for item in count_items}
        if key_item is not None:
            row[key_item.alias] = keys[i]
        rows.append(row)
    projection = A.Projection("RETURN", [A.ReturnItem(A.Var(item.alias), item.alias) for item in ret.items],
                              order=ret.order, skip=ret.skip, limit=ret.limit)  # fmt: skip
    return rows, projection
