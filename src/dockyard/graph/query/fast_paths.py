"""Vectorised answers for the commonest read shape, over the columns with numpy/Arrow.

``MATCH (n[:Label] [{k: const, ...}]) [WHERE n.k OP const [AND ...]] RETURN count(*) | count(n)``
(OP one of = <> < <= > >=; const a literal or a parameter; strings and booleans compare with = and
<> only). The label index gives the candidates, each property condition the owners of a matching
value in the typed property tables (a key some vertex holds several values of is left to the row
interpreter, which reads them as a list). Vertices the pending query writes touched are taken out of
the columns' count and counted from their new state. Anything else returns None and runs in the row
interpreter.
"""

from __future__ import annotations

import operator
from typing import Any

import numpy as np

from dockyard.graph.delta import Delta
from dockyard.graph.graph_view import GraphView
from dockyard.graph.query import ast as A
from dockyard.graph.query.expressions import compare, equals
from dockyard.graph.query.values import Node
from dockyard.graph.value_types import ValueType

_NUMERIC = (ValueType.BYTE, ValueType.SHORT, ValueType.INT, ValueType.LONG, ValueType.FLOAT, ValueType.DOUBLE)
_OPS = ("=", "<>", "<", "<=", ">", ">=")
_FLIP = {"=": "=", "<>": "<>", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
_ORDER = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
_MISSING = object()


def _split_view(view: Any) -> tuple[GraphView, Delta | None] | None:
    """The columns of ``view`` and its committed write delta (None: not a view this path knows)."""
    if isinstance(view, GraphView):
        return view, None
    base, delta = getattr(view, "base", None), getattr(view, "delta", None)
    if isinstance(base, GraphView) and isinstance(delta, Delta):
        return base, None if delta.is_empty() else delta
    return None


def _matches(vertex: Any, label: str | None, conditions: list[tuple[str, str, Any]]) -> bool:
    if label is not None and label not in vertex.labels:
        return False
    node = Node(vertex)
    for key, op, value in conditions:
        have = node.prop(key)
        if op in ("=", "<>"):
            result = equals(have, value)
            result = result if op == "=" or result is None else not result
        else:
            order = compare(have, value)
            result = None if order is None else _ORDER[op](order, 0)
        if result is not True:
            return False
    return True


def _const(e: A.Expr, params: dict[str, Any]) -> Any:
    if isinstance(e, A.Literal):
        return e.value
    if isinstance(e, A.Param):
        return params.get(e.name, _MISSING)
    return _MISSING


def _conditions(where: A.Expr | None, var: str, params: dict[str, Any]) -> list[tuple[str, str, Any]] | None:
    if where is None:
        return []
    if isinstance(where, A.Binary) and where.op == "AND":
        left, right = _conditions(where.left, var, params), _conditions(where.right, var, params)
        return None if left is None or right is None else left + right
    if isinstance(where, A.Binary) and where.op in _OPS:
        for prop, other, op in ((where.left, where.right, where.op), (where.right, where.left, _FLIP[where.op])):
            if isinstance(prop, A.Prop) and isinstance(prop.subject, A.Var) and prop.subject.name == var:
                value = _const(other, params)
                if value is not _MISSING:
                    return [(prop.key, op, value)]
    return None


_NP_OPS = {"=": np.equal, "<>": np.not_equal, "<": np.less, "<=": np.less_equal, ">": np.greater,
           ">=": np.greater_equal}


def _owners(view: GraphView, key: str, op: str, value: Any) -> np.ndarray | None:
    """Vertex indices with a value of ``key`` satisfying ``op value`` (None: not vectorisable)."""
    if value is None:
        return np.zeros(0, np.int64)  # comparisons with null are never true
    columns = view.vertex_key_columns(key)
    if not view.vertex_key_single_valued(key):
        return None  # a multi-valued property: the row interpreter decides (it reads a list)
    if isinstance(value, bool):
        if op not in ("=", "<>"):
            return None
        types, target = (ValueType.BOOL,), value
    elif isinstance(value, int | float):
        types, target = _NUMERIC, float(value)
    elif isinstance(value, str):
        if op not in ("=", "<>"):
            return None
        code = view.term_code(value)
        types, target = (ValueType.STRING,), -1 if code is None else code
    else:
        return None
    found = []
    for vtype in types:
        if vtype in columns:
            owners, values = columns[vtype]
            if vtype in _NUMERIC:
                values = values.astype(np.float64, copy=False)
            found.append(owners[_NP_OPS[op](values, target)])
    if not found:
        return np.zeros(0, np.int64)
    return found[0] if len(found) == 1 else np.sort(np.concatenate(found))  # distinct: single-valued key


def try_count(view: Any, tree: A.Query, params: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The rows of a vectorisable count query, or None."""
    if len(tree.parts) != 1 or len(tree.parts[0].clauses) != 2:
        return None
    match, ret = tree.parts[0].clauses
    if not (isinstance(match, A.Match) and not match.optional and len(match.patterns) == 1):
        return None
    if not (isinstance(ret, A.Projection) and ret.kind == "RETURN" and not ret.star and not ret.distinct
            and not ret.order and ret.skip is None and ret.limit is None and ret.items):  # fmt: skip
        return None
    pattern = match.patterns[0]
    if pattern.rels or pattern.var is not None or len(pattern.nodes[0].labels) > 1:
        return None
    node = pattern.nodes[0]
    var = node.var
    for item in ret.items:
        call = item.expr
        if not (isinstance(call, A.Call) and call.name == "count" and not call.distinct and (
                call.star or (len(call.args) == 1 and isinstance(call.args[0], A.Var) and call.args[0].name == var))):
            return None  # fmt: skip
    conditions = _conditions(match.where, var or "", params) if var or match.where is None else None
    if conditions is None:
        return None
    if node.props is not None:
        if not isinstance(node.props, A.MapExpr):
            return None
        for key, e in node.props.items.items():
            value = _const(e, params)
            if key.startswith("~") or value is _MISSING:
                return None
            conditions.append((key, "=", value))
    split = _split_view(view)
    if split is None:
        return None
    columns, delta = split
    if delta is not None and len(delta.vertices.layers) > 1 and len(delta.vertices) > 50_000:
        return None
    keep: np.ndarray | None = None  # a mask over vertex indices; None: every vertex
    if node.labels:
        keep = np.zeros(columns.num_vertices, bool)
        keep[columns.label_members(node.labels[0])] = True
    for key, op, value in conditions:
        owners = _owners(columns, key, op, value)
        if owners is None:
            return None
        mask = np.zeros(columns.num_vertices, bool)
        mask[owners] = True
        keep = mask if keep is None else keep & mask
    total = columns.num_vertices if keep is None else int(keep.sum())
    if delta is not None:  # base vertices the writes touched are counted from their new state
        touched = delta.vertices.flat()
        index = [columns.vertex_index(vid) for vid in touched]
        touched_base = np.array([i for i in index if i is not None], np.int64)
        if len(touched_base):
            total -= len(touched_base) if keep is None else int(keep[touched_base].sum())
        label = node.labels[0] if node.labels else None
        total += sum(1 for v in touched.values() if v is not None and _matches(v, label, conditions))
    return [{item.alias: operator.index(total) for item in ret.items}]


Grouped = tuple[list[dict[str, Any]], A.Projection]


def try_group_count(view: Any, tree: A.Query, params: dict[str, Any]) -> Grouped | None:
    """``MATCH (a[:L])[-[r[:T]]->()] RETURN [a.k AS x,] count(...) AS c [ORDER BY aliases] [SKIP/LIMIT]``
    over the columns: the grouped rows, and the projection (over aliases) still to apply to them."""
    if len(tree.parts) != 1 or len(tree.parts[0].clauses) != 2:
        return None
    match, ret = tree.parts[0].clauses
    if not (isinstance(match, A.Match) and not match.optional and match.where is None and len(match.patterns) == 1):
        return None
    if not (isinstance(ret, A.Projection) and ret.kind == "RETURN" and not ret.star and not ret.distinct):
        return None
    p = match.patterns[0]
    a = p.nodes[0]
    if p.var is not None or a.var is None or a.props is not None or len(a.labels) > 1 or len(p.rels) > 1:
        return None
    rel = p.rels[0] if p.rels else None
    if rel is not None:
        end = p.nodes[1]
        if (rel.variable_length or rel.props is not None or len(rel.types) > 1 or rel.direction == "both"
                or end.labels or end.props is not None or end.var is not None):  # fmt: skip
            return None
    counted = {a.var} | ({rel.var} if rel is not None and rel.var else set())
    key_item, count_items = None, []
    for item in ret.items:
        e = item.expr
        counts = isinstance(e, A.Call) and e.name == "count" and not e.distinct
        if counts and (e.star or (len(e.args) == 1 and isinstance(e.args[0], A.Var) and e.args[0].name in counted)):
            count_items.append(item)
        elif key_item is None and isinstance(e, A.Prop) and isinstance(e.subject, A.Var) and e.subject.name == a.var:
            key_item = item
        else:
            return None
    aliases = {item.alias for item in ret.items}
    if not count_items or any(not (isinstance(s.expr, A.Var) and s.expr.name in aliases) for s in ret.order):
        return None
    split = _split_view(view)
    if split is None or split[1] is not None:
        return None
    columns = split[0]
    n = columns.num_vertices
    if rel is None:
        weight = np.ones(n, np.int64)
    else:
        weight = columns.degrees(rel.direction, rel.types[0] if rel.types else None)
    if a.labels:
        keep = np.zeros(n, bool)
        keep[columns.label_members(a.labels[0])] = True
        weight = np.where(keep, weight, 0)
    groups: dict[Any, int] = {}
    if key_item is None:
        if int(weight.sum()) or (rel is None and a.labels and keep.any()):
            groups[None] = int(weight.sum())
        elif not a.labels and rel is None:
            groups[None] = n
        else:
            groups[None] = 0  # an aggregation without grouping keys answers one row
    else:
        assert isinstance(key_item.expr, A.Prop)
        by_type = columns.vertex_key_columns(key_item.expr.key)
        if not columns.vertex_key_single_valued(key_item.expr.key) or ValueType.DATE in by_type or (
                ValueType.DATETIME in by_type):  # fmt: skip
            return None
        has_value = np.zeros(n, bool)
        for vtype, (owners, values) in by_type.items():
            has_value[owners] = True
            w = weight[owners]
            live = w > 0
            distinct, inverse = np.unique(values[live], return_inverse=True)
            sums = np.bincount(inverse, weights=w[live], minlength=len(distinct)).astype(np.int64)
            keys = columns.decode_terms(distinct) if vtype is ValueType.STRING else distinct.tolist()
            for value, total in zip(keys, sums.tolist(), strict=True):
                hashable = ("b", value) if isinstance(value, bool) else value
                groups[hashable] = groups.get(hashable, 0) + total
        missing = int(weight[~has_value].sum())
        if missing:
            groups[("null",)] = missing
    rows = []
    for group, total in groups.items():
        value = group if not isinstance(group, tuple) else group[1] if len(group) == 2 else None
        row = {item.alias: total for item in count_items}
        if key_item is not None:
            row[key_item.alias] = value
        rows.append(row)
    projection = A.Projection("RETURN", [A.ReturnItem(A.Var(item.alias), item.alias) for item in ret.items],
                              order=ret.order, skip=ret.skip, limit=ret.limit)  # fmt: skip
    return rows, projection
