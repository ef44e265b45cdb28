"""The scalar functions of Neptune's openCypher, by lower-case name: graph-element functions here, the
others from their modules (text, lists, math, temporal, conversions). ``UNSUPPORTED`` names the openCypher
functions Neptune does not have (``UnsupportedOperation``)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from dockyard.graph.query import functions_lists, functions_math, functions_text, temporal
from dockyard.graph.query.conversions import to_boolean, to_float, to_integer, to_string, type_name
from dockyard.graph.query.errors import CypherTypeError, QueryError, UnsupportedOperation
from dockyard.graph.query.values import Node, Path, Rel


def _null_safe(fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapped(*args: Any) -> Any:
        return None if any(a is None for a in args) else fn(*args)

    return wrapped


def _expect(fn: str, v: Any, kinds: type | tuple[type, ...], what: str) -> Any:
    if not isinstance(v, kinds):
        raise CypherTypeError(f"Type mismatch: {fn}() expects {what} but was {type_name(v)}", "InvalidArgumentValue")
    return v


def _labels(v: Any) -> list[str]:
    return list(_expect("labels", v, Node, "a node").vertex.labels)


def _properties(v: Any) -> dict[str, Any]:
    if isinstance(v, Node | Rel):
        return v.properties()
    return _expect("properties", v, dict, "a node, a relationship or a map")


def _keys(v: Any) -> list[str]:
    if isinstance(v, Node | Rel):
        return list(v.properties())
    return list(_expect("keys", v, dict, "a node, a relationship or a map"))


def _type(v: Any) -> str:
    return _expect("type", v, Rel, "a relationship").edge.label


def _id(v: Any) -> str:
    return _expect("id", v, (Node, Rel), "a node or a relationship").id


def _length(v: Any) -> int:
    return sum(isinstance(x, Rel) for x in _expect("length", v, Path, "a path").items)


def _nodes(v: Any) -> list[Any]:
    return [x for x in _expect("nodes", v, Path, "a path").items if isinstance(x, Node)]


def _relationships(v: Any) -> list[Any]:
    return [x for x in _expect("relationships", v, Path, "a path").items if isinstance(x, Rel)]


def _coalesce(*args: Any) -> Any:
    return next((a for a in args if a is not None), None)


def _exists(v: Any) -> bool:
    """exists(n.prop): whether the value is there."""
    return v is not None


def _random_uuid() -> str:
    return str(uuid.uuid4())


FUNCTIONS: dict[str, Callable[..., Any]] = {
    **functions_text.FUNCTIONS,
    **functions_lists.FUNCTIONS,
    **functions_math.FUNCTIONS,
    **temporal.FUNCTIONS,
    "id": _null_safe(_id),
    "labels": _null_safe(_labels),
    "type": _null_safe(_type),
    "properties": _null_safe(_properties),
    "keys": _null_safe(_keys),
    "length": _null_safe(_length),
    "nodes": _null_safe(_nodes),
    "relationships": _null_safe(_relationships),
    "coalesce": _coalesce,
    "exists": _exists,
    "randomuuid": _random_uuid,
    "tostring": to_string,
    "tointeger": to_integer,
    "tofloat": to_float,
    "toboolean": to_boolean,
}

# openCypher 9 functions that Neptune's supported list leaves out.
UNSUPPORTED = temporal.UNSUPPORTED | {"haversin", "point", "distance"}


def call(functions: dict[str, Callable[..., Any]], name: str, args: list[Any]) -> Any:
    """Run the function ``name`` (any case) on evaluated arguments: arity errors and unsupported or unknown
    names are query errors."""
    fn = functions.get(name)
    if fn is None:
        key = name.lower()
        fn = functions.get(key)
    if fn is None:
        if key in UNSUPPORTED:
            raise UnsupportedOperation(f"Function {name}() is not supported by Neptune Analytics")
        raise QueryError(f"Unknown function '{name}'")
    try:
        return fn(*args)
    except TypeError as err:
        text = str(err)
        if "argument" in text and ("given" in text or "missing" in text):
            raise QueryError(f"Wrong number of arguments to {name}(): {len(args)}", "InvalidNumberOfArguments") from err
        raise
