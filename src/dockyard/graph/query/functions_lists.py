"""List and map functions: openCypher's (head, last, tail, range, size) and Neptune's collection functions
(collToSet, collSubtract, collIntersection, collSort, collSortMaps, collSortMulti, collSortNodes,
removeKeyFromMap). Sorting follows Cypher's ORDER BY order (nulls last ascending, first descending)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from dockyard.graph.query.conversions import type_name
from dockyard.graph.query.errors import ArgumentError, CypherTypeError, QueryError
from dockyard.graph.query.ordering import hashable, sort_key
from dockyard.graph.query.values import Node


def _list(fn: str, v: Any) -> list[Any]:
    if not isinstance(v, list):
        raise CypherTypeError(f"Type mismatch: {fn}() expects a list but was {type_name(v)}", "InvalidArgumentValue")
    return v


def _nullable_list(fn: str, body: Callable[..., Any]) -> Callable[..., Any]:
    def wrapped(xs: Any, *rest: Any) -> Any:
        return None if xs is None else body(_list(fn, xs), *rest)

    return wrapped


def _int_arg(fn: str, v: Any) -> int:
    if not isinstance(v, int) or isinstance(v, bool):
        raise ArgumentError(f"Type mismatch: {fn}() expects integer arguments but got {type_name(v)}",
                            "InvalidArgumentType")  # fmt: skip
    return v


def size(v: Any) -> Any:
    """size() of a list or a string (Neptune: lists, strings and pattern expressions)."""
    if v is None:
        return None
    if isinstance(v, str | list):
        return len(v)
    raise CypherTypeError(f"Type mismatch: size() expects a string or a list but was {type_name(v)}",
                          "InvalidArgumentValue")  # fmt: skip


def range_(start: Any, stop: Any, step: Any = 1) -> list[int]:
    first, last, by = _int_arg("range", start), _int_arg("range", stop), _int_arg("range", step)
    if by == 0:
        raise ArgumentError("range(): the step must not be zero", "NumberOutOfRange")
    if (last - first) // by > 10_000_000:
        raise ArgumentError("range(): more than 10,000,000 elements", "NumberOutOfRange")
    return list(range(first, last + (1 if by > 0 else -1), by))


def _distinct(values: list[Any]) -> list[Any]:
    return list({hashable(v): v for v in values}.values())


def coll_to_set(xs: list[Any]) -> list[Any]:
    """The list without repeats, first occurrences in order."""
    return _distinct(xs)


def _other(fn: str, ys: Any) -> set[Any] | None:
    return None if ys is None else {hashable(y) for y in _list(fn, ys)}


def coll_subtract(xs: list[Any], ys: Any) -> Any:
    """The distinct elements of the first list not in the second, sorted (Neptune's example answers
    ``collSubtract([2,5,1,0], [1,5])`` = ``[0,2]``)."""
    drop = _other("collSubtract", ys)
    if drop is None:
        return None
    return sorted((x for x in _distinct(xs) if hashable(x) not in drop), key=sort_key)


def coll_intersection(xs: list[Any], ys: Any) -> Any:
    """The distinct elements in both lists, sorted (``collIntersection([2,5,1,0], [1,5])`` = ``[1,5]``)."""
    keep = _other("collIntersection", ys)
    if keep is None:
        return None
    return sorted((x for x in _distinct(xs) if hashable(x) in keep), key=sort_key)


def _config(fn: str, config: Any, needs_key: bool) -> tuple[str | None, bool]:
    """``{key: STRING, order: 'asc'|'desc'}`` (order case-insensitive, asc by default) as (key, descending)."""
    if config is None:
        config = {}
    if not isinstance(config, dict):
        raise CypherTypeError(f"Type mismatch: {fn}() expects a config map but was {type_name(config)}",
                              "InvalidArgumentValue")  # fmt: skip
    unknown = set(config) - ({"key", "order"} if needs_key else {"order"})
    if unknown:
        raise QueryError(f"{fn}(): unknown config key(s) {sorted(unknown)}")
    order = config.get("order", "asc")
    if not isinstance(order, str) or order.lower() not in ("asc", "desc"):
        raise QueryError(f"{fn}(): order must be 'asc' or 'desc', was {order!r}")
    key = config.get("key")
    if needs_key and not isinstance(key, str):
        raise QueryError(f"{fn}(): the config needs a string key")
    return key, order.lower() == "desc"


def _ordered(values: list[Any], key: Callable[[Any], Any], descending: bool) -> list[Any]:
    return sorted(values, key=lambda v: sort_key(key(v)), reverse=descending)


def coll_sort(xs: list[Any], config: Any = None) -> list[Any]:
    _, descending = _config("collSort", config, needs_key=False)
    return _ordered(xs, lambda v: v, descending)


def _map_value(fn: str, key: str) -> Callable[[Any], Any]:
    def get(m: Any) -> Any:
        if not isinstance(m, dict):
            raise CypherTypeError(f"Type mismatch: {fn}() expects a list of maps but found a {type_name(m)}",
                                  "InvalidArgumentValue")  # fmt: skip
        return m.get(key)

    return get


def coll_sort_maps(xs: list[Any], config: Any) -> list[Any]:
    key, descending = _config("collSortMaps", config, needs_key=True)
    assert key is not None
    return _ordered(xs, _map_value("collSortMaps", key), descending)


def coll_sort_nodes(xs: list[Any], config: Any) -> list[Any]:
    key, descending = _config("collSortNodes", config, needs_key=True)
    assert key is not None

    def prop(n: Any) -> Any:
        if not isinstance(n, Node):
            raise CypherTypeError(f"Type mismatch: collSortNodes() expects a list of nodes but found a {type_name(n)}",
                                  "InvalidArgumentValue")  # fmt: skip
        return n.prop(key)

    return _ordered(xs, prop, descending)


def coll_sort_multi(xs: list[Any], configs: Any, limit: Any = -1, skip: Any = 0) -> list[Any]:
    """Maps sorted by several ``{key, order}`` configs in turn, then ``skip`` and ``limit`` (-1: all)."""
    if not isinstance(configs, list):
        raise CypherTypeError(
            f"Type mismatch: collSortMulti() expects a list of config maps but was {type_name(configs)}",
            "InvalidArgumentValue",
        )
    orders = [_config("collSortMulti", c, needs_key=True) for c in configs]
    count, offset = _int_arg("collSortMulti", limit), _int_arg("collSortMulti", skip)
    if count < -1 or offset < 0:
        raise QueryError("collSortMulti(): limit must be -1 or more and skip 0 or more")
    getters = [(_map_value("collSortMulti", str(k)), desc) for k, desc in orders]

    def cmp(a: Any, b: Any) -> int:
        for get, desc in getters:
            ka, kb = sort_key(get(a)), sort_key(get(b))
            if ka != kb:
                return (1 if ka > kb else -1) * (-1 if desc else 1)
        return 0

    for m in xs:
        for get, _ in getters:
            get(m)
    ordered = sorted(xs, key=functools.cmp_to_key(cmp))[offset:]
    return ordered if count == -1 else ordered[:count]


def remove_key_from_map(m: Any, key: Any) -> Any:
    if m is None:
        return None
    if not isinstance(m, dict):
        raise CypherTypeError(f"Type mismatch: removeKeyFromMap() expects a map but was {type_name(m)}",
                              "InvalidArgumentValue")  # fmt: skip
    if key is None:
        return m
    if not isinstance(key, str):
        raise CypherTypeError(f"Type mismatch: removeKeyFromMap() expects a string key but was {type_name(key)}",
                              "InvalidArgumentValue")  # fmt: skip
    return {k: v for k, v in m.items() if k != key}


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "size": size,
    "range": range_,
    "head": _nullable_list("head", lambda xs: xs[0] if xs else None),
    "last": _nullable_list("last", lambda xs: xs[-1] if xs else None),
    "tail": _nullable_list("tail", lambda xs: xs[1:]),
    "colltoset": _nullable_list("collToSet", coll_to_set),
    "collsubtract": _nullable_list("collSubtract", coll_subtract),
    "collintersection": _nullable_list("collIntersection", coll_intersection),
    "collsort": _nullable_list("collSort", coll_sort),
    "collsortmaps": _nullable_list("collSortMaps", coll_sort_maps),
    "collsortmulti": _nullable_list("collSortMulti", coll_sort_multi),
    "collsortnodes": _nullable_list("collSortNodes", coll_sort_nodes),
    "removekeyfrommap": remove_key_from_map,
}
