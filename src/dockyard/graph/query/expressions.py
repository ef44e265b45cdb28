"""Expression evaluation with openCypher's three-valued null logic, and the scalar functions."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any

from dockyard.graph.query import ast as A
from dockyard.graph.query.errors import QueryError
from dockyard.graph.query.values import Node, Path, Rel

Row = dict[str, Any]
AGGREGATES = {"count", "sum", "avg", "min", "max", "collect"}


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


def _type_rank(v: Any) -> int:
    # ORDER BY across types (ascending): map, node, rel, list, path, string, bool, number, null
    for rank, kind in enumerate((dict, Node, Rel, list, Path, str, bool)):
        if isinstance(v, kind):
            return rank
    return 7 if v is not None else 9


def sort_key(v: Any) -> Any:
    rank = _type_rank(v)
    if rank == 7:
        if isinstance(v, float) and math.isnan(v):
            return (8, 0)
        return (7, v)
    if rank in (5, 6):
        return (rank, v)
    if rank == 3:
        return (rank, [sort_key(x) for x in v])
    if rank in (1, 2):
        return (rank, v.id)
    return (rank, 0)


def truth(v: Any) -> bool | None:
    if v is None or isinstance(v, bool):
        return v
    raise QueryError(f"Type mismatch: expected Boolean but was {type(v).__name__}")


class Evaluator:
    def __init__(
        self,
        params: dict[str, Any],
        pattern_exists: Callable[[A.PathPattern, Row], bool],
        extra: dict[str, Callable[..., Any]],
    ) -> None:
        self.params = params
        self.pattern_exists = pattern_exists
        self.functions = {**FUNCTIONS, **extra}

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
        raise QueryError(f"Type mismatch: expected a map, node or relationship but was {type(subject).__name__}")

    def _Index(self, e: A.Index, row: Row) -> Any:
        subject, index = self.eval(e.subject, row), self.eval(e.index, row)
        if subject is None or index is None:
            return None
        if isinstance(subject, list):
            if not isinstance(index, int) or isinstance(index, bool):
                raise QueryError("Type mismatch: list index must be an integer")
            return subject[index] if -len(subject) <= index < len(subject) else None
        if isinstance(subject, dict):
            return subject.get(index)
        if isinstance(subject, Node | Rel):
            return subject.prop(index)
        raise QueryError("Type mismatch: cannot index this value")

    def _Slice(self, e: A.Slice, row: Row) -> Any:
        subject = self.eval(e.subject, row)
        start = None if e.start is None else self.eval(e.start, row)
        stop = None if e.stop is None else self.eval(e.stop, row)
        if subject is None or (e.start is not None and start is None) or (e.stop is not None and stop is None):
            return None
        return subject[start:stop]

    def _Unary(self, e: A.Unary, row: Row) -> Any:
        v = self.eval(e.operand, row)
        if e.op == "NOT":
            t = truth(v)
            return None if t is None else not t
        if v is None:
            return None
        if not is_number(v):
            raise QueryError("Type mismatch: expected a number")
        return -v if e.op == "-" else v

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
        raise QueryError("Type mismatch: expected a node")

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
            c = compare(a, b)
            if c is None:
                return None
            return {"<": c < 0, ">": c > 0, "<=": c <= 0, ">=": c >= 0}[op]
        if op == "IN":
            if b is None:
                return None
            if not isinstance(b, list):
                raise QueryError("Type mismatch: IN expects a list")
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
            return re.fullmatch(b, a) is not None
        return arithmetic(op, a, b)

    def _Call(self, e: A.Call, row: Row) -> Any:
        if e.name in AGGREGATES:
            key = agg_key(e)
            if key not in row:
                raise QueryError(f"Invalid use of aggregating function {e.name}(...) in this context")
            return row[key]
        fn = self.functions.get(e.name)
        if fn is None:
            raise QueryError(f"Unknown function '{e.name}'")
        return fn(*[self.eval(a, row) for a in e.args])

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
        return None if unknown else trues == 1

    def _PatternExpr(self, e: A.PatternExpr, row: Row) -> Any:
        return self.pattern_exists(e.pattern, row)

    def _ExistsExpr(self, e: A.ExistsExpr, row: Row) -> Any:
        return self.pattern_exists(e.pattern, row)


def agg_key(e: A.Call) -> str:
    return f"  agg:{id(e)}"


def arithmetic(op: str, a: Any, b: Any) -> Any:
    if op == "+":
        if isinstance(a, list) or isinstance(b, list):
            return (a if isinstance(a, list) else [a]) + (b if isinstance(b, list) else [b])
        if isinstance(a, str) and isinstance(b, str | int | float) and not isinstance(b, bool):
            return a + (b if isinstance(b, str) else _num_str(b))
        if isinstance(b, str) and is_number(a):
            return _num_str(a) + b
    if not (is_number(a) and is_number(b)):
        raise QueryError(f"Type mismatch: cannot apply {op} to {type(a).__name__} and {type(b).__name__}")
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        if isinstance(a, int) and isinstance(b, int):
            if b == 0:
                raise QueryError("/ by zero")
            q = abs(a) // abs(b)
            return q if (a >= 0) == (b >= 0) else -q
        return a / b if b != 0 else (math.nan if a == 0 else math.copysign(math.inf, a) * (1 if b >= 0 else -1))
    if op == "%":
        if isinstance(a, int) and isinstance(b, int):
            if b == 0:
                raise QueryError("/ by zero")
            return int(math.fmod(a, b))
        return math.fmod(a, b)
    if op == "^":
        return float(a) ** float(b)
    raise QueryError(f"Unknown operator {op}")


def _num_str(v: Any) -> str:
    return to_string(v)


def to_string(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e16:
            return f"{v:.1f}"
        return repr(v)
    if isinstance(v, int | str):
        return str(v)
    raise QueryError(f"Type mismatch: toString cannot convert {type(v).__name__}")


def to_integer(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return None if math.isnan(v) or math.isinf(v) else int(v)
    if isinstance(v, str):
        try:
            return int(v)
        except ValueError:
            try:
                return int(float(v))
            except ValueError:
                return None
    raise QueryError("Type mismatch: toInteger expects a number or a string")


def to_float(v: Any) -> Any:
    if v is None:
        return None
    if is_number(v):
        return float(v)
    if isinstance(v, str):
        try:
            return float(v)
        except ValueError:
            return None
    raise QueryError("Type mismatch: toFloat expects a number or a string")


def to_boolean(v: Any) -> Any:
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, str):
        return {"true": True, "false": False}.get(v.lower())
    raise QueryError("Type mismatch: toBoolean expects a boolean or a string")


def _size(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, str | list | dict):
        return len(v)
    raise QueryError("Type mismatch: size expects a string or a list")


def _null_safe(fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapped(*args: Any) -> Any:
        return None if any(a is None for a in args) else fn(*args)

    return wrapped


def _labels(v: Any) -> Any:
    if not isinstance(v, Node):
        raise QueryError("Type mismatch: labels expects a node")
    return list(v.vertex.labels)


def _properties(v: Any) -> Any:
    if isinstance(v, Node | Rel):
        return v.properties()
    if isinstance(v, dict):
        return v
    raise QueryError("Type mismatch: properties expects a node, relationship or map")


def _keys(v: Any) -> Any:
    return list(_properties(v).keys())


def _type(v: Any) -> Any:
    if not isinstance(v, Rel):
        raise QueryError("Type mismatch: type expects a relationship")
    return v.edge.label


def _id(v: Any) -> Any:
    if not isinstance(v, Node | Rel):
        raise QueryError("Type mismatch: id expects a node or a relationship")
    return v.id


def _range(start: int, stop: int, step: int = 1) -> list[int]:
    if step == 0:
        raise QueryError("range: step must not be zero")
    return list(range(start, stop + (1 if step > 0 else -1), step))


def _coalesce(*args: Any) -> Any:
    return next((a for a in args if a is not None), None)


def _nodes(p: Path) -> list[Any]:
    return [x for x in p.items if isinstance(x, Node)]


def _rels(p: Path) -> list[Any]:
    return [x for x in p.items if isinstance(x, Rel)]


def _datetime(*args: Any) -> Any:
    """Neptune's ``datetime()``: now (the statement clock), or an ISO-8601 string as a UTC datetime."""
    if not args:
        return dt.datetime.now(dt.UTC)
    value = args[0]
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        raise QueryError("Type mismatch: datetime() expects a string")
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError as err:
        raise QueryError(f"Invalid datetime string '{value}'") from err
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)


