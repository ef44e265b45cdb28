"""Expression evaluation with openCypher's three-valued null logic, and the scalar functions."""

from __future__ import annotations

import datetime as dt
import math
import operator
import re
from collections.abc import Callable
from typing import Any

from dockyard.graph.query import ast as A
from dockyard.graph.query import functions as F
from dockyard.graph.query.conversions import LONG_MAX, LONG_MIN, check_long, to_string, type_name
from dockyard.graph.query.errors import CypherTypeError, QueryError, UnsupportedOperation
from dockyard.graph.query.ordering import compare, equals, is_number, order_comparison, sort_key, truth
from dockyard.graph.query.temporal import statement_clock
from dockyard.graph.query.values import MultiValue, Node, Path, Rel

Row = dict[str, Any]
AGGREGATES = {"count", "sum", "avg", "min", "max", "collect", "percentiledisc", "percentilecont", "stdev", "stdevp"}
__all__ = ["AGGREGATES", "Evaluator", "Row", "agg_key", "arithmetic", "compare", "equals", "is_number", "sort_key"]


class Evaluator:
    def __init__(
        self,
        params: dict[str, Any],
        pattern_exists: Callable[[A.PathPattern, Row], bool],
        extra: dict[str, Callable[..., Any]],
    ) -> None:
        self.params = params
        self.pattern_exists = pattern_exists
        self.functions = {**F.FUNCTIONS, **statement_clock(), **extra}

    def eval(self, e: A.Expr, row: Row) -> Any:
        method = getattr(self, "_" + type(e).__name__)
        return method(e, row)

    def _Literal(self, e: A.Literal, row: Row) -> Any:
        return e.value

    def _Param(self, e: A.Param, row: Row) -> Any:
        if e.name not in self.params:
            raise QueryError(f"Expected parameter(s): {e.name}")
        return self.params[e.name]

    def _Var(self, e: A.Var, row: Row) -> Any:
        if e.name not in row:
            raise QueryError(f"Variable `{e.name}` not defined")
        return row[e.name]

    def _ListExpr(self, e: A.ListExpr, row: Row) -> Any:
        return [self.eval(x, row) for x in e.items]

    def _MapExpr(self, e: A.MapExpr, row: Row) -> Any:
        return {k: self.eval(v, row) for k, v in e.items.items()}

    def _Prop(self, e: A.Prop, row: Row) -> Any:
        subject = self.eval(e.subject, row)
        if subject is None:
            return None
        if isinstance(subject, Node | Rel):
            if e.key == "~id":
                return subject.id
            return subject.prop(e.key)
        if isinstance(subject, dict):
            return subject.get(e.key)
        raise CypherTypeError(f"Type mismatch: expected a map, node or relationship but was {type(subject).__name__}",
                              "InvalidArgumentType")  # fmt: skip

    def _Index(self, e: A.Index, row: Row) -> Any:
        subject, index = self.eval(e.subject, row), self.eval(e.index, row)
        if subject is None or index is None:
            return None
        if isinstance(subject, list):
            if not isinstance(index, int) or isinstance(index, bool):
                raise CypherTypeError("Type mismatch: list index must be an integer", "ListElementAccessByNonInteger")
            return subject[index] if -len(subject) <= index < len(subject) else None
        if isinstance(subject, dict | Node | Rel):
            raise UnsupportedOperation("Neptune does not support dynamic property access with [] on a node, a "
                                       "relationship or a map; use the . operator")  # fmt: skip
        raise CypherTypeError(f"Type mismatch: cannot index a {type_name(subject)}", "InvalidArgumentType")

    def _Slice(self, e: A.Slice, row: Row) -> Any:
        subject = self.eval(e.subject, row)
        start = None if e.start is None else self.eval(e.start, row)
        stop = None if e.stop is None else self.eval(e.stop, row)
        if subject is None or (e.start is not None and start is None) or (e.stop is not None and stop is None):
            return None
        if not isinstance(subject, list):
            raise CypherTypeError(f"Type mismatch: cannot slice a {type_name(subject)}", "InvalidArgumentType")
        for bound in (start, stop):
            if bound is not None and (not isinstance(bound, int) or isinstance(bound, bool)):
                raise CypherTypeError(f"Type mismatch: list slice bounds must be integers, not {type_name(bound)}",
                                      "InvalidArgumentType")  # fmt: skip
        return subject[start:stop]

    def _Unary(self, e: A.Unary, row: Row) -> Any:
        v = self.eval(e.operand, row)
        if e.op == "NOT":
            t = truth(v)
            return None if t is None else not t
        if v is None:
            return None
        if not is_number(v):
            raise CypherTypeError(f"Type mismatch: expected a number but was {type_name(v)}", "InvalidArgumentType")
        if e.op != "-":
            return v
        return check_long(-v) if isinstance(v, int) else -v

    def _IsNull(self, e: A.IsNull, row: Row) -> Any:
        v = self.eval(e.operand, row)
        return (v is not None) if e.negated else (v is None)

    def _HasLabels(self, e: A.HasLabels, row: Row) -> Any:
        v = self.eval(e.subject, row)
        if v is None:
            return None
        if isinstance(v, Node):
            return all(label in v.vertex.labels for label in e.labels)
        if isinstance(v, Rel):
            return all(label == v.edge.label for label in e.labels)
        raise CypherTypeError("Type mismatch: expected a node", "InvalidArgumentType")

    def _Binary(self, e: A.Binary, row: Row) -> Any:
        op = e.op
        if op in ("AND", "OR", "XOR"):
            left = truth(self.eval(e.left, row))
            if op == "AND" and left is False:
                return False
            if op == "OR" and left is True:
                return True
            right = truth(self.eval(e.right, row))
            if op == "AND":
                return False if right is False else (None if left is None or right is None else True)
            if op == "OR":
                return True if right is True else (None if left is None or right is None else False)
            return None if left is None or right is None else left != right
        a, b = self.eval(e.left, row), self.eval(e.right, row)
        if op == "=":
            return equals(a, b)
        if op == "<>":
            r = equals(a, b)
            return None if r is None else not r
        if op in ("<", ">", "<=", ">="):
            if isinstance(a, MultiValue) or isinstance(b, MultiValue):
                return None  # a multi-valued property: incomparable, as before Neptune's list rule
            if isinstance(a, list | dict | Path) or isinstance(b, list | dict | Path):
                raise UnsupportedOperation(f"Neptune does not support {op} on a list, a map or a path")
            return order_comparison(op, a, b)
        if op == "IN":
            if b is None:
                return None
            if not isinstance(b, list):
                raise CypherTypeError("Type mismatch: IN expects a list", "InvalidArgumentType")
            found: bool | None = False
            for item in b:
                r = equals(a, item)
                if r is True:
                    return True
                if r is None:
                    found = None
            return found
        if a is None or b is None:
            return None
        if op in ("STARTS WITH", "ENDS WITH", "CONTAINS", "=~"):
            if not (isinstance(a, str) and isinstance(b, str)):
                return None
            if op == "STARTS WITH":
                return a.startswith(b)
            if op == "ENDS WITH":
                return a.endswith(b)
            if op == "CONTAINS":
                return b in a
            try:
                return re.fullmatch(b, a) is not None
            except re.error as err:
                raise QueryError(f"Invalid regular expression '{b}': {err}") from err
        return arithmetic(op, a, b)

    def _Call(self, e: A.Call, row: Row) -> Any:
        if e.name in AGGREGATES:
            key = agg_key(e)
            if key not in row:
                raise QueryError(f"Invalid use of aggregating function {e.name}(...) in this context")
            return row[key]
        return F.call(self.functions, e.name, [self.eval(a, row) for a in e.args])

    def _Case(self, e: A.Case, row: Row) -> Any:
        if e.subject is not None:
            subject = self.eval(e.subject, row)
            for cond, value in e.whens:
                if equals(subject, self.eval(cond, row)) is True:
                    return self.eval(value, row)
        else:
            for cond, value in e.whens:
                if self.eval(cond, row) is True:
                    return self.eval(value, row)
        return None if e.default is None else self.eval(e.default, row)

    def _ListComprehension(self, e: A.ListComprehension, row: Row) -> Any:
        source = self.eval(e.source, row)
        if source is None:
            return None
        out = []
        for item in source:
            inner = {**row, e.var: item}
            if e.where is not None and self.eval(e.where, inner) is not True:
                continue
            out.append(item if e.project is None else self.eval(e.project, inner))
        return out

    def _Quantifier(self, e: A.Quantifier, row: Row) -> Any:
        source = self.eval(e.source, row)
        if source is None:
            return None
        results = [truth(self.eval(e.where, {**row, e.var: item})) for item in source]
        trues = sum(r is True for r in results)
        unknown = any(r is None for r in results)
        if e.kind == "all":
            return False if any(r is False for r in results) else (None if unknown else True)
        if e.kind == "any":
            return True if trues else (None if unknown else False)
        if e.kind == "none":
            return False if trues else (None if unknown else True)
        if trues > 1:
            return False  # two matches decide it, whatever the unknown ones would be
        return None if unknown else trues == 1

    def _PatternExpr(self, e: A.PatternExpr, row: Row) -> Any:
        return self.pattern_exists(e.pattern, row)

    def _ExistsExpr(self, e: A.ExistsExpr, row: Row) -> Any:
        return self.pattern_exists(e.pattern, row)


