"""Retrieve's ``retrievalConfiguration.filter`` over a content's ``metadata`` (string values).

Each RetrievalFilterConfiguration sets exactly one member. ``key`` names a metadata key:

* ``equals`` / ``notEquals``: the value as a string (numbers compare as numbers when the metadata
  value is one); ``notEquals`` also passes a content without the key;
* ``greaterThan``/``greaterThanOrEquals``/``lessThan``/``lessThanOrEquals``: numbers only (a value
  or metadata that is not a number never passes);
* ``in`` / ``notIn``: the value is a list; ``notIn`` also passes a content without the key;
* ``startsWith`` / ``stringContains``: strings;
* ``listContains``: the metadata value read as a list (a JSON array, else comma-separated items)
  holds the value;
* ``andAll`` / ``orAll``: lists of filters (two or more).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from dockyard.services.qconnect.errors import invalid

_ABSENT_PASSES = frozenset({"notEquals", "notIn"})


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value))
    except ValueError:
        return None


def _same(have: str, want: Any) -> bool:
    if isinstance(want, int | float) and not isinstance(want, bool):
        number = _number(have)
        return number is not None and number == float(want)
    if isinstance(want, bool):
        return have.lower() == str(want).lower()
    return have == str(want)


def _listed(have: str) -> list[str]:
    try:
        value = json.loads(have)
    except ValueError:
        value = None
    if isinstance(value, list):
        return [str(v) for v in value]
    return [item.strip() for item in have.split(",")]


def _compare(op: Callable[[float, float], bool]) -> Callable[[str, Any], bool]:
    def check(have: str, want: Any) -> bool:
        a, b = _number(have), _number(want)
        return a is not None and b is not None and op(a, b)
    return check


def _values(want: Any, name: str) -> list[Any]:
    if not isinstance(want, list):
        raise invalid(f"The value of a '{name}' filter must be a list.")
    return want


_TESTS: dict[str, Callable[[str, Any], bool]] = {
    "equals": _same,
    "notEquals": lambda have, want: not _same(have, want),
    "greaterThan": _compare(lambda a, b: a > b),
    "greaterThanOrEquals": _compare(lambda a, b: a >= b),
    "lessThan": _compare(lambda a, b: a < b),
    "lessThanOrEquals": _compare(lambda a, b: a <= b),
    "in": lambda have, want: any(_same(have, w) for w in _values(want, "in")),
    "notIn": lambda have, want: not any(_same(have, w) for w in _values(want, "notIn")),
    "startsWith": lambda have, want: isinstance(want, str) and have.startswith(want),
    "stringContains": lambda have, want: isinstance(want, str) and want in have,
    "listContains": lambda have, want: str(want) in _listed(have),
}


def check(flt: dict[str, Any]) -> None:
    """ValidationException unless every level sets exactly one member (and lists/values fit it)."""
    set_members = [k for k, v in flt.items() if v is not None]
    if len(set_members) != 1:
        raise invalid(f"A retrieval filter sets exactly one of {', '.join([*_TESTS, 'andAll', 'orAll'])}; "
                      f"this one sets {len(set_members)}.")
    name = set_members[0]
    if name in ("andAll", "orAll"):
        for inner in flt[name]:
            check(inner)
    elif name in ("in", "notIn"):
        _values(flt[name].get("value"), name)


def passes(metadata: dict[str, str], flt: dict[str, Any]) -> bool:
    """Whether a content with ``metadata`` passes the (checked) filter."""
    name = next(k for k, v in flt.items() if v is not None)
    if name == "andAll":
        return all(passes(metadata, f) for f in flt[name])
    if name == "orAll":
        return any(passes(metadata, f) for f in flt[name])
    attribute = flt[name]
    have = metadata.get(attribute["key"])
    if have is None:
        return name in _ABSENT_PASSES
    return _TESTS[name](have, attribute.get("value"))
