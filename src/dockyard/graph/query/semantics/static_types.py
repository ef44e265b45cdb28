"""The static type of an expression, where the query text alone decides it.

Types are the openCypher names (``Node``, ``Relationship``, ``Path``, ``Boolean``, ``Integer``,
``Float``, ``String``, ``Map``, ``Null``, ``List<T>``) or ``Any`` when only the data can tell (a
property, a parameter, most functions). The semantic pass refuses an operation only on a type it
knows, so ``Any`` never causes an error.
"""

from __future__ import annotations

from collections.abc import Callable

from dockyard.graph.query import ast as A

ANY = "Any"
NUMBERS = {"Integer", "Float"}
BOOLEAN_OPS = {"AND", "OR", "XOR"}
COMPARISONS = {"=", "<>", "<", ">", "<=", ">=", "=~", "STARTS WITH", "ENDS WITH", "CONTAINS", "IN"}
_FUNCTION_TYPES = {
    "count": "Integer",
    "labels": "List<String>",
    "keys": "List<String>",
    "nodes": "List<Node>",
    "relationships": "List<Relationship>",
    "collect": "List<Any>",
    "tostring": "String",
    "type": "String",
}
Lookup = Callable[[str], str]


def list_of(element: str) -> str:
    return f"List<{element}>"


def is_list(t: str) -> bool:
    return t.startswith("List<")


def element_type(t: str) -> str:
    """The element type of a list type (``Any`` for anything else)."""
    return t[5:-1] if is_list(t) else ANY


def known(t: str) -> bool:
    """A type that rules operations out (not Any, not Null: null goes everywhere)."""
    return t not in (ANY, "Null")


def literal_type(value: object) -> str:
    if value is None:
        return "Null"
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, float):
        return "Float"
    if isinstance(value, str):
        return "String"
    return ANY


def type_of(e: A.Expr, lookup: Lookup) -> str:
    """The static type of ``e``; ``lookup(name)`` gives a variable's."""
    if isinstance(e, A.Literal):
        return literal_type(e.value)
    if isinstance(e, A.Var):
        return lookup(e.name)
    if isinstance(e, A.ListExpr):
        items = {type_of(x, lookup) for x in e.items} - {"Null"}
        return list_of(items.pop() if len(items) == 1 else ANY)
    if isinstance(e, A.MapExpr):
        return "Map"
    if isinstance(e, A.IsNull | A.HasLabels | A.ExistsExpr | A.Quantifier):
        return "Boolean"
    if isinstance(e, A.PatternExpr):
        return ANY  # a predicate in WHERE, a list of paths as a value (``size((n)-->())``)
    if isinstance(e, A.Unary):
        return "Boolean" if e.op == "NOT" else _numeric(type_of(e.operand, lookup))
    if isinstance(e, A.Binary):
        if e.op in BOOLEAN_OPS or e.op in COMPARISONS:
            return "Boolean"
        return _arithmetic(e.op, type_of(e.left, lookup), type_of(e.right, lookup))
    if isinstance(e, A.Call):
        return _FUNCTION_TYPES.get(e.name, ANY)
    if isinstance(e, A.ListComprehension):
        return list_of(ANY)
    return ANY


def _numeric(t: str) -> str:
    return t if t in NUMBERS else ANY


def _arithmetic(op: str, left: str, right: str) -> str:
    if left in NUMBERS and right in NUMBERS:
        if op == "^":
            return "Float"
        return "Integer" if left == right == "Integer" else "Float"
    if op == "+" and left == right == "String":
        return "String"
    return ANY
