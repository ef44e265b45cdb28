"""Whether a syntax tree holds a node of some kind anywhere inside it (every dataclass field, list,
tuple and dict value, clauses and patterns included)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, is_dataclass
from typing import Any


def holds(node: Any, wanted: Callable[[Any], bool], opaque: tuple[type, ...] = ()) -> bool:
    """True when ``node`` or anything inside it is ``wanted``; nodes of the ``opaque`` types are
    neither tested nor looked into (a construct with a scope of its own)."""
    if wanted(node):
        return True
    if opaque and isinstance(node, opaque):
        return False
    if is_dataclass(node) and not isinstance(node, type):
        return any(holds(getattr(node, f.name), wanted, opaque) for f in fields(node))
    if isinstance(node, list | tuple):
        return any(holds(v, wanted, opaque) for v in node)
    if isinstance(node, dict):
        return any(holds(v, wanted, opaque) for v in node.values())
    return False
