"""String functions: openCypher's and Neptune's ``join`` and ``textIndexOf``. A null argument gives null;
an argument of another type is a type error (never a Python exception)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dockyard.graph.query.conversions import type_name
from dockyard.graph.query.errors import ArgumentError, CypherTypeError, QueryError


def _string(fn: str, v: Any, what: str = "a string") -> str:
    if not isinstance(v, str):
        raise CypherTypeError(f"Type mismatch: {fn}() expects {what} but was {type_name(v)}", "InvalidArgumentValue")
    return v


def _integer(fn: str, v: Any) -> int:
    if not isinstance(v, int) or isinstance(v, bool):
        raise CypherTypeError(f"Type mismatch: {fn}() expects an integer but was {type_name(v)}",
                              "InvalidArgumentValue")  # fmt: skip
    return v


def _length(fn: str, v: Any) -> int:
    n = _integer(fn, v)
    if n < 0:
        raise ArgumentError(f"{fn}(): the length must not be negative, was {n}", "NumberOutOfRange")
    return n


def _unary(name: str, op: Callable[[str], str]) -> Callable[[Any], Any]:
    def fn(s: Any) -> Any:
        return None if s is None else op(_string(name, s))

    return fn


def substring(s: Any, start: Any, length: Any = None) -> Any:
    if s is None or start is None:
        return None
    text, first = _string("substring", s), _integer("substring", start)
    if first < 0:
        raise ArgumentError(f"substring(): the start must not be negative, was {first}", "NumberOutOfRange")
    if length is None:
        return text[first:]
    return text[first : first + _length("substring", length)]


def left(s: Any, n: Any) -> Any:
    if s is None:
        return None
    if n is None:
        raise QueryError("left(): the length must not be null")
    return _string("left", s)[: _length("left", n)]


def right(s: Any, n: Any) -> Any:
    if s is None:
        return None
    if n is None:
        raise QueryError("right(): the length must not be null")
    text, count = _string("right", s), _length("right", n)
    return text[len(text) - count :] if count else ""


def replace(s: Any, search: Any, by: Any) -> Any:
    if s is None or search is None or by is None:
        return None
    return _string("replace", s).replace(_string("replace", search), _string("replace", by))


def split(s: Any, sep: Any) -> Any:
    if s is None or sep is None:
        return None
    text, delimiter = _string("split", s), _string("split", sep)
    return list(text) if delimiter == "" else text.split(delimiter)


def reverse(v: Any) -> Any:
    """reverse() of a string or a list."""
    if v is None:
        return None
    if isinstance(v, str | list):
        return v[::-1]
    raise CypherTypeError(f"Type mismatch: reverse() expects a string or a list but was {type_name(v)}",
                          "InvalidArgumentValue")  # fmt: skip


def join(items: Any, delimiter: Any) -> Any:
    """Neptune's join(list of strings, delimiter)."""
    if items is None or delimiter is None:
        return None
    if not isinstance(items, list):
        raise CypherTypeError(f"Type mismatch: join() expects a list of strings but was {type_name(items)}",
                              "InvalidArgumentValue")  # fmt: skip
    return _string("join", delimiter).join(_string("join", x, "a list of strings") for x in items)


def text_index_of(text: Any, lookup: Any, start: Any = 0, stop: Any = -1) -> Any:
    """Neptune's textIndexOf(text, lookup, from = 0, to = -1): the zero-based index (in Unicode scalar values)
    of the first ``lookup`` inside ``text[from:to]`` (``to`` -1: the end), -1 when absent."""
    if text is None or lookup is None or start is None or stop is None:
        return None
    s, sub = _string("textIndexOf", text), _string("textIndexOf", lookup)
    first, end = _integer("textIndexOf", start), _integer("textIndexOf", stop)
    end = len(s) if end == -1 else end
    if first < 0 or end < first or end > len(s):
        raise QueryError(f"textIndexOf(): invalid range from {start} to {stop} for a text of length {len(s)}")
    return s.find(sub, first, end)


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "toupper": _unary("toUpper", str.upper),
    "tolower": _unary("toLower", str.lower),
    "trim": _unary("trim", str.strip),
    "ltrim": _unary("lTrim", str.lstrip),
    "rtrim": _unary("rTrim", str.rstrip),
    "reverse": reverse,
    "replace": replace,
    "substring": substring,
    "left": left,
    "right": right,
    "split": split,
    "join": join,
    "textindexof": text_index_of,
}