def agg_key(e: A.Call) -> str:
    return f"  agg:{id(e)}"


_FAST = {"+": operator.add, "-": operator.sub, "*": operator.mul}


def arithmetic(op: str, a: Any, b: Any) -> Any:
    """``+ - * / % ^`` on non-null values: integers are Java longs (``long overflow`` outside their range),
    floats are doubles (NaN and ±Infinity, never a Python exception); ``+`` also joins strings and lists."""
    kind = type(a)
    if kind is type(b) and (kind is int or kind is float):  # the common case first
        fast = _FAST.get(op)
        if fast is not None:
            result = fast(a, b)
            if kind is float or LONG_MIN <= result <= LONG_MAX:
                return result
            raise QueryError("long overflow")
    if op == "+":
        if isinstance(a, list) or isinstance(b, list):
            return (a if isinstance(a, list) else [a]) + (b if isinstance(b, list) else [b])
        if isinstance(a, str) and (isinstance(b, str) or is_number(b)):
            return a + to_string(b)
        if isinstance(b, str) and is_number(a):
            return to_string(a) + b
    if not (is_number(a) and is_number(b)):
        if isinstance(a, dt.date) or isinstance(b, dt.date):
            raise UnsupportedOperation(f"Neptune does not support {op} on temporal values")
        raise CypherTypeError(f"Type mismatch: cannot apply {op} to {type_name(a)} and {type_name(b)}",
                              "InvalidArgumentType")  # fmt: skip
    if isinstance(a, int) and isinstance(b, int) and op != "^":
        return check_long(_long_arithmetic(op, a, b))
    return _double_arithmetic(op, float(a), float(b))