def _epochmillis(value: Any) -> Any:
    if value is None:
        return None
    return int(_datetime(value).timestamp() * 1000)


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "datetime": _datetime,
    "epochmillis": _epochmillis,
    "id": _null_safe(_id),
    "labels": _null_safe(_labels),
    "type": _null_safe(_type),
    "properties": _null_safe(_properties),
    "keys": _null_safe(_keys),
    "size": _size,
    "length": _null_safe(lambda p: len(_rels(p))),
    "nodes": _null_safe(_nodes),
    "relationships": _null_safe(_rels),
    "toupper": _null_safe(lambda s: s.upper()),
    "tolower": _null_safe(lambda s: s.lower()),
    "trim": _null_safe(lambda s: s.strip()),
    "ltrim": _null_safe(lambda s: s.lstrip()),
    "rtrim": _null_safe(lambda s: s.rstrip()),
    "reverse": _null_safe(lambda s: s[::-1]),
    "replace": _null_safe(lambda s, a, b: s.replace(a, b)),
    "substring": _null_safe(lambda s, start, n=None: s[start:] if n is None else s[start : start + n]),
    "left": _null_safe(lambda s, n: s[:n]),
    "right": _null_safe(lambda s, n: s[len(s) - n :] if n else ""),
    "split": _null_safe(lambda s, sep: s.split(sep)),
    "tostring": to_string,
    "tointeger": to_integer,
    "tofloat": to_float,
    "toboolean": to_boolean,
    "coalesce": _coalesce,
    "head": _null_safe(lambda xs: xs[0] if xs else None),
    "last": _null_safe(lambda xs: xs[-1] if xs else None),
    "tail": _null_safe(lambda xs: xs[1:]),
    "range": _range,
    "abs": _null_safe(abs),
    "ceil": _null_safe(lambda x: float(math.ceil(x))),
    "floor": _null_safe(lambda x: float(math.floor(x))),
    "round": _null_safe(lambda x: float(math.floor(x + 0.5))),
    "sign": _null_safe(lambda x: (x > 0) - (x < 0)),
    "sqrt": _null_safe(lambda x: math.sqrt(x) if x >= 0 else math.nan),
    "exp": _null_safe(math.exp),
    "log": _null_safe(lambda x: math.log(x) if x > 0 else math.nan),
    "log10": _null_safe(lambda x: math.log10(x) if x > 0 else math.nan),
    "rand": lambda: __import__("random").random(),
    "pi": lambda: math.pi,
    "e": lambda: math.e,
    "join": _null_safe(lambda xs, sep="": sep.join(xs)),
}
