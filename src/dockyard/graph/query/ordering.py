"""Cypher's equality, ordering comparison and cross-type sort order of runtime values."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from dockyard.graph.query.errors import CypherTypeError
from dockyard.graph.query.values import Node, Path, Rel


def is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def equals(a: Any, b: Any) -> bool | None:
    """Cypher equality: None when either side is null (or a list holds an undecidable comparison)."""
    if a is None or b is None:
        return None
    if is_number(a) and is_number(b):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return False
        result: bool | None = True
        for x, y in zip(a, b, strict=True):
            r = equals(x, y)
            if r is False:
                return False
            if r is None:
                result = None
        return result
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return False
        return equals(list(a.values()), [b[k] for k in a])
    if type(a) is not type(b) and not (isinstance(a, str) and isinstance(b, str)):
        return False
    return a == b


def compare(a: Any, b: Any) -> int | None:
    """Ordering comparison for <, >: None when incomparable."""
    if a is None or b is None:
        return None
    if (is_number(a) and is_number(b)) or (isinstance(a, str) and isinstance(b, str)) or (
        isinstance(a, bool) and isinstance(b, bool)
    ):
        if (isinstance(a, float) and math.isnan(a)) or (isinstance(b, float) and math.isnan(b)):
            return None
        return (a > b) - (a < b)
    if type(a) is type(b) and not isinstance(a, Node | Rel | dict | list):
        try:
            return (a > b) - (a < b)
        except TypeError:
            return None
    return None


_ORDERINGS = {"<": lambda c: c < 0, ">": lambda c: c > 0, "<=": lambda c: c <= 0, ">=": lambda c: c >= 0}


def order_comparison(op: str, a: Any, b: Any) -> bool | None:
    """``a < b`` (``op`` one of ``<``, ``>``, ``<=``, ``>=``) with openCypher's nulls: null when either
    side is null or the two are incomparable; NaN against a number is false (NaN is unordered, but
    comparable: openCypher's Comparison2)."""
    if is_number(a) and is_number(b) and ((isinstance(a, float) and a != a) or (isinstance(b, float) and b != b)):
        return False
    c = compare(a, b)
    return None if c is None else _ORDERINGS[op](c)


# ORDER BY across types (ascending): map, node, relationship, list, path, datetime, date, string,
# boolean, number, NaN, null (openCypher's order, the temporal types in their CIP order).
_RANKS: tuple[tuple[type, int], ...] = (
    (dict, 0), (Node, 1), (Rel, 2), (list, 3), (Path, 4), (dt.datetime, 5), (dt.date, 6), (str, 7), (bool, 8),
)  # fmt: skip
_NUMBER, _NAN, _NULL = 9, 10, 11


def _type_rank(v: Any) -> int:
    for kind, rank in _RANKS:
        if isinstance(v, kind):
            return rank
    return _NUMBER if v is not None else _NULL


def sort_key(v: Any) -> Any:
    rank = _type_rank(v)
    if rank == _NUMBER:
        if isinstance(v, float) and math.isnan(v):
            return (_NAN, 0)
        return (rank, v)
    if rank in (5, 6, 7, 8):
        return (rank, v)
    if rank == 3:
        return (rank, [sort_key(x) for x in v])
    if rank in (1, 2):
        return (rank, v.id)
    if rank == 0:
        return (rank, sorted((k, sort_key(x)) for k, x in v.items()))
    return (rank, 0)


def truth(v: Any) -> bool | None:
    if v is None or isinstance(v, bool):
        return v
    raise CypherTypeError(f"Type mismatch: expected Boolean but was {type(v).__name__}", "InvalidArgumentType")


def hashable(v: Any) -> Any:
    """A hashable stand-in of a value under Cypher equivalence, the grouping and DISTINCT rule (1 and
    1.0 are one key; true is not 1; every NaN is one key, as openCypher's equivalence makes NaN
    equivalent to NaN)."""
    if isinstance(v, list):
        return ("list", tuple(hashable(x) for x in v))
    if isinstance(v, dict):
        return ("map", tuple(sorted((k, hashable(x)) for k, x in v.items())))
    if isinstance(v, bool):
        return ("bool", v)
    if isinstance(v, float):
        if v != v:
            return ("nan",)
        if v.is_integer():
            return int(v)
    return v