def _long_arithmetic(op: str, a: int, b: int) -> int:
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if b == 0:
        raise QueryError("/ by zero")
    if op == "/":
        q = abs(a) // abs(b)
        return q if (a >= 0) == (b >= 0) else -q
    if op == "%":
        r = abs(a) % abs(b)
        return r if a >= 0 else -r
    raise QueryError(f"Unknown operator {op}")


def _double_arithmetic(op: str, a: float, b: float) -> float:
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        if b != 0:
            return a / b
        return math.nan if a == 0 or math.isnan(a) else math.copysign(math.inf, a) * math.copysign(1, b)
    if op == "%":
        return math.nan if b == 0 or math.isinf(a) or math.isnan(a) or math.isnan(b) else math.fmod(a, b)
    if op == "^":
        return _power(a, b)
    raise QueryError(f"Unknown operator {op}")


def _power(a: float, b: float) -> float:
    """Java's Math.pow: NaN for a negative base and a fractional exponent, ±Infinity on overflow."""
    try:
        result = a**b
    except ZeroDivisionError:
        return math.inf if not (b.is_integer() and int(b) % 2) else math.copysign(math.inf, a)
    except OverflowError:
        return math.inf if a > 0 or (b.is_integer() and not int(b) % 2) else -math.inf
    return math.nan if isinstance(result, complex) else result
