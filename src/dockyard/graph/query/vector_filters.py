"""Vectorised property filters: which vertex indices satisfy ``n.key OP constant``.

The conditions come from a pattern's property map and from a WHERE made of ``AND``-ed comparisons
of a property with a literal or a parameter. A vertex satisfies a condition exactly when the row
interpreter's three-valued comparison (``expressions.equals``/``compare``) is true: a missing key or
a null constant is never true, numbers compare across Int/Long/Float/Double by value, ``<>`` is true
for a value of another type (``'a' <> 1``), ordering holds only between numbers. Keys some vertex
holds several values of (a list in the row interpreter), and comparisons numpy could round (integers
beyond 2**53 against floats) are left to the row interpreter (None).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dockyard.graph.graph_view import GraphView
from dockyard.graph.query import ast as A
from dockyard.graph.value_types import ValueType

Condition = tuple[str, str, Any]  # (key, op, constant)

OPS = ("=", "<>", "<", "<=", ">", ">=")
_FLIP = {"=": "=", "<>": "<>", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
_NP_OPS = {"=": np.equal, "<>": np.not_equal, "<": np.less, "<=": np.less_equal, ">": np.greater,
           ">=": np.greater_equal}  # fmt: skip
INTEGER_TYPES = (ValueType.BYTE, ValueType.SHORT, ValueType.INT, ValueType.LONG)
FLOAT_TYPES = (ValueType.FLOAT, ValueType.DOUBLE)
EXACT_INTEGERS = 2**53  # integers up to this compare exactly with a float64
MISSING = object()


def constant(e: A.Expr, params: dict[str, Any]) -> Any:
    """The value of a literal or a parameter (MISSING for anything else)."""
    if isinstance(e, A.Literal):
        return e.value
    if isinstance(e, A.Param):
        return params.get(e.name, MISSING)
    return MISSING


def constant_window(projection: A.Projection, params: dict[str, Any]) -> tuple[int, int | None] | None:
    """A projection's SKIP (0 when absent) and LIMIT (None when absent) when each given one is a
    constant non-negative integer; None otherwise (the row interpreter's projection reports it)."""
    found: list[int | None] = []
    for e, absent in ((projection.skip, 0), (projection.limit, None)):
        value = absent if e is None else constant(e, params)
        if e is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            return None
        found.append(value)
    skip, limit = found
    assert skip is not None
    return skip, limit


def magnitude(integers: np.ndarray) -> int:
    """The largest absolute value of an integer array, as a Python int (0 when empty; ``np.abs``
    would wrap ``-2**63`` back to itself)."""
    return max(int(integers.max()), -int(integers.min())) if len(integers) else 0


def stored_property(e: Any) -> bool:
    """Whether ``e`` is ``var.key`` read from the property columns: not ``var.`~id``` (the element's
    id, which the row interpreter reads and no column holds) nor another ``~`` key."""
    return isinstance(e, A.Prop) and isinstance(e.subject, A.Var) and not e.key.startswith("~")


def where_conditions(where: A.Expr | None, var: str, params: dict[str, Any]) -> list[Condition] | None:
    """``where`` as AND-ed conditions on ``var``'s properties, or None when it is anything else."""
    if where is None:
        return []
    if isinstance(where, A.Binary) and where.op == "AND":
        left, right = where_conditions(where.left, var, params), where_conditions(where.right, var, params)
        return None if left is None or right is None else left + right
    if isinstance(where, A.Binary) and where.op in OPS:
        for prop, other, op in ((where.left, where.right, where.op), (where.right, where.left, _FLIP[where.op])):
            if isinstance(prop, A.Prop) and isinstance(prop.subject, A.Var) and prop.subject.name == var:
                if prop.key.startswith("~"):
                    return None  # n.`~id` reads the id, not a property
                value = constant(other, params)
                if value is not MISSING:
                    return [(prop.key, op, value)]
    return None


def map_conditions(props: A.Expr | None, params: dict[str, Any]) -> list[Condition] | None:
    """A pattern's ``{k: const, ...}`` as equality conditions (None: not constants, or ``~id``)."""
    if props is None:
        return []
    if not isinstance(props, A.MapExpr):
        return None
    found = []
    for key, e in props.items.items():
        value = constant(e, params)
        if key.startswith("~") or value is MISSING:
            return None
        found.append((key, "=", value))
    return found


def _numeric_matches(vtype: ValueType, values: np.ndarray, op: str, target: int | float) -> np.ndarray | None:
    if vtype in FLOAT_TYPES:
        if isinstance(target, int) and abs(target) >= EXACT_INTEGERS:
            return None
        values = values.astype(np.float64, copy=False)  # a Float compares as the double it reads as
    elif isinstance(target, float) and magnitude(values) >= EXACT_INTEGERS:
        return None
    return _NP_OPS[op](values, target)


def owners(view: GraphView, key: str, op: str, value: Any) -> np.ndarray | None:
    """Sorted distinct vertex indices whose ``key`` satisfies ``op value`` (None: not vectorisable)."""
    if value is None:
        return np.zeros(0, np.int64)  # a comparison with null is never true
    if not view.vertex_key_single_valued(key):
        return None
    columns = view.vertex_key_columns(key)
    if isinstance(value, bool):
        kinds: tuple[ValueType, ...] = (ValueType.BOOL,)
    elif isinstance(value, int | float):
        kinds = INTEGER_TYPES + FLOAT_TYPES
    elif isinstance(value, str):
        kinds = (ValueType.STRING,)
    else:
        return None
    if op not in ("=", "<>") and kinds != INTEGER_TYPES + FLOAT_TYPES:
        return None  # strings and booleans: only (in)equality is vectorised
    found = []
    for vtype, (holders, values) in columns.items():
        if vtype not in kinds:
            if op == "<>":
                found.append(holders)  # a value of another type is never equal
            continue
        if op == "=" and (vtype is ValueType.STRING or (vtype in INTEGER_TYPES and type(value) is int)):
            found.append(_equal_holders(view, key, vtype, holders, values, value))
            continue
        if vtype is ValueType.STRING:
            code = view.term_code(value)
            hit = _NP_OPS[op](values, -1 if code is None else code)
        elif vtype is ValueType.BOOL:
            hit = _NP_OPS[op](values, value)
        else:
            hit = _numeric_matches(vtype, values, op, value)
            if hit is None:
                return None
        found.append(holders[hit])
    if not found:
        return np.zeros(0, np.int64)
    return found[0] if len(found) == 1 else np.sort(np.concatenate(found))  # distinct: single-valued key


def _equal_holders(view: GraphView, key: str, vtype: ValueType, holders: np.ndarray, values: np.ndarray,
                   value: int | str) -> np.ndarray:  # fmt: skip
    """The holders of ``key`` = ``value`` among one typed column (integers, or strings as term codes),
    from a sorted index of the column built once per snapshot: two binary searches instead of a
    comparison of every value."""
    order, ordered = view.derived(("sorted values", key, vtype), lambda: _sorted(values))
    if vtype is ValueType.STRING:
        code = view.term_code(value)  # type: ignore[arg-type]
        if code is None:
            return np.zeros(0, np.int64)
        target: int = code
    else:
        target = value  # type: ignore[assignment]
        info = np.iinfo(ordered.dtype)
        if not info.min <= target <= info.max:
            return np.zeros(0, np.int64)  # no value of this width is that integer
    probe = ordered.dtype.type(target)  # (a probe of another dtype would cast the whole column first)
    low, high = np.searchsorted(ordered, probe, "left"), np.searchsorted(ordered, probe, "right")
    return np.sort(holders[order[low:high]])


def _sorted(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(values, kind="stable")
    return order, values[order]


def conditions_mask(view: GraphView, conditions: list[Condition]) -> np.ndarray | None:
    """A bool mask over vertex indices of the vertices satisfying every condition (None: all vertices
    when there is no condition; raises LookupError when one is not vectorisable)."""
    keep: np.ndarray | None = None
    for key, op, value in conditions:
        hit = owners(view, key, op, value)
        if hit is None:
            raise LookupError(key)
        mask = np.zeros(view.num_vertices, bool)
        mask[hit] = True
        keep = mask if keep is None else keep & mask
    return keep
