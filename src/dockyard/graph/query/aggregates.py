"""The aggregating functions over a group's non-null values: count, collect, sum, avg, min, max,
percentileDisc, percentileCont, stDev and stDevP (Neptune's list)."""

from __future__ import annotations

import math
from typing import Any

from dockyard.graph.query.conversions import check_long, type_name
from dockyard.graph.query.errors import ArgumentError, CypherTypeError
from dockyard.graph.query.ordering import is_number, sort_key

PERCENTILES = {"percentiledisc", "percentilecont"}


def arity(name: str) -> int:
    """How many arguments the aggregate takes."""
    return 2 if name in PERCENTILES else 1


def _numbers(name: str, values: list[Any]) -> list[Any]:
    for v in values:
        if not is_number(v):
            raise CypherTypeError(f"Type mismatch: {name}() expects numbers but got a {type_name(v)}",
                                  "InvalidArgumentValue")  # fmt: skip
    return values


def _percentile(p: Any) -> float:
    if not is_number(p) or not 0 <= p <= 1:
        raise ArgumentError(f"Invalid input '{p}' is not a valid argument, must be a number in the range 0.0 to 1.0",
                            "NumberOutOfRange")  # fmt: skip
    return float(p)


def fold(name: str, values: list[Any], extra: list[Any]) -> Any:
    """The aggregate ``name`` of ``values`` (nulls already dropped); ``extra``: its other arguments."""
    if name == "count":
        return len(values)
    if name == "collect":
        return values
    if name in ("stdev", "stdevp"):
        numbers = _numbers(name, values)
        n = len(numbers) - (1 if name == "stdev" else 0)
        if n < 1:
            return 0.0
        mean = math.fsum(numbers) / len(numbers)
        return math.sqrt(math.fsum((x - mean) ** 2 for x in numbers) / n)
    if name in PERCENTILES:
        p = _percentile(extra[0])
        if not values:
            return None
        ordered = sorted(_numbers(name, values))
        if name == "percentiledisc":
            index = max(math.ceil(p * len(ordered)) - 1, 0)
            return ordered[index]
        position = p * (len(ordered) - 1)
        low, high = math.floor(position), math.ceil(position)
        return float(ordered[low] + (ordered[high] - ordered[low]) * (position - low))
    if not values:
        return None
    if name == "sum":
        numbers = _numbers(name, values)
        if all(isinstance(v, int) for v in numbers):
            return check_long(sum(numbers))
        return math.fsum(numbers)
    if name == "avg":
        numbers = _numbers(name, values)
        return math.fsum(numbers) / len(numbers)
    keyed = sorted(values, key=sort_key)
    return keyed[0] if name == "min" else keyed[-1]
